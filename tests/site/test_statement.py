"""The accessibility statement page: the city's entries from the concept record's
``accessibility`` block, as BITV 2.0 asks for them, and the schema that closes the block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import PROJECT
from tests.helpers import make_repo

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.concept.load import load_concept
from integ_cli.site.build import build_site
from integ_cli.site.concept import read_concept

STATEMENT = """\
schema_version: 1
municipality: {name: Aachen, kind: city}
title: Integrationskonzept der Stadt Aachen
accessibility:
  status: partially
  not_accessible:
    - Die Diagramme sind Grafiken; ihre Werte stehen in der Tabelle darunter.
  date: "2026-05-01"
  contact: Stabsstelle Integration
  email: barrierefreiheit@stadt.example
  phone: +49 241 432-0
  enforcement: Ombudsstelle für barrierefreie Informationstechnik
  enforcement_url: https://ombudsstelle.example/
"""


def test_a_complete_statement_shows_every_entry_and_no_placeholder(tmp_path: Path, german: None) -> None:
    root = make_repo(tmp_path / "repo")
    (root / "data" / "concept.yaml").write_text(STATEMENT, encoding="utf-8")
    assert load_concept(root).problems == []  # the block is what the schema describes
    files = build_site(load_catalogue(root, select=select_all), read_concept(root), dt.date(2026, 3, 1))
    statement = files["barrierefreiheit.html"].decode("utf-8")
    assert "Diese Website ist mit der BITV 2.0 teilweise vereinbar." in statement  # the codelist's name
    assert "<li>Die Diagramme sind Grafiken; ihre Werte stehen in der Tabelle darunter.</li>" in statement
    assert "<dd>01.05.2026</dd>" in statement
    assert '<a href="mailto:barrierefreiheit@stadt.example">' in statement
    assert '<a href="tel:+492414320">+49 241 432-0</a>' in statement
    assert 'href="https://ombudsstelle.example/"' in statement
    assert "zu ergänzen" not in statement


def test_a_statement_block_with_unknown_entries_or_a_private_address_form_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    odd = STATEMENT.replace("  status: partially\n", "  status: maybe\n  responsible: Erika Mustermann\n")
    (root / "data" / "concept.yaml").write_text(odd, encoding="utf-8")
    problems = load_concept(root).problems
    assert {(p.line, p.path) for p in problems} >= {(5, "accessibility.status"), (6, "accessibility.responsible")}
    assert any("responsible" in p.message for p in problems)


def test_the_example_data_s_statement_is_filled_in_with_institutional_addresses(german: None) -> None:
    concept = read_concept(PROJECT)
    assert concept.accessibility["status"] == "partially" and len(concept.not_accessible) == 2
    assert concept.accessibility["email"].endswith("@example.org")
