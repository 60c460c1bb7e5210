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
    city_wide = {d for d, entry in entries.items() if entry.get("city_wide") is True}
    above = ancestors(entries)
    direct: Counter[str] = Counter()
    within: Counter[str] = Counter()
    local: Counter[str] = Counter()  # as ``within``, the city-wide measures left out
    everywhere = 0
    for measure in measures:
        named = {d for d in measure.data.get("districts") or () if isinstance(d, str)}
        reached = set().union(*(above.get(d, {d}) for d in named))
        direct.update(named)
        within.update(reached)
        if named & city_wide:
            everywhere += 1
        else:
            local.update(reached)
    rows: list[EntryCount] = []
    for entry_id, depth in walk(entries):
        parent = entries[entry_id].get("parent")
        served = within[entry_id] if entry_id in city_wide else local[entry_id] + everywhere
        extra = {
            "parent": parent if isinstance(parent, str) else None,
            "city_wide": entry_id in city_wide,
            "with_sub_areas": within[entry_id],
        }
        name = entries[entry_id].get("name", entry_id)
        rows.append(EntryCount(entry_id, str(name), depth, direct[entry_id], served, extra))
    return rows
