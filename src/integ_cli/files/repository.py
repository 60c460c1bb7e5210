"""Finding a data repository and the record files in it.

A data repository is a folder with a ``data/`` folder holding ``measures/`` or
``fields/``. Which repository integ works on: ``--repo PATH``, else ``$INTEG_REPO``,
else the nearest folder upwards from the current directory that is one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from integ_cli.errors import UsageError
from integ_cli.files.limits import MAX_RECORDS, shown
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity

ENV_VAR = "INTEG_REPO"
DATA = "data"
MEASURES = "measures"
FIELDS = "fields"
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


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A record file: where it is, what kind of record it holds, its id."""

    path: Path
    rel: str
    kind: str

    @property
    def stem(self) -> str:
        """The id the record must carry (file name without ``.yaml``)."""
        return self.path.name[: -len(".yaml")]


@dataclass(slots=True)
class Layout:
    """Every record file of a repository, plus the files that look like records but are not."""

    root: Path
    fields: list[RecordFile] = field(default_factory=list)
    vocabularies: dict[str, RecordFile] = field(default_factory=dict)
    measures: list[RecordFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def measure_ids(self) -> set[str]:
        """Ids of all measures, taken from file names (ids equal file names)."""
        return {record.stem for record in self.measures}


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


def _older_than(entry: os.DirEntry[str], seconds: float) -> bool:
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > seconds
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


def _scan_folder(layout: Layout, folder: Path, kind: str) -> list[RecordFile]:
    records: list[RecordFile] = []
    if not folder.is_dir():
        return records
    root = layout.root
    prefix = relative(root, folder)
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        path = folder / name
        if name.startswith("."):
            if _LEFTOVER.fullmatch(name) and _older_than(entry, LEFTOVER_AGE):
                layout.problems.append(_leftover(root, path))
            continue
        if name.endswith(".yaml"):
            # Plain files (the fast path) are inside the repository; anything else is looked at closely.
            refused = None if entry.is_file(follow_symlinks=False) else _not_a_record(root, path)
            if refused is None:
                records.append(RecordFile(path, f"{prefix}/{name}", kind))
            else:
                layout.problems.append(refused)
        elif name.lower().endswith((".yaml", ".yml")):
            layout.problems.append(_stray(root, path, _rename(f"{name.rsplit('.', 1)[0]}.yaml")))
        elif not name.lower().endswith((".md", ".txt")):
            layout.problems.append(
                Problem(
                    relative(root, path),
                    None,
                    None,
                    "",
                    "stray-file",
                    _("'{name}' is not a record file and is ignored").format(name=name),
                    Severity.WARNING,
                )
            )
    if len(records) > MAX_RECORDS:
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
                ).format(count=shown(len(records)), limit=shown(MAX_RECORDS), name=records[MAX_RECORDS - 1].path.name),
            )
        )
        del records[MAX_RECORDS:]
    return records


def scan(root: Path, *, measures: bool = True) -> Layout:
    """List the record files of the repository at ``root`` (nothing is parsed here);
    without ``measures``, those of the fields and vocabularies only."""
    layout = Layout(root)
    data = root / DATA
    layout.fields = _scan_folder(layout, data / FIELDS, "field")
    layout.measures = _scan_folder(layout, data / MEASURES, "measure") if measures else []
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
