"""The concept as the site reads it from data/concept.yaml, and the defaults without one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.helpers import make_repo

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.site.build import build_site
from integ_cli.site.concept import Concept, read_concept

RECORD = """\
schema_version: 1
illustrative: true
municipality: {name: Aachen, kind: city}
title: Integrationskonzept der Stadt Aachen
source: Der Rat hat das Konzept 2006 beschlossen.
decisions:
  - {body: Rat der Stadt Aachen, date: "2006-10", paper: BEISPIEL-2006/001}
editions:
  - {name: "2006", title: Erste Ausgabe, date: "2006-10"}
  - {name: "2018", title: Zweite Fortschreibung, date: "2018-06"}
accessibility:
  email: barrierefrei@stadt.example
  enforcement: Schlichtungsstelle nach § 10 BGG
"""


def test_the_record_gives_title_edition_decision_and_statement(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "concept.yaml").write_text(RECORD, encoding="utf-8")
    concept = read_concept(tmp_path)
    assert concept.title == "Integrationskonzept der Stadt Aachen"
    assert concept.municipality == "Aachen"
    assert (concept.edition, concept.edition_date) == ("Zweite Fortschreibung", "2018-06")  # the latest
    assert concept.decision == "Rat der Stadt Aachen, 2006-10, BEISPIEL-2006/001"
    assert concept.illustrative is True
    assert concept.accessibility == {
        "email": "barrierefrei@stadt.example",
        "enforcement": "Schlichtungsstelle nach § 10 BGG",
    }


def test_without_a_readable_record_the_site_has_no_concept_details(tmp_path: Path) -> None:
    assert read_concept(tmp_path) == Concept()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "concept.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert read_concept(tmp_path) == Concept()


def test_the_site_shows_the_concept_and_the_city_s_statement_entries(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    (root / "data" / "concept.yaml").write_text(RECORD, encoding="utf-8")
    files = build_site(load_catalogue(root, select=select_all), read_concept(root), dt.date(2026, 3, 1))
    start = files["index.html"].decode("utf-8")
    assert "<title>Integrationskonzept der Stadt Aachen</title>" in start
    assert "Zweite Fortschreibung" in start and "BEISPIEL-2006/001" in start
    assert "Example data" in files["massnahmen/sprache-001.html"].decode("utf-8")  # the concept says so
    statement = files["barrierefreiheit.html"].decode("utf-8")
    assert "barrierefrei@stadt.example" in statement
    assert statement.count("[to be filled in by the city]") == 5  # the entries the city has not made


def test_without_the_record_the_site_takes_the_report_s_title(tmp_path: Path, german: None) -> None:
    root = make_repo(tmp_path / "repo")
    files = build_site(load_catalogue(root, select=select_all), Concept(), dt.date(2026, 3, 1))
    statement = files["barrierefreiheit.html"].decode("utf-8")
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in statement
    assert "[von der Stadt zu ergänzen]" in statement
    assert "Bericht" in files["index.html"].decode("utf-8").split("<title>")[1].split("</title>")[0]
    assert "Beispieldaten" not in files["massnahmen/sprache-001.html"].decode("utf-8")  # no record is illustrative
