"""The report model: every section on the small hand-made repository of ``tests/helpers.py``,
whose numbers are worked out by hand below (date of the report: 1 March 2026)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.report.attention import ATTENTION_KEYS, reasons
from integ_cli.report.build import REPORT_KEYS, build_report
from integ_cli.report.model import Report
from tests.helpers import make_repo

DATE = dt.date(2026, 3, 1)
EVERYTHING = Query()


def report_for(root: Path, query: Query = EVERYTHING, *, internal: bool = False, date: dt.date = DATE) -> Report:
    catalogue = load_catalogue(root, select=selector(query))
    assert catalogue.ok, catalogue.problems
    return build_report(catalogue, query, date, internal=internal)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def test_header_counts_public_measures_only(root: Path) -> None:
    header = report_for(root).header
    assert (header.date, header.measures, header.internal, header.filters, header.invalid_files) == (
        "2026-03-01",
        5,
        False,
        [],
        0,
    )
    assert report_for(root, internal=True).header.measures == 6


def test_fields_prioritised_first_by_status_and_horizon(root: Path) -> None:
    part = report_for(root).fields
    assert [r.id for r in part.rows] == ["sprache", "bildung", "wohnen", "senioren"]
    sprache, bildung, wohnen, senioren = part.rows
    assert sprache.by_status == {"planned": 1, "active": 1, "completed": 0, "suspended": 1, "dropped": 0, "unknown": 0}
    assert sprache.by_horizon == {"short": 2, "mid": 1, "long": 0, "unknown": 0}
    assert (sprache.total, sprache.also, sprache.short_name, sprache.prioritised) == (3, 0, "Sprache", True)
    assert (bildung.total, bildung.also, bildung.by_status["completed"], bildung.by_horizon["long"]) == (1, 1, 1, 1)
    assert (wohnen.total, wohnen.by_status["dropped"], wohnen.prioritised) == (1, 1, False)
    assert senioren.total == 0
    assert part.by_status == {"planned": 1, "active": 1, "completed": 1, "suspended": 1, "dropped": 1, "unknown": 0}
    assert part.by_horizon == {"short": 2, "mid": 2, "long": 1, "unknown": 0}
    assert part.total == 5


def test_fields_with_internal_measures(root: Path) -> None:
    wohnen = report_for(root, internal=True).fields.rows[2]
    assert (wohnen.id, wohnen.by_status["active"], wohnen.total) == ("wohnen", 1, 2)


def test_matrix_rolls_sub_groups_up_to_main_groups(root: Path) -> None:
    part = report_for(root).matrix
    assert [g.id for g in part.groups] == ["kinder-jugendliche", "junge-muetter"]
    rows = {r.field: r for r in part.rows}
    # sprache-001: junge-muetter + vorschulkinder (-> kinder-jugendliche); -002: eltern only; -003: vorschulkinder.
    assert (rows["sprache"].counts, rows["sprache"].other, rows["sprache"].total) == (
        {"kinder-jugendliche": 2, "junge-muetter": 1},
        1,
        3,
    )
    assert rows["bildung"].counts == {"kinder-jugendliche": 1, "junge-muetter": 0}
    assert rows["wohnen"].counts == {"kinder-jugendliche": 1, "junge-muetter": 1}
    assert rows["senioren"].total == 0
    assert (part.totals, part.other, part.total) == ({"kinder-jugendliche": 4, "junge-muetter": 2}, 1, 5)


def test_districts_with_city_wide_apart(root: Path) -> None:
    part = report_for(root).districts
    # brand: sprache-001, bildung-001; eilendorf: sprache-003, bildung-001, wohnen-001.
    # City-wide: sprache-002, wohnen-001 (which names eilendorf too: counted once there).
    assert [(r.id, r.measures, r.total) for r in part.rows] == [("brand", 2, 4), ("eilendorf", 3, 4)]
    assert [(r.id, r.measures) for r in part.city_wide] == [("stadtweit", 2)]


def test_budget_by_field_year_and_source(root: Path) -> None:
    part = report_for(root).budget
    assert part.years == [2025, 2026]
    assert part.sources == ["municipal", "state", "eu", "foundation"]
    assert [f.field for f in part.by_field] == ["sprache", "bildung", "wohnen"]
    sprache = asdict(part.by_field[0])
    # 10000 + 8000 + 1000.50 planned; revised 12000 + 8000 (none: planned) + 1000.50; spent only in 2025.
    assert sprache["total"] == {"planned": 19000.5, "revised": 21000.5, "spent": 11000, "unknown": 0}
    assert [(y["year"], y["total"]) for y in sprache["by_year"]] == [
        (2025, {"planned": 10000, "revised": 12000, "spent": 11000, "unknown": 0}),
        (2026, {"planned": 9000.5, "revised": 9000.5, "spent": None, "unknown": 0}),
    ]
    assert list(sprache["by_year"][1]["by_source"]) == ["state", "foundation"]
    years = {y.year: asdict(y) for y in part.by_year}
    assert years[2025]["total"] == {"planned": 15000, "revised": 17000, "spent": 15500, "unknown": 0}
    assert years[2026]["total"] == {"planned": 12000.5, "revised": 11500.5, "spent": None, "unknown": 0}
    assert years[2026]["by_source"]["municipal"] == {"planned": 3000, "revised": 2500, "spent": None, "unknown": 0}
    assert {s: asdict(a)["planned"] for s, a in part.by_source.items()} == {
        "municipal": 13000,
        "state": 8000,
        "eu": 5000,
        "foundation": 1000.5,
    }
    assert asdict(part.total) == {"planned": 27000.5, "revised": 28500.5, "spent": 15500, "unknown": 0}
    assert part.only_years == []


def test_budget_with_a_year_filter_counts_that_years_lines_only(root: Path) -> None:
    report = report_for(root, Query(years=(2026,)))
    # Running in 2026: sprache-003 (from 2026, open-ended), wohnen-001 (undated, budget in 2026).
    assert report.header.measures == 2
    assert [(f.key, f.values) for f in report.header.filters] == [("years", ["2026"])]
    part = report.budget
    assert (part.years, part.only_years) == ([2026], [2026])
    assert asdict(part.total) == {"planned": 4000.5, "revised": 3500.5, "spent": None, "unknown": 0}


def test_internal_budget_only_with_internal(root: Path) -> None:
    assert report_for(root, internal=True).budget.total.planned == 27000.5 + 99999


def test_indicators_actual_against_target(root: Path) -> None:
    part = report_for(root).indicators
    assert [(r.measure, r.name, r.baseline, r.target, r.actual, r.progress, r.reached) for r in part.rows] == [
        ("sprache-001", "Kurse", 2, 10, 8, 0.75, False),  # (8 - 2) / (10 - 2)
        ("bildung-001", "Wartezeit", 40, 20, 20, 1.0, True),  # falling target, reached
    ]
    assert part.incomplete == 1


def test_attention_list(root: Path) -> None:
    part = report_for(root).attention
    found = {r.id: [(x.code, x.detail) for x in r.reasons] for r in part.rows}
    assert found == {
        "sprache-001": [("overdue", "2025-06-30")],
        "sprache-002": [("no-indicator", None), ("no-budget", None), ("stale", "2024-12-01")],
        "sprache-003": [("no-indicator", None), ("no-lead", None), ("stale", None)],
    }
    assert list(found) == ["sprache-001", "sprache-002", "sprache-003"]
    assert part.counts == {"overdue": 1, "milestone": 0, "no-indicator": 2, "no-budget": 1, "no-lead": 1, "stale": 2}


def test_stale_means_more_than_a_year() -> None:
    data = {"status": "planned", "indicators": [{}], "budget": [{}], "lead": "x", "updated": "2024-12-01"}
    assert reasons(data, dt.date(2025, 12, 1)) == []
    assert [r.code for r in reasons(data, dt.date(2025, 12, 2))] == ["stale"]
    assert [r.code for r in reasons({**data, "updated": "2024-02-29"}, dt.date(2025, 3, 1))] == ["stale"]


def test_field_filter_shows_the_fields_of_the_measures_found(root: Path) -> None:
    report = report_for(root, Query(fields=("bildung",)))
    # bildung-001, and sprache-002 naming bildung among also_fields.
    assert [(r.id, r.total) for r in report.fields.rows] == [("sprache", 1), ("bildung", 1)]
    assert report.header.filters[0].names == ["Bildung"]


def test_invalid_files_are_counted_and_left_out(root: Path) -> None:
    (root / "data" / "measures" / "bildung-002.yaml").write_text("schema_version: 1\nid: bildung-002\n")
    catalogue = load_catalogue(root, select=selector(Query()))
    report = build_report(catalogue, Query(), DATE)
    assert (report.header.invalid_files, report.header.measures) == (1, 5)


def test_an_empty_selection_gives_an_empty_report(root: Path) -> None:
    report = report_for(root, Query(statuses=("completed",), horizons=("short",)))
    assert report.fields.total == 0
    assert report.budget.years == [] and report.indicators.rows == [] and report.attention.rows == []


def test_unknown_horizon_and_status_are_counted_as_such(tmp_path: Path) -> None:
    """A measure the source says nothing about: counted under 'unknown', not invented."""
    from tests.helpers import MEASURES

    body = MEASURES["sprache-001"]
    for key in ("status", "horizon"):
        start = body.index(f"{key}: ")
        body = body[:start] + f"{key}: unknown" + body[body.index("\n", start) :]
    root = make_repo(tmp_path / "repo", {**MEASURES, "sprache-001": body})
    text = (
        (root / "data/measures/sprache-001.yaml").read_text("utf-8").replace("schema_version: 1", "schema_version: 2")
    )
    (root / "data/measures/sprache-001.yaml").write_text(text, "utf-8")
    [sprache] = [f for f in report_for(root).fields.rows if f.id == "sprache"]
    assert (sprache.by_status["unknown"], sprache.by_horizon["unknown"]) == (1, 1)


def test_the_report_is_titled_by_the_concept(root: Path) -> None:
    concept = (
        "schema_version: 1\nmunicipality: {name: Musterstadt, kind: city}\ntitle: Integrationskonzept Musterstadt\n"
    )
    (root / "data/concept.yaml").write_text(concept, "utf-8")
    assert report_for(root).header.title == "Report: Integrationskonzept Musterstadt"


@pytest.mark.parametrize("internal", [False, True])
@pytest.mark.parametrize("query", [EVERYTHING, Query(years=(2026,)), Query(target_groups=("kinder-jugendliche",))])
@pytest.mark.parametrize("repository", ["helpers", "bundled"])
def test_the_report_from_its_keys_is_the_report_from_whole_records(
    root: Path, repository: str, query: Query, internal: bool
) -> None:
    """``integ report`` loads only REPORT_KEYS of each measure: a key a section reads but
    the list lacks would change the report, here."""
    repo = root if repository == "helpers" else Path(__file__).parents[2]
    whole = load_catalogue(repo, select=selector(query))
    some = load_catalogue(repo, select=selector(query, REPORT_KEYS))
    assert {key for m in some.measures for key in m.data} <= set(REPORT_KEYS)
    for date in (DATE, dt.date(2031, 1, 1)):
        assert build_report(some, query, date, internal=internal) == build_report(whole, query, date, internal=internal)


@pytest.mark.parametrize("repository", ["helpers", "example"])
def test_the_attention_list_from_its_keys_is_the_list_from_whole_records(root: Path, repository: str) -> None:
    """``integ attention`` loads only ATTENTION_KEYS of each measure: a key a reason reads
    but the list lacks would change the list, here."""
    from integ_cli.checking.attention import attention_problems

    repo = root if repository == "helpers" else Path(__file__).parents[2]
    whole = load_catalogue(repo, select=selector(EVERYTHING))
    some = load_catalogue(repo, select=selector(EVERYTHING, ATTENTION_KEYS))
    assert {key for m in some.measures for key in m.data} <= set(ATTENTION_KEYS)
    for date in (DATE, dt.date(2031, 1, 1)):
        for internal in (False, True):
            found = attention_problems(some, date, located=True, internal=internal)
            assert found == attention_problems(whole, date, located=True, internal=internal) != []


def test_the_report_from_json_text_is_the_same_and_keeps_no_record_decoded(root: Path) -> None:
    """Records from worker processes come as JSON text: the report reads each once."""
    from integ_cli.checking.measure import Measure

    catalogue = load_catalogue(root, select=selector(EVERYTHING, REPORT_KEYS))
    expected = build_report(catalogue, EVERYTHING, DATE)
    catalogue.measures = [Measure(m.file, json_text=m.json) for m in catalogue.measures]
    assert build_report(catalogue, EVERYTHING, DATE) == expected
    assert all(m._data is None for m in catalogue.measures)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("internal", [False, True])
def test_the_report_built_while_scanning_is_the_report_of_the_kept_records(
    monkeypatch: pytest.MonkeyPatch, jobs: str, internal: bool
) -> None:
    """ReportBuilder counts each record where a worker checks it (here one file a run),
    merges the workers' tallies and keeps no record; its report is build_report's of the
    whole catalogue."""
    from integ_cli.checking import scan
    from integ_cli.report.build import ReportBuilder

    repo = Path(__file__).parents[2]
    query = Query(statuses=("active", "planned"))
    expected = build_report(load_catalogue(repo, select=selector(query)), query, DATE, internal=internal)
    monkeypatch.setenv("INTEG_JOBS", jobs)
    monkeypatch.setattr(scan, "CHUNK_LIMIT", 1)
    builder = ReportBuilder(query, DATE, internal=internal)
    catalogue = load_catalogue(repo, select=builder.select)
    assert catalogue.measures == []
    assert builder.report(catalogue) == expected
    assert expected.header.measures > 1
