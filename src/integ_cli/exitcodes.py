"""Exit codes, documented in the README; scripts and CI rely on them."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``integ`` tells its caller."""

    OK = 0
    #: The data has problems (validation failed; an unknown id asked for).
    PROBLEMS = 1
    #: Usage or environment error: unknown option, repository not found, broken schema.
    USAGE = 2
