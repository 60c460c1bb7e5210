"""Checking many measure files: one by one without keeping their node trees, and in
worker processes (``fork``) where there are enough to pay for them. What each worker
needs is set once before the workers fork (:func:`scanning`), so nothing is pickled on
the way in; kept records come back as JSON text.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from integ_cli.checking import record as records
from integ_cli.checking import rules as checks
from integ_cli.checking.measure import Keep, Measure, Predicate, Tally, encode_json
from integ_cli.concept.succession import SUPERSEDED_BY, SUPERSEDES
from integ_cli.files.loading import LoadProblem
from integ_cli.files.repository import RecordFile
from integ_cli.problems import Problem, Severity

#: Below this many measure files, one process is faster than starting workers.
PARALLEL_THRESHOLD = 400
#: The most measure files a worker scans before it sends what it found: its results
#: wait in its memory until then (and its heap stays as large as they made it), so the
#: workers' memory is bounded whatever the size of the repository.
CHUNK_LIMIT = 1000
#: Environment variable that sets the number of worker processes (1 = no workers).
JOBS_ENV = "INTEG_JOBS"


@dataclass(slots=True)
class MeasureScan:
    """What a worker needs; set before workers fork, so nothing is pickled."""

    validator: Any
    schema: dict[str, Any]
    refs: checks.References
    keep: Keep | None
    #: Set for ``integ validate``'s cache (with no ``keep``): each file is read once and
    #: its own result kept (:class:`FileResult`), with the digest this gives its bytes.
    #: ``refs.measures`` is then :class:`~integ_cli.checking.rules.EveryMeasure`: links
    #: to other measures are checked apart, so the result depends on the file alone.
    digest: Callable[[bytes], str] | None = None
    #: Bytes of files read already (to take their digest), by file: not read again.
    raws: Mapping[str, bytes] | None = None


class FileResult(NamedTuple):
    """One measure file's own result (:attr:`MeasureScan.digest`): the digest of the
    bytes checked (``None`` where they could not be read), their problems, whether the
    record is valid on its own, and its links to other measures where it reached the
    checks and has any. A named tuple: thousands are built and sent on a run."""

    rel: str
    digest: str | None
    problems: tuple[Problem, ...]
    valid: bool
    links: dict[str, Any] | None


_SCAN: MeasureScan | None = None


#: The keys that link a measure to its predecessor and successor across editions.
LINK_KEYS = (SUPERSEDES, SUPERSEDED_BY)
#: A record as (file, data): a kept record's data, or a linked record's links only.
_Pair = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class Scanned:
    """What scanning a run of measure files gives: the problems, the kept records, the
    links of the valid records that have any, and which records are valid.

    The succession check needs the links and, of the measures they name, whether each
    is valid; a measure with no link and not named by one plays no part in it. So a
    valid record costs one byte of ``valid`` here (1 where the record at that place in
    the files scanned is valid, 0 where it is not or was not checked), not an entry."""

    problems: list[Problem]
    kept: list[_Pair]
    links: list[_Pair]
    valid: bytearray
    #: In a worker process, the kept records as JSON text (``kept`` stays empty): each
    #: record's data is encoded as soon as it is checked, and let go.
    sent: list[tuple[str, str]] | None = None
    #: Each file's own result, where :attr:`MeasureScan.digest` asks for them.
    results: list[FileResult] = field(default_factory=list)
    #: Where the selection folds (:attr:`Keep.fold`), what the kept records counted
    #: (``kept`` and ``sent`` stay empty): in a worker, a tally of its run alone.
    tally: Tally | None = None
    #: The kept records' texts where the selection shapes them (:attr:`Keep.shape`), in
    #: place of ``kept`` and ``sent``: sent as they are.
    shaped: list[tuple[str, str]] = field(default_factory=list)


def _scan_measures(records: Sequence[RecordFile], *, as_json: bool = False) -> Scanned:
    scan = _SCAN
    assert scan is not None, "_SCAN is set before measures are scanned"
    scanned = Scanned([], [], [], bytearray(len(records)), [] if as_json else None)
    if scan.keep is not None and scan.keep.fold is not None:
        scanned.tally = scan.keep.fold.empty() if as_json else scan.keep.fold
    with no_cyclic_gc():
        for place, record in enumerate(records):
            _scan_one(scan, record, place, scanned)
    return scanned


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
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


def _scan_one(scan: MeasureScan, record: RecordFile, place: int, scanned: Scanned) -> None:
    """Check one measure file. For a query (``keep`` set), a record that parses but does
    not match is not checked any further: it is not shown either way, and schema and
    reference checks are most of the time a record costs. So a query warns about the
    invalid records it would have shown, not about every invalid file."""
    if scan.digest is not None:
        _scan_own(scan, scan.digest, record, place, scanned)
        return
    keep = scan.keep
    problems = scanned.problems
    if keep is not None and keep.needles:
        try:
            raw = records.read_bytes(record)
        except LoadProblem as error:
            problems.append(error.problem)
            return
        if not keep.may_match(raw):
            return
        document, found = records.parse_record(record, raw)
    else:
        document, found = records.parse_record(record)
    if document is None or found:
        problems += found
        return
    if keep is not None and not _matches(keep.test, document.data):
        return
    found = records.check_document(record, document, scan.validator, scan.schema, scan.refs)
    if found:
        problems += found
        if any(p.severity is Severity.ERROR for p in found):
            return
    data = document.data
    scanned.valid[place] = 1
    if SUPERSEDES in data or SUPERSEDED_BY in data:
        scanned.links.append((record.rel, {key: data[key] for key in LINK_KEYS if key in data}))
    if keep is not None:
        chosen = data if keep.keys is None else {k: v for k, v in data.items() if k in keep.keys}
        if scanned.tally is not None:
            scanned.tally.add(chosen)
        elif keep.shape is not None:  # its text, as the shape wrote it, in or out of a worker
            scanned.shaped.append((record.rel, keep.shape(record.rel, chosen)))
        elif scanned.sent is None:
            scanned.kept.append((record.rel, chosen))
        else:
            scanned.sent.append((record.rel, encode_json(chosen)))


def _scan_own(
    scan: MeasureScan, digest: Callable[[bytes], str], record: RecordFile, place: int, scanned: Scanned
) -> None:
    """Check one measure file for ``integ validate``'s cache: read it once (or take the
    bytes read for its digest), and keep its result with the digest of those bytes."""
    raw = scan.raws.get(record.rel) if scan.raws is not None else None
    if raw is None:
        try:
            raw = records.read_bytes(record)
        except LoadProblem as error:
            scanned.problems.append(error.problem)
            scanned.results.append(FileResult(record.rel, None, (error.problem,), False, None))
            return
    document, found = records.parse_record(record, raw)
    valid, links = False, None
    if document is not None and not found:
        found = records.check_document(record, document, scan.validator, scan.schema, scan.refs)
        data = document.data
        links = {key: data[key] for key in LINK_KEYS if key in data} or None
        valid = not any(p.severity is Severity.ERROR for p in found)
        if valid:
            scanned.valid[place] = 1
            if links is not None:
                scanned.links.append((record.rel, links))
    scanned.problems += found
    scanned.results.append(FileResult(record.rel, digest(raw), tuple(found), valid, links))


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


#: What a worker sends back: :class:`Scanned` with the kept records as JSON text, each
#: file's own result, and its run's tally where the selection folds.
_Sent = tuple[list[Problem], list[tuple[str, str]], list[_Pair], bytes, list[FileResult], Tally | None]


def _scan_in_worker(records: Sequence[RecordFile]) -> _Sent:
    """:func:`_scan_measures` in a worker process: kept records go back as JSON text
    (the links are a few short strings a record, and rare)."""
    scanned = _scan_measures(records, as_json=True)
    assert scanned.sent is not None
    return (
        scanned.problems,
        scanned.sent or scanned.shaped,
        scanned.links,
        bytes(scanned.valid),
        scanned.results,
        scanned.tally,
    )


#: What :func:`run` yields for each run of files, in order: problems, the kept records,
#: the valid records with links (their links only), the valid-flags of :class:`Scanned`
#: and the files' own results (where :attr:`MeasureScan.digest` asks for them).
Result = tuple[list[Problem], list[Measure], list[Measure], bytes, list[FileResult]]


def run(records: Sequence[RecordFile]) -> Iterator[Result]:
    """Scan measures, in worker processes where there are many and ``fork`` exists.

    Each run's results are yielded as they arrive, so the caller can take what it needs
    and let the rest go (a worker's result is dropped once the next is asked for); a
    selection with :attr:`Keep.take` gets the kept records here, as each run arrives."""
    jobs = _jobs(len(records))
    if jobs > 1:
        import multiprocessing  # only here: importing it costs a small repository's run 2 ms

        if "fork" in multiprocessing.get_all_start_methods():
            keep = _SCAN.keep if _SCAN is not None else None
            limit = keep.batch if keep is not None and keep.batch else CHUNK_LIMIT
            size = min(limit, max(50, len(records) // (jobs * 8)))
            chunks = (records[i : i + size] for i in range(0, len(records), size))
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                shaped = _SCAN is not None and _SCAN.keep is not None and _SCAN.keep.shape is not None
                for problems, kept, links, valid, results, tally in pool.imap(_scan_in_worker, chunks):
                    if tally is not None:
                        _merged(tally)
                    measures = [
                        Measure(file, text=text) if shaped else Measure(file, json_text=text) for file, text in kept
                    ]
                    yield problems, _taken(measures), _linked(links), valid, results
            return
    scanned = _scan_measures(records)
    kept_measures = [Measure(file, data) for file, data in scanned.kept]
    kept_measures += [Measure(file, text=text) for file, text in scanned.shaped]
    yield scanned.problems, _taken(kept_measures), _linked(scanned.links), bytes(scanned.valid), scanned.results


def _taken(kept: list[Measure]) -> list[Measure]:
    """The kept records for the caller to hold; none where the selection takes each as it
    arrives (:attr:`Keep.take`), in file order, runs being yielded in order."""
    keep = _SCAN.keep if _SCAN is not None else None
    if keep is None or keep.take is None:
        return kept
    for measure in kept:
        keep.take(measure)
    return []


def _merged(tally: Tally) -> None:
    """Merge a worker's tally into the selection's (:attr:`Keep.fold`), runs in order."""
    keep = _SCAN.keep if _SCAN is not None else None
    assert keep is not None and keep.fold is not None, "only a folding selection has workers send tallies"
    keep.fold.merge(tally)


def _linked(links: list[_Pair]) -> list[Measure]:
    return [Measure(file, data) for file, data in links]


@contextmanager
def scanning(scan: MeasureScan) -> Iterator[None]:
    """Within this block, :func:`run` checks measures with ``scan``'s schema, references
    and selection (workers forked inside it inherit them)."""
    global _SCAN
    _SCAN = scan
    try:
        with no_cyclic_gc():
            yield
    finally:
        _SCAN = None
