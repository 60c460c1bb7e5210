"""Authoring measures: new ids, new records, edits; validated before anything is written.

Nothing here prints or exits; every function returns a :class:`Result` that carries
the Problems found (the CLI renders them like ``integ validate``). The rules:

* **Validate first.** A new record, and every edited file, is checked with
  :func:`integ_cli.checking.catalogue.check_text` (schema and references against the whole
  repository) before it is written; where that finds an error, nothing is written.
* **Atomic writes** (:mod:`integ_cli.files.atomic`): readers and crashes see the old file
  or the new one, never half of one; nothing is written outside ``data/``.
* **Ids** (:mod:`integ_cli.authoring.ids`): two people adding at once may pick the
  same number; the file is created *exclusively*, so only one of them gets it, and the
  other scans again and takes the next (up to ``MAX_ATTEMPTS`` times).
* **Edits** keep comments and formatting (:mod:`integ_cli.authoring.edits`) and set
  ``updated``. An edit that would change nothing writes nothing.
* **No lost updates.** A command's edit reads, changes, checks and writes the file
  while holding its lock (:func:`integ_cli.files.atomic.locked`), so concurrent integ
  processes editing one measure take turns and each sees the others' changes. An
  edit by hand (``integ edit``) takes minutes and holds no lock meanwhile; it is
  written only if the file still holds what the editor was given (checked under the
  lock), else it is refused with a clear message and the edited copy kept.
* Only files inside the repository are read or written: a measure file that is a
  link to somewhere else is refused.
* Measures are never deleted: a finished or abandoned measure gets the status
  ``completed`` or ``dropped`` and stays in the catalogue (and in reports on it).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import Any

from integ_cli.authoring.ids import allocate_id, find_measure, measure_file
from integ_cli.files.repository import RecordFile
from integ_cli.i18n import _
from integ_cli.patterns import ID
from integ_cli.problems import Problem, Severity

#: First line of every new measure: the schema hint for editors (yaml-language-server).
SCHEMA_HINT = "# yaml-language-server: $schema=../../schemas/measure.schema.json"
#: How often a new measure tries the next free id when others take it first.
MAX_ATTEMPTS = 100


@dataclass(slots=True)
class Result:
    """What an authoring step did, or would do, to one measure file."""

    record_id: str
    rel: str
    path: Path
    _: KW_ONLY
    #: The new content (written, or that would be written).
    text: str = ""
    #: The content before (edits only).
    before: str = ""
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    changes: list[str] = field(default_factory=list)
    #: The file's untouched lines could not be reproduced exactly (rare indentation).
    reformatted: bool = False
    #: The file was changed by someone else while this edit was prepared.
    conflict: bool = False

    @property
    def ok(self) -> bool:
        return not self.conflict and not any(p.severity is Severity.ERROR for p in self.problems)


def today() -> str:
    """Today's date, as ``updated`` holds it."""
    return datetime.date.today().isoformat()


def measure_schema(root: Path) -> dict[str, Any]:
    """The measure schema that governs the repository at ``root`` (SchemaError if broken)."""
    from integ_cli.checking.schema import schema_file, schema_for

    return schema_for(schema_file(root, "measure"))


def new_measure(values: dict[str, Any], measure_id: str, schema: dict[str, Any], date: str) -> dict[str, Any]:
    """A new measure record from ``values``: empty values left out, ``schema_version``
    1, ``visibility`` public unless given, ``updated`` today; keys in schema order."""
    from integ_cli.authoring.edits import ordered

    record = {k: v for k, v in values.items() if v is not None and v != [] and v != ""}
    record.setdefault("schema_version", 1)
    record["id"] = measure_id
    record.setdefault("visibility", "public")
    record["updated"] = date
    return ordered(record, schema)


def render_measure(record: dict[str, Any]) -> str:
    """A new record's file text: the editor's schema hint, then the record."""
    from integ_cli.authoring.edits import render_new
    from integ_cli.files.loading import load_document

    for quoted in (False, True):  # house style; every text double-quoted where that fails
        text = render_new(record, SCHEMA_HINT, quoted=quoted)
        document = load_document(text.encode("utf-8"), "<new>")
        if document is not None and document.data == record:
            return text
    raise AssertionError(f"the rendered record does not read back as written:\n{text}")  # pragma: no cover


def check(root: Path, record: RecordFile, text: str) -> list[Problem]:
    """Problems with ``text`` as the content of ``record``, as validate would report them."""
    from integ_cli.checking.catalogue import check_text

    return check_text(root, record, text.encode("utf-8"))


def create_measure(root: Path, values: dict[str, Any], *, dry_run: bool = False, date: str | None = None) -> Result:
    """Create a measure from ``values`` (keys as in the schema). The id is allocated
    from ``values["field"]`` unless ``values["id"]`` names one. The record is checked
    before it is written; ``dry_run`` checks and renders it but writes nothing."""
    from integ_cli.files.atomic import create_exclusive

    schema = measure_schema(root)
    date = date or today()
    explicit = None if values.get("id") is None else str(values["id"])
    field_id = values.get("field")
    result = Result("", "", root)
    for _attempt in range(MAX_ATTEMPTS):
        writable = True
        if explicit is not None:
            measure_id = explicit
        elif isinstance(field_id, str) and ID.fullmatch(field_id):
            measure_id = allocate_id(root, field_id)
        else:  # no usable field: check anyway, to report it (nothing can be written)
            measure_id, writable = "new-measure", False
        record = measure_file(root, measure_id)
        text = render_measure(new_measure(values, measure_id, schema, date))
        result = Result(measure_id, record.rel, record.path, text=text, problems=check(root, record, text))
        if explicit is not None and ID.fullmatch(explicit) and record.path.exists():
            result.problems.append(_taken(record))
        if not writable or not result.ok or dry_run:
            return result
        try:
            create_exclusive(root, record.path, text.encode("utf-8"))
        except FileExistsError:
            if explicit is not None:
                result.problems.append(_taken(record))
                return result
            continue  # someone else took this number just now: scan again
        result.written = True
        result.changes = [_("created {id}").format(id=measure_id)]
        return result
    result.problems.append(
        Problem(
            result.rel,
            None,
            None,
            "id",
            "id-race",
            _("no free id found after {attempts} attempts; try again").format(attempts=MAX_ATTEMPTS),
        )
    )
    return result


def _taken(record: RecordFile) -> Problem:
    return Problem(
        record.rel,
        None,
        None,
        "id",
        "id-taken",
        _("a measure with the id '{id}' exists already; pick another").format(id=record.stem),
    )


def edit_measure(root: Path, measure_id: str, edit: Callable[..., list[str]], *, dry_run: bool = False) -> Result:
    """Apply a :mod:`integ_cli.authoring.edits` edit to a measure: read, edit, check, write.

    Where the file changes while the edit is prepared (someone else saved it), the
    edit is made again on the new content, up to three times.
    """
    from integ_cli.files.atomic import locked

    record = find_measure(root, measure_id)
    schema = measure_schema(root)
    date = today()
    result = Result(measure_id, record.rel, record.path)
    for _attempt in range(3):
        with contextlib.nullcontext() if dry_run else locked(root, record.path):
            result, done = _edit_once(root, record, edit, schema, date, dry_run=dry_run)
        if done:
            return result
    result.conflict = True
    return result


def _edit_once(
    root: Path, record: RecordFile, edit: Callable[..., list[str]], schema: dict[str, Any], date: str, *, dry_run: bool
) -> tuple[Result, bool]:
    """One read, edit, check and write of ``record`` (under its lock unless ``dry_run``);
    ``False`` where the file changed meanwhile (someone saved it by hand) and the edit
    is to be made again."""
    from integ_cli.authoring.edits import EditError, apply
    from integ_cli.files.loading import LoadProblem
    from integ_cli.files.reading import read_limited

    try:
        original = read_limited(record.path, record.rel)
    except LoadProblem as error:  # too large to read: nothing of it is shown or changed
        return Result(record.stem, record.rel, record.path, problems=[error.problem]), True
    before = original.decode("utf-8", "replace")
    result = Result(record.stem, record.rel, record.path, text=before, before=before)
    unreadable = _unreadable(record, original)
    if unreadable is not None:
        result.problems.append(unreadable)
        return result, True
    try:
        edited = apply(original.decode("utf-8"), edit, schema, date)
    except EditError as error:
        result.problems.append(_edit_problem(record, original, error))
        return result, True
    result.text, result.changes, result.reformatted = edited.text, edited.changes, edited.reformatted
    if not edited.changed:
        return result, True
    result.problems = check(root, record, edited.text)
    if not result.ok or dry_run:
        return result, True
    result.written = _write_if_unchanged(root, record, original, edited.text)
    return result, result.written


def replace_measure(root: Path, measure_id: str, original: bytes, new: bytes) -> Result:
    """Replace a measure's file with ``new`` (edited by hand), if it is valid and the
    file still holds ``original``. ``updated`` is set unless the new text changed it."""
    from integ_cli.authoring.edits import EditError, touch
    from integ_cli.files.loading import LoadProblem, load_document

    record = find_measure(root, measure_id)
    before = original.decode("utf-8", "replace")
    result = Result(measure_id, record.rel, record.path, text=new.decode("utf-8", "replace"), before=before)
    unreadable = _unreadable(record, new)
    if unreadable is not None:
        result.problems.append(unreadable)
        return result
    result.problems = check(root, record, result.text)
    if not result.ok:
        return result
    try:
        old = load_document(original, record.rel)
    except LoadProblem:
        old = None
    new_data = load_document(new, record.rel)
    old_updated = old.data.get("updated") if old is not None and isinstance(old.data, dict) else None
    if new_data is not None and new_data.data.get("updated") == old_updated:
        try:
            touched = touch(result.text, measure_schema(root), today())
        except EditError:
            touched = None
        if touched is not None and touched.changed:
            result.text = touched.text
            result.problems = check(root, record, result.text)
            if not result.ok:  # pragma: no cover - setting a date cannot break a valid record
                return result
    result.changes = ["edited by hand"]
    result.written = write_if_unchanged(root, record.path, original, result.text)
    result.conflict = not result.written
    return result


def write_if_unchanged(root: Path, path: Path, original: bytes, text: str) -> bool:
    """Replace the measure file at ``path`` with ``text`` if it still holds ``original``,
    under its lock: the compare-and-swap for callers that checked ``text`` earlier (an
    import). ``False`` (nothing written) where someone changed or removed the file."""
    from integ_cli.files.atomic import locked

    record = RecordFile(path, path.name, "measure")
    try:
        with locked(root, path):
            return _write_if_unchanged(root, record, original, text)
    except FileNotFoundError:
        return False


def _write_if_unchanged(root: Path, record: RecordFile, original: bytes, text: str) -> bool:
    """Write ``text`` unless the file no longer holds ``original`` (a concurrent save).

    Called under the file's lock (:func:`integ_cli.files.atomic.locked`), so no other integ
    process writes between the comparison and the rename; a text editor saving the
    file in that microsecond could still, which is why edits by hand are compared too.
    """
    from integ_cli.files.atomic import write_atomic
    from integ_cli.files.loading import LoadProblem
    from integ_cli.files.reading import read_limited

    try:
        if read_limited(record.path, record.rel) != original:
            return False
    except (FileNotFoundError, LoadProblem):  # gone, or grown past the size limit meanwhile
        return False
    write_atomic(root, record.path, text.encode("utf-8"))
    return True


def _unreadable(record: RecordFile, raw: bytes) -> Problem | None:
    """The loader's Problem where ``raw`` cannot be read as a record at all."""
    from integ_cli.files.loading import LoadProblem, load_document

    try:
        document = load_document(raw, record.rel)
    except LoadProblem as error:
        return error.problem
    if document is None or not isinstance(document.data, dict):
        return Problem(record.rel, 1, 1, "", "not-a-mapping", _("the file does not hold a measure record"))
    return _too_large(record, raw, document.data)


def _too_large(record: RecordFile, raw: bytes, data: dict[str, Any]) -> Problem | None:
    """Refuse to edit a record far larger than any real one (see ``MAX_EDIT_BYTES``)."""
    from integ_cli.files import limits

    values, stack = 0, [data]
    while stack and values <= limits.MAX_EDIT_VALUES:
        value = stack.pop()
        values += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    if len(raw) <= limits.MAX_EDIT_BYTES and values <= limits.MAX_EDIT_VALUES:
        return None
    return Problem(
        record.rel,
        None,
        None,
        "",
        "too-large-to-edit",
        (
            _(
                "the record is too large for integ's edit commands (at most {max_bytes} bytes and {max_values} "
                "values; it has {bytes} bytes and more than {values} values); records are a few kilobytes"
            )
            if values > limits.MAX_EDIT_VALUES
            else _(
                "the record is too large for integ's edit commands (at most {max_bytes} bytes and {max_values} "
                "values; it has {bytes} bytes and {values} values); records are a few kilobytes"
            )
        ).format(
            max_bytes=f"{limits.MAX_EDIT_BYTES:,}",
            max_values=f"{limits.MAX_EDIT_VALUES:,}",
            bytes=f"{len(raw):,}",
            values=f"{min(values, limits.MAX_EDIT_VALUES):,}",
        ),
    )


def _edit_problem(record: RecordFile, raw: bytes, error: Any) -> Problem:
    from integ_cli.files.loading import load_document, locate
    from integ_cli.problems import format_path

    line = column = None
    document = load_document(raw, record.rel)
    if document is not None:
        line, column = locate(document.root, error.path)
    return Problem(record.rel, line, column, format_path(error.path), error.code, error.message)


# --- helpers for the command line ------------------------------------------------------------


@dataclass(slots=True)
class Vocabularies:
    """Ids and display names the dialogue offers as choices."""

    fields: dict[str, str] = field(default_factory=dict)
    target_groups: dict[str, str] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)
    #: id -> parent id, for showing hierarchies indented.
    parents: dict[str, str] = field(default_factory=dict)


def vocabularies(root: Path) -> Vocabularies:
    """Read the action fields and vocabularies (unreadable ones stay empty)."""
    from integ_cli.checking.record import read_record
    from integ_cli.files.loading import LoadProblem
    from integ_cli.files.repository import scan
    from integ_cli.files.vocabularies import read_entries

    layout = scan(root)
    result = Vocabularies()

    def data(record: RecordFile) -> Any:
        try:
            document = read_record(record)
        except LoadProblem:
            return None
        return document.data if document is not None and isinstance(document.data, dict) else None

    for record in layout.fields:
        content = data(record)
        if content is not None and isinstance(content.get("id"), str):
            result.fields[content["id"]] = str(content.get("name", ""))
    for kind, target in (("target-groups", "target_groups"), ("actors", "actors"), ("districts", "districts")):
        vocabulary = layout.vocabularies.get(kind)
        for entry_id, entry in (read_entries(vocabulary.path) if vocabulary is not None else {}).items():
            getattr(result, target)[entry_id] = str(entry.get("name", ""))
            if isinstance(entry.get("parent"), str):
                result.parents[entry_id] = entry["parent"]
    return result
