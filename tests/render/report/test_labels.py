"""The lines under the report's title and the reasons for attention, in German and English."""

from __future__ import annotations

import pytest

from integ_cli.render.report.labels import Line, header_lines, reason_texts
from integ_cli.report.model import Filter, Header, Reason

HEADER = Header(
    "Bericht",
    "2026-03-01",
    1,
    False,
    [Filter("text", ["Sprachcafé"], ["Sprachcafé"]), Filter("statuses", ["active", "planned"], ["laufend", "geplant"])],
    2,
)


@pytest.mark.usefixtures("german")
def test_header_lines_in_german() -> None:
    assert header_lines(HEADER) == [
        Line("Stand: 01.03.2026 · 1 Maßnahme"),
        Line("Auswahl: Suchtext: „Sprachcafé“; Status: laufend oder geplant"),
        Line("Nur öffentliche Maßnahmen; interne Maßnahmen sind nicht enthalten."),
        Line("Achtung: 2 ungültige Dateien übergangen (integ validate zeigt die Fehler).", warning=True),
    ]


def test_header_lines_in_english() -> None:
    assert header_lines(HEADER) == [
        Line("As of 2026-03-01 · 1 measure"),
        Line("Selection: Search text: “Sprachcafé”; Status: laufend or geplant"),
        Line("Public measures only; internal measures are not included."),
        Line("Attention: 2 invalid files skipped (integ validate shows the errors).", warning=True),
    ]


@pytest.mark.usefixtures("german")
def test_reasons_in_german() -> None:
    reason_text = reason_texts()
    assert reason_text(Reason("overdue", "2025-07-31")) == "Enddatum überschritten, noch laufend (Ende 31.07.2025)"
    assert reason_text(Reason("stale")) == "ohne Aktualisierungsdatum"
    assert reason_text(Reason("a-city-reason")) == "a-city-reason"


def test_invented_data_are_said_first_and_stand_out(german: None) -> None:
    from dataclasses import replace

    lines = header_lines(replace(HEADER, illustrative=True))
    assert lines[0] == Line("Beispieldaten: erfundene Maßnahmen und Beträge.", warning=True)
    assert Line("Beispieldaten: erfundene Maßnahmen und Beträge.", warning=True) not in header_lines(HEADER)


def test_stale_names_the_days_the_concept_record_sets() -> None:
    assert reason_texts(90)(Reason("stale", "2025-11-01")) == "not updated for over 90 days (last 2025-11-01)"
    assert reason_texts(1)(Reason("stale", "2025-11-01")) == "not updated for over 1 day (last 2025-11-01)"
    assert reason_texts()(Reason("stale", "2025-01-02")) == "not updated for over a year (last 2025-01-02)"


@pytest.mark.usefixtures("german")
def test_stale_days_in_german() -> None:
    assert (
        reason_texts(90)(Reason("stale", "2025-11-01")) == "seit über 90 Tagen nicht aktualisiert (zuletzt 01.11.2025)"
    )
    assert reason_texts(1)(Reason("stale", "2025-11-01")) == "seit über 1 Tag nicht aktualisiert (zuletzt 01.11.2025)"
