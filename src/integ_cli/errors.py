"""The one base of the errors a user is told about, and the exit code each means.

The core raises these and never prints or exits; the command line catches
:class:`IntegError` in one place (:class:`integ_cli.cli.app.LazyGroup`) and turns it
into one line, ``integ: error: <message>``, on stderr and the error's exit code, never
a traceback. So a command needs no ``except`` clause of its own for them, and a new
error in the core reaches the user the same way as the old ones.

An error says what kind it is by its base: :class:`DataError` (the data, or the change
asked for, has problems: exit 1) or :class:`UsageError` (a usage or environment error:
exit 2). Only this module and :mod:`integ_cli.exitcodes` import nothing of the project.
"""

from __future__ import annotations

from integ_cli.exitcodes import ExitCode


class IntegError(Exception):
    """An error to tell the user in one line (``str(error)``), exiting with :attr:`exit_code`."""

    #: What ``integ`` exits with; the class's unless the error was given its own.
    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class DataError(IntegError):
    """The data has problems, or the change asked for would give it some (exit 1)."""

    exit_code = ExitCode.PROBLEMS


class UsageError(IntegError):
    """A usage or environment error: a bad option value, no repository, a broken schema (exit 2)."""

    exit_code = ExitCode.USAGE
