"""The names shown beside ids and codes."""

from __future__ import annotations

import pytest

from integ_cli.codelists import of_repository
from integ_cli.render.names import Names

NAMES = Names(
    fields={"sprache": {"name": "Sprachförderung", "short_name": "Sprache"}},
    actors={"vhs": {"name": "Volkshochschule"}},
    codelists=of_repository(None),
)


def test_names_fall_back_to_ids() -> None:
    assert NAMES.field("sprache") == "Sprachförderung"
    assert NAMES.field("sprache", short=True) == "Sprache"
    assert NAMES.field("bildung") == "bildung"
    assert NAMES.names("actors", ["vhs", "unbekannt"]) == "Volkshochschule, unbekannt"


def test_codes_by_their_english_name() -> None:
    assert [NAMES.code("status", "active"), NAMES.code("horizon", "short")] == ["active", "short-term"]
    assert NAMES.code("status", "city-own") == "city-own"
    assert Names().code("status", "active") == "active"  # without codelists, the code


@pytest.mark.usefixtures("german")
def test_codes_by_their_german_name() -> None:
    assert [NAMES.code("status", "active"), NAMES.code("source", "municipal")] == ["laufend", "kommunal"]
