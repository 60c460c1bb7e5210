"""How many measures each action field and each vocabulary entry has.

The overviews behind ``integ fields``, ``integ target-groups``, ``integ actors`` and
``integ districts``. Each entry's ``total`` is what a query for it finds (the same
rules as :mod:`integ_cli.query`): a target group or an actor counts the measures of
its sub-entries too, a district counts the city-wide measures too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from integ_cli.fields import field_order
from integ_cli.hierarchy import walk

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Keep, Measure, Tally
    from integ_cli.codelists import Codelist

Entries = Mapping[str, Mapping[str, Any]]
T = TypeVar("T", bound="Tally")

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


class Counting(Generic[T]):
    """An overview's Selector (:meth:`select`): every valid measure with only ``keys``,
    counted where it is checked (:attr:`~integ_cli.checking.measure.Keep.fold`) into
    the tally ``make`` builds of the catalogue's vocabularies; :attr:`tally` once loaded.
    Workers send their runs' counts, not the records."""

    def __init__(self, keys: Sequence[str], make: Callable[[Catalogue], T]) -> None:
        self.keys, self.make = frozenset(keys), make
        self.tally: T | None = None

    def select(self, catalogue: Catalogue) -> Keep:
        from integ_cli.checking.measure import Keep

        self.tally = self.make(catalogue)
        return Keep(lambda _data: True, keys=self.keys, fold=self.tally)


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
        self._made = (fields, statuses)
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

    def __getstate__(self) -> dict[str, Any]:
        return _counted(self, "_made")

    def empty(self) -> FieldTally:
        return FieldTally(*self._made)

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


def _named(data: Mapping[str, Any], keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for key in keys:
        value = data.get(key)
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            found.update(v for v in value if isinstance(v, str))
    return found


def _counted(tally: object, *made: str) -> dict[str, Any]:
    """A tally's state as a worker sends it: what it counted, not the vocabulary it was
    made of (the command's process has that already)."""
    return {key: value for key, value in vars(tally).items() if key not in made}


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


class TreeTally:
    """The counts of a hierarchical vocabulary (target groups, actors), one record at a
    time: measures naming each entry with ``keys`` (``direct``), and naming it or an
    entry below it (``total``); with ``roles``, how often each actor leads and partners."""

    def __init__(self, entries: Entries, keys: Sequence[str], roles: bool = False) -> None:
        self.entries, self.keys, self.roles = entries, keys, roles
        self.above = _ancestors(entries)
        self.direct: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.lead: Counter[Any] = Counter()
        self.partner: Counter[Any] = Counter()

    def __getstate__(self) -> dict[str, Any]:
        return _counted(self, "entries", "above")

    def empty(self) -> TreeTally:
        return TreeTally(self.entries, self.keys, self.roles)

    def add(self, data: Mapping[str, Any]) -> None:
        named = _named(data, self.keys)
        self.direct.update(named)
        above = self.above
        if len(named) == 1:  # most measures name one entry: its chain is the set counted
            [entry] = named
            self.total.update(above.get(entry, ()))
        elif named:
            self.total.update(set().union(*[above.get(i, ()) for i in named]))
        if self.roles:
            self.lead[data.get("lead")] += 1
            partners = data.get("partners")
            if partners:
                self.partner.update(set(partners))

    def merge(self, other: TreeTally) -> None:
        self.direct.update(other.direct)
        self.total.update(other.total)
        self.lead.update(other.lead)
        self.partner.update(other.partner)

    def rows(self) -> list[EntryCount]:
        """Every entry, depth first, with its counts (and, with ``roles``, its kind and roles)."""
        entries = self.entries
        rows: list[EntryCount] = []
        for entry_id, depth in walk(entries):
            entry = entries[entry_id]
            parent = entry.get("parent")
            extra: dict[str, Any] = {"parent": parent if isinstance(parent, str) else None}
            if self.roles:
                extra |= {"kind": entry.get("kind"), "lead": self.lead[entry_id], "partner": self.partner[entry_id]}
            else:
                extra["main"] = entry.get("main") is True
            name = str(entry.get("name", entry_id))
            rows.append(EntryCount(entry_id, name, depth, self.direct[entry_id], self.total[entry_id], extra))
        return rows


def target_groups_tally(entries: Entries) -> TreeTally:
    """An empty :class:`TreeTally` of the target groups."""
    return TreeTally(entries, TARGET_GROUP_KEYS)


def actors_tally(entries: Entries) -> TreeTally:
    """An empty :class:`TreeTally` of the actors, with their roles."""
    return TreeTally(entries, ACTOR_KEYS, roles=True)


def _tally_of(tally: TreeTally, measures: Sequence[Measure]) -> list[EntryCount]:
    for measure in measures:
        tally.add(measure.data)
    return tally.rows()


def target_group_counts(entries: Entries, measures: Sequence[Measure]) -> list[EntryCount]:
    """The target-group hierarchy, depth first, with counts including sub-groups."""
    return _tally_of(target_groups_tally(entries), measures)


def actor_counts(entries: Entries, measures: Sequence[Measure]) -> list[EntryCount]:
    """The actors' hierarchy, with how often each leads and partners."""
    return _tally_of(actors_tally(entries), measures)


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
