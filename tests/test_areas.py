"""Districts with sub-areas: each district's counts say what they include, and the
last is what a district filter finds."""

from __future__ import annotations

import pickle

from integ_cli.areas import DistrictTally, district_tree
from integ_cli.query import Query, keep
from tests.helpers import as_measures, entries, measure

DISTRICTS = entries(
    {"id": "stadtweit", "name": "Gesamtstadt", "city_wide": True},
    {"id": "brand", "name": "Brand"},
    {"id": "eilendorf", "name": "Eilendorf"},
    {"id": "brand-nord", "name": "Brand-Nord", "parent": "brand"},
    {"id": "brand-nord-ost", "name": "Brand-Nord-Ost", "parent": "brand-nord"},
)
MEASURES = as_measures(
    measure("m1", districts=["brand"]),
    measure("m2", districts=["brand-nord-ost"]),
    measure("m3", districts=["brand", "brand-nord"]),  # counts once for brand
    measure("m4", districts=["stadtweit"]),
    measure("m5", districts=["brand-nord", "stadtweit"]),  # city-wide: once everywhere
    measure("m6", districts=["eilendorf"]),
)


def test_sub_areas_come_below_their_district_and_add_to_its_counts() -> None:
    rows = district_tree(DISTRICTS, MEASURES)
    assert [(r.id, r.depth, r.extra["parent"]) for r in rows] == [
        ("stadtweit", 0, None),
        ("brand", 0, None),
        ("brand-nord", 1, "brand"),
        ("brand-nord-ost", 2, "brand-nord"),
        ("eilendorf", 0, None),
    ]
    counts = {r.id: (r.direct, r.extra["with_sub_areas"], r.total) for r in rows}
    assert counts == {
        "stadtweit": (2, 2, 2),
        "brand": (2, 4, 5),  # m1, m3 | + m2, m5 | + m4
        "brand-nord": (2, 3, 4),  # m3, m5 | + m2 | + m4
        "brand-nord-ost": (1, 1, 3),  # m2 | | + m4, m5
        "eilendorf": (1, 1, 3),  # m6 | | + m4, m5
    }


def test_the_last_count_is_what_the_district_filter_finds() -> None:
    for row in district_tree(DISTRICTS, MEASURES):
        wanted = keep(Query(districts=(row.id,)), {}, {"districts": DISTRICTS})
        assert row.total == sum(1 for m in MEASURES if wanted.test(m.data)), row.id


def test_runs_counted_apart_sent_and_merged_give_the_same_tree() -> None:
    """``integ districts`` has each worker count its run and send the counts (pickled,
    without the vocabulary); merged, they are the counts of one pass over all records."""
    merged = DistrictTally(DISTRICTS)
    for run in (MEASURES[:2], MEASURES[2:5], MEASURES[5:]):
        part = merged.empty()
        for m in run:
            part.add(m.data)
        sent = pickle.dumps(part)
        assert b"Brand-Nord-Ost" not in sent  # the vocabulary stays home
        merged.merge(pickle.loads(sent))
    assert merged.rows() == district_tree(DISTRICTS, MEASURES)
