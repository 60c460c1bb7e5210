"""The dialogue of ``integ add``: German answers (names, dates) and German questions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from integ_cli.authoring import records as authoring
from integ_cli.cli.dialogue import Dialogue
from integ_cli.codelists import of_repository


def talk(repo: Path, answers: list[str], values: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Run the dialogue with scripted ``answers``; returns the values and everything shown
    (the questions and the replies to answers that do not fit)."""
    shown: list[str] = []
    left: Iterator[str] = iter(answers)

    def ask(question: str, default: str) -> str:
        shown.append(question)
        return next(left) or default  # Enter takes the default, as on a terminal

    dialogue = Dialogue(
        authoring.vocabularies(repo), authoring.measure_schema(repo), of_repository(repo), ask, shown.append
    )
    return dialogue.run(dict(values or {})), shown


GIVEN = {
    "field": "sprache",
    "title": "Sprachcafé Brand",
    "summary": "Ein offenes Sprachcafé im Begegnungszentrum Brand.",
    "goal": "Mehr Deutsch sprechen.",
    "target_groups": ["junge-muetter"],
    "lead": "stadt",
    "partners": ["migrationsrat"],
    "districts": ["brand"],
}


def test_german_dates_and_names(repo: Path) -> None:
    values, shown = talk(repo, ["Laufend", "Kurzfristig", "1.9.2027", "31.08.2027", "31.12.2027", "intern"], GIVEN)
    assert (values["status"], values["horizon"], values["visibility"]) == ("active", "short", "internal")
    assert (values["start"], values["end"]) == ("2027-09-01", "2027-12-31")
    assert "  the end cannot be before the start (2027-09-01)" in shown


@pytest.mark.usefixtures("german")
def test_in_german(repo: Path) -> None:
    answers = ["Wohnenn", "Wohnen", "Fest", "zu kurz", "Ein Fest für alle im Quartier.", "", "9", "kinder", "", ""]
    values, shown = talk(repo, [*answers, "", "brand", "", "bald", "langfristig", "31.12.27", "", "", ""])
    assert values["field"] == "wohnen" and values["horizon"] == "long" and "start" not in values
    for text in [
        "Handlungsfeld",
        "  unbekanntes Handlungsfeld 'Wohnenn'",
        "Kurzbeschreibung: was die Maßnahme tut, in zwei oder drei Sätzen",
        "  bitte mindestens 10 Zeichen",
        "  die Nummer 9 gibt es nicht; wählen Sie 1 bis 5",
        "  mindestens ein Stadtbezirk ist nötig: Nummern oder Kennungen aus der Liste, z. B. 1,3",
        "  'bald' ist kein Zeithorizont; möglich sind: short (kurzfristig), mid (mittelfristig), long (langfristig)",
        "Beginn, TT.MM.JJJJ (Eingabetaste zum Überspringen)",
        "  '31.12.27' ist kein Datum",
    ]:
        assert any(line.startswith(text) for line in shown), text
