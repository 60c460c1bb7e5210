"""Exit codes, documented in the README; scripts and CI rely on them."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``integ`` tells its caller."""

    OK = 0
    #: The data has problems (validation failed; an unknown id asked for).
    PROBLEMS = 1
    #: Usage or environment error: unknown option, repository not found, broken schema.
    USAGE = 2
    #: Interrupted (Ctrl-C): what a shell reports for a program that SIGINT ended.
    INTERRUPTED = 130
    #: The output's reader went away before it ended (``integ list | head``): what a
    #: shell reports for a program that SIGPIPE ended. The output was cut short, so it is
    #: no success (``set -o pipefail`` tells it), nor a problem in the data.
    PIPE_CLOSED = 141
