"""The edit of an existing measure: only differing cells, single list items added or removed, comments kept."""

from __future__ import annotations

from typing import Any

from integ_cli.authoring.edits import apply
from integ_cli.authoring.records import measure_schema
from integ_cli.spreadsheet.edit import Sync
from integ_cli.spreadsheet.layout import layout_for
from integ_cli.spreadsheet.read import Row
from integ_cli.spreadsheet.wanted import Wanted
from tests.conftest import PROJECT

SCHEMA = measure_schema(PROJECT)
TODAY = "2026-12-01"
TEXT = """\
id: a-001
title: Titel
partners:
  - stadt  # federführend mit
  - vhs
budget:
  - year: 2025
    planned: 100  # erster Ansatz
    source: municipal
  - year: 2026
    planned: 200
    source: municipal
# Kennzahlen folgen
updated: "2026-01-01"
"""


def run(values: dict[str, Any], items: dict[str, list[dict[str, Any]]] | None = None) -> tuple[str, list[str]]:
    sheet = layout_for(SCHEMA).for_list("budget")
    assert sheet is not None
    row = Row(sheet, "Budget", 2, {}, {})
    entry = Wanted("a-001", None, values, {k: [(row, v) for v in rows] for k, rows in (items or {}).items()})
    edited = apply(TEXT, Sync(entry), SCHEMA, TODAY)
    return edited.text, edited.changes


def test_unchanged_cells_change_nothing() -> None:
    assert run({"title": "Titel", "partners": ["stadt", "vhs"]}) == (TEXT, [])


def test_ids_are_added_at_the_end_and_removed_singly_keeping_comments() -> None:
    text, changes = run({"partners": ["stadt", "migrationsrat"]})
    assert changes == ["partners: removed vhs", "partners: added migrationsrat"]
    assert "  - stadt  # federführend mit\n  - migrationsrat\n" in text


def test_a_reordered_list_is_written_anew() -> None:
    text, changes = run({"partners": ["vhs", "stadt"]})
    assert changes == ["partners: ['stadt', 'vhs'] → ['vhs', 'stadt']".replace("'", '"')]
    assert "partners:\n  - vhs\n  - stadt\n" in text


def test_list_items_change_cell_by_cell_and_rows_beyond_are_added_or_removed() -> None:
    lines = [{"year": 2025, "planned": 150, "source": "municipal"}]
    text, changes = run({}, {"budget": lines})
    assert changes == [
        "budget[0].planned: 100 → 150",
        'budget[1] removed (was {"year": 2026, "planned": 200, "source": "municipal"})',
    ]
    assert "    planned: 150  # erster Ansatz\n    source: municipal\n# Kennzahlen folgen\nupdated:" in text
    lines += [{"year": 2026, "planned": 200, "source": "municipal"}, {"year": 2027, "planned": 50, "source": "eu"}]
    text, changes = run({}, {"budget": lines})
    assert changes == ["budget[0].planned: 100 → 150", "budget[2] added: 2027, 50, eu"]
    assert (
        "    planned: 200\n    source: municipal\n  - year: 2027\n    planned: 50\n    source: eu\n# Kennzahlen" in text
    )


def test_a_list_without_rows_goes_with_its_key_and_the_comment_after_it_stays() -> None:
    text, changes = run({}, {"budget": []})
    assert changes == [changes[0]] and changes[0].startswith("budget removed (was [")
    assert "  - vhs\n# Kennzahlen folgen\nupdated:" in text
