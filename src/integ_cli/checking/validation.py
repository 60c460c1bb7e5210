"""What ``integ validate`` reports: every problem of the repository, each file's own
results taken from the cache (:mod:`integ_cli.checking.cache`) where they are known.

A file's own result (parse, schema, references to fields and vocabularies, dates,
amounts) depends on the file and the context alone. What relates measures to each other
is checked here on every run, from the list of measure files and what each result keeps:
links to measures no file has (the file is read again only then, to name the line),
succession, stray files. So a commit that adds a measure checks that one file, and a run
whose every result is known reads each file once, for its digest, and imports neither
the schema validator nor the YAML parser.

A run served from the cache reports exactly what a run checking every file reports; the
cache is not used where files are named (``integ validate PATH``: those runs check few
files already) or where it is turned off, and :func:`~integ_cli.checking.catalogue.load_catalogue`
does the work as for every other command.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from integ_cli.checking.cache import RAW_BUDGET, Entry, Shared, Store, bytes_digest, ids_only, open_store, read_file
from integ_cli.files.repository import Layout, RecordFile, scan
from integ_cli.problems import Problem, Severity


class Validation(NamedTuple):
    """What a run found: every problem, in order, and the files checked."""

    problems: list[Problem]
    checked: list[str]

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.severity is Severity.ERROR for p in self.problems)


def validate(root: Path, *, only: set[str] | None = None, cache: bool = True) -> Validation:
    """Check the repository at ``root``: every file, or those ``only`` names (paths
    relative to ``root``, their references still checked against the whole repository).
    With ``cache``, a whole-repository run reuses and keeps each file's own result."""
    if cache and only is None:
        layout = scan(root)
        store = open_store(root, layout)
        if store is not None:
            return _with_store(root, layout, store)
    from integ_cli.checking.catalogue import load_catalogue

    catalogue = load_catalogue(root, only=only)
    return Validation(catalogue.problems, catalogue.checked)


def _with_store(root: Path, layout: Layout, store: Store) -> Validation:
    """:func:`validate` with the results ``store`` holds; it keeps this run's."""
    measures = layout.measures
    entries: list[Entry | None] = [None] * len(measures)
    raws: dict[str, bytes] = {}
    if store.shared is not None:  # the context is unchanged: look for each file's result
        budget = RAW_BUDGET
        for place, record in enumerate(measures):
            raw = read_file(record.where)
            if raw is None:
                continue  # checked afresh, which says what is wrong with it
            entry = store.known.get(record.rel)
            if entry is not None and entry.digest == bytes_digest(raw):
                entries[place] = entry
                store.keep(record.rel, entry)
            elif len(raw) <= budget:
                raws[record.rel] = raw
                budget -= len(raw)
    shared = store.shared
    if shared is None or None in entries:
        shared = _check(root, layout, store, entries, raws)
    problems = [*layout.problems, *shared.problems]
    problems += _measures(root, layout, entries)
    problems += shared.unnamed
    problems.sort(key=Problem.sort_key)
    store.save(record.rel for record in measures)
    return Validation(problems, [*shared.checked, *(record.rel for record in measures)])


def _check(root: Path, layout: Layout, store: Store, entries: list[Entry | None], raws: dict[str, bytes]) -> Shared:
    """Check the vocabularies, fields and concept, and the measures whose ``entries``
    are not known (their bytes in ``raws`` where read already), filling ``entries`` in;
    the results of the files every measure depends on."""
    from integ_cli.checking.catalogue import Catalogue, check_concept, read_vocabularies
    from integ_cli.checking.rules import EveryMeasure
    from integ_cli.checking.scan import MeasureScan, run, scanning
    from integ_cli.checking.schema import schema_file, schema_for, validator
    from integ_cli.codelists import of_repository, unnamed

    catalogue = Catalogue(root, layout)
    refs = replace(read_vocabularies(catalogue, lambda _record: True, raws=store.raws), measures=EveryMeasure())
    check_concept(catalogue, None)
    shared = store.shared
    if shared is None:
        found = tuple(unnamed(root, of_repository(root)))
        shared = Shared(tuple(catalogue.problems), tuple(catalogue.checked), found)
        store.keep_shared(shared)
    path = schema_file(root, "measure")
    places = [place for place, entry in enumerate(entries) if entry is None]
    missed = [layout.measures[place] for place in places]
    order = iter(places)
    with scanning(MeasureScan(validator(path), schema_for(path), refs, None, digest=bytes_digest, raws=raws)):
        for *_found, results in run(missed):
            for result in results:
                links = ids_only(result.links) or None if result.links is not None else None
                entry = Entry(result.digest or "", result.problems, result.valid, links)
                entries[next(order)] = entry
                if result.digest is not None:
                    store.keep(result.rel, entry)
    return shared


def _measures(root: Path, layout: Layout, entries: list[Entry | None]) -> list[Problem]:
    """The measures' problems: each file's own, then what relates them to each other:
    links to measures no file has, and succession among the valid ones."""
    from integ_cli.checking.measure import Measure
    from integ_cli.concept.succession import check_succession, taking_part

    measures, ids = layout.measures, layout.measures.ids()
    problems: list[Problem] = []
    valid = bytearray(len(measures))
    linked: list[Measure] = []
    for place, (record, entry) in enumerate(zip(measures, entries, strict=True)):
        assert entry is not None, "every entry is known or checked by now"
        problems += entry.problems
        ok = entry.valid
        if entry.links is not None and _names_unknown(entry.links, ids):
            found = _unknown_links(record, ids)
            problems += found
            ok = ok and not found
        if ok:
            valid[place] = 1
            if entry.links is not None:
                linked.append(Measure(record.rel, entry.links))
    return problems + check_succession(root, taking_part(measures, valid, linked))


def _names_unknown(links: Mapping[str, Any], ids: AbstractSet[str]) -> bool:
    """Whether ``links`` (as kept: :func:`~integ_cli.checking.cache.ids_only`) name an id
    not among ``ids``: only then is the file read again (:func:`_unknown_links`)."""
    return any(ref not in ids for value in links.values() for ref in ([value] if isinstance(value, str) else value))


def _unknown_links(record: RecordFile, ids: AbstractSet[str]) -> list[Problem]:
    """The problems of a measure's links to ids no measure file has, at their lines: its
    file is read again for them (none where it changed so that it no longer parses; the
    next run checks it afresh)."""
    from integ_cli.checking.record import read_record
    from integ_cli.checking.rules import check_links
    from integ_cli.files.loading import LoadProblem

    try:
        document = read_record(record)
    except LoadProblem:
        return []
    return [] if document is None else check_links(record.rel, document, ids)
