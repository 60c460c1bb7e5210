"""The editions as ``integ edition list`` prints them: a table, plain columns, JSON."""

from __future__ import annotations

import json

import pytest

from integ_cli.concept.editions import Listed
from integ_cli.concept.model import Concept, Edition, Municipality, PartialDate
from integ_cli.render.editions import render_editions, shown_date

CONCEPT = Concept(Municipality("Aachen", "city", "05334002"), "Integrationskonzept der Stadt Aachen", illustrative=True)
LISTED = [
    Listed(Edition("2006", PartialDate(2006, 10), decision="BEISPIEL-2006/001", fields=("sprache", "bildung")), None),
    Listed(Edition("2018", PartialDate(2018, 6, 20), tag="edition-2018"), True),
    Listed(Edition("2020", PartialDate(2020), tag="edition-2020"), False),
]


@pytest.mark.parametrize(("date", "shown"), [((2018, 6, 20), "20.06.2018"), ((2006, 10), "10.2006"), ((2014,), "2014")])
def test_a_date_shows_as_precisely_as_it_is_known(date: tuple[int, ...], shown: str, german: None) -> None:
    assert shown_date(PartialDate(*date)) == shown


@pytest.mark.parametrize(("date", "shown"), [((2018, 6, 20), "2018-06-20"), ((2006, 10), "2006-10"), ((2014,), "2014")])
def test_in_english_a_date_shows_as_the_file_writes_it(date: tuple[int, ...], shown: str) -> None:
    assert shown_date(PartialDate(*date)) == shown


def test_plain_columns_one_edition_a_row() -> None:
    lines = render_editions(CONCEPT, LISTED, "text").splitlines()
    assert lines[0].split() == ["EDITION", "DATE", "DECISION", "ACTION", "FIELDS", "TAG"]
    assert lines[1].split() == ["2006", "2006-10", "BEISPIEL-2006/001", "sprache,", "bildung", "–"]
    assert lines[2].split() == ["2018", "2018-06-20", "–", "–", "edition-2018"]
    assert lines[3].split() == ["2020", "2020", "–", "–", "edition-2020", "(not", "in", "git)"]


def test_the_table_for_the_terminal() -> None:
    table = render_editions(CONCEPT, LISTED, "table")
    assert "BEISPIEL-2006/001" in table
    assert "\x1b[" not in table


def test_json_keeps_the_file_s_values() -> None:
    document = json.loads(render_editions(CONCEPT, LISTED, "json"))
    assert document["municipality"] == {"name": "Aachen", "kind": "city", "official_key": "05334002"}
    assert document["illustrative"] is True
    assert document["editions"][0] == {
        "name": "2006",
        "date": "2006-10",
        "decision": "BEISPIEL-2006/001",
        "fields": ["sprache", "bildung"],
        "tag_found": None,
    }
    assert [e["tag_found"] for e in document["editions"]] == [None, True, False]


def test_headers_and_notes_in_german(german: None) -> None:
    lines = render_editions(CONCEPT, LISTED, "text").splitlines()
    assert lines[0].split() == ["AUSGABE", "DATUM", "BESCHLUSS", "HANDLUNGSFELDER", "GIT-TAG"]
    assert "edition-2020 (nicht in git)" in lines[3]
