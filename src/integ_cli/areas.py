"""The districts and their sub-areas as ``integ districts`` counts them.

A district may have sub-areas (Stadtteile, Sozialräume: entries naming it as
``parent``), and a filter on a district finds the measures of its sub-areas too
(:mod:`integ_cli.query`), as well as the city-wide ones. So each district gets three
counts, each saying what it includes: the measures naming it, those naming it or one
of its sub-areas, and those a ``--district`` filter finds (the sub-areas' and the
city-wide measures added). The rows come as a tree: each district followed by its
sub-areas (:func:`integ_cli.hierarchy.walk`).

It sits beside :func:`integ_cli.report.counts.district_counts`, which the report's
district table uses and which counts no sub-areas.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.hierarchy import ancestors, walk
from integ_cli.report.counts import DISTRICT_KEYS, EntryCount

if TYPE_CHECKING:
    from integ_cli.checking.measure import Measure

Entries = Mapping[str, Mapping[str, Any]]
#: The measure keys the overview reads (the command loads only these).
KEYS = DISTRICT_KEYS


def district_tree(entries: Entries, measures: Sequence[Measure]) -> list[EntryCount]:
    """Every district, depth first, with ``direct`` (measures naming it),
    ``extra["with_sub_areas"]`` (naming it or one of its sub-areas) and ``total``
    (what ``integ list --district ID`` finds: those and the city-wide measures). A
    measure counts once however many of them it names. The city-wide entry counts
    the measures naming it, in all three."""
    tally = DistrictTally(entries)
    for measure in measures:
        tally.add(measure.data)
    return tally.rows()


class DistrictTally:
    """:func:`district_tree` one record at a time, as ``integ districts`` counts where
    the measures are checked (:class:`~integ_cli.report.counts.Counting`): a worker
    counts its run into an :meth:`empty` tally and sends only the counters back."""

    def __init__(self, entries: Entries) -> None:
        self.entries = entries
        self.city_wide = {d for d, entry in entries.items() if entry.get("city_wide") is True}
        self.above = ancestors(entries)
        self.direct: Counter[str] = Counter()
        self.within: Counter[str] = Counter()
        self.local: Counter[str] = Counter()  # as ``within``, the city-wide measures left out
        self.everywhere = 0

    def __getstate__(self) -> dict[str, Any]:
        # What it counted, not the vocabulary it was made of: the command has that.
        return {"direct": self.direct, "within": self.within, "local": self.local, "everywhere": self.everywhere}

    def empty(self) -> DistrictTally:
        return DistrictTally(self.entries)

    def add(self, data: Mapping[str, Any]) -> None:
        named = {d for d in data.get("districts") or () if isinstance(d, str)}
        reached = set().union(*(self.above.get(d, {d}) for d in named))
        self.direct.update(named)
        self.within.update(reached)
        if named & self.city_wide:
            self.everywhere += 1
        else:
            self.local.update(reached)

    def merge(self, other: DistrictTally) -> None:
        self.direct.update(other.direct)
        self.within.update(other.within)
        self.local.update(other.local)
        self.everywhere += other.everywhere

    def rows(self) -> list[EntryCount]:
        """Every district, depth first, with its three counts (see :func:`district_tree`)."""
        entries, within = self.entries, self.within
        rows: list[EntryCount] = []
        for entry_id, depth in walk(entries):
            parent = entries[entry_id].get("parent")
            city_wide = entry_id in self.city_wide
            served = within[entry_id] if city_wide else self.local[entry_id] + self.everywhere
            extra = {
                "parent": parent if isinstance(parent, str) else None,
                "city_wide": city_wide,
                "with_sub_areas": within[entry_id],
            }
            name = entries[entry_id].get("name", entry_id)
            rows.append(EntryCount(entry_id, str(name), depth, self.direct[entry_id], served, extra))
        return rows
