"""Writing record files so that nothing is ever half-written, clobbered or misplaced.

Every write goes to a hidden temporary file in the target's own folder (``scan``
skips names starting with a dot, so a temporary file left by a killed process never
counts as a record), is flushed and fsynced, and only then takes the target's name,
which is atomic on POSIX and Windows: a reader, or a crash, sees the old file or the
new one, never a mixture. The folder is fsynced afterwards so the new name survives
a power cut.

New files are created *exclusively*: the finished temporary file is hard-linked to
the target name, which fails when the name exists, just like ``O_CREAT|O_EXCL`` but
without a moment in which the name holds an empty or partial file. On file systems
without hard links the name is reserved with ``O_CREAT|O_EXCL`` and the content is
then renamed over it. Either way, of two processes creating the same name, exactly
one succeeds and the other gets :class:`FileExistsError` (and picks another id).

Nothing is written outside the repository's ``data/`` folder: targets are resolved,
symbolic links included, before anything is opened.

Edits of an existing file are serialised with :func:`locked`, so that two integ
processes changing the same record never both read the old content and the second
silently drops the first's change. The lock is an advisory ``flock`` on the record
file itself (no lock files to clean up; the kernel releases it when a process ends,
even by ``SIGKILL``). An edit replaces the file, so a process that waited re-opens
the new file and locks that. Where ``fcntl`` is missing (Windows), a hidden lock
file ``.<name>.lock`` is created exclusively next to the record instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from integ_cli.errors import UsageError
from integ_cli.files.repository import DATA
from integ_cli.i18n import _

#: Errors of ``os.link`` that mean "this file system has no hard links here".
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


#: Seconds to wait for another integ process to finish its edit of the same file.
LOCK_TIMEOUT = 30.0


class LockTimeout(OSError):
    """Another process kept the record locked for longer than :data:`LOCK_TIMEOUT`."""


class OutsideData(UsageError):
    """A write aimed outside the repository's data folder; refused."""


def contained_target(root: Path, path: Path) -> Path:
    """``path`` resolved (symbolic links followed), or :class:`OutsideData` where
    it does not lie inside ``root/data``. Relative paths are taken from ``root``."""
    data = (root / DATA).resolve()
    resolved = (path if path.is_absolute() else root / path).resolve()
    if data not in resolved.parents:
        raise OutsideData(
            _("refusing to write '{path}': integ writes only inside {folder}").format(path=path, folder=data)
        )
    return resolved


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible, nor needed, on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(target: Path, data: bytes, mode: int | None) -> Path:
    """A hidden temporary file next to ``target`` holding ``data``, flushed to disk."""
    import secrets  # only here: it imports hashlib and random, which reading never needs

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(temp, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
        break
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if mode is not None:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # pragma: no cover - Windows
                temp.chmod(mode)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return temp


def replace_file(path: Path, data: bytes) -> Path:
    """Replace (or create) the file at ``path`` with ``data`` atomically, wherever it is:
    for the files of a new repository (``integ init``) and, through
    :func:`integ_cli.files.outputs.write_output`, the files the user names with
    ``--output``, which keeps them out of the data. A symbolic link's target is replaced; an existing file keeps its
    permissions, a new one gets the usual ones (0666 less the umask). Returns the
    resolved path written."""
    target = path.resolve()
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, _("is a folder"), str(path))
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    temp = _write_temp(target, data, mode)
    try:
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    return target


def write_atomic(root: Path, path: Path, data: bytes) -> Path:
    """:func:`replace_file` for a record: refused (:class:`OutsideData`) unless ``path``
    lies inside the repository's data folder. Returns the resolved path written."""
    return replace_file(contained_target(root, path), data)


def create_exclusive(root: Path, path: Path, data: bytes) -> Path:
    """Create the file at ``path`` holding ``data``; :class:`FileExistsError` where
    the name exists already (another process was faster). Returns the resolved path."""
    target = contained_target(root, path)
    temp = _write_temp(target, data, None)
    try:
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            # No hard links here: reserve the name exclusively, then fill it atomically.
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            temp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    _fsync_folder(target.parent)
    return target


@contextlib.contextmanager
def locked(root: Path, path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the edit lock of the existing file at ``path`` (inside ``root/data``);
    yields its resolved path. Read the file, decide, and write it (with
    :func:`write_atomic`) inside the ``with`` block: other integ processes wait."""
    target = contained_target(root, path)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _lock_file(target, timeout):
            yield target
        return
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(target, os.O_RDONLY)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        message = _("another integ process has kept it locked for {seconds} s")
                        raise LockTimeout(errno.EAGAIN, message.format(seconds=f"{timeout:.0f}"), str(target)) from None
                    time.sleep(0.01)
            try:
                current = target.stat().st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:  # not replaced while this process waited
                yield target
                return
        finally:
            os.close(fd)  # releases the lock


@contextlib.contextmanager
def _lock_file(target: Path, timeout: float) -> Iterator[None]:  # pragma: no cover - Windows
    """The fallback lock: a hidden file created exclusively; removed when done. One
    left by a killed process is taken over once it is older than ``timeout``."""
    lock = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            break
        except FileExistsError:
            with contextlib.suppress(OSError):
                if time.time() - lock.stat().st_mtime > timeout:
                    lock.unlink()
                    continue
            if time.monotonic() > deadline:
                raise LockTimeout(errno.EAGAIN, _("another integ process holds the lock"), str(lock)) from None
            time.sleep(0.05)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
