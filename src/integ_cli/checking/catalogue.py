"""Load and check a whole data repository: the one pipeline every command uses.

Vocabularies and action fields are small and read first; they give the
:class:`~integ_cli.checking.rules.References` every measure is checked against. Measures are
many (a state's catalogues reach 100,000), so they are checked file by file without
keeping their node trees, in parallel worker processes where that pays off, and only
the records a command asks to keep are returned.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from integ_cli.checking import rules as checks
from integ_cli.checking.messages import schema_problems
from integ_cli.checking.schema import schema_file, schema_for, validator
from integ_cli.codelists import Codelists, of_repository, unnamed
from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.loading import Document, LoadProblem, load_document
from integ_cli.files.repository import VOCABULARIES, Layout, RecordFile, scan
from integ_cli.files.vocabularies import entries
from integ_cli.problems import Problem, Severity

#: Below this many measure files, one process is faster than starting workers.
PARALLEL_THRESHOLD = 400
#: Environment variable that sets the number of worker processes (1 = no workers).
JOBS_ENV = "INTEG_JOBS"

#: Decides, for a valid measure's data, whether a command wants the record.
Predicate = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class Keep:
    """Which valid measures a command wants: ``test`` decides on a record's data.

    ``needles`` is an optional pre-test on a file's bytes that spares parsing the
    files a query cannot match (parsing is most of what a record costs): each group
    lists strings one of which a matching record's file must contain, such as the
    ids of the wanted target group and its sub-groups. A YAML value equals an id only
    if the id's characters stand in the file, unless an escape sequence spells them;
    so a file with a backslash, or one that is not UTF-8 (it gets its problem
    reported), is always parsed.
    """

    test: Predicate
    needles: tuple[tuple[bytes, ...], ...] = ()

    def may_match(self, raw: bytes) -> bool:
        """False only where the file certainly holds no record ``test`` accepts."""
        if not self.needles or b"\\" in raw:
            return True
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return all(any(needle in raw for needle in group) for group in self.needles)


#: Builds the test once the vocabularies are read (a query for a parent target group
#: needs the hierarchy to know which sub-groups it covers): a Predicate or a Keep.
Selector = Callable[["Catalogue"], "Predicate | Keep"]


def select_all(_catalogue: Catalogue) -> Predicate:
    """A Selector that keeps every valid measure."""
    return lambda _data: True


#: How a record is written as JSON, in worker processes and by ``--format json``.
encode_json = json.JSONEncoder(ensure_ascii=False).encode


class Measure:
    """A valid measure as read from its file (``file`` relative to the repository).

    Records kept by worker processes travel as JSON text: json's C encoder and decoder
    are several times faster than pickling the dicts, and a command that prints JSON
    (``integ list --format json``) writes the text as it came, never decoding it.
    ``data`` decodes on first use.
    """

    __slots__ = ("_data", "_json", "file")

    def __init__(self, file: str, data: dict[str, Any] | None = None, *, json_text: str | None = None) -> None:
        if (data is None) == (json_text is None):
            raise TypeError("a Measure takes its data or its JSON text")
        self.file = file
        self._data = data
        self._json = json_text

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self._json)  # type: ignore[arg-type]
        return self._data

    @property
    def id(self) -> str:
        """The measure's id, known without decoding: a valid record's id is its file's
        name without ``.yaml`` (``integ validate`` checks that)."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".yaml")

    @property
    def json(self) -> str:
        """The record as one line of JSON (``encode_json``)."""
        if self._json is None:
            self._json = encode_json(self._data)
        return self._json

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Measure) and (self.file, self.data) == (other.file, other.data)

    # Equal by value, and mutable: not hashable.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Measure(file={self.file!r}, data={self.data!r})"


@dataclass(slots=True)
class Catalogue:
    """What a repository holds, as far as it is valid, and everything wrong with it."""

    root: Path
    layout: Layout
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def codelists(self) -> Codelists:
        """The status, horizon, ... values the governing schemas define, with their names."""
        return of_repository(self.root)

    def invalid_files(self) -> list[str]:
        """Files with at least one error, in order."""
        return sorted({p.file for p in self.problems if p.severity is Severity.ERROR})


def read_bytes(record: RecordFile) -> bytes:
    """A record file's bytes (one more than the size limit at most, so an oversized
    file is still recognised); raises LoadProblem where the file cannot be read."""
    try:
        with record.path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise LoadProblem(
            Problem(record.rel, None, None, "", "file-unreadable", f"cannot read the file: {error.strerror}")
        ) from None


def read_record(record: RecordFile) -> Document | None:
    """Read and parse one record file; raises LoadProblem where that fails."""
    return load_document(read_bytes(record), record.rel)


def parse_record(record: RecordFile, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one file as a record: the document, or the problem that keeps it from being
    one (unreadable, not YAML, empty, not a mapping, an unsupported schema_version).
    ``raw`` is content that is not (yet) on disk, read as if it were the file's."""
    try:
        document = read_record(record) if raw is None else load_document(raw, record.rel)
    except LoadProblem as error:
        return None, [error.problem]
    if document is None:
        return None, [
            Problem(record.rel, 1, 1, "", "file-empty", f"the file is empty; expected a {record.kind} record")
        ]
    if not isinstance(document.data, dict):
        line, column = document.root.start_mark.line + 1, document.root.start_mark.column + 1
        found = "a list" if isinstance(document.data, list) else "a single value"
        return None, [
            Problem(
                record.rel,
                line,
                column,
                "",
                "not-a-mapping",
                f"the file holds {found}; expected a {record.kind} record of 'key: value' lines",
            )
        ]
    version = checks.check_version(record.rel, document)
    return document, [version] if version is not None else []


def check_document(
    record: RecordFile, document: Document, validator: Any, schema: dict[str, Any], refs: checks.References | None
) -> list[Problem]:
    """The schema and the record rules, for a document :func:`parse_record` accepted."""
    problems: list[Problem] = []
    if not validator.is_valid(document.data):
        problems = schema_problems(record.rel, document, list(validator.iter_errors(document.data)), schema)
    if record.kind == "measure" and refs is not None:
        problems += checks.check_measure(record.rel, document, record.stem, refs)
    elif record.kind == "field":
        problems += checks.check_id(record.rel, document, record.stem)
    else:
        problems += checks.check_vocabulary(record.rel, document, record.kind)
    return problems


def check_record(
    record: RecordFile,
    validator: Any,
    schema: dict[str, Any],
    refs: checks.References | None,
    raw: bytes | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Everything about one file: parse, schema, record rules. The document is
    ``None`` where the file could not be read as a mapping at all. ``raw`` checks
    content that is not (yet) on disk, as if it were the file's."""
    document, problems = parse_record(record, raw)
    if document is None or problems:
        return document, problems
    return document, check_document(record, document, validator, schema, refs)


@dataclass(slots=True)
class _MeasureScan:
    """What a worker needs; set before workers fork, so nothing is pickled."""

    validator: Any
    schema: dict[str, Any]
    refs: checks.References
    keep: Keep | None


_SCAN: _MeasureScan | None = None


#: What a scan yields: problems, and the kept records as (file, data) pairs.
_Scanned = tuple[list[Problem], list[tuple[str, dict[str, Any]]]]


def _scan_measures(records: list[RecordFile]) -> _Scanned:
    scan = _SCAN
    assert scan is not None, "_SCAN is set before measures are scanned"
    problems: list[Problem] = []
    kept: list[tuple[str, dict[str, Any]]] = []
    with _no_cyclic_gc():
        for record in records:
            _scan_one(scan, record, problems, kept)
    return problems, kept


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built.

    Records are trees (no reference cycles), yet building 10,000s of them triggers
    full collections that re-scan every live object: about a fifth of the run time.
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scan_one(
    scan: _MeasureScan, record: RecordFile, problems: list[Problem], kept: list[tuple[str, dict[str, Any]]]
) -> None:
    """Check one measure file. For a query (``keep`` set), a record that parses but does
    not match is not checked any further: it is not shown either way, and schema and
    reference checks are most of the time a record costs. So a query warns about the
    invalid records it would have shown, not about every invalid file."""
    keep = scan.keep
    if keep is not None and keep.needles:
        try:
            raw = read_bytes(record)
        except LoadProblem as error:
            problems.append(error.problem)
            return
        if not keep.may_match(raw):
            return
        document, found = parse_record(record, raw)
    else:
        document, found = parse_record(record)
    if document is None or found:
        problems += found
        return
    if keep is not None and not _matches(keep.test, document.data):
        return
    found = check_document(record, document, scan.validator, scan.schema, scan.refs)
    if found:
        problems += found
        if any(p.severity is Severity.ERROR for p in found):
            return
    if scan.keep is not None:
        kept.append((record.rel, document.data))


def _matches(keep: Predicate, data: dict[str, Any]) -> bool:
    """Whether ``keep`` wants ``data``; data too malformed for the test counts as a
    match, so the full check reports what is wrong with it."""
    try:
        return keep(data)
    except Exception:
        return True


def _jobs(count: int) -> int:
    setting = os.environ.get(JOBS_ENV, "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    if count < PARALLEL_THRESHOLD:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _scan_in_worker(records: list[RecordFile]) -> tuple[list[Problem], list[tuple[str, str]]]:
    """:func:`_scan_measures` in a worker process: kept records go back as JSON text."""
    problems, kept = _scan_measures(records)
    return problems, [(file, encode_json(data)) for file, data in kept]


def _run(records: list[RecordFile]) -> Iterator[tuple[list[Problem], list[Measure]]]:
    """Scan measures, in worker processes where there are many and ``fork`` exists."""
    jobs = _jobs(len(records))
    if jobs > 1:
        import multiprocessing  # only here: importing it costs a small repository's run 2 ms

        if "fork" in multiprocessing.get_all_start_methods():
            size = max(50, len(records) // (jobs * 8))
            chunks = [records[i : i + size] for i in range(0, len(records), size)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for problems, kept in pool.imap(_scan_in_worker, chunks):
                    yield problems, [Measure(file, json_text=text) for file, text in kept]
            return
    problems, decoded = _scan_measures(records)
    yield problems, [Measure(file, data) for file, data in decoded]


def _read_vocabularies(catalogue: Catalogue, wanted: Callable[[RecordFile], bool]) -> checks.References:
    """Read and check vocabularies and fields into ``catalogue``; the References
    measures are checked against. Problems are kept for ``wanted`` files, and for
    any that cannot be read at all (they keep others from being checked)."""
    root, layout = catalogue.root, catalogue.layout
    known: dict[str, frozenset[str] | None] = {}
    for record in [*layout.vocabularies.values(), *layout.fields]:
        path = schema_file(root, record.kind)
        document, found = check_record(record, validator(path), schema_for(path), None)
        broken = document is None or any(p.code == "unsupported-version" for p in found)
        if wanted(record) or broken:
            catalogue.problems += found
            catalogue.checked.append(record.rel)
        if record.kind == "field":
            if document is not None and isinstance(document.data.get("id"), str):
                catalogue.fields[document.data["id"]] = document.data
        else:
            catalogue.vocabularies[record.kind] = entries(document.data if document is not None else None)
            known[record.kind] = None if broken else frozenset(catalogue.vocabularies[record.kind])
    for kind in VOCABULARIES.values():
        catalogue.vocabularies.setdefault(kind, {})
    return checks.References(
        fields=frozenset(record.stem for record in layout.fields),
        target_groups=known.get("target-groups"),
        actors=known.get("actors"),
        districts=known.get("districts"),
        measures=frozenset(layout.measure_ids()),
    )


def _changes_shared(layout: Layout, only: set[str]) -> bool:
    """True when ``only`` names a file other records depend on (a vocabulary, a field,
    a schema): a change there can break any measure, so all must be checked."""
    shared = {record.rel for record in [*layout.vocabularies.values(), *layout.fields]}
    return any(rel in shared or rel.startswith("schemas/") for rel in only)


@dataclass(slots=True)
class _Context:
    """What checking a text needs from the repository: the references and the
    problems of the files every record depends on."""

    refs: checks.References
    shared: list[Problem]

    @classmethod
    def read(cls, root: Path) -> _Context:
        catalogue = Catalogue(root, scan(root))
        refs = _read_vocabularies(catalogue, lambda _record: False)
        return cls(refs, [p for p in catalogue.problems if p.severity is Severity.ERROR])


#: Contexts kept while :func:`reusing_context` is active, by repository root.
_CONTEXTS: dict[Path, _Context] = {}


@contextmanager
def reusing_context(root: Path) -> Iterator[None]:
    """Within this block, :func:`check_text` reads ``root``'s file list, vocabularies
    and fields once, not for every text: an import checks every row before it writes
    anything, and the repository does not change in between. Outside it, every check
    reads the repository afresh."""
    _CONTEXTS[root] = _Context.read(root)
    try:
        yield
    finally:
        del _CONTEXTS[root]


def check_text(root: Path, record: RecordFile, raw: bytes) -> list[Problem]:
    """Check content meant for ``record`` before it is written (authoring, import):
    schema and references against the whole repository, as ``integ validate`` would."""
    context = _CONTEXTS.get(root) or _Context.read(root)
    refs = context.refs
    refs = replace(refs, measures=refs.measures | {record.stem}) if record.kind == "measure" else refs
    path = schema_file(root, record.kind)
    return check_record(record, validator(path), schema_for(path), refs, raw=raw)[1] + context.shared


def load_catalogue(
    root: Path,
    *,
    only: set[str] | None = None,
    select: Selector | None = None,
) -> Catalogue:
    """Check the repository at ``root`` and return its valid records and all problems.

    ``only`` limits the report to these files (paths relative to ``root``); their
    references are still checked against the whole repository. ``select`` chooses
    the valid measures to return (none when omitted: validation needs no records);
    it is called once the vocabularies are read and returns the per-record test.
    """
    global _SCAN
    layout = scan(root)
    catalogue = Catalogue(root, layout, problems=list(layout.problems))

    if only is not None and _changes_shared(layout, only):
        only = None

    def wanted(record: RecordFile) -> bool:
        return only is None or record.rel in only

    refs = _read_vocabularies(catalogue, wanted)
    measures = [record for record in layout.measures if wanted(record)]
    path = schema_file(root, "measure")
    chosen = select(catalogue) if select is not None else None
    keep = chosen if isinstance(chosen, Keep) or chosen is None else Keep(chosen)
    _SCAN = _MeasureScan(validator(path), schema_for(path), refs, keep)
    try:
        with _no_cyclic_gc():
            for problems, kept in _run(measures):
                catalogue.problems += problems
                catalogue.measures += kept
    finally:
        _SCAN = None
    catalogue.checked += [record.rel for record in measures]
    catalogue.problems += unnamed(root, catalogue.codelists)
    if only is not None:
        catalogue.problems = [p for p in catalogue.problems if p.file in only or p.code != "stray-file"]
    catalogue.problems.sort(key=Problem.sort_key)
    return catalogue
