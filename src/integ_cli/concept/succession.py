"""Succession across editions: ``supersedes`` and ``superseded_by`` checked both ways.

A measure carried into a later edition under a new id names its predecessor
(``supersedes``), and the predecessor names it (``superseded_by``). The rules:

* every link has its back-link: the other measure names this one;
* one predecessor has one successor, unless it states them all (a split: its
  ``superseded_by`` is a list naming each successor);
* following the links never comes back to where it started.

Links to ids no measure has are left to the reference check
(:func:`integ_cli.checking.rules.check_measure`, ``unknown-measure``), and so is a
measure that supersedes itself (``self-reference``). Measures arrive as the catalogue
keeps them (data, no node tree); the file of a measure with a problem is read again
to name the line, so the check costs nothing where the links are right.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from integ_cli.checking.measure import Measure
from integ_cli.files.repository import DATA, MEASURES, RecordFile
from integ_cli.i18n import _
from integ_cli.problems import Problem, format_path

#: The two keys that link a measure to its predecessor and successor.
SUPERSEDES = "supersedes"
SUPERSEDED_BY = "superseded_by"


def _ids(value: Any) -> list[str]:
    """A link's ids: one id, or (for a stated split or merge) a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


class _Finder:
    """Problems positioned in their files; a file is read only when it has one."""

    def __init__(self, root: Path, files: dict[str, str]) -> None:
        self.root = root
        self.files = files
        self.problems: list[Problem] = []

    def add(self, measure_id: str, key: str, code: str, message: str) -> None:
        # Imported here: they bring the record checks and the YAML parser, which a run
        # whose links are right (its results perhaps all from validate's cache) needs not.
        from integ_cli.checking.record import read_record
        from integ_cli.files.loading import LoadProblem, locate

        rel = self.files[measure_id]
        line = column = None
        try:
            document = read_record(RecordFile(self.root / rel, rel, "measure"))
        except LoadProblem:
            document = None  # the file changed since it was checked: name it without a line
        if document is not None:
            line, column = locate(document.root, [key])
        self.problems.append(Problem(rel, line, column, format_path([key]), code, message))


def taking_part(measures: Sequence[RecordFile], valid: bytes | bytearray, linked: list[Measure]) -> list[Measure]:
    """What :func:`check_succession` needs to see: the valid measures with links
    (``linked``), and the valid measures their links name (with no links of their own: a
    missing back-link is reported there). A measure neither linking nor named plays no
    part in the check. ``valid`` flags the records of ``measures`` by place, which are
    sorted by file."""
    have = {measure.file for measure in linked}
    named = {i for measure in linked for key in (SUPERSEDES, SUPERSEDED_BY) for i in _ids(measure.data.get(key))}
    found: list[Measure] = []
    for measure_id in sorted(named):
        rel = f"{DATA}/{MEASURES}/{measure_id}.yaml"
        place = bisect.bisect_left(measures, rel, key=lambda record: record.rel)
        if rel not in have and place < len(measures) and measures[place].rel == rel and valid[place]:
            found.append(Measure(rel, {}))
    return linked + found


def check_succession(root: Path, measures: Iterable[Measure]) -> list[Problem]:
    """The succession problems among ``measures`` (valid measures of the repository at
    ``root``, as the catalogue returns them), ordered by file and line."""
    predecessors: dict[str, list[str]] = {}  # id -> what its supersedes names
    successors: dict[str, list[str]] = {}  # id -> what its superseded_by names
    files: dict[str, str] = {}
    for measure in measures:
        files[measure.id] = measure.file
        predecessors[measure.id] = _ids(measure.data.get(SUPERSEDES))
        successors[measure.id] = _ids(measure.data.get(SUPERSEDED_BY))
    finder = _Finder(root, files)
    _back_links(finder, predecessors, successors)
    _several(finder, predecessors, successors)
    _cycles(finder, predecessors, successors)
    return sorted(finder.problems, key=Problem.sort_key)


def _back_links(finder: _Finder, predecessors: dict[str, list[str]], successors: dict[str, list[str]]) -> None:
    """Each link has its back-link, reported where it is missing (that file needs the fix)."""
    for measure_id, earlier in predecessors.items():
        for predecessor in earlier:
            if predecessor == measure_id or predecessor not in successors:
                continue  # self-reference and unknown-measure are reported by the reference check
            named = successors[predecessor]
            if measure_id in named:
                continue
            if named:
                message = _(
                    "'{successor}' supersedes this measure, but superseded_by names {named}; "
                    "make the two measures name each other"
                ).format(successor=measure_id, named=", ".join(f"'{n}'" for n in named))
                finder.add(predecessor, SUPERSEDED_BY, "succession-mismatch", message)
            else:
                message = _("'{successor}' supersedes this measure; add superseded_by: {successor}")
                finder.add(predecessor, SUPERSEDED_BY, "succession-back-link", message.format(successor=measure_id))
    for measure_id, later in successors.items():
        for successor in later:
            if successor == measure_id:
                finder.add(measure_id, SUPERSEDED_BY, "self-reference", _("a measure cannot supersede itself"))
                continue
            if successor not in predecessors or measure_id in predecessors[successor]:
                continue
            named = predecessors[successor]
            if named:
                message = _(
                    "superseded_by names '{successor}', which supersedes {named}; make the two measures name each other"
                ).format(successor=successor, named=", ".join(f"'{n}'" for n in named))
                finder.add(measure_id, SUPERSEDED_BY, "succession-mismatch", message)
            else:
                message = _("this measure is named as the successor of '{predecessor}'; add supersedes: {predecessor}")
                finder.add(successor, SUPERSEDES, "succession-back-link", message.format(predecessor=measure_id))


def _several(finder: _Finder, predecessors: dict[str, list[str]], successors: dict[str, list[str]]) -> None:
    """A predecessor claimed by several successors must state them all (a split)."""
    claimed: dict[str, list[str]] = {}
    for measure_id, earlier in predecessors.items():
        for predecessor in earlier:
            if predecessor != measure_id and predecessor in successors:
                claimed.setdefault(predecessor, []).append(measure_id)
    for predecessor, claimants in claimed.items():
        if len(claimants) > 1 and not set(claimants) <= set(successors[predecessor]):
            message = _(
                "{count} measures supersede this one ({claimants}); a measure has one successor, "
                "unless its superseded_by lists each of them"
            ).format(count=len(claimants), claimants=", ".join(sorted(claimants)))
            finder.add(predecessor, SUPERSEDED_BY, "succession-several", message)


def _cycles(finder: _Finder, predecessors: dict[str, list[str]], successors: dict[str, list[str]]) -> None:
    """One problem per cycle of predecessor -> successor links, at its first member by id."""
    later: dict[str, set[str]] = {measure_id: set() for measure_id in successors}
    for measure_id, earlier in predecessors.items():
        for predecessor in earlier:
            if predecessor in later:
                later[predecessor].add(measure_id)
    for measure_id, named in successors.items():
        later[measure_id].update(n for n in named if n in later)
    for measure_id, following in later.items():
        following.discard(measure_id)  # a self-link is reported as self-reference
    done: set[str] = set()
    for start in sorted(later):
        if start in done:
            continue
        cycle = _cycle_from(start, later, done)
        if cycle:
            first = min(cycle)
            turned = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
            message = _("the measures supersede each other in a circle: {chain}").format(
                chain=" -> ".join([*turned, first])
            )
            finder.add(first, SUPERSEDES if predecessors[first] else SUPERSEDED_BY, "succession-cycle", message)


def _cycle_from(start: str, later: dict[str, set[str]], done: set[str]) -> list[str]:
    """A cycle reachable from ``start`` not met before (depth first), or ``[]``."""
    path: list[str] = []
    on_path: set[str] = set()
    stack: list[tuple[str, list[str]]] = [(start, sorted(later[start]))]
    path.append(start)
    on_path.add(start)
    while stack:
        node, pending = stack[-1]
        if not pending:
            stack.pop()
            path.pop()
            on_path.discard(node)
            done.add(node)
            continue
        following = pending.pop(0)
        if following in on_path:
            cycle = path[path.index(following) :]
            done.update(path)
            return cycle
        if following not in done:
            stack.append((following, sorted(later[following])))
            path.append(following)
            on_path.add(following)
    return []
