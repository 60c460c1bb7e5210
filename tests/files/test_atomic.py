"""Atomic, exclusive, contained writes (integ_cli.files.atomic)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.files import atomic
from integ_cli.files.loading import load_document

M1 = "data/measures/sprache-001.yaml"


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_atomic_replaces_and_keeps_permissions(repo: Path) -> None:
    target = repo / M1
    target.chmod(0o640)
    written = atomic.write_atomic(repo, target, b"new content\n")
    assert written == target.resolve()
    assert target.read_bytes() == b"new content\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert hidden(target.parent) == []  # no temporary file left behind


def test_write_atomic_creates_and_accepts_relative_paths(repo: Path) -> None:
    atomic.write_atomic(repo, Path("data/measures/sprache-009.yaml"), b"x: 1\n")
    assert (repo / "data/measures/sprache-009.yaml").read_bytes() == b"x: 1\n"


def test_create_exclusive_never_clobbers(repo: Path) -> None:
    target = repo / "data/measures/sprache-003.yaml"
    atomic.create_exclusive(repo, target, b"first\n")
    with pytest.raises(FileExistsError):
        atomic.create_exclusive(repo, target, b"second\n")
    assert target.read_bytes() == b"first\n"
    assert hidden(target.parent) == []


def test_create_exclusive_without_hard_links(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(_src: object, _dst: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = repo / "data/measures/sprache-003.yaml"
    atomic.create_exclusive(repo, target, b"first\n")
    assert target.read_bytes() == b"first\n"
    with pytest.raises(FileExistsError):
        atomic.create_exclusive(repo, target, b"second\n")
    assert target.read_bytes() == b"first\n"
    assert hidden(target.parent) == []


@pytest.mark.parametrize(
    "where",
    ["outside.yaml", "data/../outside.yaml", "data", "schemas/measure.schema.json", "/tmp/integ-outside.yaml"],
)
def test_refuses_targets_outside_data(repo: Path, where: str) -> None:
    with pytest.raises(atomic.OutsideData, match="integ writes only inside"):
        atomic.write_atomic(repo, Path(where), b"x")
    with pytest.raises(atomic.OutsideData):
        atomic.create_exclusive(repo, Path(where), b"x")
    assert not (repo / "outside.yaml").exists()
    assert not Path("/tmp/integ-outside.yaml").exists()


def test_refuses_a_link_that_points_outside(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(b"untouched\n")
    link = repo / "data/measures/link-001.yaml"
    link.symlink_to(outside)
    with pytest.raises(atomic.OutsideData):
        atomic.write_atomic(repo, link, b"changed\n")
    assert outside.read_bytes() == b"untouched\n"
    folder_link = repo / "data/measures/sub"
    folder_link.symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(atomic.OutsideData):
        atomic.create_exclusive(repo, folder_link / "x.yaml", b"x")
    assert not (tmp_path / "x.yaml").exists()


def test_failed_write_leaves_old_file_and_no_temporary(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = repo / M1
    before = target.read_bytes()

    def broken_fsync(_fd: int) -> None:
        raise OSError(errno.EIO, "disk on fire")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk on fire"):
        atomic.write_atomic(repo, target, b"half")
    assert target.read_bytes() == before
    assert hidden(target.parent) == []


WRITER = """
import itertools, sys
from pathlib import Path
from integ_cli.files.atomic import write_atomic
root, old, new = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
target = root / "data/measures/sprache-001.yaml"
print("ready", flush=True)
for content in itertools.cycle([new, old]):
    write_atomic(root, target, content)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_leaves_old_or_new_file(repo: Path, tmp_path: Path) -> None:
    target = repo / M1
    old = target.read_bytes()
    # The new content is much larger, so a torn write would be easy to see.
    new = old.replace(b"status: active", b"status: completed") + b"notes: " + b"x" * 200_000 + b"\n"
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(repo), str(tmp_path / "old"), str(tmp_path / "new")],
            stdout=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n"
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        content = target.read_bytes()
        assert content in (old, new)
        assert load_document(content, M1) is not None
    # Temporary files a killed writer leaves are hidden: never read as records.
    assert load_catalogue(repo).ok


def test_replace_file_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    atomic.replace_file(target, b"one")
    atomic.replace_file(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_replace_file_keeps_the_old_file_when_the_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(OSError, match="Input/output"):
        atomic.replace_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]
