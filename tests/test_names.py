"""Entries found by what people type: ids, German names, starts of their words."""

from __future__ import annotations

import pytest

from integ_cli.files.vocabularies import read_entries
from integ_cli.names import fold, match_name, resolve_name
from tests.conftest import PROJECT

TARGET_GROUPS = read_entries(PROJECT / "data" / "target-groups.yaml")
ACTORS = read_entries(PROJECT / "data" / "actors.yaml")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fluechtlinge", "fluechtlinge"),
        ("geflüchtete", "fluechtlinge"),
        ("Geflüchtete", "fluechtlinge"),
        ("mütter", "junge-muetter"),
        ("JUNGE MUETTER", "junge-muetter"),
        ("ältere", "seniorinnen-senioren"),
    ],
)
def test_target_groups_by_name(typed: str, expected: str) -> None:
    assert resolve_name(TARGET_GROUPS, typed) == expected


def test_actors_by_name() -> None:
    assert resolve_name(ACTORS, "Volkshochschule Aachen") == "vhs-aachen"
    assert resolve_name(ACTORS, "volkshochschule") == "vhs-aachen"
    assert resolve_name(ACTORS, "Caritasverband") == "caritas"


def test_a_word_many_names_share_offers_a_few_and_takes_none() -> None:
    found = match_name(ACTORS, "Aachen")
    assert found.id is None
    assert 1 < len(found.candidates) <= 3
    assert all("aachen" in fold(str(ACTORS[c]["name"])) for c in found.candidates)


def test_short_words_are_no_prefixes() -> None:
    assert match_name(TARGET_GROUPS, "ki").id is None


def test_a_misspelt_name_offers_the_entry_meant() -> None:
    assert match_name(ACTORS, "Volkshochschuel Aachen").candidates[0] == "vhs-aachen"
