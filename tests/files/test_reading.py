"""The one bounded read: a record within the limit whole, anything larger refused unread."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from integ_cli.files import reading
from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.loading import LoadProblem
from integ_cli.files.reading import read_limited, read_stream

GIANT = 1_300_000_000


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"x" * MAX_FILE_BYTES)
    assert read_limited(path, "m.yaml") == b"x" * MAX_FILE_BYTES


def test_a_giant_sparse_file_is_refused_with_its_size_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    with path.open("wb") as handle:
        handle.truncate(GIANT)  # sparse: costs no disk
    started = time.monotonic()
    with pytest.raises(LoadProblem) as caught:
        read_limited(path, "data/measures/m.yaml")
    assert time.monotonic() - started < 2
    problem = caught.value.problem
    assert (problem.file, problem.code) == ("data/measures/m.yaml", "file-too-large")
    assert "1,300,000,000 bytes" in problem.message


def test_an_endless_stream_stops_one_byte_past_the_limit() -> None:
    stream = io.BytesIO(b"a" * (MAX_FILE_BYTES * 3))
    with pytest.raises(LoadProblem) as caught:
        read_stream(stream, "stdin")
    assert stream.tell() == MAX_FILE_BYTES + 1
    assert "larger than the limit" in caught.value.problem.message


def test_dev_zero_is_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(LoadProblem, match="larger than the limit"):
        read_limited(Path("/dev/zero"), "/dev/zero")
    assert time.monotonic() - started < 2


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "gone.yaml", "gone.yaml")


def test_too_large_in_german(tmp_path: Path, german: None) -> None:
    path = tmp_path / "m.yaml"
    with path.open("wb") as handle:
        handle.truncate(GIANT)
    with pytest.raises(LoadProblem, match=r"1\.300\.000\.000 Byte groß"):
        read_limited(path, "m.yaml")


def test_a_file_that_grew_since_its_size_was_taken_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"id: sprache-001\n")
    monkeypatch.setattr(reading, "_regular_size", lambda _stream: 3)  # as if stat saw it before a write
    assert read_limited(path, "m.yaml") == b"id: sprache-001\n"


def test_a_file_that_grew_past_the_limit_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"x" * (MAX_FILE_BYTES + 10))
    monkeypatch.setattr(reading, "_regular_size", lambda _stream: 3)
    with pytest.raises(LoadProblem) as caught:
        read_limited(path, "m.yaml")
    assert caught.value.problem.code == "file-too-large"
