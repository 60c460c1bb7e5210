"""Checking and exporting every city of a federation, the cities in parallel processes.

:func:`prepare` settles, in this process, what each city is: its municipality key
(the federation file's, else its ``data/concept.yaml``'s, else its folder's name) and
the commit it is read at, so that duplicate keys and unknown revisions are told before
any work starts. :func:`run` then hands each city to a worker process
(:mod:`concurrent.futures`): it reads the city's repository (at a revision: the files
of that commit, in a temporary folder), checks it as ``integ validate`` does, checks the
federation file's mapping against the city's vocabularies and, for an export, writes
the city's own partition of every Parquet table. A city's partition is written by its
own worker, so the export's memory does not grow with the number of cities.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from integ_cli.errors import IntegError
from integ_cli.federation.config import City, Federation, FederationFileError
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity
from integ_cli.tables import source

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue

#: What a checked-out revision needs: the vocabularies, the records and the schemas.
FOLDERS = ("data", "data/measures", "data/fields", "schemas")


@dataclass(frozen=True, slots=True)
class Member:
    """A city as the federation reads it: key settled, revision resolved to a commit."""

    city: City
    key: str
    origin: str
    commit: str | None

    @property
    def label(self) -> str:
        """How messages name the city: ``Aachen (05334002)``."""
        return self.key if self.city.label == self.key else f"{self.city.label} ({self.key})"


@dataclass(frozen=True, slots=True)
class Task:
    """What to do with each city: check it, and write its tables into ``output`` if given."""

    file: str
    output: Path | None = None
    fmt: str = "parquet"
    internal: bool = False


@dataclass(slots=True)
class Outcome:
    """What one city's worker found (and, for JSON Lines, the text of each table)."""

    label: str
    key: str
    commit: str | None
    problems: list[Problem] = field(default_factory=list)
    #: What is wrong with the federation file's mapping for this city.
    mapping: list[Problem] = field(default_factory=list)
    checked: int = 0
    measures: int = 0
    error: str | None = None
    jsonl: dict[str, str] = field(default_factory=dict)

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


def prepare(federation: Federation) -> list[Member]:
    """Every city with its key and commit; a FederationFileError for a key two cities
    share, and for a revision git cannot resolve (each named with its city)."""
    members: list[Member] = []
    problems: list[str] = []
    for city in federation.cities:
        try:
            commit = _commit(city)
        except IntegError as error:
            problems.append(_("{city}: {reason}").format(city=city.label, reason=error))
            continue
        if city.key is not None:
            members.append(Member(city, city.key, "given", commit))
            continue
        found = _concept_at(city, commit)
        key, origin = (found[0], "concept") if found is not None else (source.municipality(city.root).key, "folder")
        members.append(Member(city, key, origin, commit))
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
    """Check one city (and write its tables, for an export): runs in a worker process."""
    from integ_cli.checking.catalogue import load_catalogue
    from integ_cli.checking.measure import select_all

    outcome = Outcome(member.label, member.key, member.commit)
    try:
        with checkout(member) as root:
            catalogue = load_catalogue(root, select=select_all if task.output is not None else None)
            groups = set(catalogue.vocabularies.get("target-groups", {}))
            outcome.problems = catalogue.problems
            outcome.mapping = _mapping_problems(member, set(catalogue.fields), groups, task.file)
            outcome.checked = len(catalogue.checked)
            if task.output is not None:
                _export(member, task, catalogue, outcome)
    except IntegError as error:
        outcome.error = str(error)
    return outcome


def _export(member: Member, task: Task, catalogue: Catalogue, outcome: Outcome) -> None:
    from integ_cli.tables.rows import IdMap, Origin, catalogue_rows
    from integ_cli.tables.write import jsonl, write_partitions, writing

    mapping = IdMap({table: dict(pairs) for table, pairs in member.city.mapping.items()})
    origin = Origin(member.key, member.commit)
    tables = catalogue_rows(catalogue, origin, internal=task.internal, mapping=mapping)
    outcome.measures = len(tables["measures"])
    assert task.output is not None
    if task.fmt == "parquet":
        with writing(task.output):
            write_partitions(tables, task.output, [member.key])
    else:
        outcome.jsonl = {name: jsonl(name, rows) for name, rows in tables.items()}


def _worker_start() -> None:
    """In each worker process: the cities are the parallel work, so a city's measures
    are checked in the worker itself, not in a pool of its own (``INTEG_JOBS``)."""
    from integ_cli.checking.scan import JOBS_ENV

    os.environ[JOBS_ENV] = "1"


def jobs(count: int, asked: int | None = None) -> int:
    """How many worker processes: as asked, else one per processor, never more than cities."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(count, asked or cores))


def run(members: list[Member], task: Task, workers: int) -> list[Outcome]:
    """Every city's outcome, in the federation file's order; with one worker, in this
    process (where a city's measures may still be checked in parallel)."""
    if workers <= 1:
        return [work(member, task) for member in members]
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start) as pool:
        return list(pool.map(work, members, [task] * len(members)))
