"""Comparing two values key by key: natural keys of list items, lists of ids, types."""

from __future__ import annotations

from integ_cli.history.model import Change
from integ_cli.history.values import diff_values

BUDGET = [
    {"year": 2025, "planned": 10000, "source": "municipal"},
    {"year": 2026, "planned": 12000, "source": "municipal"},
]


def paths(changes: list[Change]) -> list[tuple[str, str]]:
    return [(change.path, change.kind) for change in changes]


def test_a_scalar_change_names_its_key() -> None:
    changes = diff_values({"status": "planned", "horizon": "mid"}, {"status": "active", "horizon": "mid"})
    assert changes == [Change(("status",), "changed", "planned", "active")]
    assert changes[0].path == "status"


def test_an_inserted_budget_line_reads_as_added_not_as_every_line_changed() -> None:
    inserted = [BUDGET[0], {"year": 2025, "planned": 3000, "source": "state"}, BUDGET[1]]
    changes = diff_values({"budget": BUDGET}, {"budget": inserted})
    assert paths(changes) == [("budget[2025 state]", "added")]
    assert changes[0].after == {"year": 2025, "planned": 3000, "source": "state"}


def test_budget_lines_are_matched_by_year_and_source() -> None:
    changed = [BUDGET[1] | {"planned": 15000}, BUDGET[0]]  # reordered, one amount changed
    changes = diff_values({"budget": BUDGET}, {"budget": changed})
    assert changes == [Change(("budget", (2026, "municipal"), "planned"), "changed", 12000, 15000)]
    assert changes[0].path == "budget[2026 municipal].planned"


def test_a_removed_budget_line_and_a_new_value_in_a_line() -> None:
    after = [BUDGET[1] | {"spent": 11800}]
    assert paths(diff_values({"budget": BUDGET}, {"budget": after})) == [
        ("budget[2025 municipal]", "removed"),
        ("budget[2026 municipal].spent", "added"),
    ]


def test_indicators_are_matched_by_name_and_year() -> None:
    before = [
        {"name": "Teilnehmende", "unit": "Personen", "year": 2025, "actual": 30},
        {"name": "Teilnehmende", "unit": "Personen", "year": 2026, "actual": 35},
    ]
    after = [before[1] | {"actual": 41}, before[0]]
    changes = diff_values({"indicators": before}, {"indicators": after})
    assert paths(changes) == [("indicators[Teilnehmende 2026].actual", "changed")]
    undated = diff_values(
        {"indicators": [{"name": "Kurse", "unit": "Kurse", "actual": 2}]},
        {"indicators": [{"name": "Kurse", "unit": "Kurse", "actual": 3}]},
    )
    assert paths(undated) == [("indicators[Kurse].actual", "changed")]


def test_two_lines_with_the_same_key_are_told_apart() -> None:
    twice = [BUDGET[1], BUDGET[1] | {"planned": 500}]
    changes = diff_values({"budget": twice}, {"budget": [BUDGET[1], BUDGET[1] | {"planned": 700}]})
    assert paths(changes) == [("budget[2026 municipal #2].planned", "changed")]


def test_lists_of_ids_and_nested_mappings() -> None:
    before = {"target_groups": ["kinder", "jugendliche"], "decision": {"body": "Rat", "date": "2025-01-01"}}
    after = {"target_groups": ["kinder", "junge-muetter"], "decision": {"body": "Rat", "date": "2025-02-01"}}
    assert diff_values(before, after) == [
        Change(("target_groups",), "changed", ["kinder", "jugendliche"], ["kinder", "junge-muetter"]),
        Change(("decision", "date"), "changed", "2025-01-01", "2025-02-01"),
    ]


def test_keys_added_and_removed() -> None:
    changes = diff_values({"title": "A", "goal": "Ziel"}, {"title": "A", "end": "2027-12-31"})
    assert paths(changes) == [("goal", "removed"), ("end", "added")]


def test_equal_amounts_are_the_same_and_types_matter() -> None:
    assert diff_values({"planned": 12000}, {"planned": 12000.0}) == []
    assert paths(diff_values({"flag": True}, {"flag": 1})) == [("flag", "changed")]
    assert paths(diff_values({"year": 2026}, {"year": "2026"})) == [("year", "changed")]
