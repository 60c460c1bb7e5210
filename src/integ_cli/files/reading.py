"""The one bounded read of a record's bytes, for every command that reads one.

A record is a few kilobytes; a file in ``data/`` (or given to ``integ add --from``) may
be anything, a 1.2 GB file or ``/dev/zero``. So no reader takes a file whole: each reads
at most ``MAX_FILE_BYTES`` + 1 bytes, which is enough to tell that a file is too large,
and reports that as the loader's ``file-too-large`` problem, naming the size where the
file system knows it. Nothing past that byte is ever read, so memory and time stay
bounded however large the file is.

git blobs are read through the same limit in :func:`integ_cli.history.git.read_blobs`
(a stream, read the same way).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import BinaryIO

from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.loading import too_large


def _regular_size(descriptor: int) -> int | None:
    """The size of the regular file open as ``descriptor``; ``None`` for anything else."""
    try:
        status = os.fstat(descriptor)
    except OSError:
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _bounded(read: Callable[[int], bytes], size: int | None, name: str) -> bytes:
    """What ``read`` gives, up to the limit: a regular file's ``size`` and one byte more
    first (to see that it grew meanwhile), then on up to the limit where it did."""
    limit = MAX_FILE_BYTES + 1
    if size is not None and size < MAX_FILE_BYTES:
        raw = read(size + 1)
        if len(raw) > size:  # the file grew since: read on, up to the limit
            raw += read(limit - len(raw))
    else:
        raw = read(limit)
    if len(raw) <= MAX_FILE_BYTES:
        return raw
    raise too_large(name, size if size is not None and size > MAX_FILE_BYTES else None)


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """All of ``stream`` (stdin, an open file) if it is within the size limit; a
    :class:`LoadProblem` (``file-too-large``, for ``name``) where it is not.

    A regular file is read with a buffer of its size and one byte more: a buffer of the
    limit's 2 MB for each record file of a few KB cost a third of the time of reading
    10,000 of them."""
    try:
        size = _regular_size(stream.fileno())
    except (OSError, ValueError, AttributeError):  # a stream without a file behind it
        size = None
    return _bounded(stream.read, size, name)


def read_limited(path: str | os.PathLike[str], name: str) -> bytes:
    """The bytes of the file at ``path``, read as :func:`read_stream` reads; ``OSError``
    where it cannot be opened, :class:`LoadProblem` where it is too large.

    The file is read with the operating system's own calls, not through a file object:
    a buffered file object and a path object for each of 10,000 record files cost
    ``integ validate`` a tenth of its time."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = _regular_size(descriptor)

        def read(count: int) -> bytes:
            chunk = os.read(descriptor, count)
            if size is not None or len(chunk) == count or not chunk:
                return chunk  # a regular file's read returns less than asked only at its end
            # A pipe or a device may return less: read until its end or ``count``, as a
            # file object's read does.
            chunks = [chunk]
            count -= len(chunk)
            while count > 0 and (chunk := os.read(descriptor, count)):
                chunks.append(chunk)
                count -= len(chunk)
            return b"".join(chunks)

        return _bounded(read, size, name)
    finally:
        os.close(descriptor)
