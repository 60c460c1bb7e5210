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
from pathlib import Path
from typing import BinaryIO

from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.loading import too_large


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """All of ``stream`` (stdin, an open file) if it is within the size limit; a
    :class:`LoadProblem` (``file-too-large``, for ``name``) where it is not."""
    raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) <= MAX_FILE_BYTES:
        return raw
    size = None
    try:
        status = os.fstat(stream.fileno())
        if stat.S_ISREG(status.st_mode) and status.st_size > MAX_FILE_BYTES:
            size = status.st_size
    except (OSError, ValueError, AttributeError):  # a stream without a file behind it
        pass
    raise too_large(name, size)


def read_limited(path: Path, name: str) -> bytes:
    """The bytes of the file at ``path``, read as :func:`read_stream` reads; ``OSError``
    where it cannot be opened, :class:`LoadProblem` where it is too large."""
    with path.open("rb") as handle:
        return read_stream(handle, name)
