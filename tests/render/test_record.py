"""One measure in full (``integ show``): everything shown, readably, in English and German."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from integ_cli.checking.measure import Measure
from integ_cli.codelists import of_repository
from integ_cli.render.grid import Display
from integ_cli.render.names import Names
from integ_cli.render.record import RECORD_RENDERERS, render_record

NAMES = Names(
    fields={"sprache": {"name": "Sprachförderung", "short_name": "Sprache"}},
    target_groups={"junge-muetter": {"name": "Junge Mütter"}, "kinder": {"name": "Kinder"}},
    actors={"vhs": {"name": "Volkshochschule"}},
    districts={"brand": {"name": "Brand"}},
    codelists=of_repository(None),
)
RECORD: dict[str, Any] = {
    "schema_version": 1,
    "id": "sprache-009",
    "title": 'Kurs "Deutsch; im Alltag", Teil 2 | neu',
    "summary": 'Erste Zeile, mit Komma.\nZweite Zeile mit "Zitat".\n',
    "field": "sprache",
    "also_fields": ["sprache"],
    "target_groups": ["junge-muetter", "kinder"],
    "lead": "vhs",
    "partners": ["unbekannt"],
    "districts": ["brand"],
    "status": "active",
    "horizon": "mid",
    "start": "2025-01-01",
    "budget": [
        {"year": 2025, "planned": 1000.25, "spent": 900, "source": "municipal"},
        {"year": 2026, "planned": 2000, "source": "state", "note": "Land NRW"},
    ],
    "indicators": [{"name": "Teilnehmende", "unit": "Personen", "target": 40, "actual": 35.5}],
    "decision": {"body": "Rat der Stadt", "date": "2024-11-20", "paper": "BEISPIEL-2024/001"},
    "links": [{"title": "Projektseite", "url": "https://example.org/a,b"}],
    "tags": ["deutsch", "alltag"],
    "illustrative": True,
    "future_key": {"a": 1},
}
MEASURE = Measure("data/measures/sprache-009.yaml", RECORD)


def test_record_shows_everything_readably() -> None:
    text = render_record(MEASURE, NAMES)
    assert "\x1b" not in text
    assert text.startswith('sprache-009  Kurs "Deutsch; im Alltag", Teil 2 | neu\n')
    for expected in (
        "file:           data/measures/sprache-009.yaml",
        "field:          Sprachförderung (sprache)",
        "also fields:    Sprachförderung (sprache)",
        "target groups:  Junge Mütter (junge-muetter); Kinder (kinder)",
        "lead:           Volkshochschule (vhs)",
        "partners:       unbekannt",
        "districts:      Brand (brand)",
        "status:         active",
        "horizon:        mid-term (mid)",
        "start:          2025-01-01",
        "illustrative:   yes",
        "tags:           deutsch, alltag",
        '  Zweite Zeile mit "Zitat".',
        "  2025  municipal",
        "  total planned 3,000",
        "Teilnehmende",
        "decision: Rat der Stadt, 2024-11-20, BEISPIEL-2024/001",
        "  Projektseite: https://example.org/a,b",
        'future_key: {"a": 1}',
    ):
        assert expected in text, expected
    assert "\x1b[1m" in render_record(MEASURE, NAMES, Display(colour=True))


@pytest.mark.usefixtures("german")
def test_record_in_german_labels_and_code_names() -> None:
    text = render_record(MEASURE, NAMES)
    for expected in (
        "Datei:                   data/measures/sprache-009.yaml",
        "Handlungsfeld:           Sprachförderung (sprache)",
        "weitere Handlungsfelder: Sprachförderung (sprache)",
        "Zielgruppen:             Junge Mütter (junge-muetter); Kinder (kinder)",
        "Federführung:            Volkshochschule (vhs)",
        "Status:                  laufend (active)",
        "Zeithorizont:            mittelfristig (mid)",
        "Beispiel:                ja",
        "Budget (EUR):",
        "  JAHR  MITTELHERKUNFT",
        "  2025  kommunal",
        "  Ansatz gesamt 3.000",
        "Beschluss: Rat der Stadt, 2024-11-20, BEISPIEL-2024/001",
        "Verknüpfungen:",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_json_and_yaml_are_the_record_as_in_its_file(fmt: str) -> None:
    text = RECORD_RENDERERS[fmt](MEASURE, NAMES, Display())
    document = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert document == {**RECORD, "file": "data/measures/sprache-009.yaml"}


def commands(text: str) -> list[str]:
    """The lines GitHub's runner would read as workflow commands (it trims leading blanks)."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_a_title_with_a_line_break_cannot_start_a_workflow_command() -> None:
    forged = {**RECORD, "title": "Mama\n::error file=README.md,line=1::forged"}
    text = render_record(Measure("data/measures/sprache-009.yaml", forged), NAMES)
    assert commands(text) == []
    assert text.startswith("sprache-009  Mama\\n:\\u003aerror file=README.md,line=1:\\u003aforged\n")


def test_wrapping_puts_no_workflow_command_at_the_start_of_a_line() -> None:
    for shift in range(0, 88, 7):
        summary = "Wort " * shift + "::error file=README.md,line=1::forged " + "weiter " * 20
        tags = ["x" * shift, "::warning::forged"]
        record = {**RECORD, "summary": summary, "tags": tags, "notes": "a\n  ::notice::forged"}
        assert commands(render_record(Measure("data/measures/sprache-009.yaml", record), NAMES)) == []


def test_terminal_escapes_and_bidi_overrides_in_values_are_shown_not_obeyed() -> None:
    hostile = {**RECORD, "goal": "clear\x1b[2J", "links": [{"title": "a\u202eb", "url": "https://x.org/\u200b"}]}
    text = render_record(Measure("data/measures/sprache-009.yaml", hostile), NAMES)
    assert "\x1b" not in text and "\u202e" not in text and "\u200b" not in text
    assert "  clear\\u001b[2J" in text and "  a\\u202eb: https://x.org/\\u200b" in text


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_json_and_yaml_keep_the_forged_title_inside_its_string(fmt: str) -> None:
    title = "Mama\n::error file=README.md,line=1::forged ##[error]x \u202e"
    text = RECORD_RENDERERS[fmt](
        Measure("data/measures/sprache-009.yaml", {**RECORD, "title": title}), NAMES, Display()
    )
    assert commands(text) == [] and "##[" not in text and "\u202e" not in text
    assert (json.loads(text) if fmt == "json" else yaml.safe_load(text))["title"] == title


#: A measure funded from a state programme whose amount is not known yet, with staff posts.
FUNDED = Measure(
    "data/measures/bildung-009.yaml",
    {
        "schema_version": 2,
        "id": "bildung-009",
        "title": "Integrationszentrum Elternarbeit",
        "field": "sprache",
        "districts": ["brand"],
        "budget": [
            {"year": 2026, "planned": 15000, "source": "municipal"},
            {
                "year": 2026,
                "source": "state",
                "programme": "KOMM-AN NRW",
                "co_funding_share": 0.9,
                "funding_status": "applied",
                "amount_unknown": "Förderbescheid steht aus",
            },
        ],
        "staff": [{"year": 2026, "fte": 1.5, "note": "Sozialarbeit"}],
    },
)


def test_funding_programme_share_status_unknown_amount_and_staff_are_shown() -> None:
    text = render_record(FUNDED, NAMES)
    lines = text.splitlines()
    budget = next(line for line in lines if "KOMM-AN NRW" in line).split()
    assert budget[:3] == ["2026", "state", "unknown"]
    assert {"applied", "90%"} <= set(budget)
    assert "  amount of 2026 (state) not known yet: Förderbescheid steht aus" in lines
    assert "  total planned 15,000" in lines
    assert "staff posts:" in lines
    assert next(line for line in lines if "Sozialarbeit" in line).split() == ["2026", "1.5", "Sozialarbeit"]
    assert "programme" not in render_record(MEASURE, NAMES)  # columns only where a line has them


@pytest.mark.usefixtures("german")
def test_funding_in_german() -> None:
    text = render_record(FUNDED, NAMES)
    for expected in ("FÖRDERSTAND", "FÖRDERQUOTE", "FÖRDERPROGRAMM", "beantragt", "90 %", "unbekannt", "Stellen:"):
        assert expected in text, expected
    assert "  Betrag 2026 (Land NRW) noch unbekannt: Förderbescheid steht aus" in text.splitlines()
    assert "1,5" in text
