"""The overview renderers (``integ fields``, ``target-groups`` ...): plain text, table, JSON."""

from __future__ import annotations

import json

import pytest

from integ_cli.codelists import of_repository
from integ_cli.render.counts import render_districts, render_fields, render_target_groups
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


DISTRICT_TREE = [
    EntryCount("stadtweit", "Gesamtstadt", 0, 1, 1, {"parent": None, "city_wide": True, "with_sub_areas": 1}),
    EntryCount("brand", "Brand", 0, 1, 3, {"parent": None, "city_wide": False, "with_sub_areas": 2}),
    EntryCount("brand-nord", "Brand-Nord", 1, 1, 2, {"parent": "brand", "city_wide": False, "with_sub_areas": 1}),
]


def test_districts_show_sub_areas_indented_with_counts_that_say_what_they_include() -> None:
    header, *rows = render_districts(DISTRICT_TREE, "text").splitlines()
    assert header.split("  ")[-3:] == ["MEASURES", "INCL. SUB-AREAS", "INCL. SUB-AREAS AND CITY-WIDE"]
    assert rows[1].split() == ["brand", "Brand", "1", "2", "3"]
    assert rows[2].startswith("  brand-nord ") and rows[2].split()[-3:] == ["1", "1", "2"]
    md = render_districts(DISTRICT_TREE, "md").splitlines()
    assert md[4] == "| \u00a0\u00a0brand-nord | Brand-Nord |  | 1 | 1 | 2 |"


def test_machine_formats_are_flat_with_the_parent() -> None:
    import yaml

    csv = render_districts(DISTRICT_TREE, "csv").lstrip("\ufeff").splitlines()
    assert csv[0] == "id;name;parent;city_wide;with_sub_areas;depth;measures;total"
    assert csv[3] == "brand-nord;Brand-Nord;brand;false;1;1;1;2"
    assert yaml.safe_load(render_districts(DISTRICT_TREE, "yaml")) == json.loads(
        render_districts(DISTRICT_TREE, "json")
    )
    counts = field_counts(FIELDS, MEASURES, of_repository(None)["status"])
    header = render_fields(counts, "csv").lstrip("\ufeff").splitlines()[0].split(";")
    assert header[:6] == ["id", "name", "short_name", "order", "prioritised", "measures"]
    assert "by_status.active" in header and header[-1] == "also"


@pytest.mark.usefixtures("german")
def test_district_counts_say_what_they_include_in_german() -> None:
    header = render_districts(DISTRICT_TREE, "text").splitlines()[0]
    assert header.split("  ")[-3:] == ["MASSNAHMEN", "MIT TEILGEBIETEN", "MIT TEILGEBIETEN UND STADTWEITEN"]
