"""Finding a data repository and the record files in it.

A data repository is a folder with a ``data/`` folder holding ``measures/`` or
``fields/``. Which repository integ works on: ``--repo PATH``, else ``$INTEG_REPO``,
else the nearest folder upwards from the current directory that is one.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from integ_cli.errors import UsageError
from integ_cli.files.limits import MAX_RECORDS, shown
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity

ENV_VAR = "INTEG_REPO"
DATA = "data"
MEASURES = "measures"
FIELDS = "fields"
#: The concept record (optional), relative to the repository root.
CONCEPT_FILE = f"{DATA}/concept.yaml"
#: The vocabulary files in ``data/`` and the schema kind that governs each.
VOCABULARIES = {"target-groups": "target-groups", "actors": "actors", "districts": "districts"}
#: Record kinds, each governed by ``schemas/<kind>.schema.json``.
KINDS = ("measure", "field", *VOCABULARIES.values(), "concept")
#: The folders that make a folder a data repository, as messages name them.
_FOLDERS = {"measures": f"{DATA}/{MEASURES}/", "fields": f"{DATA}/{FIELDS}/"}


class RepositoryNotFound(UsageError):
    """No data repository where one was looked for (a usage error, exit 2)."""


def is_repository(path: Path) -> bool:
    """True for a folder that holds a data repository."""
    return (path / DATA / MEASURES).is_dir() or (path / DATA / FIELDS).is_dir()


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """The repository to work on (see the module docstring for the order)."""
    given = explicit or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
    if given is not None:
        where = "--repo" if explicit else f"${ENV_VAR}"
        if not given.is_dir():
            raise RepositoryNotFound(
                _("{option} names '{path}', which is not a folder").format(option=where, path=given)
            )
        if not is_repository(given):
            message = _(
                "{option} names '{path}', which holds no data repository (expected {measures} or {fields} in it)"
            )
            raise RepositoryNotFound(message.format(option=where, path=given, **_FOLDERS))
        return given.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if is_repository(folder):
            return folder
    message = _(
        "no data repository found in '{path}' or above it (a folder with {measures} or {fields}); "
        "pass --repo PATH, set {variable}, or create one with 'integ init PATH'"
    )
    raise RepositoryNotFound(message.format(path=start, variable=ENV_VAR, **_FOLDERS))


class RecordFile:
    """A record file: where it is, what kind of record it holds, its id.

    A repository lists every one of its measure files for each command, 100,000 of
    them in a state's catalogue, and worker processes inherit that list: so a record
    file holds strings, not a path object (a Path keeps its parts and its text, five
    objects a file). The part of the path before ``rel`` is one string that the files
    of a folder share; ``path`` is built when the file is opened.
    """

    __slots__ = ("_head", "_whole", "kind", "rel")

    def __init__(self, path: Path | str, rel: str, kind: str) -> None:
        full = os.fspath(path)
        # The usual case: the path is the folder's head followed by ``rel``.
        self._whole = None if full.endswith(rel) else full
        self._head = sys.intern(full[: len(full) - len(rel)]) if self._whole is None else ""
        self.rel = rel
        self.kind = kind

    @classmethod
    def _at(cls, head: str, rel: str, kind: str) -> RecordFile:
        """The file ``head + rel``, with ``head`` shared (the fast path of a listing)."""
        record = cls.__new__(cls)
        record._head, record._whole, record.rel, record.kind = head, None, rel, kind
        return record

    @property
    def where(self) -> str:
        """The file's path as text."""
        return self._whole if self._whole is not None else self._head + self.rel

    @property
    def path(self) -> Path:
        """The file's path."""
        return Path(self.where)

    @property
    def stem(self) -> str:
        """The id the record must carry (file name without ``.yaml``)."""
        return self.rel.rsplit("/", 1)[-1][: -len(".yaml")]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordFile):
            return NotImplemented
        return (self.where, self.rel, self.kind) == (other.where, other.rel, other.kind)

    def __hash__(self) -> int:
        return hash((self.where, self.rel, self.kind))

    def __repr__(self) -> str:
        return f"RecordFile(path={self.path!r}, rel={self.rel!r}, kind={self.kind!r})"


class RecordFiles(Sequence[RecordFile]):
    """The record files of one folder, in order of their names, held as the names alone
    (one short string a file, where record files would be four objects): a
    :class:`RecordFile` is made as each is visited. Worker processes inherit this list
    when they fork, so its size counts once for each of them."""

    __slots__ = ("_head", "_prefix", "kind", "names")

    def __init__(self, head: str, prefix: str, kind: str, names: list[str]) -> None:
        self._head = head
        self._prefix = prefix
        self.kind = kind
        self.names = names

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> RecordFile: ...

    @overload
    def __getitem__(self, index: slice) -> RecordFiles: ...

    def __getitem__(self, index: int | slice) -> RecordFile | RecordFiles:
        if isinstance(index, slice):
            return RecordFiles(self._head, self._prefix, self.kind, self.names[index])
        return RecordFile._at(self._head, self._prefix + self.names[index], self.kind)

    def __iter__(self) -> Iterator[RecordFile]:
        head, prefix, kind, at = self._head, self._prefix, self.kind, RecordFile._at
        return (at(head, prefix + name, kind) for name in self.names)

    def ids(self) -> FileIds:
        """The ids these files give their records, as a set."""
        return FileIds(self.names)


class FileIds(AbstractSet[str]):
    """The ids of a folder's record files, looked up in its sorted names (a set of
    100,000 ids would be a second copy of them)."""

    __slots__ = ("_names",)

    def __init__(self, names: list[str]) -> None:
        self._names = names

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str):
            return False
        name = f"{item}.yaml"
        place = bisect.bisect_left(self._names, name)
        return place < len(self._names) and self._names[place] == name

    def __iter__(self) -> Iterator[str]:
        return (name[: -len(".yaml")] for name in self._names)

    def __len__(self) -> int:
        return len(self._names)


def _no_files() -> RecordFiles:
    return RecordFiles("", "", "", [])


@dataclass(slots=True)
class Layout:
    """Every record file of a repository, plus the files that look like records but are not."""

    root: Path
    fields: RecordFiles = field(default_factory=_no_files)
    vocabularies: dict[str, RecordFile] = field(default_factory=dict)
    measures: RecordFiles = field(default_factory=_no_files)
    problems: list[Problem] = field(default_factory=list)

    def measure_ids(self) -> set[str]:
        """Ids of all measures, taken from file names (ids equal file names)."""
        return set(self.measures.ids())


def relative(root: Path, path: Path) -> str:
    """A path as shown to users: relative to the repository root where possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _contained(root: Path, path: Path) -> bool:
    """True when ``path`` (symbolic links resolved) lies inside ``root`` (resolved too:
    a relative root such as ``.`` is as good as an absolute one)."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _rename(name: str) -> str:
    return _("rename it to '{name}'").format(name=name)


def _stray(root: Path, path: Path, expected: str) -> Problem:
    return Problem(
        relative(root, path),
        None,
        None,
        "",
        "stray-file",
        _("'{name}' is not read: records are files ending in '.yaml' (lower case); {reason}").format(
            name=path.name, reason=expected
        ),
    )


def _not_a_record(root: Path, path: Path) -> Problem | None:
    """Why ``path``, named like a record file, is not read as one: a link leading out of
    the repository, in a circle or nowhere, a folder, a named pipe or a device. None for
    a regular file inside the repository (through links inside it, too)."""
    rel = relative(root, path)
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except (OSError, RuntimeError) as error:  # Python < 3.13: RuntimeError for a loop
            if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
                message = _(
                    "this link leads in a circle (back to itself, directly or through other links), so there is "
                    "no file to read; remove it, or point it at a record file"
                )
            else:
                message = _(
                    "this link points to '{target}', which does not exist; remove the link, or restore the file"
                ).format(target=path.readlink())
            return Problem(rel, None, None, "", "stray-file", message)
        if not _contained(root, path):
            message = _("this is a link to a file outside the repository; integ reads only files inside it")
            return Problem(rel, None, None, "", "outside-repository", message)
    try:
        mode = path.stat().st_mode
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror)
        return Problem(rel, None, None, "", "file-unreadable", message)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        message = _("this is a folder, not a file; a record is a file, so nothing in this folder is read")
    elif stat.S_ISFIFO(mode):
        message = _("this is a named pipe, not a file; integ does not open it (remove it)")
    else:
        message = _("this is a device or socket, not a file; integ does not open it (remove it)")
    return Problem(rel, None, None, "", "stray-file", message)


#: The temporary file an atomic write leaves when the writing process is killed
#: (see integ_cli.files.atomic): ``.NAME.yaml.<12 hex digits>.tmp``.
_LEFTOVER = re.compile(r"\.(.+\.yaml)\.[0-9a-f]{12}\.tmp")
#: Seconds after which such a file cannot belong to a write still under way.
LEFTOVER_AGE = 60


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except OSError:
        return False


def _leftover(root: Path, path: Path) -> Problem:
    record = _LEFTOVER.fullmatch(path.name).group(1)  # type: ignore[union-attr]
    return Problem(
        relative(root, path),
        None,
        None,
        "",
        "leftover-temp-file",
        _(
            "an interrupted write left this temporary file; '{record}' itself is whole (old or new), "
            "so delete this file"
        ).format(record=record),
        Severity.WARNING,
    )


def _sort_in(layout: Layout, folder: Path, names: list[str], odd: AbstractSet[str], kept: list[str]) -> None:
    """Append to ``kept`` those of ``names`` (sorted, in ``folder``) that are record
    files, and add to the layout's problems why each of the others is not read.
    ``odd`` are the names that are not plain files (links, folders...): each of them is
    looked at closely."""
    root = layout.root
    plain = [name for name in names if name.endswith(".yaml") and not name.startswith(".") and name not in odd]
    if len(plain) == len(names):  # the usual folder: every entry a record file
        kept += plain
        return
    for name in names:
        if name.startswith("."):
            if _LEFTOVER.fullmatch(name) and _older_than(folder / name, LEFTOVER_AGE):
                layout.problems.append(_leftover(root, folder / name))
            continue
        if name.endswith(".yaml"):
            # Plain files (the fast path) are inside the repository; anything else is looked at closely.
            refused = _not_a_record(root, folder / name) if name in odd else None
            if refused is None:
                kept.append(name)
            else:
                layout.problems.append(refused)
        elif name.lower().endswith((".yaml", ".yml")):
            layout.problems.append(_stray(root, folder / name, _rename(f"{name.rsplit('.', 1)[0]}.yaml")))
        elif not name.lower().endswith((".md", ".txt")):
            layout.problems.append(
                Problem(
                    relative(root, folder / name),
                    None,
                    None,
                    "",
                    "stray-file",
                    _("'{name}' is not a record file and is ignored").format(name=name),
                    Severity.WARNING,
                )
            )


def _scan_folder(layout: Layout, folder: Path, kind: str, named: AbstractSet[str] | None = None) -> RecordFiles:
    """The record files of ``folder``, sorted by name. With ``named`` (paths relative to
    the root), only the files of the folder it names, and the folder is not listed."""
    root = layout.root
    prefix = relative(root, folder)
    text = str(folder)
    # Each file's path is ``head + rel``: the root's part of the folder, shared by them all.
    head = text[: len(text) - len(prefix)] if text.endswith(prefix) else f"{root}{os.sep}"
    records = RecordFiles(sys.intern(head), f"{prefix}/", kind, [])
    kept = records.names
    if not folder.is_dir():
        return records
    if named is not None:
        names, odd = [], set()
        for name in sorted(rel.rpartition("/")[2] for rel in named if rel.rpartition("/")[0] == prefix):
            try:
                mode = (folder / name).lstat().st_mode
            except OSError:
                continue  # a name with no file (a measure that does not exist) is simply not there
            names.append(name)
            if not stat.S_ISREG(mode):
                odd.add(name)
        _sort_in(layout, folder, names, odd, kept)
        return records
    # Names only (a DirEntry a file would be 100,000 objects more at the peak); the
    # entry's type comes free with the listing, so only odd files cost a stat.
    names = []
    odd = set()
    with os.scandir(folder) as scanned:
        for entry in scanned:
            names.append(entry.name)
            if not entry.is_file(follow_symlinks=False):
                odd.add(entry.name)
    names.sort()
    _sort_in(layout, folder, names, odd, kept)
    if len(kept) > MAX_RECORDS:
        layout.problems.append(
            Problem(
                prefix,
                None,
                None,
                "",
                "too-many-records",
                _(
                    "the folder holds {count} record files, more than the limit of {limit}; "
                    "files after {name} are not read (see INTEG_MAX_RECORDS)"
                ).format(count=shown(len(kept)), limit=shown(MAX_RECORDS), name=kept[MAX_RECORDS - 1]),
            )
        )
        del kept[MAX_RECORDS:]
    return records


def scan(root: Path, *, measures: bool = True, named: AbstractSet[str] | None = None) -> Layout:
    """List the record files of the repository at ``root`` (nothing is parsed here);
    without ``measures``, those of the fields and vocabularies only. With ``named``
    (paths relative to ``root``), only the measure files it names: the folder of
    100,000 measures is not listed when a command looks at three of them."""
    layout = Layout(root)
    data = root / DATA
    layout.fields = _scan_folder(layout, data / FIELDS, "field")
    if measures:
        layout.measures = _scan_folder(layout, data / MEASURES, "measure", named)
    present = {path.name for path in data.iterdir()} if data.is_dir() else set()
    for name, kind in VOCABULARIES.items():
        path = data / f"{name}.yaml"
        if path.name not in present:
            layout.problems.append(
                Problem(
                    relative(root, path),
                    None,
                    None,
                    "",
                    "missing-file",
                    _("the vocabulary file {file} is missing").format(file=f"{DATA}/{name}.yaml"),
                )
            )
        elif (refused := _not_a_record(root, path)) is not None:
            layout.problems.append(refused)
        else:
            layout.vocabularies[kind] = RecordFile(path, relative(root, path), kind)
        for other in sorted(present):
            if other != path.name and other.lower() in (f"{name}.yaml", f"{name}.yml"):
                layout.problems.append(_stray(root, data / other, _rename(f"{name}.yaml")))
    return layout
