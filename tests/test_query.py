"""The query core: every filter, how filters combine, folding, years, sorting, counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from integ_cli.checking import record as record_module
from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import Measure
from integ_cli.codelists import of_repository
from integ_cli.files.repository import RecordFile
from integ_cli.query import (
    Query,
    fold,
    keep,
    runs_in,
    selector,
    sort_measures,
)
from integ_cli.query_values import UnknownValues
from tests.helpers import CATALOGUE_FIELDS as FIELDS
from tests.helpers import CATALOGUE_VOCABULARIES as VOCABULARIES
from tests.helpers import as_measures, entries, measure

#: The codelists of the schemas shipped with integ.
CODES = of_repository(None)


def matches(query: Query, records: list[dict[str, Any]]) -> list[str]:
    """The ids ``query`` finds; checks on the way that the raw-bytes pre-test never
    rules out a record the query finds (it would silently drop it)."""
    import yaml

    wanted = keep(query, FIELDS, VOCABULARIES)
    found = [r for r in records if wanted.test(r)]
    for r in found:
        assert wanted.may_match(yaml.safe_dump(r, allow_unicode=True).encode()), r["id"]
    return [r["id"] for r in found]


# --- filters ----------------------------------------------------------------------------------------


def test_empty_query_keeps_everything() -> None:
    records = [measure("a"), measure("b")]
    assert matches(Query(), records) == ["a", "b"]


def test_target_group_matches_sub_groups_unless_exact() -> None:
    records = [
        measure("parent", target_groups=["kinder-jugendliche"]),
        measure("child", target_groups=["kinder"]),
        measure("grandchild", target_groups=["vorschulkinder"]),
        measure("sibling", target_groups=["jugendliche"]),
        measure("other", target_groups=["junge-muetter"]),
    ]
    assert matches(Query(target_groups=("kinder-jugendliche",)), records) == [
        "parent",
        "child",
        "grandchild",
        "sibling",
    ]
    assert matches(Query(target_groups=("kinder",)), records) == ["child", "grandchild"]
    assert matches(Query(target_groups=("kinder",), exact=True), records) == ["child"]
    # A sub-group does not match its parent's measures.
    assert matches(Query(target_groups=("vorschulkinder",)), records) == ["grandchild"]


def test_repeated_values_are_alternatives_and_filters_combine() -> None:
    records = [
        measure("a", target_groups=["kinder"], status="active"),
        measure("b", target_groups=["junge-muetter"], status="active"),
        measure("c", target_groups=["junge-muetter"], status="planned"),
        measure("d", target_groups=["jugendliche"], status="dropped"),
    ]
    assert matches(Query(target_groups=("kinder", "junge-muetter")), records) == ["a", "b", "c"]
    assert matches(Query(target_groups=("kinder", "junge-muetter"), statuses=("active",)), records) == ["a", "b"]
    assert matches(Query(statuses=("planned", "dropped")), records) == ["c", "d"]


def test_field_matches_main_and_also_fields() -> None:
    records = [
        measure("main", field="wohnen"),
        measure("also", field="bildung", also_fields=["wohnen"]),
        measure("none", field="sprache"),
    ]
    assert matches(Query(fields=("wohnen",)), records) == ["main", "also"]


def test_prioritised_fields_only() -> None:
    records = [
        measure("prio", field="sprache"),
        measure("not", field="wohnen"),
        measure("also-prio", field="wohnen", also_fields=["bildung"]),
    ]
    assert matches(Query(prioritised=True), records) == ["prio", "also-prio"]


def test_actor_as_lead_or_partner_with_sub_organisations() -> None:
    records = [
        measure("lead", lead="stadt"),
        measure("partner", lead="migrationsrat", partners=["stadt"]),
        measure("sub", lead="vhs"),
        measure("none", lead="migrationsrat"),
        measure("no-lead"),
    ]
    assert matches(Query(actors=("stadt",)), records) == ["lead", "partner", "sub"]
    assert matches(Query(actors=("stadt",), lead_only=True), records) == ["lead", "sub"]
    assert matches(Query(actors=("stadt",), exact=True), records) == ["lead", "partner"]
    assert matches(Query(actors=("stadt",), exact=True, lead_only=True), records) == ["lead"]


def test_district_includes_city_wide_unless_told() -> None:
    records = [
        measure("brand", districts=["brand"]),
        measure("both", districts=["brand", "eilendorf"]),
        measure("city", districts=["stadtweit"]),
        measure("eilendorf", districts=["eilendorf"]),
    ]
    assert matches(Query(districts=("brand",)), records) == ["brand", "both", "city"]
    assert matches(Query(districts=("brand",), no_city_wide=True), records) == ["brand", "both"]
    assert matches(Query(no_city_wide=True), records) == ["brand", "both", "eilendorf"]
    assert matches(Query(districts=("stadtweit",)), records) == ["city"]


def test_district_includes_its_sub_areas_unless_exact() -> None:
    districts = entries(
        {"id": "stadtweit", "name": "Gesamtstadt", "city_wide": True},
        {"id": "brand", "name": "Brand"},
        {"id": "brand-nord", "name": "Brand-Nord", "parent": "brand"},
        {"id": "sozialraum-7", "name": "Sozialraum 7", "parent": "brand-nord"},
        {"id": "eilendorf", "name": "Eilendorf"},
    )
    vocabularies = {**VOCABULARIES, "districts": districts}
    records = [
        measure("bezirk", districts=["brand"]),
        measure("stadtteil", districts=["brand-nord"]),
        measure("sozialraum", districts=["sozialraum-7"]),
        measure("city", districts=["stadtweit"]),
        measure("other", districts=["eilendorf"]),
    ]

    def found(query: Query) -> list[str]:
        wanted = keep(query, FIELDS, vocabularies)
        return [r["id"] for r in records if wanted.test(r)]

    assert found(Query(districts=("brand",))) == ["bezirk", "stadtteil", "sozialraum", "city"]
    assert found(Query(districts=("brand-nord",), no_city_wide=True)) == ["stadtteil", "sozialraum"]
    assert found(Query(districts=("brand",), exact=True, no_city_wide=True)) == ["bezirk"]
    assert keep(Query(districts=("brand",)), FIELDS, vocabularies).may_match(b"districts: [sozialraum-7]")


def test_status_and_horizon() -> None:
    records = [measure("a", horizon="short"), measure("b", horizon="long", status="planned")]
    assert matches(Query(horizons=("long",)), records) == ["b"]
    assert matches(Query(horizons=("short", "long"), statuses=("planned",)), records) == ["b"]


@pytest.mark.parametrize(
    ("dates", "year", "expected"),
    [
        ({"start": "2024-03-01", "end": "2026-02-28"}, 2023, False),
        ({"start": "2024-03-01", "end": "2026-02-28"}, 2024, True),
        ({"start": "2024-03-01", "end": "2026-02-28"}, 2026, True),
        ({"start": "2024-03-01", "end": "2026-02-28"}, 2027, False),
        ({"start": "2024-03-01"}, 2023, False),  # open-ended: from the start year on
        ({"start": "2024-03-01"}, 2040, True),
        ({"end": "2025-06-30"}, 1999, True),  # no start: up to the end year
        ({"end": "2025-06-30"}, 2026, False),
        ({"budget": [{"year": 2025, "planned": 1, "source": "eu"}]}, 2025, True),  # no dates: budget years
        ({"budget": [{"year": 2025, "planned": 1, "source": "eu"}]}, 2026, False),
        ({}, 2025, False),  # no dates, no budget: no year
        # Dates win over budget years.
        ({"start": "2020-01-01", "end": "2020-12-31", "budget": [{"year": 2030, "planned": 1}]}, 2030, False),
    ],
)
def test_runs_in(dates: dict[str, Any], year: int, expected: bool) -> None:
    assert runs_in(dates, year) is expected


def test_year_filter_repeated_is_any_year() -> None:
    records = [measure("a", start="2020-01-01", end="2020-12-31"), measure("b", start="2024-01-01")]
    assert matches(Query(years=(2020,)), records) == ["a"]
    assert matches(Query(years=(2020, 2025)), records) == ["a", "b"]


# --- text -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("muetter", "Mütter"),
        ("mütter", "MUETTER"),
        ("MÜTTER", "mütter"),
        ("strasse", "Straße"),
        ("straße", "STRASSE"),
        ("oel", "Öl"),
        ("aerger", "Ärger"),
        ("cafe", "Café"),
        ("mütter", "Mu\u0308tter"),  # a decomposed umlaut (NFD) as some editors write it
    ],
)
def test_fold_makes_spellings_equal(query: str, text: str) -> None:
    assert fold(query) in fold(text)


def test_text_searches_title_summary_goal_and_tags() -> None:
    records = [
        measure("title", title="Mama lernt Deutsch"),
        measure("summary", summary="Kurse für junge Mütter mit Kinderbetreuung."),
        measure("goal", goal="Mehr Straßenfeste"),
        measure("tags", tags=["elternarbeit"]),
        measure("notes", notes="muetter steht nur in den Notizen"),
    ]
    assert matches(Query(text=("MUETTER",)), records) == ["summary"]
    assert matches(Query(text=("strassenfest",)), records) == ["goal"]
    assert matches(Query(text=("Elternarbeit",)), records) == ["tags"]
    assert matches(Query(text=("mama deutsch",)), records) == ["title"]  # every word, anywhere
    assert matches(Query(text=("mama kurse",)), records) == []
    assert matches(Query(text=("mama", "kurse")), records) == ["title", "summary"]  # repeated: any


# --- unknown values ---------------------------------------------------------------------------------


def test_selector_raises_before_any_measure_is_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = record_module.read_bytes
    read: list[str] = []

    def recording(record: RecordFile) -> bytes:
        read.append(record.kind)
        return real(record)

    monkeypatch.setattr(record_module, "read_bytes", recording)
    with pytest.raises(UnknownValues) as caught:
        load_catalogue(repo, select=selector(Query(target_groups=("jugend",))))
    assert "did you mean 'jugendliche'" in str(caught.value)
    assert "measure" not in read and "target-groups" in read
    load_catalogue(repo, select=selector(Query(target_groups=("jugendliche",))))
    assert "measure" in read  # what the first assertion would have seen


def test_selector_on_a_repository(repo: Path) -> None:
    catalogue = load_catalogue(repo, select=selector(Query(target_groups=("junge-muetter",))))
    assert sorted(m.data["id"] for m in catalogue.measures) == ["sprache-001", "wohnen-001"]
    catalogue = load_catalogue(repo, select=selector(Query(target_groups=("kinder-jugendliche",))))
    assert sorted(m.data["id"] for m in catalogue.measures) == ["sprache-002", "wohnen-001"]


# --- sorting and limiting ---------------------------------------------------------------------------


SORTABLE = as_measures(
    measure("c", title="Zuwanderung", field="wohnen", status="planned", start="2021-01-01"),
    measure("a", title="„Ärger vermeiden“", field="sprache", status="dropped", budget=[{"year": 2024, "planned": 5}]),
    measure(
        "b",
        title="Bildung",
        field="bildung",
        status="active",
        start="2019-05-01",
        budget=[{"year": 2024, "planned": 10}, {"year": 2025, "planned": 20}],
    ),
    measure("d", title="bildung", field="sprache", status="active", budget=[{"year": 2024, "planned": 30}]),
)


def ids(measures: list[Measure]) -> list[str]:
    return [m.data["id"] for m in measures]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("id", ["a", "b", "c", "d"]),
        ("-id", ["d", "c", "b", "a"]),
        ("title", ["a", "b", "d", "c"]),  # quotes ignored, Ä as Ae, case-blind; ties by id
        ("field", ["a", "d", "b", "c"]),  # concept order: sprache 2, bildung 3, wohnen 5
        ("status", ["c", "b", "d", "a"]),  # life cycle: planned, active, ..., dropped
        ("start", ["b", "c", "a", "d"]),  # no start: last
        ("-start", ["c", "b", "a", "d"]),  # no start: last either way
        ("budget", ["c", "a", "b", "d"]),  # planned totals 0, 5, 30, 30: ties by id
        ("-budget", ["b", "d", "a", "c"]),
    ],
)
def test_sort_keys(key: str, expected: list[str]) -> None:
    assert ids(sort_measures(SORTABLE, key, FIELDS, CODES["status"])) == expected


def test_records_received_in_file_order_come_out_in_id_order() -> None:
    from integ_cli.query import in_id_order

    def run(*ids: str) -> list[Measure]:
        return [Measure(f"data/measures/{i}.yaml", {"id": i}) for i in ids]

    known = {"x", "x-1", "x-2", "x-2-a", "y"}
    # File order: x-1.yaml, x-2-a.yaml, x-2.yaml, x.yaml, y.yaml; each run one worker's.
    runs = [run("x-1"), run("x-2-a", "x-2"), run("x", "y")]
    assert [m.id for m in in_id_order(runs, known)] == ["x", "x-1", "x-2", "x-2-a", "y"]
    # A record whose start is no file goes on at once.
    first = next(in_id_order(iter([run("z-1"), []]), {"z-1"}))
    assert first.id == "z-1"


@pytest.mark.parametrize("sort", ["id", "-budget", "field"])
def test_a_listing_sends_each_item_as_written_and_lists_it_in_order(sort: str) -> None:
    # The item text (here with quotes and a line break, as JSON and YAML items have) is
    # what a worker sends and what the listing gives: not wrapped in JSON on the way.
    from integ_cli.query import Listed, listing_shape

    def item(file: str, data: dict[str, Any]) -> str:
        return f'- "{data["id"]}"\n  file: {file}\n'

    shape = listing_shape(sort, FIELDS, CODES["status"], item)
    by_id = sorted(SORTABLE, key=lambda m: m.id)  # as the listing receives them
    shaped = [Measure(m.file, text=shape(m.file, m.data)) for m in by_id]
    if sort == "id":
        assert [m.text for m in shaped] == [item(m.file, m.data) for m in by_id]
    expected = [item(m.file, m.data) for m in sort_measures(SORTABLE, sort, FIELDS, CODES["status"])]
    listed = Listed(shaped, sort, limit=3)
    assert list(listed) == expected[:3] and listed.total == len(SORTABLE)
