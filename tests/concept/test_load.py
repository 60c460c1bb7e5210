"""Reading data/concept.yaml: schema and rules, each problem with its line."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from integ_cli.concept.load import known_ids, load_concept
from integ_cli.concept.model import PartialDate
from integ_cli.patterns import PARTIAL_DATE_PATTERN
from integ_cli.problems import Severity
from tests.conftest import PROJECT
from tests.helpers import make_repo

CONCEPT = """\
schema_version: 1
municipality:
  name: Musterstadt
  kind: city
  official_key: "05334002"
title: Integrationskonzept Musterstadt
unit: stadt
decisions:
  - body: Rat
    date: "2018-06"
    paper: BEISPIEL-2018/001
    outcome: adopted
editions:
  - name: "2018"
    date: "2018-06"
    decision: BEISPIEL-2018/001
    fields: [sprache, bildung]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def write(root: Path, text: str) -> None:
    (root / "data" / "concept.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def problems(root: Path, text: str) -> list[tuple[int | None, str, str]]:
    write(root, text)
    fields, actors = known_ids(root)
    return [(p.line, p.code, p.message) for p in load_concept(root, fields=fields, actors=actors).problems]


def test_a_valid_record(root: Path) -> None:
    write(root, CONCEPT)
    loaded = load_concept(root, fields={"sprache", "bildung"}, actors={"stadt"})
    assert loaded.problems == []
    assert loaded.concept is not None
    assert loaded.concept.editions[0].date == PartialDate(2018, 6)
    assert loaded.concept.unit == "stadt"


def test_the_bundled_record_is_valid_and_has_the_2006_edition() -> None:
    fields, actors = known_ids(PROJECT)
    loaded = load_concept(PROJECT, fields=fields, actors=actors)
    assert loaded.problems == []
    concept = loaded.concept
    assert concept is not None
    assert concept.illustrative is True
    assert concept.municipality.name == "Aachen"
    assert concept.municipality.official_key == "05334002"
    [edition] = concept.editions
    assert (edition.name, str(edition.date), len(edition.fields), edition.measures) == ("2006", "2006-10", 7, 23)
    assert concept.decision(edition.decision or "").outcome == "adopted"  # type: ignore[union-attr]
    assert all(d.paper is None or d.paper.startswith("BEISPIEL-") for d in concept.decisions)


def test_a_repository_without_the_record_has_no_concept_and_no_problem(root: Path) -> None:
    loaded = load_concept(root)
    assert (loaded.concept, loaded.problems, loaded.present) == (None, [], False)


def test_schema_errors_name_line_and_key(root: Path) -> None:
    found = problems(root, CONCEPT.replace("kind: city", "kind: town").replace("unit: stadt", "unit: stadt\nmayor: x"))
    assert [(line, code) for line, code, _ in found] == [(4, "schema-enum"), (8, "schema-unknown-key")]
    assert "expected one of: city, county, city-region" in found[0][2]


def test_a_date_must_exist(root: Path) -> None:
    found = problems(root, CONCEPT.replace('date: "2018-06"\n    paper', 'date: "2018-02-30"\n    paper'))
    assert found == [(10, "not-a-date", "'2018-02-30' is not a real date")]


def test_a_date_known_to_the_year_or_month_needs_no_invented_day(root: Path) -> None:
    assert problems(root, CONCEPT.replace('"2018-06"', '"2018"')) == []


def test_references_to_decisions_actors_and_fields(root: Path) -> None:
    text = CONCEPT.replace("unit: stadt", "unit: stadtt").replace("decision: BEISPIEL-2018/001", "decision: FB 50/1")
    text = text.replace("fields: [sprache, bildung]", "fields: [sprache, arbeit]")
    found = problems(root, text)
    assert [(line, code) for line, code, _ in found] == [
        (7, "unknown-actor"),
        (16, "unknown-decision"),
        (17, "unknown-field"),
    ]
    assert "did you mean 'stadt'?" in found[0][2]
    write(root, text)
    fields, actors = known_ids(root)
    severities = [p.severity for p in load_concept(root, fields=fields, actors=actors).problems]
    assert severities == [Severity.ERROR, Severity.ERROR, Severity.WARNING]  # a field of an old edition may be gone


def test_papers_editions_and_tags_are_named_once(root: Path) -> None:
    text = CONCEPT + textwrap.indent(
        '- name: "2018"\n  date: "2019"\n  tag: t\n- name: "2020"\n  date: "2020"\n  tag: t\n', "  "
    )
    text = text.replace("decisions:\n", "decisions:\n  - body: Rat\n    date: '2017'\n    paper: BEISPIEL-2018/001\n")
    assert [(line, code) for line, code, _ in problems(root, text)] == [
        (14, "duplicate-paper"),
        (21, "duplicate-edition"),
        (26, "duplicate-tag"),
    ]


def test_themes_group_only_the_edition_s_fields(root: Path) -> None:
    text = CONCEPT + "    themes:\n      - name: Bildung und Arbeit\n        fields: [bildung, wohnen]\n"
    assert [(line, code) for line, code, _ in problems(root, text)] == [(20, "theme-field")]


def test_a_committee_does_not_meet_after_the_decision(root: Path) -> None:
    text = CONCEPT.replace(
        "outcome: adopted", "outcome: adopted\n    consultation:\n      - {body: Ausschuss, date: '2018-07'}"
    )
    found = problems(root, text)
    assert [(line, code) for line, code, _ in found] == [(14, "consultation-after-decision")]
    assert problems(root, text.replace("'2018-07'", "'2018'")) == []  # may well be before


def test_content_not_yet_on_disk_is_checked_as_the_file(root: Path) -> None:
    loaded = load_concept(root, raw=CONCEPT.replace("schema_version: 1", "schema_version: 9").encode())
    assert [p.code for p in loaded.problems] == ["unsupported-version"]
    assert not (root / "data" / "concept.yaml").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_to_a_file_outside_the_repository_is_not_read(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(CONCEPT, encoding="utf-8")
    (root / "data" / "concept.yaml").symlink_to(outside)
    assert [p.code for p in load_concept(root).problems] == ["outside-repository"]


def test_the_schema_spells_partial_dates_as_the_code_does() -> None:
    schema = json.loads((PROJECT / "schemas" / "concept.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["partial_date"]["pattern"] == PARTIAL_DATE_PATTERN


def test_a_problem_in_german(root: Path, german: None) -> None:
    found = problems(root, CONCEPT.replace("unit: stadt", "unit: stadtt"))
    assert "unbekannter Akteur 'stadtt'" in found[0][2]


def test_reports_take_their_title_from_the_concept(tmp_path: Path) -> None:
    from integ_cli.concept.load import report_title

    root = make_repo(tmp_path / "repo")
    assert report_title(root) is None
    (root / "data/concept.yaml").write_text(CONCEPT, "utf-8")
    assert report_title(root) == "Report: Integrationskonzept Musterstadt"


@pytest.mark.usefixtures("german")
def test_the_report_title_in_german(tmp_path: Path) -> None:
    from integ_cli.concept.load import report_title

    root = make_repo(tmp_path / "repo")
    (root / "data/concept.yaml").write_text(CONCEPT, "utf-8")
    assert report_title(root) == "Bericht: Integrationskonzept Musterstadt"
