"""Codelists read from the schemas: codes and order from the governing schema, names
from it or else from integ's own, lookups by code, name or alias."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from integ_cli.checking.schema import PACKAGED
from integ_cli.codelists import LOCATIONS, from_schemas, of_repository, unnamed
from integ_cli.problems import Severity
from tests.conftest import FIXTURES


def shipped() -> dict[str, dict[str, Any]]:
    return {
        kind: json.loads((PACKAGED / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for kind in ("measure", "actors")
    }


def with_status(*codes: str, labels: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Schemas whose status is ``codes`` (named by ``labels``); the rest as shipped."""
    schemas = shipped()
    status = schemas["measure"]["properties"]["status"]
    status["enum"] = list(codes)
    if labels is None:
        status.pop("x-integ-labels")
    else:
        status["x-integ-labels"] = labels
    return schemas


def test_every_shipped_code_has_german_and_english_names() -> None:
    for codelist in of_repository(None):
        assert codelist.entries, codelist.key
        for entry in codelist:
            assert entry.names.get("de") and entry.names.get("en"), (codelist.key, entry.code)


def test_the_shipped_lists_in_their_order() -> None:
    codes = of_repository(None)
    assert codes["status"].codes == ("planned", "active", "completed", "suspended", "dropped", "unknown")
    assert codes["horizon"].codes == ("short", "mid", "long", "unknown")
    assert codes["source"].name("state") == "Land NRW"
    assert codes["status"].short("active") == "lfd."
    assert codes["actor-kind"].name("welfare-provider") == "freier Träger"
    assert set(LOCATIONS) == {c.key for c in codes}


def test_lookups_by_code_place_unknown_and_broken_values_last() -> None:
    status = of_repository(None)["status"]
    assert status.get("completed").name("en") == "completed"
    assert [status.position(code) for code in ("planned", "dropped")] == [0, 4]
    assert "active" in status and "aktiv" not in status
    # An unknown code stands for itself; a value of a broken record (a list, a number)
    # is no code and sorts after every known one instead of raising.
    assert status.get("archived").name() == "archived"
    for value in ("archived", ["active"], 3, None):
        assert status.position(value) == len(status.entries)
        assert value not in status


def test_no_word_stands_for_two_codes_of_one_list() -> None:
    for codelist in of_repository(None):
        words = [w for e in codelist for w in {x.casefold() for x in (e.code, *e.names.values(), *e.aliases)}]
        assert len(words) == len(set(words)), codelist.key


def test_codes_and_order_come_from_the_governing_schema_names_from_the_shipped_one() -> None:
    codes = from_schemas(with_status("active", "in-vorbereitung", "planned"), shipped())
    status = codes["status"]
    assert status.codes == ("active", "in-vorbereitung", "planned")
    assert status.name("active") == "laufend"  # the city's schema names nothing: integ's names stand
    assert status.name("in-vorbereitung") == "in-vorbereitung"  # nobody names it: the code shows
    assert not status.get("in-vorbereitung").named
    assert status.position("planned") == 2 and status.position("gone") == 3


def test_a_citys_names_win() -> None:
    labels = {"active": {"de": "in Umsetzung"}, "in-vorbereitung": {"de": "in Vorbereitung", "short": "vorb."}}
    status = from_schemas(with_status("active", "in-vorbereitung", labels=labels), shipped())["status"]
    assert status.name("active") == "in Umsetzung"
    assert status.name("active", "en") == "active"  # what the city leaves out comes from integ's schema
    assert status.short("in-vorbereitung") == "vorb."
    assert status.short("active") == "lfd."


@pytest.mark.parametrize(
    ("key", "typed", "code"),
    [
        ("status", "laufend", "active"),
        ("status", "Laufend", "active"),
        ("status", "ACTIVE", "active"),
        ("status", "laeuft", "active"),
        ("status", " in  Planung ", "planned"),
        ("source", "Stadt", "municipal"),
        ("source", "städtisch", "municipal"),
        ("source", "Land NRW", "state"),
        ("source", "Bund", "federal"),
        ("horizon", "mittelfristig", "mid"),
        ("visibility", "öffentlich", "public"),
        ("actor-kind", "freier Träger", "welfare-provider"),
    ],
)
def test_resolve_takes_codes_names_and_aliases(key: str, typed: str, code: str) -> None:
    assert of_repository(None)[key].resolve(typed) == code


def test_resolve_refuses_what_names_no_code() -> None:
    assert of_repository(None)["source"].resolve("stat") is None
    assert of_repository(None)["status"].resolve("") is None


def test_resolve_folds_only_the_word_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spellings of every code are folded once, when the list is made: an import
    resolves a word for each of 10,000s of cells."""
    from integ_cli import names

    status = of_repository(None)["status"]
    folded: list[str] = []
    fold = names.fold
    monkeypatch.setattr(names, "fold", lambda text: folded.append(text) or fold(text))
    assert [status.resolve(word) for word in ("Laufend", "laeuft", "pausiert", "nichts")] == [
        "active",
        "active",
        "suspended",
        None,
    ]
    assert folded == ["Laufend", "laeuft", "pausiert", "nichts"]


@pytest.mark.parametrize(
    ("key", "typed", "suggested"),
    [
        ("source", "stadt", ["municipal"]),  # an alias: German for the city, never 'state'
        ("source", "stadtt", ["municipal"]),
        ("source", "Städtische", ["municipal"]),
        ("source", "Stadtmittel", ["municipal"]),
        ("source", "Landesmitel", ["state"]),
        ("status", "activ", ["active"]),
        ("status", "laufen", ["active"]),
        ("status", "unklar", []),  # nothing close: no guess
    ],
)
def test_suggestions_weigh_names_and_never_cross_to_a_look_alike_code(
    key: str, typed: str, suggested: list[str]
) -> None:
    assert of_repository(None)[key].suggest(typed) == suggested


def test_tally_keeps_every_value_it_meets() -> None:
    status = of_repository(None)["status"]
    counts = status.tally(["active", "in-vorbereitung", "active"])
    assert list(counts) == [*status.codes, "in-vorbereitung"]
    assert sum(counts.values()) == 3 and counts["active"] == 2 and counts["planned"] == 0
    assert status.order(["zz", "dropped", "aa", "planned"]) == ["planned", "dropped", "aa", "zz"]


def test_unnamed_codes_of_a_citys_schema_are_warned_about_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    schema = shipped()["measure"]
    schema["properties"]["status"]["enum"].append("in-vorbereitung")
    text = json.dumps(schema, indent=2, ensure_ascii=False)
    (tmp_path / "schemas" / "measure.schema.json").write_text(text, encoding="utf-8")
    problems = unnamed(tmp_path, of_repository(tmp_path))
    assert [(p.file, p.code, p.severity) for p in problems] == [
        ("schemas/measure.schema.json", "codelist-unnamed", Severity.WARNING)
    ]
    line = text.splitlines()[problems[0].line - 1]  # type: ignore[operator]
    assert '"in-vorbereitung"' in line
    assert "x-integ-labels" in problems[0].message


def test_a_repository_without_schemas_has_the_shipped_lists() -> None:
    assert of_repository(FIXTURES / "minirepo") == of_repository(None)
    assert unnamed(FIXTURES / "minirepo", of_repository(FIXTURES / "minirepo")) == []
