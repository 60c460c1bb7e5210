"""Checking many measure files: one by one without keeping their node trees, and in
worker processes (``fork``) where there are enough to pay for them. What each worker
needs is set once before the workers fork (:func:`scanning`), so nothing is pickled on
the way in; kept records come back as JSON text.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from integ_cli.checking import record as records
from integ_cli.checking import rules as checks
from integ_cli.checking.measure import Keep, Measure, Predicate, encode_json
from integ_cli.concept.succession import SUPERSEDED_BY, SUPERSEDES
from integ_cli.files.loading import LoadProblem
from integ_cli.files.repository import RecordFile
from integ_cli.problems import Problem, Severity

#: Below this many measure files, one process is faster than starting workers.
PARALLEL_THRESHOLD = 400
#: Environment variable that sets the number of worker processes (1 = no workers).
JOBS_ENV = "INTEG_JOBS"


@dataclass(slots=True)
class MeasureScan:
    """What a worker needs; set before workers fork, so nothing is pickled."""

    validator: Any
    schema: dict[str, Any]
    refs: checks.References
    keep: Keep | None


_SCAN: MeasureScan | None = None


#: The keys that link a measure to its predecessor and successor across editions.
LINK_KEYS = (SUPERSEDES, SUPERSEDED_BY)
#: A record as (file, data): a kept record's data, or a valid one's links only.
_Pair = tuple[str, dict[str, Any]]
#: What a scan yields: problems, the kept records, and every valid record's links
#: (the succession check needs each valid measure's id and links, never its node tree).
_Scanned = tuple[list[Problem], list[_Pair], list[_Pair]]


def _scan_measures(records: list[RecordFile]) -> _Scanned:
    scan = _SCAN
    assert scan is not None, "_SCAN is set before measures are scanned"
    problems: list[Problem] = []
    kept: list[_Pair] = []
    links: list[_Pair] = []
    with no_cyclic_gc():
        for record in records:
            _scan_one(scan, record, problems, kept, links)
    return problems, kept, links


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


def _scan_one(
    scan: MeasureScan, record: RecordFile, problems: list[Problem], kept: list[_Pair], links: list[_Pair]
) -> None:
    """Check one measure file. For a query (``keep`` set), a record that parses but does
    not match is not checked any further: it is not shown either way, and schema and
    reference checks are most of the time a record costs. So a query warns about the
    invalid records it would have shown, not about every invalid file."""
    keep = scan.keep
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
    links.append((record.rel, {key: data[key] for key in LINK_KEYS if key in data}))
    if keep is not None:
        kept.append((record.rel, data if keep.keys is None else {k: v for k, v in data.items() if k in keep.keys}))


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


def _scan_in_worker(records: list[RecordFile]) -> tuple[list[Problem], list[tuple[str, str]], list[_Pair]]:
    """:func:`_scan_measures` in a worker process: kept records go back as JSON text
    (the links are a few short strings a record)."""
    problems, kept, links = _scan_measures(records)
    return problems, [(file, encode_json(data)) for file, data in kept], links


def run(records: list[RecordFile]) -> Iterator[tuple[list[Problem], list[Measure], list[Measure]]]:
    """Scan measures, in worker processes where there are many and ``fork`` exists:
    problems, the kept records, and each valid record with its links only."""
    jobs = _jobs(len(records))
    if jobs > 1:
        import multiprocessing  # only here: importing it costs a small repository's run 2 ms

        if "fork" in multiprocessing.get_all_start_methods():
            size = max(50, len(records) // (jobs * 8))
            chunks = [records[i : i + size] for i in range(0, len(records), size)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for problems, kept, links in pool.imap(_scan_in_worker, chunks):
                    yield problems, [Measure(file, json_text=text) for file, text in kept], _linked(links)
            return
    problems, decoded, links = _scan_measures(records)
    yield problems, [Measure(file, data) for file, data in decoded], _linked(links)


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
