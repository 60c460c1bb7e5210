"""The progress edits on a record's text: comments kept, keys where the schema puts them."""

from __future__ import annotations

import pytest

from integ_cli.authoring.edits import EditError, apply
from integ_cli.authoring.progress import add_milestone, add_update, tick_milestone
from integ_cli.checking.schema import PACKAGED, schema_for

SCHEMA = schema_for(PACKAGED / "measure.schema.json")
TEXT = """\
schema_version: 2
id: sprache-001
status: active  # seit dem Start
indicators:
  - {name: Teilnehmende, unit: Personen}
# Verweise
links:
  - url: https://example.org
updated: "2026-01-01"
"""


def test_milestones_go_after_the_indicators_and_comments_stay() -> None:
    edited = apply(TEXT, add_milestone("Kursräume angemietet", "2026-06"), SCHEMA, "2026-02-01")
    lines = edited.text.splitlines()
    assert lines.index("milestones:") == lines.index("  - {name: Teilnehmende, unit: Personen}") + 2
    assert lines[lines.index("milestones:") + 1 :][:3] == [
        "  - title: Kursräume angemietet",
        "    due: 2026-06",
        "links:",
    ]
    assert "status: active  # seit dem Start" in lines and "# Verweise" in lines


def test_a_year_is_written_as_text_so_it_stays_a_date() -> None:
    edited = apply(TEXT, add_milestone("Evaluation", "2027"), SCHEMA, "2026-02-01")
    assert '    due: "2027"\n' in edited.text


def test_an_update_with_a_status_sets_it_and_keeps_its_comment() -> None:
    edited = apply(TEXT, add_update("2026-02-01", "suspended", "Kursleitung fehlt."), SCHEMA, "2026-02-01")
    assert "status: suspended  # seit dem Start\n" in edited.text
    assert '  - date: "2026-02-01"\n    status: suspended\n    note: Kursleitung fehlt.\n' in edited.text
    assert edited.changes == ["status: active → suspended", "update of 2026-02-01 added"]


def test_a_milestone_is_added_once_and_ticked_once() -> None:
    text = apply(TEXT, add_milestone("Kurs"), SCHEMA, "2026-02-01").text
    with pytest.raises(EditError, match="has a milestone 'Kurs' already"):
        apply(text, add_milestone("Kurs"), SCHEMA, "2026-02-01")
    ticked = apply(text, tick_milestone("Kurs", "2026-03-01"), SCHEMA, "2026-03-01")
    assert ticked.changes == ["milestone 'Kurs' done on 2026-03-01"]
    assert apply(ticked.text, tick_milestone("1", "2026-03-01"), SCHEMA, "2026-03-01").changes == []
