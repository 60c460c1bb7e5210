"""Rows matched to measures by id; placeholders; complete lists from sub-sheets; what a row changes."""

from __future__ import annotations

from typing import Any

from integ_cli.authoring.records import measure_schema
from integ_cli.spreadsheet.layout import Layout, Sheet, layout_for
from integ_cli.spreadsheet.read import CellProblem, Row, Tables
from integ_cli.spreadsheet.wanted import asked, collect, differs, record_values
from tests.conftest import PROJECT

LAYOUT: Layout = layout_for(measure_schema(PROJECT))


def row(sheet: Sheet, number: int, **cells: Any) -> Row:
    letters = {c.name: chr(ord("A") + i) for i, c in enumerate(sheet.columns)}
    return Row(sheet, sheet.title, number, cells, letters, LAYOUT.sheets.index(sheet))


def test_placeholders_tie_sub_sheet_rows_to_new_measures() -> None:
    budget = LAYOUT.for_list("budget")
    assert budget is not None
    tables = Tables(
        measures=[row(LAYOUT.measures, 2, id="neu-1", title="Neu", **{"decision.body": "Rat"})],
        lists={"budget": [row(budget, 2, id="neu-1", year=2026.0, planned="2500,50")]},
    )
    problems: list[CellProblem] = []
    [entry] = collect(tables, {"sprache-001"}, problems)
    assert problems == [] and entry.measure_id is None
    assert record_values(entry) == {
        "title": "Neu",
        "decision": {"body": "Rat"},
        "budget": [{"year": 2026, "planned": 2500.5}],
    }


def test_ids_that_name_no_measure_are_problems_not_new_measures() -> None:
    budget = LAYOUT.for_list("budget")
    assert budget is not None
    tables = Tables(
        measures=[row(LAYOUT.measures, 2, id="sprache-01"), row(LAYOUT.measures, 3, id="neu-1")],
        lists={"budget": [row(budget, 2, id="neu-2", year=2026), row(budget, 3, year=2026)]},
    )
    problems: list[CellProblem] = []
    wanted = collect(tables, {"sprache-001"}, problems)
    assert [w.row.number for w in wanted if w.row is not None] == [3]
    assert [(p.location, p.code) for p in problems] == [
        ("Maßnahmen!A2 (Maßnahme-ID)", "unknown-measure"),
        ("Budget!A2 (Maßnahme-ID)", "unknown-measure"),
        ("Budget!A3 (Maßnahme-ID)", "missing-id"),
    ]
    assert "the placeholder needs a row on the sheet 'Maßnahmen'" in problems[1].message


def test_a_sub_sheet_with_rows_gives_every_measure_its_complete_list() -> None:
    indicators = LAYOUT.for_list("indicators")
    assert indicators is not None
    tables = Tables(
        measures=[row(LAYOUT.measures, 2, id="a-001", status="active"), row(LAYOUT.measures, 3, id="a-002")],
        lists={"indicators": [row(indicators, 2, id="a-001", name="Kurse", unit="Anzahl")]},
    )
    first, second = collect(tables, {"a-001", "a-002"}, [])
    assert [values for _row, values in first.items["indicators"]] == [{"name": "Kurse", "unit": "Anzahl"}]
    assert second.items == {"indicators": []}
    data = {"id": "a-001", "status": "active", "indicators": [{"name": "Kurse", "unit": "Anzahl", "target": 3}]}
    assert not differs(data, asked(first))  # a column the sheet lacks (target) is left alone
    assert differs({**data, "status": "planned"}, asked(first))
    assert differs({"id": "a-002", "indicators": [{"name": "Kurse"}]}, asked(second))  # no rows: the list goes


def test_a_value_differs_by_what_it_means_not_by_its_type() -> None:
    budget = {"id": "a-001", "budget": [{"year": 2025, "planned": 35000, "note": "Land"}]}

    def asking(year: Any, planned: Any, note: Any) -> Any:
        return {}, {"budget": [{"year": year, "planned": planned, "note": note}]}

    assert not differs(budget, asking(2025, 35000.0, "Land "))  # a float of a whole number, blanks around a text
    assert differs(budget, asking(True, 35000, "Land"))  # a boolean is no number, though True == 1
    assert differs(budget, asking(2025, 35000.5, "Land"))
    assert not differs({"id": "a-001", "title": "Titel"}, ({"title": "Titel\r\n"}, {}))
    assert differs({"id": "a-001", "title": "Titel"}, ({"title": "Titel 2"}, {}))
