"""``integ codes``: the codelists of the repository's schemas, with their names."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from integ_cli.cli import app

runner = CliRunner()


def test_every_list_in_text_and_json(repo: Path) -> None:
    text = runner.invoke(app, ["codes"]).stdout
    assert text.splitlines()[0].split() == ["LIST", "CODE", "NAME", "ENGLISH", "ALSO", "ACCEPTED"]
    assert any(line.split()[:3] == ["source", "municipal", "kommunal"] for line in text.splitlines())
    listed = json.loads(runner.invoke(app, ["codes", "horizon", "-f", "json"]).stdout)
    assert [(c["code"], c["de"], c["short"]) for c in listed] == [
        ("short", "kurzfristig", "kurz"),
        ("mid", "mittelfristig", "mittel"),
        ("long", "langfristig", "lang"),
        ("unknown", "ohne Angabe", "o. A."),
    ]


def test_an_unknown_list_is_a_usage_error(repo: Path) -> None:
    result = runner.invoke(app, ["codes", "statuss"])
    assert result.exit_code == 2
    assert "no codelist 'statuss'; did you mean 'status'?" in result.stderr


def test_an_unknown_list_in_german(repo: Path, german: None) -> None:
    result = runner.invoke(app, ["codes", "farbe"])
    assert result.exit_code == 2
    assert result.stderr.startswith("integ: Fehler: keine Codeliste 'farbe'; möglich sind: status, horizon")
