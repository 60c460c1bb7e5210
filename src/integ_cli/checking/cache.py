"""Check results kept between runs of ``integ validate``, in the user's cache directory.

Why: a pre-commit hook runs ``integ validate`` on every commit, mostly on files it has
checked before, and on a small repository most of such a run is start-up: importing the
schema validator and the YAML parser, compiling the schemas, parsing every file. A file
whose result is known is neither parsed nor checked again; when every file's result is
known, the validator and the parser are not even imported.

What a measure file's own result depends on is compared by content (BLAKE2b digests of
the bytes): the file's bytes, and the context every record is checked against
(:func:`_context`): the governing schemas (which also define the codelists), every
vocabulary and action field file and the concept record, integ's code and version and
those of the libraries that parse and validate (:func:`_code`), the language of the
messages and the ``INTEG_`` settings (the limits). A change to the context checks every
file again; a change to one measure file checks that file.

What relates records to each other is not part of a file's result, and is checked on
every run from what each result keeps (:mod:`integ_cli.checking.validation`): links to
measures no file has, succession, stray files. So adding or deleting a measure checks no
other file again. The records' data is not kept: a run served from the cache returns
problems only, which is all ``integ validate`` needs.

Safety: the cache is one JSON file per repository, written whole to a temporary file and
renamed into place, so concurrent runs each leave a whole file (the last one wins, and
every entry in either is right for its digests). It is read only where it is a regular
file of the user's that no one else may write, within a size bound, and only if it has
exactly the expected shape; anything else is ignored as if there were no cache. A result
is kept with the digest of the very bytes that were checked (each file is read once). The
cache is never kept inside the repository. ``integ validate --no-cache`` or
``INTEG_NO_CACHE=1`` turn it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from _blake2 import blake2b  # hashlib's own home of it: importing hashlib loads OpenSSL (10 ms)
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from integ_cli import __version__
from integ_cli.checking.schema import PACKAGED, schema_file
from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.repository import CONCEPT_FILE, KINDS, Layout
from integ_cli.i18n import current
from integ_cli.problems import Problem, Severity

#: Set (to anything but empty) to turn the cache off, as ``--no-cache`` does.
NO_CACHE_ENV = "INTEG_NO_CACHE"
#: The shape of the cache file; a file of another shape is ignored.
FORMAT = 2
#: The largest cache file read (a repository of 100,000 measures writes about 10 MB).
MAX_CACHE_BYTES = 256 * 1024 * 1024
#: The libraries whose behaviour a result depends on (parsing, validating).
LIBRARIES = ("jsonschema_rs", "yaml_rs", "yaml")
#: The digest of a file that is not there (data/concept.yaml is optional).
ABSENT = "absent"
#: The most bytes of measure files read for their digests that are held until they are
#: checked (so they are not read twice); past it, a file that needs checking is read again.
RAW_BUDGET = 32 * 1024 * 1024
#: Opening a link fails with it (where the system has it; elsewhere links are read).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SEVERITIES = {severity.value: severity for severity in Severity}


class Entry(NamedTuple):
    """One measure file's own result (see :class:`integ_cli.checking.scan.FileResult`):
    the digest of its bytes, its problems, whether it is valid on its own, and its links
    to other measures where it has any. A named tuple: thousands are built on a run."""

    digest: str
    problems: tuple[Problem, ...]
    valid: bool
    links: dict[str, Any] | None


class Shared(NamedTuple):
    """The results of the files every measure depends on (vocabularies, action fields,
    the concept record): their problems and the files checked, in the order a run
    reports them, and the warnings about codes the schemas give no name
    (:func:`integ_cli.codelists.unnamed`). All of them depend on the context alone."""

    problems: tuple[Problem, ...]
    checked: tuple[str, ...]
    unnamed: tuple[Problem, ...]


def directory(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where the cache is kept: ``$XDG_CACHE_HOME/integ``, else ``~/.cache/integ``;
    ``None`` where it is turned off or there is no home."""
    if environ.get(NO_CACHE_ENV):
        return None
    base = environ.get("XDG_CACHE_HOME", "")
    if base and Path(base).is_absolute():  # the XDG rule: a relative path is to be ignored
        return Path(base) / "integ"
    home = environ.get("HOME", "")
    return Path(home) / ".cache" / "integ" if home and Path(home).is_absolute() else None


def digest(parts: Iterable[bytes]) -> str:
    """The digest of ``parts``, each length-prefixed so no two sequences run together."""
    hashed = blake2b(digest_size=20)
    for part in parts:
        hashed.update(len(part).to_bytes(8, "little"))
        hashed.update(part)
    return hashed.hexdigest()


def bytes_digest(raw: bytes) -> str:
    """The digest of one file's bytes, as results are kept with it."""
    return digest([raw])


def read_file(path: str | Path, *, follow: bool = True) -> bytes | None:
    """A regular file's bytes, read once and within the record size limit; ``None``
    where it cannot be read, is no regular file, is too large to be a record, or (without
    ``follow``) is a link. Such a file has no digest: it is checked afresh every time, and
    the checks report what is wrong with it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | (0 if follow else _NOFOLLOW))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        chunks, left = [], MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(descriptor, left)):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    raw = b"".join(chunks)
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[bytes]:
    """The name, size and modification time of each file in ``folder`` (and below)
    that ends in ``suffixes``, in order."""
    found: list[bytes] = []
    if folder.is_file():  # a library that is one module
        status = folder.stat()
        return iter([f"{folder} {status.st_size} {status.st_mtime_ns}".encode()])
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            pending.append(Path(entry.path))
                    elif entry.name.endswith(suffixes):
                        status = entry.stat()
                        found.append(f"{entry.path} {status.st_size} {status.st_mtime_ns}".encode())
        except OSError:
            found.append(f"{here} unreadable".encode())
    return iter(sorted(found))


def _code() -> str:
    """integ's code, messages and shipped schemas, its version, Python's, and the
    libraries that parse and validate: what a result depends on besides the data.

    These files are known by size and modification time, not by content, as Python knows
    its modules: it runs a module's compiled bytecode for as long as the source keeps
    its size and time, so a result cannot depend on more of the code than that; the
    catalogs and libraries are taken the same way (an install rewrites them); the
    schemas that govern a repository, shipped ones included, go into the context by
    content (:func:`_context`). Their sizes and times take 1 ms; digests of their content
    would read 1.4 MB (integ's 180 files, 3-6 ms) and 21 MB (the libraries' compiled
    modules, 35-50 ms) on every start, when a run served from the cache takes 60-70 ms."""
    from importlib.machinery import PathFinder

    parts = [__version__.encode(), sys.version.encode(), sys.implementation.cache_tag.encode()]
    parts += _files(Path(__file__).parent.parent, (".py", ".mo"))
    parts += _files(PACKAGED, (".json",))
    for name in LIBRARIES:
        spec = PathFinder.find_spec(name)
        if spec is None:
            parts.append(f"{name} absent".encode())
        else:
            for location in spec.submodule_search_locations or [spec.origin or ""]:
                parts += _files(Path(location), (".py", ".so", ".pyd"))
    return digest(parts)


def _context(root: Path, layout: Layout, raws: dict[str, bytes]) -> str | None:
    """What every record is checked against (see the module's docstring); the bytes of
    the vocabulary and field files go into ``raws``, to be checked from there. ``None``
    where one of these files or a schema is a link or cannot be read: then nothing is
    reused (the checks report what is wrong with it)."""
    parts = [f"integ-validate-cache {FORMAT}".encode(), _code().encode(), current().encode()]
    parts += (f"{key}={value}".encode() for key, value in sorted(os.environ.items()) if key.startswith("INTEG_"))
    files = [(str(path), path) for path in (schema_file(root, kind) for kind in KINDS)]
    files += [(record.rel, Path(record.where)) for record in [*layout.vocabularies.values(), *layout.fields]]
    files.append((CONCEPT_FILE, root / CONCEPT_FILE))
    for name, path in files:
        if not path.exists() and not path.is_symlink():
            parts += [name.encode(), ABSENT.encode()]
            continue
        raw = read_file(path, follow=False)
        if raw is None:
            return None
        if name != CONCEPT_FILE and not name.endswith(".json"):
            raws[name] = raw
        parts += [name.encode(), bytes_digest(raw).encode()]
    return digest(parts)


class Store:
    """The results of a repository's files known from earlier runs under the same
    context (:attr:`known`, :attr:`shared`), and those of this run to keep
    (:meth:`keep`, :meth:`save`). :attr:`raws` holds the bytes of the vocabulary and
    field files, read for the context's digest."""

    def __init__(
        self,
        file: Path,
        context: str,
        raws: dict[str, bytes],
        known: dict[str, Entry],
        shared: Shared | None,
    ) -> None:
        self.file = file
        self.context = context
        self.raws = raws
        self.known = known
        self.shared = shared
        self.kept: dict[str, Entry] = {}
        self._changed = False

    def keep(self, rel: str, entry: Entry) -> None:
        """Keep this run's result for the measure file ``rel``."""
        if self.known.get(rel) != entry:
            self._changed = True
        self.kept[rel] = entry

    def keep_shared(self, shared: Shared) -> None:
        """Keep this run's results of the files every measure depends on."""
        if shared != self.shared:
            self._changed = True
        self.shared = shared

    def save(self, files: Iterable[str]) -> None:
        """Write the results kept for ``files`` (this run's measure files) to the cache
        file, where any differ from what it held: a deleted file's result goes."""
        files = list(files)
        if not self._changed and self.kept.keys() == self.known.keys():
            return
        entries = {rel: _encode(self.kept[rel]) for rel in files if rel in self.kept}
        shared = self.shared
        content = {
            "format": FORMAT,
            "context": self.context,
            "shared": None
            if shared is None
            else [[_encode_problem(p, True) for p in part] for part in (shared.problems, shared.unnamed)]
            + [list(shared.checked)],
            "files": entries,
        }
        _write(self.file, content)


def open_store(root: Path, layout: Layout) -> Store | None:
    """The cache of the repository at ``root``: the results kept under this run's
    context; ``None`` where the cache is turned off, would lie inside the repository, or
    a file of the context has no digest."""
    folder = directory()
    if folder is None:
        return None
    folder, inside = folder.resolve(), root.resolve()
    if folder == inside or inside in folder.parents:
        return None
    file = folder / "validate" / f"{digest([os.fsencode(root)])}.json"
    raws: dict[str, bytes] = {}
    context = _context(root, layout, raws)
    if context is None:
        return None
    stored = _read(file)
    if stored is None or stored.get("context") != context:
        return Store(file, context, raws, {}, None)
    try:
        known, shared = _entries(stored.get("files")), _shared(stored.get("shared"))
    except _Malformed:  # a damaged or foreign file is not trusted in part
        return Store(file, context, raws, {}, None)
    return Store(file, context, raws, known, shared)


def _read(file: Path) -> dict[str, Any] | None:
    """The cache file's content, where it is a regular file of this user's that no one
    else may write and within the size bound; ``None`` otherwise."""
    try:
        descriptor = os.open(file, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        owner = os.getuid() if hasattr(os, "getuid") else status.st_uid
        if (
            not stat.S_ISREG(status.st_mode)
            or status.st_uid != owner
            or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            or status.st_size > MAX_CACHE_BYTES
        ):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    try:
        content = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than json decodes
        return None
    return content if isinstance(content, dict) and content.get("format") == FORMAT else None


def _encode_problem(problem: Problem, with_file: bool = False) -> list[Any]:
    found = [problem.line, problem.column, problem.path, problem.code, problem.message, problem.severity.value]
    return [problem.file, *found] if with_file else found


def _encode(entry: Entry) -> list[Any]:
    return [entry.digest, entry.valid, entry.links, [_encode_problem(p) for p in entry.problems]]


class _Malformed(ValueError):
    """A cache file not of the shape :meth:`Store.save` writes."""


def _entries(files: Any) -> dict[str, Entry]:
    if not isinstance(files, dict):
        raise _Malformed
    return {rel: _entry(rel, value) for rel, value in files.items()}


def _shared(value: Any) -> Shared | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 3 or not all(isinstance(part, list) for part in value):
        raise _Malformed
    problems, unnamed, checked = value
    if not all(isinstance(rel, str) for rel in checked):
        raise _Malformed
    return Shared(_problems_of_files(problems), tuple(checked), _problems_of_files(unnamed))


def _problems_of_files(items: list[Any]) -> tuple[Problem, ...]:
    if not all(isinstance(item, list) and item for item in items):
        raise _Malformed
    return tuple(_problem(item[0], item[1:]) for item in items)


def _entry(rel: Any, value: Any) -> Entry:
    if not isinstance(rel, str) or not isinstance(value, list) or len(value) != 4:
        raise _Malformed
    digest_text, valid, links, problems = value
    if not isinstance(digest_text, str) or type(valid) is not bool:
        raise _Malformed
    if links is not None and not _links(links):
        raise _Malformed
    if not isinstance(problems, list):
        raise _Malformed
    return Entry(digest_text, tuple(_problem(rel, item) for item in problems), valid, links)


def ids_only(links: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """A record's links as kept: the ids they name, one or a list (all the checks of
    links look at: anything else in them names no measure)."""
    return {
        key: value if isinstance(value, str) else [item for item in value if isinstance(item, str)]
        for key, value in links.items()
        if isinstance(value, (str, list))
    }


def _links(links: Any) -> bool:
    """Whether ``links`` is a record's links as kept (:func:`ids_only`)."""

    def ids(value: Any) -> bool:
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))

    return isinstance(links, dict) and all(isinstance(key, str) and ids(value) for key, value in links.items())


def _problem(rel: Any, item: Any) -> Problem:
    if not isinstance(rel, str) or not isinstance(item, list) or len(item) != 6:
        raise _Malformed
    line, column, path, code, message, severity = item
    for number in (line, column):
        if number is not None and (type(number) is not int or number < 1):
            raise _Malformed
    if not all(isinstance(text, str) for text in (path, code, message)) or severity not in _SEVERITIES:
        raise _Malformed
    return Problem(rel, line, column, path, code, message, _SEVERITIES[severity])


def _write(file: Path, content: dict[str, Any]) -> None:
    """Write ``content`` to ``file`` whole (a temporary file renamed into place), readable
    and writable by the user alone; a cache that cannot be written is no error."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # integ/ (its parents as they come)
        file.parent.mkdir(mode=0o700, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(content, handle, ensure_ascii=False, separators=(",", ":"))
        temporary.replace(file)
    except (OSError, TypeError, ValueError):  # TypeError/ValueError: links that are not JSON
        with contextlib.suppress(OSError):
            temporary.unlink()
