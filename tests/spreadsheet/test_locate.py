"""Problems placed at cells by their JSON path and code, whatever their message says."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.authoring.records import measure_schema
from integ_cli.problems import Problem
from integ_cli.spreadsheet.layout import Layout, layout_for
from integ_cli.spreadsheet.locate import locate
from integ_cli.spreadsheet.read import CellProblem, Row, read
from integ_cli.spreadsheet.wanted import Wanted, collect
from tests.conftest import PROJECT

SCHEMA = measure_schema(PROJECT)
LAYOUT: Layout = layout_for(SCHEMA)
FILE = "data/measures/neu.yaml"


@pytest.fixture
def entry(tmp_path: Path) -> Wanted:
    """A new measure's row in a CSV with three columns; its title is empty."""
    path = tmp_path / "x.csv"
    path.write_text("Maßnahme-ID (id);Titel (title);Status (status)\nneu-1;;laufend\n", encoding="utf-8")
    problems: list[CellProblem] = []
    wanted = collect(read(path, LAYOUT), set(), problems)
    assert problems == [] and len(wanted) == 1
    return wanted[0]


def shown(problem: Problem, entry: Wanted, record: object = None) -> list[str]:
    return [str(p) for p in locate(problem, entry, LAYOUT, SCHEMA, record)]


@pytest.mark.parametrize("message", ["'status' is 'laufend', expected one of: ...", "ganz andere Worte", ""])
def test_a_problem_lands_on_its_path_whatever_its_message(entry: Wanted, message: str) -> None:
    problem = Problem(FILE, 3, 1, "status", "schema-enum", message)
    assert shown(problem, entry) == [f"x.csv!C2 (Status): {message}"]


def test_each_missing_required_key_gets_its_cell_from_schema_and_record(entry: Wanted) -> None:
    record = {"schema_version": 1, "id": "neu-1", "status": "laufend", "visibility": "public", "updated": "2026-01-01"}
    required = [str(k) for k in SCHEMA["required"] if k not in record]
    problem = Problem(FILE, 1, 1, "", "schema-required", "Meldung, die nicht gelesen wird")
    located = shown(problem, entry, record)
    assert len(located) == len(required) > 2
    assert "x.csv!B2 (Titel): 'title' is required; this cell must not be empty" in located
    assert "x.csv row 2 (Kurzbeschreibung): 'summary' is required; the sheet has no column for it" in located


def test_a_required_key_of_a_list_item_and_problems_without_a_cell(entry: Wanted) -> None:
    record = {"budget": [{"planned": 100}]}
    problem = Problem(FILE, 7, 5, "budget[0]", "schema-required", "egal")
    # the measure has no Budget rows in this file: the problem keeps its place in the YAML
    assert shown(problem, entry, record) == [f"{FILE}:7:5: egal"]
    sheet = LAYOUT.for_list("budget")
    assert sheet is not None
    budget = Row(sheet, "Budget", 4, {"id": "neu-1", "planned": 100}, {"id": "A", "planned": "C"}, 1)
    entry.items["budget"] = [(budget, {"planned": 100})]
    assert shown(problem, entry, record) == [
        "Budget row 4 (Jahr): 'year' is required; the sheet has no column for it",
        "Budget row 4 (Mittelherkunft): 'source' is required; the sheet has no column for it",
    ]
    # a column the file lacks: the row, named by the column; a key no column has: the id cell
    assert shown(Problem(FILE, None, None, "decision.date", "schema-format", "m"), entry) == [
        "x.csv row 2 (Beschluss: Datum): m"
    ]
    assert shown(Problem(FILE, 9, 1, "farbe", "schema-unknown-key", "m"), entry) == ["x.csv!A2 (Maßnahme-ID): m"]
    assert shown(Problem(FILE, None, None, "", "schema-required", "m"), entry) == ["x.csv!A2 (Maßnahme-ID): m"]
