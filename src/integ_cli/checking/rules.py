"""Rules the schemas cannot express: ids, references, dates, hierarchies.

Each function takes one loaded record and returns Problems; none reads files. The
references a measure may use are passed in as a :class:`References`, built once from
the vocabularies and the list of measure files, so checking a subset of files still
checks their references against the whole repository.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from integ_cli.checking.budget import check_budget
from integ_cli.checking.schema import SUPPORTED_VERSIONS
from integ_cli.checking.timeline import check_timeline, newest_version
from integ_cli.files.loading import Document, locate
from integ_cli.i18n import _, ngettext
from integ_cli.problems import Problem, Severity, format_path
from integ_cli.suggest import did_you_mean, known_values

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode


@dataclass(frozen=True, slots=True)
class References:
    """Known ids per vocabulary; ``None`` where the vocabulary itself is unreadable
    (its own problem is reported once, instead of one per measure)."""

    fields: frozenset[str] | None
    target_groups: frozenset[str] | None
    actors: frozenset[str] | None
    districts: frozenset[str] | None
    #: All ids, or the folder's answer (:class:`~integ_cli.checking.catalogue.MeasureFolder`).
    measures: AbstractSet[str]


#: measure key -> (References attribute, what it names, problem code)
_MEASURE_REFS = {
    "field": ("fields", "action field", "unknown-field"),
    "also_fields": ("fields", "action field", "unknown-field"),
    "target_groups": ("target_groups", "target group", "unknown-target-group"),
    "lead": ("actors", "actor", "unknown-actor"),
    "partners": ("actors", "actor", "unknown-actor"),
    "districts": ("districts", "district", "unknown-district"),
    "supersedes": ("measures", "measure", "unknown-measure"),
    "superseded_by": ("measures", "measure", "unknown-measure"),
}


def _problem(file: str, doc: Document, path: list[str | int], code: str, message: str, **kw: Any) -> Problem:
    line, column = locate(doc.root, path)
    return Problem(file, line, column, format_path(path), code, message, **kw)


def check_version(file: str, doc: Document, kind: str = "") -> Problem | None:
    """An unsupported ``schema_version`` (checked first: the schema may not apply);
    measures have a second version (:data:`~integ_cli.checking.timeline.NEWEST_VERSION`)."""
    version = doc.data.get("schema_version")
    first, last = SUPPORTED_VERSIONS[0], newest_version(kind, SUPPORTED_VERSIONS[-1])
    if isinstance(version, int) and not isinstance(version, bool) and not first <= version <= last:
        return _problem(
            file,
            doc,
            ["schema_version"],
            "unsupported-version",
            _("schema_version {version} is not supported; this integ reads versions {first} to {last}").format(
                version=version, first=first, last=last
            )
            + (_("; a newer integ may read it") if version > last else ""),
        )
    return None


def _unusual(text: str) -> str:
    """A hint naming the first character outside ASCII: a look-alike (Cyrillic 'а',
    a zero-width space) makes two ids that differ look the same."""
    odd = next((c for c in text if not c.isascii() or not c.isprintable()), None)
    if odd is None:
        return ""
    return _(" (it contains U+{code}, which looks like or hides a plain character)").format(code=f"{ord(odd):04X}")


def check_id(file: str, doc: Document, stem: str) -> list[Problem]:
    """The record's ``id`` must equal its file name (so ids are unique by construction)."""
    record_id = doc.data.get("id")
    if isinstance(record_id, str) and record_id != stem:
        return [
            _problem(
                file,
                doc,
                ["id"],
                "id-mismatch",
                _(
                    "the id '{id}' differs from the file name '{file}'{unusual}; rename the file or change the id"
                ).format(id=record_id, file=f"{stem}.yaml", unusual=_unusual(record_id)),
            )
        ]
    return []


class EveryMeasure(AbstractSet[str]):
    """Every id, as :attr:`References.measures`: a record checked on its own, whose links
    to other measures are checked apart (:func:`check_links`). So
    its result depends on the file alone, and a file added beside it changes nothing of it
    (``integ validate`` keeps such results between runs: :mod:`integ_cli.checking.cache`)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _references(file: str, doc: Document, refs: References, keys: Iterable[str]) -> list[Problem]:
    """The references at ``keys`` of a measure that ``refs`` does not know."""
    data = doc.data
    problems: list[Problem] = []
    for key in keys:
        attribute, what, code = _MEASURE_REFS[key]
        value = data.get(key)
        if value is None:
            continue
        known = getattr(refs, attribute)
        if known is None:
            continue
        # The paths are made only for an unknown reference: most are known.
        if isinstance(value, list):
            for index, ref in enumerate(value):
                if isinstance(ref, str) and ref not in known:
                    problems.append(_unknown(file, doc, [key, index], ref, known, what, code))
        elif isinstance(value, str) and value not in known:
            problems.append(_unknown(file, doc, [key], value, known, what, code))
    return problems


def check_measure(file: str, doc: Document, stem: str, refs: References) -> list[Problem]:
    """References, dates and id of one measure."""
    data = doc.data
    problems = check_id(file, doc, stem)
    problems += _references(file, doc, refs, _MEASURE_REFS)
    problems += check_amounts(file, doc)
    problems += check_budget(file, doc)
    problems += check_timeline(file, doc)
    if data.get("supersedes") is not None and data.get("supersedes") == data.get("id"):
        problems.append(_problem(file, doc, ["supersedes"], "self-reference", _("a measure cannot supersede itself")))
    return problems


#: The keys that link a measure to other measures (its predecessor and successor).
LINKS = tuple(key for key, (attribute, _what, _code) in _MEASURE_REFS.items() if attribute == "measures")


def check_links(file: str, doc: Document, measures: AbstractSet[str]) -> list[Problem]:
    """The links of a measure checked with :class:`EveryMeasure`: those to an id no
    measure file has (``measures``), as :func:`check_measure` reports them."""
    return _references(file, doc, References(None, None, None, None, measures), LINKS)


def _unknown(
    file: str, doc: Document, path: list[str | int], ref: str, known: AbstractSet[str], what: str, code: str
) -> Problem:
    """The problem of a reference ``ref`` at ``path`` to a ``what`` not among ``known``."""
    from integ_cli.query_values import UNKNOWN  # only for a problem: it imports the name matching

    if path[0] == "supersedes" or path[0] == "superseded_by":
        hint = ""
    else:
        hint = did_you_mean(ref, known) or known_values(sorted(known))
    return _problem(file, doc, path, code, _(UNKNOWN[what]).format(value=ref) + hint)


#: A plain number with one dot and three digits after it: YAML reads ``12.000`` as 12,
#: where German writing means twelve thousand.
_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")
#: What every such number holds, looked for in a file's bytes before its values are
#: looked at and its node tree is composed (a file read by the fast path has none until
#: it is asked for): a dot between digits and two more. Searched from the dot, which a
#: regular expression finds quickly; most records have none.
_GROUPED_TEXT = re.compile(rb"\.[0-9]{3}(?<=[0-9]\.[0-9]{3})")
#: The parts of a measure that hold amounts and counts (budget lines, indicators).
_NUMBERS = ("budget", "indicators")


def _scalars(node: Node, path: list[str | int]) -> Iterator[tuple[list[str | int], ScalarNode]]:
    """The scalar values of a list-and-mapping tree, with their paths."""
    # Here, not at the top: only a record with a possibly grouped number composes its
    # node tree, and a valid repository is checked without importing PyYAML at all.
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(value, [*path, str(key.value)])
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, [*path, index])


def _may_be_grouped(data: dict[str, Any]) -> bool:
    """Whether a budget line or indicator holds a float from 1 to 999.999: only such a
    one can have been written ``12.000``. Most records hold none, and are done here."""
    for key in _NUMBERS:
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                for value in item.values():
                    if value.__class__ is float and 1 <= abs(value) < 1000:
                        return True
    return False


def check_amounts(file: str, doc: Document) -> list[Problem]:
    """An error for every number written like ``12.000`` in the budget or indicators.

    YAML reads it as 12.0, and nothing else would catch it: 12 is a valid amount. But
    in German writing the dot groups thousands, so the file most likely means 12000 and
    the report would show a thousandth of it. It is an error, not a warning, because an
    amount off by a factor of 1000 must not reach the council, and the unambiguous
    spellings (``12000``, ``12.0``) cost nothing."""
    if doc.text and _GROUPED_TEXT.search(doc.text) is None:
        return []
    if not isinstance(doc.data, dict) or not _may_be_grouped(doc.data):
        return []
    from yaml.nodes import MappingNode

    root = doc.root
    if not isinstance(root, MappingNode):
        return []
    problems: list[Problem] = []
    for key, value in root.value:
        if key.value not in _NUMBERS:
            continue
        for path, node in _scalars(value, [key.value]):
            text = node.value
            if not node.style and _GROUPED.fullmatch(text):
                decimal = text.rstrip("0").removesuffix(".") + ".0" if text.endswith(".000") else text.rstrip("0")
                message = _("{text} reads as {read}; write {whole} if the dot groups thousands, or {decimal}")
                problems.append(
                    Problem(
                        file,
                        node.start_mark.line + 1,
                        node.start_mark.column + 1,
                        format_path(path),
                        "ambiguous-amount",
                        message.format(
                            text=text, read=f"{float(text):g}", whole=text.replace(".", ""), decimal=decimal
                        ),
                    )
                )
    return problems


def check_vocabulary(file: str, doc: Document, kind: str) -> list[Problem]:
    """Unique ids, parents that exist, no cycles in the hierarchy, one city-wide district."""
    entries = doc.data.get("entries")
    if not isinstance(entries, list):
        return []
    problems: list[Problem] = []
    parents: dict[str, str] = {}
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        entry_id = entry["id"]
        if entry_id in seen:
            problems.append(
                _problem(
                    file,
                    doc,
                    ["entries", index, "id"],
                    "duplicate-id",
                    _("the id '{id}' is used twice (also in entry {entry})").format(
                        id=entry_id, entry=seen[entry_id] + 1
                    ),
                )
            )
        seen.setdefault(entry_id, index)
        if isinstance(entry.get("parent"), str):
            parents[entry_id] = entry["parent"]
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        parent = entry.get("parent")
        if isinstance(parent, str) and parent not in seen:
            problems.append(
                _problem(
                    file,
                    doc,
                    ["entries", index, "parent"],
                    "unknown-parent",
                    _("unknown parent '{parent}'").format(parent=parent) + did_you_mean(parent, seen),
                )
            )
    problems.extend(_cycles(file, doc, parents, seen))
    if kind == "districts":
        city_wide = [e for e in entries if isinstance(e, dict) and e.get("city_wide") is True]
        if len(city_wide) != 1:
            problems.append(
                _problem(
                    file,
                    doc,
                    ["entries"],
                    "city-wide",
                    ngettext(
                        "{count} entry is marked city_wide: true; exactly one should stand for the whole city",
                        "{count} entries are marked city_wide: true; exactly one should stand for the whole city",
                        len(city_wide),
                    ).format(count=len(city_wide)),
                    severity=Severity.WARNING,
                )
            )
    return problems


def _cycles(file: str, doc: Document, parents: dict[str, str], index: dict[str, int]) -> list[Problem]:
    """One problem per cycle in the parent relation, reported at its first member."""
    problems: list[Problem] = []
    done: set[str] = set()
    for start in parents:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in chain:
            chain.append(node)
            node = parents.get(node)
        if node is not None and node in chain:
            cycle = chain[chain.index(node) :]
            first = min(cycle, key=lambda member: index[member])
            problems.append(
                _problem(
                    file,
                    doc,
                    ["entries", index[first], "parent"],
                    "parent-cycle",
                    _("the parents form a cycle: {cycle}").format(cycle=" -> ".join([*cycle, cycle[0]])),
                )
            )
        done.update(chain)
    return problems
