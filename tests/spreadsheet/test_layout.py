"""The workbook layout follows the measure schema."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from integ_cli.authoring.records import measure_schema
from integ_cli.spreadsheet.layout import (
    LIST,
    MEASURES_SHEET,
    column_letter,
    column_name,
    join_list,
    layout_for,
    split_list,
)
from tests.conftest import PROJECT

SCHEMA = measure_schema(PROJECT)


def test_measures_sheet_has_a_column_per_key_and_nested_key() -> None:
    layout = layout_for(SCHEMA)
    names = [c.name for c in layout.measures.columns]
    assert layout.measures.title == MEASURES_SHEET
    assert names[0] == "id"
    assert {"title", "target_groups", "status", "start", "decision.body", "decision.date", "updated"} <= set(names)
    assert "schema_version" not in names  # integ manages it
    assert not {"budget", "indicators", "links", "decision"} & set(names)
    assert layout.measures.column("target_groups").kind == LIST


def test_lists_of_mappings_get_their_own_sheets_keyed_by_id() -> None:
    layout = layout_for(SCHEMA)
    assert [(s.title, s.list_key) for s in layout.lists] == [
        ("Budget", "budget"),
        ("Stellen", "staff"),
        ("Indikatoren", "indicators"),
        ("Meilensteine", "milestones"),
        ("Sachstände", "updates"),
        ("Beschlüsse", "decisions"),
        ("Beratungsfolge", "consultation"),
        ("Links", "links"),
    ]
    budget = layout.for_list("budget")
    assert budget is not None
    assert [c.name for c in budget.columns] == [
        "id",
        "year",
        "planned",
        "revised",
        "spent",
        "source",
        "amount_unknown",
        "programme",
        "co_funding_share",
        "funding_status",
        "note",
    ]
    assert budget.column("source").choices == (
        "municipal",
        "state",
        "jobcenter",
        "federal",
        "eu",
        "foundation",
        "other",
    )


def test_headers_carry_german_label_and_key() -> None:
    layout = layout_for(SCHEMA)
    assert layout.measures.column("title").header == "Titel (title)"
    assert layout.measures.column("target_groups").header == "Zielgruppen (target_groups)"
    assert layout.measures.column("decision.paper").header == "Beschluss: Vorlage-Nr. (decision.paper)"


def test_drop_downs_for_single_values_from_closed_lists() -> None:
    layout = layout_for(SCHEMA)
    drop_downs = {(s.title, c.name) for s in layout.sheets for c in s.columns if c.drop_down}
    assert drop_downs == {
        (MEASURES_SHEET, "field"),
        (MEASURES_SHEET, "lead"),
        (MEASURES_SHEET, "status"),
        (MEASURES_SHEET, "horizon"),
        (MEASURES_SHEET, "visibility"),
        (MEASURES_SHEET, "decision.outcome"),
        ("Budget", "source"),
        ("Budget", "funding_status"),
        ("Beschlüsse", "outcome"),
        ("Beratungsfolge", "outcome"),
        ("Sachstände", "status"),
    }


def test_a_new_schema_key_becomes_a_column(tmp_path: Path) -> None:
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["contact_role"] = {"type": "string", "description": "Role to contact."}
    schema["properties"]["milestones"] = {
        "type": "array",
        "items": {"type": "object", "properties": {"date": {"$ref": "#/$defs/date"}, "what": {"type": "string"}}},
    }
    layout = layout_for(schema)
    column = layout.measures.column("contact_role")
    assert column is not None and column.header == "contact_role (contact_role)"
    milestones = layout.for_list("milestones")
    assert milestones is not None and [c.name for c in milestones.columns] == ["id", "date", "what"]
    assert milestones.column("date").kind == "date"


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Titel (title)", "title"),
        ("Beschluss: Datum (decision.date)", "decision.date"),
        ("  Status ( status ) ", "status"),
        ("Titel", None),
        (None, None),
        (12, None),
    ],
)
def test_column_name_from_header(header: object, name: str | None) -> None:
    assert column_name(header) == name


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letter(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_list_cells_split_at_commas_semicolons_and_line_breaks() -> None:
    assert split_list("eltern, frauen;kinder\njugendliche, ") == ["eltern", "frauen", "kinder", "jugendliche"]
    assert join_list(["eltern", "frauen"]) == "eltern, frauen"


def test_codelist_columns_amounts_and_descriptions_come_from_the_schema() -> None:
    layout = layout_for(SCHEMA)
    status, budget = layout.measures.column("status"), layout.for_list("budget")
    assert status is not None and status.codelist is not None and status.codelist.key == "status"
    assert budget is not None
    source, planned, year = budget.column("source"), budget.column("planned"), budget.column("year")
    assert source is not None and source.codelist is not None and source.codelist.resolve("Stadt") == "municipal"
    assert planned is not None and planned.amount and year is not None and not year.amount
    assert status.description.startswith("Where the measure stands")


def test_descriptions_in_german(german: None) -> None:
    status = layout_for(SCHEMA).measures.column("status")
    assert (
        status is not None
        and status.description
        == "Stand der Umsetzung: geplant, laufend, abgeschlossen, ausgesetzt, verworfen "
        "oder ohne Angabe (wo die Quelle nichts sagt)."
    )
