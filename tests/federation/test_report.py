"""The federation's report model: a city's part counted from its tables' rows, batch
by batch, the totals as the sum of the cities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from integ_cli.federation.report import CityReport, CityTally, federation_report
from integ_cli.tables.columns import names
from integ_cli.tables.rows import Tables, empty

HEAD = ("k1", None)
DATE = dt.date(2026, 12, 2)
#: Measures as their data: one needs a look for no reason, one only lacks a lead.
FINE: dict[str, Any] = {"status": "active", "lead": "a", "budget": [1], "indicators": [1], "updated": "2026-11-01"}
NO_LEAD = {key: value for key, value in FINE.items() if key != "lead"}


def city(
    batches: list[Tables], key: str, name: str, looked: list[dict[str, Any]], sources: dict[str, str]
) -> CityReport:
    """A city's part counted from ``batches`` of rows (the vocabularies' rows from the
    first) and the data of the measures ``looked`` at."""
    tally = CityTally(batches[0], DATE)
    for batch in batches:
        tally.add(batch)
    for data in looked:
        tally.look(data)
    return tally.report(key, name, None, sources)


def split(rows: Tables) -> list[Tables]:
    """``rows`` as two batches: the vocabularies and m1's rows, then m2's, as the rows of
    measures come in batches of whole measures."""
    first, second = empty(), empty()
    for table, found in rows.items():
        where = names(table).index("measure_id") if "measure_id" in names(table) else None
        for row in found:
            late = (row[2] == "m2") if table == "measures" else where is not None and row[where] == "m2"
            (second if late else first)[table].append(row)
    return [first, second]


def tables() -> Tables:
    """Two measures: m1 in 'sprache' for a sub-group of the main group 'neu', m2 in
    'arbeit' for 'neu' itself and for 'alt' (no main group)."""
    rows = empty()
    rows["fields"] += [
        (*HEAD, "sprache", "Sprache", None, 1, True, None, None),
        (*HEAD, "arbeit", "Arbeit", None, 2, False, None, None),
    ]
    rows["target_groups"] += [
        (*HEAD, "neu", "Neuzugewanderte", None, True, None),
        (*HEAD, "kinder", "Kinder", None, False, "neu"),
        (*HEAD, "alt", "Alteingesessene", None, False, None),
    ]
    rows["ancestors"] += [
        (*HEAD, "target_groups", "neu", "neu", 0),
        (*HEAD, "target_groups", "kinder", "kinder", 0),
        (*HEAD, "target_groups", "kinder", "neu", 1),
        (*HEAD, "target_groups", "alt", "alt", 0),
    ]
    measure = (None,) * 17
    rows["measures"] += [
        (*HEAD, "m1", None, None, None, "sprache", *measure[:14]),
        (*HEAD, "m2", None, None, None, "arbeit", *measure[:14]),
    ]
    rows["links"] += [
        (*HEAD, "m1", "target_group", "kinder", None),
        (*HEAD, "m2", "target_group", "neu", None),
        (*HEAD, "m2", "target_group", "alt", None),
    ]
    rows["budget_lines"] += [
        (*HEAD, "m1", 1, 2026, Decimal("100.00"), None, None, "municipal", None),
        (*HEAD, "m2", 1, 2026, Decimal("50.50"), Decimal("60.00"), Decimal("10.00"), "municipal", None),
        (*HEAD, "m2", 2, 2027, Decimal("20.00"), None, None, "state", None),
    ]
    return rows


def test_a_citys_part_from_its_rows() -> None:
    part = city([tables()], "k1", "Aachen", [NO_LEAD, NO_LEAD], {"municipal": "kommunal"})
    assert part.measures == 2
    assert [(r.id, r.name, r.measures) for r in part.fields] == [("sprache", "Sprache", 1), ("arbeit", "Arbeit", 1)]
    assert [(r.id, r.measures) for r in part.target_groups] == [("neu", 2)]  # the sub-group counts for its main group
    first, second = part.budget
    assert (first.year, first.source_name, first.planned, first.revised, first.spent) == (
        2026,
        "kommunal",
        Decimal("150.50"),
        Decimal("160.00"),
        Decimal("10.00"),
    )
    assert (second.source, second.source_name, second.spent) == ("state", "state", None)
    assert {r.reason: r.measures for r in part.attention}["no-lead"] == 2
    assert all(r.municipality == "k1" and r.city == "Aachen" for r in [*part.fields, *part.budget, *part.attention])


def test_counted_in_batches_as_at_once() -> None:
    at_once = city([tables()], "k1", "Aachen", [NO_LEAD], {})
    batched = city(split(tables()), "k1", "Aachen", [NO_LEAD], {})
    assert [len(batch["measures"]) for batch in split(tables())] == [1, 1]
    assert batched == at_once


def test_the_totals_are_the_sum_of_the_cities() -> None:
    one = city([tables()], "k1", "Aachen", [NO_LEAD, NO_LEAD], {})
    other = city([tables()], "k2", "Köln", [NO_LEAD, {"status": "planned"}], {})
    report = federation_report("Land", DATE, [one, other])
    assert report.measures == 4 and report.date == "2026-12-02"
    assert [(r.municipality, r.id, r.measures) for r in report.target_groups] == [(None, "neu", 4)]
    assert [(r.year, r.planned, r.spent) for r in report.budget] == [
        (2026, Decimal("301.00"), Decimal("20.00")),
        (2027, Decimal("40.00"), None),
    ]
    assert {r.reason: r.measures for r in report.attention} == {
        "overdue": 0,
        "milestone": 0,
        "no-indicator": 1,
        "no-budget": 1,
        "no-lead": 4,
        "stale": 1,
    }


def test_attention_counts_each_measure_once_per_reason() -> None:
    measures: list[dict[str, Any]] = [
        {
            "status": "active",
            "end": "2025-01-01",
            "updated": "2026-11-01",
            "lead": "a",
            "budget": [1],
            "indicators": [1],
        },
        {"status": "dropped"},
        {"status": "planned"},
        FINE,
    ]
    part = city([tables()], "k1", "Aachen", measures, {})
    assert {r.reason: r.measures for r in part.attention} == {
        "overdue": 1,
        "milestone": 0,
        "no-indicator": 1,
        "no-budget": 1,
        "no-lead": 1,
        "stale": 1,
    }
