"""The order of the action fields: by the concept's ``order``, prioritised first in reports."""

from __future__ import annotations

from typing import Any

from integ_cli.fields import field_order, position

FIELDS: dict[str, dict[str, Any]] = {
    "wohnen": {"order": 5, "prioritised": False},
    "sprache": {"order": 2, "prioritised": True},
    "senioren": {"order": 7, "prioritised": False},
    "beratung": {"order": 1, "prioritised": True},
    "arbeit": {"order": 4, "prioritised": True},
}


def test_fields_follow_the_concept_s_order() -> None:
    assert field_order(FIELDS) == ["beratung", "sprache", "arbeit", "wohnen", "senioren"]


def test_prioritised_fields_can_come_first() -> None:
    fields = {**FIELDS, "freizeit": {"order": 3, "prioritised": False}}
    assert field_order(fields) == ["beratung", "sprache", "freizeit", "arbeit", "wohnen", "senioren"]
    assert field_order(fields, prioritised_first=True) == [
        "beratung",
        "sprache",
        "arbeit",
        "freizeit",
        "wohnen",
        "senioren",
    ]


def test_a_field_without_a_usable_order_comes_last_and_ties_go_by_id() -> None:
    fields: dict[str, dict[str, Any]] = {
        "zeta": {},
        "alpha": {"order": "1"},
        "beta": {"order": True},
        "gamma": {"order": 1},
        "delta": {"order": 1.0},
    }
    assert field_order(fields) == ["delta", "gamma", "alpha", "beta", "zeta"]


def test_position_is_the_order_or_last() -> None:
    assert position({"order": 3}) == 3
    assert position({"order": None}) == float("inf")
    assert position({}) > position({"order": 10**6})
