"""``integ import``: a workbook (or CSV) in the export's layout, written into the measure files.

* **Only what changed.** A cell whose value equals the record's (as the export wrote
  it) is left alone, so an unchanged workbook changes nothing, byte for byte. A
  changed measure is edited through :mod:`integ_cli.authoring.edits` (see
  :mod:`.edit`), which keeps comments and formatting and sets ``updated``; a new one
  is built, and later created, by :mod:`integ_cli.authoring.records`, which also
  allocates its id as ``integ add`` does.
* **All or nothing.** Every row is checked first, by :func:`integ_cli.authoring.records.check`
  (validate's own rules, against the whole repository); where any problem is found,
  nothing is written, and every problem is reported at its cell (:mod:`.locate`):
  ``Maßnahmen!F12 (Zielgruppen): unknown target group 'jugend'; did you mean ...``.
* **Read once.** A measure's file is read and loaded once to compare it with its rows;
  only where they differ is it loaded for editing, once, and the edited text checked.
  What was checked is what is written, unless someone saved the file meanwhile.

Nothing here prints or exits.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integ_cli.checking.scan import no_cyclic_gc
from integ_cli.files.repository import RecordFile
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity
from integ_cli.spreadsheet.edit import Sync
from integ_cli.spreadsheet.layout import Layout
from integ_cli.spreadsheet.locate import locate
from integ_cli.spreadsheet.read import CellProblem, Tables, read
from integ_cli.spreadsheet.wanted import (
    Asked,
    RawRows,
    Wanted,
    asked,
    collect,
    differs,
    parsed,
    raw_rows,
    record_values,
    stray,
)

#: The code of a record that uses keys of a later ``schema_version`` than it names.
NEEDS_NEWER_VERSION = "needs-version-2"


@dataclass(slots=True)
class Change:
    """What the import does (or would do) to one measure."""

    action: str  # "add", "change" or "unchanged"
    measure_id: str
    rel: str
    changes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """The result of an import: problems (nothing written) or the changes made."""

    problems: list[CellProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)


@dataclass(slots=True)
class _Plan:
    """One measure's planned change: a new record's values, or the checked edit
    (the file's bytes as read and the text to write in their place)."""

    entry: Wanted
    change: Change
    values: dict[str, Any] | None = None
    path: Path | None = None
    original: bytes = b""
    text: str | None = None


def import_workbook(root: Path, path: Path, *, dry_run: bool = False) -> Outcome:
    """Import the workbook or CSV at ``path`` into the repository at ``root``.

    Every row is checked first; where anything is wrong, the Outcome lists every
    problem and nothing is written. ``dry_run`` checks and reports the changes but
    writes nothing. SheetError where the file cannot be read at all.
    """
    from integ_cli.authoring.records import measure_schema, today
    from integ_cli.checking.catalogue import reusing_context
    from integ_cli.files.repository import DATA, MEASURES
    from integ_cli.spreadsheet.layout import layout_for

    schema = measure_schema(root)
    layout = layout_for(schema)
    folder = root / DATA / MEASURES
    existing = {p.name[: -len(".yaml")] for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    with _workers(len(existing), layout) as workers:  # started while the process is small: their work is sent
        with no_cyclic_gc():  # the rows are 100,000s of objects, none of them cyclic
            tables = read(path, layout, workers)
            compared, settled = _compare_all(workers, root, tables, existing)
        outcome = Outcome(problems=list(tables.problems))
        run = _Import(root, layout, schema, today(), outcome.problems)  # dated as edit_measure dates its edits
        wanted = collect(tables, existing, outcome.problems, settled)
        del tables  # the rows live on in ``wanted``
        ahead: dict[str, int] = {}  # new measures planned per field so far
        with reusing_context(root), no_cyclic_gc():  # every row is checked before anything is written
            plans = [
                run.plan_new(entry, ahead)
                if entry.measure_id is None
                else run.plan_edit(entry, compared.get(entry.measure_id))
                for entry in wanted
            ]
    outcome.problems = sorted(dict.fromkeys(outcome.problems), key=lambda p: p.order)
    outcome.changes = [plan.change for plan in plans]
    if outcome.problems or dry_run:
        return outcome
    run.problems = outcome.problems
    for plan in plans:
        run.write(plan, outcome)
    return outcome


@dataclass(slots=True)
class _Import:
    """What every row's plan needs: the repository, its layout and schema, the date
    of the edits, and the list the problems go to."""

    root: Path
    layout: Layout
    schema: dict[str, Any]
    date: str
    problems: list[CellProblem]

    def plan_new(self, entry: Wanted, ahead: dict[str, int]) -> _Plan:
        """A new measure, checked under the id it would get (the id is allocated
        again when it is written, as others may add measures meanwhile)."""
        from integ_cli.authoring.ids import measure_file, planned_id
        from integ_cli.authoring.records import check, new_measure, render_measure
        from integ_cli.checking.timeline import newest_version

        values = record_values(entry)
        self.problems.extend(stray(entry, values))
        field_id = str(values.get("field"))
        measure_id = planned_id(self.root, values.get("field"), ahead.get(field_id, 0))
        ahead[field_id] = ahead.get(field_id, 0) + 1
        record = measure_file(self.root, measure_id)
        data = new_measure(values, measure_id, self.schema, self.date)
        found = check(self.root, record, render_measure(data))
        if any(problem.code == NEEDS_NEWER_VERSION for problem in found):
            # written as version 1 unless it uses what a later one brings (decisions, milestones, ...), as edits do
            values["schema_version"] = newest_version("measure", 1)
            data = new_measure(values, measure_id, self.schema, self.date)
            found = check(self.root, record, render_measure(data))
        self.report(found, entry, data)
        return _Plan(entry, Change("add", measure_id, record.rel, [str(values.get("title", ""))]), values=values)

    def plan_edit(self, entry: Wanted, compared: _Compared | None = None) -> _Plan:
        """The edit of an existing measure, made on its text and checked (not written);
        ``compared``: its file compared with its rows already (by a worker process)."""
        from integ_cli.authoring.edits import EditError, apply
        from integ_cli.authoring.records import check, edit_measure
        from integ_cli.problems import format_path

        assert entry.measure_id is not None
        record, original, data, differing = compared or _compare(self.root, entry.measure_id, asked(entry))
        plan = _Plan(entry, Change("unchanged", entry.measure_id, record.rel), path=record.path, original=original)
        if data is not None and not differing:
            return plan
        sync = Sync(entry)
        if data is None:  # not a record integ edits: the authoring core says why
            result = edit_measure(self.root, entry.measure_id, sync, dry_run=True)
            self.report(result.problems, entry, sync.data)
            self.problems.extend(sync.problems)
            plan.text, plan.change.changes = result.text, result.changes
        else:
            try:
                edited = apply(original.decode("utf-8"), sync, self.schema, self.date)
            except EditError as error:
                problem = Problem(record.rel, None, None, format_path(error.path), error.code, error.message)
                self.report([problem], entry, sync.data)
                return plan
            self.problems.extend(sync.problems)
            self.report(check(self.root, record, edited.text), entry, sync.data)
            plan.text, plan.change.changes = edited.text, edited.changes
        if plan.change.changes:
            plan.change.action = "change"
        return plan

    def write(self, plan: _Plan, outcome: Outcome) -> None:
        """Write a planned change (all rows were checked). An edit writes the text that
        was checked, under the file's lock, unless the file changed meanwhile: then the
        edit is made, and checked, again on the new content (and not written if someone
        else's change conflicts)."""
        from integ_cli.authoring.records import create_measure, edit_measure, write_if_unchanged

        entry, change = plan.entry, plan.change
        data: Any = None
        if change.action == "add" and plan.values is not None:
            result = create_measure(self.root, plan.values, date=self.date)
            change.measure_id, change.rel = result.record_id, result.rel
        elif change.action == "change" and plan.text is not None and plan.path is not None:
            if write_if_unchanged(self.root, plan.path, plan.original, plan.text):
                outcome.written = True
                return
            sync = Sync(entry)
            result = edit_measure(self.root, change.measure_id, sync)
            change.changes, data = result.changes, sync.data
            if result.conflict:
                outcome.problems.append(
                    CellProblem(result.rel, _("changed by someone else during the import; not written"), "conflict")
                )
        else:
            return
        self.report(result.problems, entry, data)
        outcome.written = outcome.written or result.written

    def report(self, found: Iterable[Problem], entry: Wanted, record: Any) -> None:
        """Add the errors among ``found`` (about ``record``, as checked), placed at their
        cells; a cell that could not be read is reported once (not again for the value
        it left missing)."""
        for problem in found:
            if problem.severity is not Severity.ERROR:
                continue
            for located in locate(problem, entry, self.layout, self.schema, record):
                if located not in self.problems and located.location not in entry.broken:
                    self.problems.append(located)


#: A measure's file compared with its rows: the file, its bytes as read, its record
#: where it is one integ edits in place (see :func:`_editable`), and whether they differ.
_Compared = tuple[RecordFile, bytes, dict[str, Any] | None, bool]
#: Below this many measures, one process is faster than starting workers.
PARALLEL_THRESHOLD = 1000


def _compare(root: Path, measure_id: str, wanted: Asked, folder_inside: bool = False) -> _Compared:
    """Read and load an existing measure's file, and compare it with what its rows ask for.
    ``folder_inside``: the measures' folder is known to lie inside the repository's data."""
    from integ_cli.authoring.ids import find_measure, measure_file
    from integ_cli.files.loading import LoadProblem
    from integ_cli.files.reading import read_limited
    from integ_cli.patterns import ID

    record = measure_file(root, measure_id)
    if not (folder_inside and ID.fullmatch(measure_id) and _plain_file(record.path)):
        record = find_measure(root, measure_id)  # refuses a link out of the repository, says why
    try:
        original = read_limited(record.path, record.rel)
    except LoadProblem:
        original = b""  # too large to read: the authoring core's own edit says so
    data = _editable(original, record.rel)
    return record, original, data, data is not None and differs(data, wanted)


def _plain_file(path: Path) -> bool:
    """Whether ``path`` is a regular file, not a link (so it lies where its folder lies)."""
    import stat

    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _folder_inside(root: Path) -> bool:
    """Whether the measures' folder, links followed, lies inside the repository's data
    folder: then a measure's file that is no link does too (what :func:`find_measure`
    checks of each file, by resolving its path, a tenth of a comparison's time)."""
    from integ_cli.files.repository import DATA, MEASURES

    try:
        data, measures = (root / DATA).resolve(), (root / DATA / MEASURES).resolve()
    except OSError:
        return False
    return measures == data or data in measures.parents


#: A pool of worker processes and how many it has.
Workers = tuple[Any, int]
#: The layout of the workbook being imported, in a worker process (set as it starts).
_layout: Layout | None = None


@contextmanager
def _workers(measures: int, layout: Layout) -> Iterator[Workers | None]:
    """A pool of worker processes for a repository of this many measures (and where
    ``fork`` exists; as many as validate uses), else None. Forked before the workbook
    is read, so each is as small as the process was then (forked later, every page of
    the rows they share would count in each); each keeps ``layout`` (inherited, not sent)."""
    from integ_cli.checking.scan import _jobs as jobs_for

    jobs = jobs_for(measures) if measures >= PARALLEL_THRESHOLD else 1
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_keep_layout, initargs=(layout,)) as pool:
        yield pool, jobs


def _keep_layout(layout: Layout) -> None:
    global _layout
    _layout = layout


def _compare_all(
    workers: Workers | None, root: Path, tables: Tables, existing: set[str]
) -> tuple[dict[str, _Compared], set[str]]:
    """The existing measures' comparisons by id, their rows parsed and compared in the
    worker processes (none without them): it is most of an import's time, and an
    unchanged workbook's whole task. Each chunk goes out as plain values. Also the
    measures settled there: their rows read without a problem and change nothing, so
    the main process does not parse them again. Where a worker cannot compare a
    measure (its file is missing, or a link out of the repository), it is left out,
    and compared again where it is planned, which says why."""
    if workers is None:
        return {}, set()
    pool, jobs = workers
    work = list(raw_rows(tables, existing).items())
    size = max(100, len(work) // (jobs * 4))
    list_keys = list(tables.lists)
    chunks = [(root, work[start : start + size], list_keys) for start in range(0, len(work), size)]
    compared: dict[str, _Compared] = {}
    settled: set[str] = set()
    for found in pool.imap(_compare_in_worker, chunks):
        for measure_id, result, clean in found:
            compared[measure_id] = result
            if clean and result[2] is not None and not result[3]:
                settled.add(measure_id)
    return compared, settled


def _compare_in_worker(
    chunk: tuple[Path, list[tuple[str, RawRows]], list[str]],
) -> list[tuple[str, _Compared, bool]]:
    """Parse and compare a chunk of measures' rows (:func:`parsed`, :func:`_compare`) in
    a worker process, and say whether they read without a problem. An unchanged
    measure goes back without its bytes and record (nothing is done with them)."""
    root, work, list_keys = chunk
    assert _layout is not None  # set as the worker started
    found: list[tuple[str, _Compared, bool]] = []
    inside = _folder_inside(root)
    with no_cyclic_gc():
        for measure_id, rows in work:
            try:
                wanted, clean = parsed(_layout, measure_id, rows, list_keys)
                record, original, data, differing = _compare(root, measure_id, wanted, inside)
            except Exception:  # compared again in the main process, which reports it
                continue
            kept = differing or data is None
            found.append((measure_id, (record, original, data, differing) if kept else (record, b"", {}, False), clean))
    return found


def _editable(raw: bytes, rel: str) -> dict[str, Any] | None:
    """The record in ``raw`` where it is one integ edits in place (it loads, is a
    mapping, within the edit limits); None for anything else, which the authoring
    core's own edit then refuses with its reason."""
    from integ_cli.files import limits
    from integ_cli.files.loading import LoadProblem, load_document

    if len(raw) > limits.MAX_EDIT_BYTES:
        return None
    try:
        document = load_document(raw, rel)
    except LoadProblem:
        return None
    if document is None or not isinstance(document.data, dict):
        return None
    if len(raw) < limits.MAX_EDIT_VALUES and b"*" not in raw:
        # Without an alias every value takes a byte of the file at least, so this one
        # is within the limit (most are): counting its values was a fifth of a comparison.
        return document.data
    # Counted by collection (each adds its items), not value by value: most values are no collection.
    stack: list[Any] = [document.data]
    values = 1
    while stack and values <= limits.MAX_EDIT_VALUES:  # ruamel.yaml takes minutes on huge records
        value = stack.pop()
        items = value.values() if isinstance(value, dict) else value
        values += len(items)
        stack.extend(item for item in items if isinstance(item, dict | list))
    return document.data if values <= limits.MAX_EDIT_VALUES else None
