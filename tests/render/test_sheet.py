"""What ``integ import`` reports: each measure added or changed, and the summary, in English and German."""

from __future__ import annotations

import pytest

from integ_cli.render.sheet import render_changes, render_problems, render_summary
from integ_cli.spreadsheet.apply import Change, Outcome
from integ_cli.spreadsheet.read import CellProblem

OUTCOME = Outcome(
    changes=[
        Change("add", "sprache-009", "data/measures/sprache-009.yaml", ["Sprachcafé"]),
        Change("change", "sprache-001", "data/measures/sprache-001.yaml", ["status: planned → active"]),
        Change("unchanged", "sprache-002", "data/measures/sprache-002.yaml"),
    ]
)


def test_changes_and_summary_in_english() -> None:
    assert render_changes(OUTCOME, dry_run=True).splitlines() == [
        "would add sprache-009 data/measures/sprache-009.yaml: Sprachcafé",
        "would change sprache-001 data/measures/sprache-001.yaml",
        "  status: planned → active",
    ]
    assert render_summary(OUTCOME, dry_run=False) == "1 added, 1 changed, 1 unchanged"


@pytest.mark.usefixtures("german")
def test_changes_and_summary_in_german() -> None:
    assert render_changes(OUTCOME, dry_run=False).splitlines()[:2] == [
        "hinzugefügt sprache-009 data/measures/sprache-009.yaml: Sprachcafé",
        "geändert sprache-001 data/measures/sprache-001.yaml",
    ]
    assert (
        render_summary(OUTCOME, dry_run=True)
        == "1 hinzugefügt, 1 geändert, 1 unverändert (Probelauf: nichts geschrieben)"
    )


def test_cell_values_with_a_line_break_stay_in_their_line() -> None:
    forged = "Sprachcafé\n::error file=README.md,line=1::forged"
    problem = CellProblem("Maßnahmen!B2 (Titel)", f"'{forged}' is too long", "schema-length")
    outcome = Outcome(changes=[Change("add", "sprache-009", "data/measures/sprache-009.yaml", [forged])])
    for text in (render_problems([problem]), render_changes(outcome, dry_run=True)):
        (line,) = text.splitlines()
        assert ":\\u003aerror" in line and not line.lstrip().startswith("::")
