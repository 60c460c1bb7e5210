"""How many measures each action field and each vocabulary entry has.

The overviews behind ``integ fields``, ``integ target-groups``, ``integ actors`` and
``integ districts``. Each entry's ``total`` is what a query for it finds (the same
rules as :mod:`integ_cli.query`): a target group or an actor counts the measures of
its sub-entries too, a district counts the city-wide measures too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integ_cli.fields import field_order
from integ_cli.hierarchy import walk

if TYPE_CHECKING:
    from integ_cli.checking.measure import Measure
    from integ_cli.codelists import Codelist

Entries = Mapping[str, Mapping[str, Any]]

#: The keys of a measure each overview reads: the command loads only these
#: (:func:`integ_cli.checking.measure.select_keys`), which spares decoding the rest.
FIELD_KEYS = ("field", "status", "also_fields")
TARGET_GROUP_KEYS = ("target_groups",)
ACTOR_KEYS = ("lead", "partners")
DISTRICT_KEYS = ("districts",)


@dataclass(slots=True)
class FieldCount:
    """One action field and its measures (by their main ``field``) per status."""

    id: str
    name: str
    short_name: str | None
    order: int | None
    prioritised: bool
    by_status: dict[str, int]
    #: Measures that name this field among their ``also_fields``.
    also: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "short_name": self.short_name,
            "order": self.order,
            "prioritised": self.prioritised,
            "measures": self.total,
            "by_status": self.by_status,
            "also": self.also,
        }


@dataclass(slots=True)
class EntryCount:
    """One vocabulary entry: measures naming it (``direct``) and what a query finds (``total``)."""

    id: str
    name: str
    depth: int
    direct: int
    total: int
    #: Kind-specific facts: ``parent``, ``main``, ``kind``, ``lead``, ``partner``, ``city_wide``.
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            **self.extra,
            "depth": self.depth,
            "measures": self.direct,
            "total": self.total,
        }


def field_counts(fields: Entries, measures: Sequence[Measure], statuses: Codelist) -> list[FieldCount]:
    """Every action field in concept order, with its measures per status: every status
    of the codelist, in its order, then any other status met (nothing is left out)."""
    tally = FieldTally(fields, statuses)
    for measure in measures:
        tally.add(measure.data)
    return tally.rows()


class FieldTally:
    """:func:`field_counts` one record at a time: the report reads each record once,
    for all its sections, and keeps none of them decoded."""

    def __init__(self, fields: Entries, statuses: Codelist) -> None:
        self.by_id: dict[str, FieldCount] = {}
        for field_id in field_order(fields):
            entry = fields[field_id]
            self.by_id[field_id] = FieldCount(
                field_id,
                str(entry.get("name", field_id)),
                entry.get("short_name"),
                _int(entry.get("order")),
                entry.get("prioritised") is True,
                statuses.tally(()),
            )

    def add(self, data: Mapping[str, Any]) -> None:
        row = self.by_id.get(data.get("field", ""))
        status = data.get("status")
        if row is not None:
            row.by_status[str(status)] = row.by_status.get(str(status), 0) + 1
        for other in data.get("also_fields") or ():
            if other in self.by_id:
                self.by_id[other].also += 1

    def merge(self, other: FieldTally) -> None:
        """Add what ``other`` (a tally of the same fields) counted."""
        for field_id, theirs in other.by_id.items():
            row = self.by_id[field_id]
            for status, count in theirs.by_status.items():
                row.by_status[status] = row.by_status.get(status, 0) + count
            row.also += theirs.also

    def rows(self) -> list[FieldCount]:
        return list(self.by_id.values())


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _named(measure: Measure, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for key in keys:
        value = measure.data.get(key)
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            found.update(v for v in value if isinstance(v, str))
    return found


def _ancestors(entries: Entries) -> dict[str, set[str]]:
    """Each entry with itself and every entry above it (cycles tolerated)."""
    out: dict[str, set[str]] = {}
    for entry_id in entries:
        chain: set[str] = set()
        node: Any = entry_id
        while isinstance(node, str) and node in entries and node not in chain:
            chain.add(node)
            node = entries[node].get("parent")
        out[entry_id] = chain
    return out


def _tree_counts(entries: Entries, measures: Sequence[Measure], keys: Sequence[str]) -> list[EntryCount]:
    above = _ancestors(entries)
    direct: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for measure in measures:
        named = _named(measure, keys)
        direct.update(named)
        total.update(set().union(*(above.get(i, ()) for i in named)))
    rows: list[EntryCount] = []
    for entry_id, depth in walk(entries):
        parent = entries[entry_id].get("parent")
        rows.append(
            EntryCount(
                entry_id,
                str(entries[entry_id].get("name", entry_id)),
                depth,
                direct[entry_id],
                total[entry_id],
                {"parent": parent if isinstance(parent, str) else None},
            )
        )
    return rows


def target_group_counts(entries: Entries, measures: Sequence[Measure]) -> list[EntryCount]:
    """The target-group hierarchy, depth first, with counts including sub-groups."""
    rows = _tree_counts(entries, measures, TARGET_GROUP_KEYS)
    for row in rows:
        row.extra["main"] = entries[row.id].get("main") is True
    return rows


def actor_counts(entries: Entries, measures: Sequence[Measure]) -> list[EntryCount]:
    """The actors' hierarchy, with how often each leads and partners."""
    rows = _tree_counts(entries, measures, ACTOR_KEYS)
    lead = Counter(m.data.get("lead") for m in measures)
    partner = Counter(p for m in measures for p in set(m.data.get("partners") or ()))
    for row in rows:
        row.extra["kind"] = entries[row.id].get("kind")
        row.extra["lead"] = lead[row.id]
        row.extra["partner"] = partner[row.id]
    return rows


def district_counts(entries: Entries, measures: Sequence[Measure]) -> list[EntryCount]:
    """The districts in file order; ``total`` adds the city-wide measures to each."""
    tally = DistrictTally(entries)
    for measure in measures:
        tally.add(measure.data)
    return tally.rows()


class DistrictTally:
    """:func:`district_counts` one record at a time (see :class:`FieldTally`)."""

    def __init__(self, entries: Entries) -> None:
        self.entries = entries
        self.city_wide = {d for d, entry in entries.items() if entry.get("city_wide") is True}
        self.direct: Counter[str] = Counter()
        #: Measures naming a district and a city-wide entry: such a measure counts once.
        self.both: Counter[str] = Counter()
        self.everywhere = 0

    def add(self, data: Mapping[str, Any]) -> None:
        named = set(data.get("districts") or ())
        self.direct.update(named)
        if named & self.city_wide:
            self.everywhere += 1
            self.both.update(named)

    def merge(self, other: DistrictTally) -> None:
        """Add what ``other`` (a tally of the same districts) counted."""
        self.direct.update(other.direct)
        self.both.update(other.both)
        self.everywhere += other.everywhere

    def rows(self) -> list[EntryCount]:
        direct, city_wide = self.direct, self.city_wide
        rows = []
        for entry_id, entry in self.entries.items():
            both = 0 if entry_id in city_wide else self.both[entry_id]
            rows.append(
                EntryCount(
                    entry_id,
                    str(entry.get("name", entry_id)),
                    0,
                    direct[entry_id],
                    direct[entry_id] if entry_id in city_wide else direct[entry_id] + self.everywhere - both,
                    {"city_wide": entry_id in city_wide},
                )
            )
        return rows
