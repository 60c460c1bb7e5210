"""The concept record of a new repository: valid at once, and nothing invented."""

from __future__ import annotations

from pathlib import Path

from integ_cli.concept.load import load_concept
from integ_cli.concept.starter import starter_text
from tests.helpers import make_repo


def test_a_new_city_s_record_is_valid_and_holds_only_its_name(tmp_path: Path) -> None:
    text = starter_text("Bad Münstereifel")
    assert text.startswith("# yaml-language-server: $schema=../schemas/concept.schema.json\n")
    loaded = load_concept(make_repo(tmp_path / "repo"), raw=text.encode("utf-8"))
    assert loaded.problems == []
    assert loaded.concept is not None
    assert (loaded.concept.municipality.name, loaded.concept.municipality.kind) == ("Bad Münstereifel", "city")
    assert loaded.concept.title == "Integrationskonzept Bad Münstereifel"
    assert (loaded.concept.decisions, loaded.concept.editions, loaded.concept.unit) == ((), (), None)


def test_a_name_yaml_would_misread_stays_text(tmp_path: Path) -> None:
    loaded = load_concept(make_repo(tmp_path / "repo"), raw=starter_text("No: 1", kind="county").encode("utf-8"))
    assert loaded.concept is not None
    assert (loaded.concept.municipality.name, loaded.concept.municipality.kind) == ("No: 1", "county")
