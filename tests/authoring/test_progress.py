"""The progress edits on a record's text: comments kept, keys where the schema puts them."""

from __future__ import annotations

import pytest

from integ_cli.authoring.edits import EditError, apply
from integ_cli.authoring.progress import add_milestone, add_update, remove_staff, set_staff, tick_milestone
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


STAFFED = """\
schema_version: 2
id: sprache-001
staff:
  - year: 2025
    fte: 1
  - year: 2027  # befristet
    fte: 0.5
    note: Verwaltung
updated: "2026-01-01"
"""


def test_staff_posts_of_a_new_year_go_between_the_years_around_it() -> None:
    edited = apply(STAFFED, set_staff(2026, 1.5), SCHEMA, "2026-02-01")
    assert "  - year: 2025\n    fte: 1\n  - year: 2026\n    fte: 1.5\n  - year: 2027  # befristet\n" in edited.text
    assert edited.changes == ["staff posts 2026 added"]


def test_staff_posts_of_a_year_already_there_are_replaced_not_doubled() -> None:
    edited = apply(STAFFED, set_staff(2027, 0.75), SCHEMA, "2026-02-01")
    assert edited.text.count("year: 2027") == 1
    assert "    fte: 0.75\n    note: Verwaltung\n" in edited.text  # the note stays
    assert edited.changes == ["staff posts 2027: fte: 0.5 → 0.75"]
    assert apply(edited.text, set_staff(2027, 0.75), SCHEMA, "2026-02-01").changes == []


def test_the_first_staff_posts_raise_a_version_1_file() -> None:
    text = 'schema_version: 1\nid: sprache-001\nupdated: "2026-01-01"\n'
    edited = apply(text, set_staff(2026, 0, "Stelle gestrichen"), SCHEMA, "2026-02-01")
    assert "schema_version: 2\n" in edited.text
    assert "staff:\n  - year: 2026\n    fte: 0\n    note: Stelle gestrichen\n" in edited.text


def test_removing_a_year_keeps_the_others_and_the_last_takes_the_list_away() -> None:
    edited = apply(STAFFED, remove_staff(2025), SCHEMA, "2026-02-01")
    assert "year: 2025" not in edited.text and "  - year: 2027  # befristet\n" in edited.text
    assert edited.changes == ["staff posts 2025 removed"]
    assert "staff" not in apply(edited.text, remove_staff(2027), SCHEMA, "2026-02-01").text


def test_removing_a_year_without_posts_names_the_years_there_are() -> None:
    with pytest.raises(EditError, match="no staff posts for 2026; it has them for 2025, 2027"):
        apply(STAFFED, remove_staff(2026), SCHEMA, "2026-02-01")
    with pytest.raises(EditError, match="no staff posts for 2026; it has none"):
        apply("schema_version: 2\nid: sprache-001\n", remove_staff(2026), SCHEMA, "2026-02-01")
