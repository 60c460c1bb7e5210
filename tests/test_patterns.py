"""The id and date patterns: the schemas spell them as the code does, and they accept what users write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from integ_cli.patterns import DATE, DATE_PATTERN, ID, ID_PATTERN, PARTIAL_DATE_PATTERN
from integ_cli.scaffold.files import DATA_README
from tests.conftest import PROJECT

SCHEMAS = sorted((PROJECT / "schemas").glob("*.schema.json"))


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_defines_ids_with_the_code_s_pattern(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    # The field schema has one id (its own); the others share ``$defs.id``.
    definition = schema["$defs"]["id"] if "$defs" in schema else schema["properties"]["id"]
    assert definition["pattern"] == ID_PATTERN


def test_the_measure_schema_defines_dates_with_the_code_s_pattern() -> None:
    schema = json.loads((PROJECT / "schemas" / "measure.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["date"]["pattern"] == DATE_PATTERN


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_no_schema_spells_an_id_or_a_date_another_way(path: Path) -> None:
    found = set(_patterns(json.loads(path.read_text(encoding="utf-8"))))
    assert {p for p in found if "a-z0-9" in p} <= {ID_PATTERN}
    assert {p for p in found if "{4}" in p} <= {DATE_PATTERN, PARTIAL_DATE_PATTERN}


def test_the_new_repository_s_readme_states_the_id_pattern() -> None:
    assert f"`{ID_PATTERN}`" in DATA_README


@pytest.mark.parametrize("text", ["sprache", "sprache-004", "kinder-u6", "2026"])
def test_ids_people_write(text: str) -> None:
    assert ID.fullmatch(text)


@pytest.mark.parametrize("text", ["Sprache", "sprache_004", "sprache--004", "-sprache", "sprache-", "", "sprache\n"])
def test_what_is_not_an_id(text: str) -> None:
    assert not ID.fullmatch(text)


def test_a_date_is_written_yyyy_mm_dd() -> None:
    assert DATE.fullmatch("2025-12-31")
    for text in ("31.12.2025", "2025-1-31", "2025-12-31\n", "2025-12-31T00:00", "٢٠٢٥-١٢-٣١"):
        assert not DATE.fullmatch(text), text
