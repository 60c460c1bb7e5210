"""One change in the words people use, in English and in German."""

from __future__ import annotations

import pytest

from integ_cli.history.model import Change
from integ_cli.render.changes import describe


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (Change(("status",), "changed", "planned", "active"), "status: planned → active"),
        (
            Change(("budget", (2026, "municipal"), "planned"), "changed", 12000, 15000),
            "budget 2026 (municipal) planned: €12,000 → €15,000",
        ),
        (
            Change(("budget", (2026, "state")), "added", None, {"year": 2026, "planned": 5000, "source": "state"}),
            "budget 2026 (state): added, planned €5,000",
        ),
        (
            Change(("budget", (2025, "eu")), "removed", {"year": 2025, "planned": 800.5, "source": "eu"}, None),
            "budget 2025 (eu): removed (was planned €800.50)",
        ),
        (
            Change(("budget", (2026, "municipal", "#2"), "spent"), "added", None, 1234567),
            "budget 2026 (municipal) #2 spent: added €1,234,567",
        ),
        (
            Change(("indicators", ("Teilnehmende", 2025), "actual"), "changed", 35, 41),
            "indicator Teilnehmende (2025) actual: 35 → 41",
        ),
        (Change(("indicators", ("Kurse", None), "target"), "changed", 2, 3), "indicator Kurse target: 2 → 3"),
        (
            Change(("target_groups",), "changed", ["kinder", "jugendliche"], ["kinder", "junge-muetter"]),
            "target groups: + junge-muetter; − jugendliche",
        ),
        (Change(("tags",), "changed", ["a", "b"], ["b", "a"]), "tags: order changed"),
        (Change(("decision", "date"), "changed", "2025-01-01", "2025-02-01"), "decision date: 2025-01-01 → 2025-02-01"),
        (Change(("end",), "added", None, "2027-12-31"), "end: added 2027-12-31"),
        (Change(("goal",), "removed", "Mehr Begegnung.", None), "goal: removed (was Mehr Begegnung.)"),
    ],
)
def test_describe(change: Change, line: str) -> None:
    assert describe(change) == line


def test_long_text_is_shortened_and_kept_on_one_line() -> None:
    line = describe(Change(("summary",), "changed", "kurz", "Ein sehr langer Text,\n" + "und weiter " * 20))
    assert "\n" not in line
    assert line.endswith("…") and len(line) < 100


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(
    ("change", "line"),
    [
        (Change(("status",), "changed", "planned", "active"), "Status: planned → active"),
        (
            Change(("budget", (2026, "municipal"), "planned"), "changed", 12000, 15000),
            "Budgetposten 2026 (municipal) Ansatz: 12.000 € → 15.000 €",
        ),
        (
            Change(("budget", (2025, "eu")), "removed", {"year": 2025, "planned": 800.5, "source": "eu"}, None),
            "Budgetposten 2025 (eu): entfernt (war Ansatz 800,50 €)",
        ),
        (
            Change(("indicators", ("Teilnehmende", 2025), "actual"), "changed", 35, 41),
            "Kennzahl Teilnehmende (2025) Istwert: 35 → 41",
        ),
        (Change(("lead",), "added", None, "vhs"), "Federführung: hinzugefügt vhs"),
        (Change(("horizon",), "changed", "short", "mid"), "Zeithorizont: short → mid"),
        (Change(("end",), "added", None, "2027-12-31"), "Ende: hinzugefügt 31.12.2027"),
        (
            Change(("decision", "date"), "changed", "2025-01-01", "2025-02-01"),
            "Beschlussdatum: 01.01.2025 → 01.02.2025",
        ),
        (Change(("tags",), "changed", ["a", "b"], ["b", "a"]), "Schlagworte: Reihenfolge geändert"),
        (Change(("x_city_key",), "added", None, True), "x_city_key: hinzugefügt ja"),
    ],
)
def test_describe_in_german(change: Change, line: str) -> None:
    assert describe(change) == line
