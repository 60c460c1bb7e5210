"""Load and check a whole data repository: the one pipeline every command uses.

Vocabularies and action fields are small and read first; they give the
:class:`~integ_cli.checking.rules.References` every measure is checked against. Measures are
many (a state's catalogues reach 100,000), so they are checked file by file without
keeping their node trees, in parallel worker processes where that pays off, and only
the records a command asks to keep are returned.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from integ_cli.checking import rules as checks
from integ_cli.checking.measure import Keep, Measure, Selector
from integ_cli.checking.record import check_record
from integ_cli.checking.scan import MeasureScan, run, scanning
from integ_cli.checking.schema import schema_file, schema_for, validator
from integ_cli.codelists import Codelists, of_repository, unnamed
from integ_cli.concept.load import CONCEPT_FILE, load_concept
from integ_cli.concept.succession import check_succession, taking_part
from integ_cli.files.repository import DATA, FIELDS, MEASURES, VOCABULARIES, Layout, RecordFile, scan
from integ_cli.files.vocabularies import entries
from integ_cli.patterns import ID
from integ_cli.problems import Problem, Severity


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

    def vocabulary_problems(self) -> list[Problem]:
        """The errors of the vocabulary files (missing, unreadable, or against their
        schema). Every measure is checked against them, so while one is wrong the
        measures' own results say little: every reference may look unknown."""
        files = {f"{DATA}/{name}.yaml" for name in VOCABULARIES}
        return [p for p in self.problems if p.file in files and p.severity is Severity.ERROR]

    def invalid_files(self) -> list[str]:
        """Files with at least one error, in order."""
        return sorted({p.file for p in self.problems if p.severity is Severity.ERROR})


def read_vocabularies(
    catalogue: Catalogue,
    wanted: Callable[[RecordFile], bool],
    measure_ids: AbstractSet[str] | None = None,
    raws: Mapping[str, bytes] | None = None,
) -> checks.References:
    """Read and check vocabularies and fields into ``catalogue``; the References
    measures are checked against. Problems are kept for ``wanted`` files, and for
    any that cannot be read at all (they keep others from being checked). The ids of
    the measures are the layout's unless ``measure_ids`` gives them. ``raws`` are the
    bytes of files read already, by file (``integ validate`` took their digest)."""
    root, layout = catalogue.root, catalogue.layout
    known: dict[str, frozenset[str] | None] = {}
    for record in [*layout.vocabularies.values(), *layout.fields]:
        path = schema_file(root, record.kind)
        raw = raws.get(record.rel) if raws is not None else None
        document, found = check_record(record, validator(path), schema_for(path), None, raw, on_disk=True)
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
        measures=layout.measures.ids() if measure_ids is None else measure_ids,
    )


#: The files every measure depends on: its schema, the fields and the vocabularies.
_SHARED = ("schemas/", f"{DATA}/{FIELDS}/", *(f"{DATA}/{name}.yaml" for name in VOCABULARIES))


def _changes_shared(only: set[str]) -> bool:
    """True when ``only`` names a file other records depend on (a vocabulary, a field,
    a schema): a change there can break any measure, so all must be checked."""
    return any(rel.startswith(_SHARED) for rel in only)


@dataclass(slots=True)
class _Context:
    """What checking a text needs from the repository: the references and the
    problems of the files every record depends on."""

    refs: checks.References
    shared: list[Problem]

    @classmethod
    def read(cls, root: Path) -> _Context:
        """The fields and vocabularies, read and checked, and the measures' ids as
        their folder answers them (:class:`MeasureFolder`)."""
        catalogue = Catalogue(root, scan(root, measures=False))
        refs = read_vocabularies(catalogue, lambda _record: False, MeasureFolder(root))
        return cls(refs, [p for p in catalogue.problems if p.severity is Severity.ERROR])


class MeasureFolder(AbstractSet[str]):
    """The ids of the measures, as data/measures/ answers them: whether an id is known
    is one look at the folder for its file, and only listing them (for a "did you mean")
    reads the whole folder. Checking one record thus costs the same with 30 measures
    and with 100,000; ``scan`` makes a path object for each file and sorts them, to
    report stray and linked files (1.4 s at 100,000 measures).

    A record that names a measure whose file validate rejects (a link out of the
    repository, a folder named like a record) is accepted here; validate reports that
    file itself. ``extra`` are ids known besides the files (a record being created)."""

    def __init__(self, root: Path, extra: AbstractSet[str] = frozenset()) -> None:
        self.folder = root / DATA / MEASURES
        self.extra = extra

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str):
            return False
        return item in self.extra or (ID.fullmatch(item) is not None and (self.folder / f"{item}.yaml").is_file())

    def __iter__(self) -> Iterator[str]:
        try:
            names = os.listdir(self.folder)  # noqa: PTH208  (names, not a path object each)
        except OSError:
            names = []
        found = {name[:-5] for name in names if name.endswith(".yaml") and not name.startswith(".")}
        return iter(found | set(self.extra))

    def __len__(self) -> int:
        return sum(1 for _id in self)


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
    if record.kind == "measure" and record.stem not in refs.measures:  # a record being created
        refs = replace(refs, measures=MeasureFolder(root, frozenset({record.stem})))
    path = schema_file(root, record.kind)
    return check_record(record, validator(path), schema_for(path), refs, raw=raw)[1] + context.shared


def check_concept(catalogue: Catalogue, only: set[str] | None) -> None:
    """Check data/concept.yaml (where the repository has one) against the fields and
    actors just read; reported unless ``only`` names other files."""
    if only is not None and CONCEPT_FILE not in only:
        return
    loaded = load_concept(catalogue.root, fields=set(catalogue.fields), actors=set(catalogue.vocabularies["actors"]))
    catalogue.problems += loaded.problems
    if loaded.present:
        catalogue.checked.append(CONCEPT_FILE)


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
    catalogue, runs = stream_catalogue(root, only=only, select=select)
    for kept in runs:
        catalogue.measures += kept
    return catalogue


def stream_catalogue(
    root: Path,
    *,
    only: set[str] | None = None,
    select: Selector | None = None,
) -> tuple[Catalogue, Iterator[list[Measure]]]:
    """:func:`load_catalogue` for a command that uses each kept record once, as it comes
    (``integ list``): holding 100,000 records until the last is checked would be most
    of its memory. The catalogue comes with its fields and vocabularies read (and their
    problems; ``select`` has run); the iterator yields the kept records of each run of
    files in file order as the workers send them, and leaves ``catalogue.measures``
    empty. Once it is exhausted, the catalogue's problems are complete."""
    if only is not None and _changes_shared(only):
        only = None
    # Named files alone are listed; their references to other measures are looked up
    # in the folder, one file each (MeasureFolder), so checking them costs the same
    # with 30 measures and with 100,000.
    layout = scan(root, named=only)
    catalogue = Catalogue(root, layout, problems=list(layout.problems))

    def wanted(record: RecordFile) -> bool:
        return only is None or record.rel in only

    refs = read_vocabularies(catalogue, wanted, None if only is None else MeasureFolder(root))
    check_concept(catalogue, only)
    measures = layout.measures
    path = schema_file(root, "measure")
    chosen = select(catalogue) if select is not None else None
    keep = chosen if isinstance(chosen, Keep) or chosen is None else Keep(chosen)
    scanned = MeasureScan(validator(path), schema_for(path), refs, keep)
    return catalogue, _runs(catalogue, measures, scanned, only)


def _runs(
    catalogue: Catalogue, measures: Sequence[RecordFile], scanned: MeasureScan, only: set[str] | None
) -> Iterator[list[Measure]]:
    """The measures' part of :func:`stream_catalogue`: scan, yield what is kept, and
    complete the problems."""
    root = catalogue.root
    linked: list[Measure] = []
    valid = bytearray()
    with scanning(scanned):
        for problems, kept, links, flags, _results in run(measures):
            catalogue.problems += problems
            linked += links
            valid += flags
            yield kept
    catalogue.problems += check_succession(root, taking_part(measures, valid, linked))
    catalogue.checked += [record.rel for record in measures]
    catalogue.problems += unnamed(root, catalogue.codelists)
    if only is not None:
        catalogue.problems = [p for p in catalogue.problems if p.file in only or p.code != "stray-file"]
    catalogue.problems.sort(key=Problem.sort_key)
