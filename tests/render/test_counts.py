"""The overview renderers (``integ fields``, ``target-groups`` ...): plain text, table, JSON."""

from __future__ import annotations

import json

import pytest

from integ_cli.codelists import of_repository
from integ_cli.render.counts import render_fields, render_target_groups
from integ_cli.report.counts import EntryCount, field_counts
from tests.helpers import as_measures, measure

FIELDS = {"sprache": {"name": "Sprachförderung", "short_name": "Sprache", "order": 2, "prioritised": True}}
MEASURES = as_measures(measure("sprache-009", status="active"), measure("sprache-010", status="planned"))


def test_overviews_render_plain_and_json() -> None:
    counts = field_counts(FIELDS, MEASURES, of_repository(None)["status"])
    text = render_fields(counts, "text")
    assert text.splitlines()[1].split() == ["sprache", "Sprachförderung", "yes", "1", "1", "0", "0", "0", "0", "2", "0"]
    assert json.loads(render_fields(counts, "json"))[0]["by_status"]["active"] == 1
    tree = [
        EntryCount("kinder-jugendliche", "Kinder und Jugendliche", 0, 0, 2, {"parent": None, "main": True}),
        EntryCount("kinder", "Kinder", 1, 2, 2, {"parent": "kinder-jugendliche", "main": False}),
    ]
    lines = render_target_groups(tree, "text").splitlines()
    assert lines[1].startswith("kinder-jugendliche") and lines[2].startswith("  kinder ")
    assert "\x1b[" not in render_target_groups(tree, "table")
    assert json.loads(render_target_groups(tree, "json"))[1] == {
        "id": "kinder",
        "name": "Kinder",
        "parent": "kinder-jugendliche",
        "main": False,
        "depth": 1,
        "measures": 2,
        "total": 2,
    }


@pytest.mark.usefixtures("german")
def test_overviews_in_german() -> None:
    counts = field_counts(FIELDS, MEASURES, of_repository(None)["status"])
    header, row = render_fields(counts, "text").splitlines()
    assert header.split()[:3] == ["ID", "NAME", "PRIORISIERT"]
    assert header.split()[-2:] == ["SUMME", "WEITERE"]
    assert header.split()[3] == "PLANNED"  # status columns are the codes
    assert row.split()[2] == "ja"
