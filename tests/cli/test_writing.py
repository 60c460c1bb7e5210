"""What the writing commands share: a file that cannot be read or written is a usage
error naming it; a reader of stdout that went away is not a file error."""

from __future__ import annotations

import pytest

from integ_cli.cli.writing import file_errors
from integ_cli.errors import IntegError
from integ_cli.exitcodes import ExitCode


def test_a_file_error_is_a_usage_error_naming_the_file() -> None:
    with pytest.raises(IntegError) as raised, file_errors():
        raise PermissionError(13, "Permission denied", "data/measures/x.yaml")
    assert raised.value.exit_code == ExitCode.USAGE
    assert "data/measures/x.yaml" in str(raised.value)


def test_a_closed_pipe_is_left_to_the_entry_point() -> None:
    with pytest.raises(BrokenPipeError), file_errors():
        raise BrokenPipeError(32, "Broken pipe")
