"""Checking, reporting on and exporting every city of a federation, the cities in
parallel processes.

:func:`prepare` settles what each city is: its municipality key (the federation
file's, else its ``data/concept.yaml``'s, else its folder's name) and the commit it is
read at. That takes a few git calls per city, so it runs in the worker processes too
(:class:`Workers`); the main process then tells duplicate keys and unknown revisions
before any work starts. :func:`run` hands each city to a worker process of the same
pool: it reads the city's repository (at a revision: the files of that commit, in a
temporary folder), checks it as ``integ validate`` does, checks the federation file's
mapping against the city's vocabularies and, for an export, writes the city's own
partition of every Parquet table; for a report, it works out the city's part of the
report (:mod:`integ_cli.federation.report`). A city's partition is written by its own
worker, so the export's memory does not grow with the number of cities.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from integ_cli.errors import IntegError
from integ_cli.federation.config import City, Federation, FederationFileError
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity
from integ_cli.tables import source

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Measure
    from integ_cli.federation.report import CityReport
    from integ_cli.tables.rows import Tables

In = TypeVar("In")
Out = TypeVar("Out")

#: What a checked-out revision needs: the vocabularies, the records and the schemas.
FOLDERS = ("data", "data/measures", "data/fields", "schemas")


@dataclass(frozen=True, slots=True)
class Member:
    """A city as the federation reads it: key settled, revision resolved to a commit."""

    city: City
    key: str
    origin: str
    commit: str | None
    #: The city's name in its ``data/concept.yaml``, where its key came from there.
    concept_name: str | None = None

    @property
    def label(self) -> str:
        """How messages name the city: ``Aachen (05334002)``."""
        return self.key if self.city.label == self.key else f"{self.city.label} ({self.key})"


@dataclass(frozen=True, slots=True)
class Task:
    """What to do with each city: check it, write its tables into ``output`` if given,
    and work out its part of the report as of ``report`` if given."""

    file: str
    output: Path | None = None
    fmt: str = "parquet"
    internal: bool = False
    report: dt.date | None = None


@dataclass(slots=True)
class Outcome:
    """What one city's worker found (and, for JSON Lines, the folder of its tables' files)."""

    label: str
    key: str
    commit: str | None
    problems: list[Problem] = field(default_factory=list)
    #: What is wrong with the federation file's mapping for this city.
    mapping: list[Problem] = field(default_factory=list)
    checked: int = 0
    measures: int = 0
    error: str | None = None
    #: The temporary folder of the city's JSON Lines, a file a table (:func:`_jsonl`).
    jsonl: str | None = None
    report: CityReport | None = None

    @property
    def errors(self) -> int:
        """Errors in the city's repository and in its mapping."""
        return sum(1 for p in [*self.problems, *self.mapping] if p.severity is Severity.ERROR)

    def invalid_files(self) -> list[str]:
        """The city's files with errors (their records are left out of an export)."""
        return sorted({p.file for p in self.problems if p.severity is Severity.ERROR})


def _commit(city: City) -> str | None:
    from integ_cli.history import git

    if city.revision is None:
        return source.revision(city.root)
    return git.resolve(git.open_repo(city.root), city.revision).sha


def _concept_at(city: City, commit: str | None) -> tuple[str, str] | None:
    """The concept record's key at the city's revision (the working tree's without one)."""
    if city.revision is None or commit is None:
        return source.concept_municipality(city.root)
    from integ_cli.history import git

    repo = git.open_repo(city.root)
    where = git.spec(repo, commit, source.CONCEPT)
    raw = git.read_blobs(repo, [where]).get(where)
    return source.concept_key(raw) if raw is not None else None


def settle(city: City) -> Member | str:
    """The city with its key and commit, or what is wrong with its revision (told
    with its city): runs in a worker process."""
    try:
        commit = _commit(city)
    except IntegError as error:
        return _("{city}: {reason}").format(city=city.label, reason=error)
    if city.key is not None:
        return Member(city, city.key, "given", commit)
    found = _concept_at(city, commit)
    if found is not None:
        return Member(city, found[0], "concept", commit, found[1])
    return Member(city, source.municipality(city.root).key, "folder", commit)


def prepare(federation: Federation, workers: Workers | int = 1) -> list[Member]:
    """Every city with its key and commit (settled by ``workers``); a
    FederationFileError for a key two cities share, and for a revision git cannot
    resolve (each named with its city)."""
    settled = _each(workers, settle, federation.cities)
    members = [found for found in settled if isinstance(found, Member)]
    problems = [found for found in settled if isinstance(found, str)]
    keys: dict[str, Member] = {}
    for member in members:
        if member.key in keys:
            message = _("{city} and {other} both have the municipality key '{key}'; give each its own 'key:' in {file}")
            problems.append(
                message.format(
                    city=keys[member.key].city.label, other=member.city.label, key=member.key, file=federation.file
                )
            )
        keys.setdefault(member.key, member)
    if problems:
        raise FederationFileError("\n".join(problems))
    return members


@contextlib.contextmanager
def checkout(member: Member) -> Iterator[Path]:
    """The folder to read the city from: its own, or the files of its revision in a
    temporary folder (removed afterwards)."""
    if member.city.revision is None or member.commit is None:
        yield member.city.root
        return
    from integ_cli.history import git

    files = git.read_tree(git.open_repo(member.city.root), member.commit, FOLDERS)
    with tempfile.TemporaryDirectory() as folder:
        for rel, raw in files.items():
            path = Path(folder) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
        yield Path(folder)


def _mapping_problems(member: Member, fields: set[str], groups: set[str], file: str) -> list[Problem]:
    """The mapped ids the city's own vocabularies do not have, at their line of the file."""
    known = {"fields": (fields, "data/fields/"), "target_groups": (groups, "data/target-groups.yaml")}
    problems = []
    for table, pairs in member.city.mapping.items():
        ids, where = known[table]
        for local in pairs:
            if local not in ids:
                message = _("maps '{local}', which {where} of {city} does not have").format(
                    local=local, where=where, city=member.label
                )
                line = member.city.lines.get((table, local))
                problems.append(Problem(file, line, 1 if line else None, "", "unknown-mapped-id", message))
    return problems


def work(member: Member, task: Task) -> Outcome:
    """Check one city (and write its tables, or count its part of the report): runs in
    a worker process."""
    from integ_cli.checking.catalogue import load_catalogue, stream_catalogue
    from integ_cli.checking.measure import select_all

    outcome = Outcome(member.label, member.key, member.commit)
    try:
        with checkout(member) as root:
            if task.output is None and task.report is None:
                catalogue = load_catalogue(root)
            else:
                catalogue, runs = stream_catalogue(root, select=select_all)
                _rows(member, task, catalogue, runs, outcome)  # the runs' problems complete once it returns
            groups = set(catalogue.vocabularies.get("target-groups", {}))
            outcome.problems = catalogue.problems
            outcome.mapping = _mapping_problems(member, set(catalogue.fields), groups, task.file)
            outcome.checked = len(catalogue.checked)
    except IntegError as error:
        outcome.error = str(error)
    return outcome


def _rows(member: Member, task: Task, catalogue: Catalogue, runs: Iterable[list[Measure]], outcome: Outcome) -> None:
    """Make the rows of the city's tables as its measures are checked, a batch at a
    time in id order (as ``integ tables`` does), and write them (export) or count them
    (report): a city's records or rows are never all held, whatever its size."""
    from integ_cli import i18n
    from integ_cli.federation.report import CityTally
    from integ_cli.query import in_id_order
    from integ_cli.tables.rows import IdMap, Origin, measure_tables, vocabulary_tables

    mapping = IdMap({table: dict(pairs) for table, pairs in member.city.mapping.items()})
    origin = Origin(member.key, member.commit)
    vocabularies = vocabulary_tables(catalogue, origin, mapping)
    tally = CityTally(vocabularies, task.report) if task.report is not None else None
    measures = in_id_order(runs, catalogue.layout.measures.ids())
    look = tally.look if tally is not None else None
    made = measure_tables(measures, origin, internal=task.internal, mapping=mapping, each=look)

    def counted() -> Iterator[Tables]:
        yield vocabularies
        for batch in made:
            outcome.measures += len(batch["measures"])
            if tally is not None:
                tally.add(batch)
            yield batch

    if task.output is None:
        for _batch in counted():
            pass
    else:
        from integ_cli.tables.write import stream_partition, writing

        with writing(task.output):  # a failed write (also of the JSON Lines' temporary files) is told in one line
            if task.fmt == "parquet":
                stream_partition(counted(), task.output, member.key)
            else:
                outcome.jsonl = _jsonl(counted())
    if tally is not None:
        codelist = catalogue.codelists["source"]
        sources = {code: codelist.name(code, i18n.current()) for code in codelist.codes}
        name = member.city.name or member.concept_name or member.city.label
        outcome.report = tally.report(member.key, name, member.commit, sources)


def _jsonl(chunks: Iterable[Tables]) -> str:
    """Write the city's rows as JSON Lines, each table to a file of a temporary folder
    (the main process puts the cities' files together in the federation's order and
    removes the folder): the text does not travel between the processes, nor is it held."""
    from integ_cli.tables.columns import TABLES
    from integ_cli.tables.write import jsonl

    folder = tempfile.mkdtemp(prefix="integ-city-")
    try:
        with contextlib.ExitStack() as files:
            handles = {
                name: files.enter_context((Path(folder) / f"{name}.jsonl").open("w", encoding="utf-8"))
                for name in TABLES
            }
            for chunk in chunks:
                for name, rows in chunk.items():
                    handles[name].write(jsonl(name, rows))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _worker_start() -> None:
    """In each worker process: the cities are the parallel work, so a city's measures
    are checked in the worker itself, not in a pool of its own (``INTEG_JOBS``)."""
    from integ_cli.checking.scan import JOBS_ENV

    os.environ[JOBS_ENV] = "1"


def jobs(count: int, asked: int | None = None) -> int:
    """How many worker processes: as asked, else one per processor, never more than cities."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(count, asked or cores))


class Workers:
    """The worker processes of one command (forked where the system can): the cities'
    keys are settled and their work done by the same processes. With one worker,
    everything runs in this process (where a city's measures may still be checked in
    parallel)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: Executor | None = None

    def __enter__(self) -> Workers:
        if self.count > 1:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(max_workers=self.count, mp_context=context, initializer=_worker_start)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def map(self, function: Callable[..., Out], *items: Iterable[In]) -> list[Out]:
        """``function`` of every item (of the ``items`` side by side), in their order."""
        if self._pool is None:
            return list(map(function, *items))
        return list(self._pool.map(function, *items))


def _each(workers: Workers | int, function: Callable[..., Out], *items: Iterable[In]) -> list[Out]:
    """``workers.map``; for a number, in a pool of that many processes of its own."""
    if isinstance(workers, Workers):
        return workers.map(function, *items)
    with Workers(workers) as pool:
        return pool.map(function, *items)


def run(members: list[Member], task: Task, workers: Workers | int) -> list[Outcome]:
    """Every city's outcome, in the federation file's order."""
    return _each(workers, work, members, [task] * len(members))
