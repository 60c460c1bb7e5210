"""A city adds a status and a funding source to its own schema: every command takes them
up, and no report total loses a measure or a euro."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from integ_cli.checking.schema import PACKAGED
from integ_cli.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini repository with its own schemas: status ``in-vorbereitung`` (named, placed
    second) and funding source ``kreis`` (left unnamed); one measure in each."""
    root = tmp_path / "stadt"
    shutil.copytree(FIXTURES / "minirepo", root)
    shutil.copytree(PACKAGED, root / "schemas")
    path = root / "schemas" / "measure.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    status = schema["properties"]["status"]
    status["enum"].insert(1, "in-vorbereitung")
    status["x-integ-labels"]["in-vorbereitung"] = {"de": "in Vorbereitung", "en": "in preparation"}
    schema["$defs"]["budget_line"]["properties"]["source"]["enum"].append("kreis")
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    measures = root / "data" / "measures"
    text = (measures / "wohnen-001.yaml").read_text(encoding="utf-8")
    text = text.replace("status: completed", "status: in-vorbereitung")
    text += "budget:\n  - year: 2026\n    planned: 3000\n    source: kreis\n"
    (measures / "wohnen-001.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def records(root: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "data" / "measures").glob("*.yaml"))]


def test_validate_passes_and_warns_about_the_unnamed_source(city: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["code"], p["severity"]) for p in problems] == [
        ("schemas/measure.schema.json", "codelist-unnamed", "warning")
    ]
    assert "'kreis'" in problems[0]["message"]


def test_status_and_budget_write_the_new_codes(city: Path) -> None:
    run("status", "sprache-002", "in Vorbereitung")  # the German name, as staff type it
    assert "\nstatus: in-vorbereitung\n" in (city / "data/measures/sprache-002.yaml").read_text(encoding="utf-8")
    run("budget", "sprache-002", "--year", "2027", "--planned", "800", "--source", "kreis")
    lines = yaml.safe_load((city / "data/measures/sprache-002.yaml").read_text(encoding="utf-8"))["budget"]
    assert lines == [{"year": 2027, "planned": 800, "source": "kreis"}]


def test_list_filters_and_sorts_by_the_new_status(city: Path) -> None:
    found = json.loads(run("list", "--status", "in-vorbereitung", "--format", "json"))
    assert [m["id"] for m in found] == ["wohnen-001"]
    ordered = json.loads(run("list", "--sort", "status", "--format", "json"))
    # the schema's order: planned, in-vorbereitung, active, ...
    assert [m["status"] for m in ordered] == ["planned", "in-vorbereitung", "active"]


def test_completion_and_codes_offer_the_new_status(city: Path) -> None:
    env = {"_INTEG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "integ list --status in"}
    completed = runner.invoke(app, [], prog_name="integ", env=env).stdout
    assert '"in-vorbereitung":"in Vorbereitung"' in completed
    env["_TYPER_COMPLETE_ARGS"] = "integ budget wohnen-001 --source k"
    assert "kreis" in runner.invoke(app, [], prog_name="integ", env=env).stdout
    listed = json.loads(run("codes", "status", "--format", "json"))
    assert [c["code"] for c in listed][:2] == ["planned", "in-vorbereitung"]
    assert listed[1]["de"] == "in Vorbereitung"
    text = run("codes", "source")
    assert "kreis (no German name in the schema)" in text


def test_fields_count_every_measure(city: Path) -> None:
    fields = json.loads(run("fields", "--format", "json"))
    assert sum(f["measures"] for f in fields) == len(records(city)) == 3
    wohnen = next(f for f in fields if f["id"] == "wohnen")
    assert wohnen["by_status"]["in-vorbereitung"] == 1 and wohnen["measures"] == 1


@pytest.mark.usefixtures("german")
def test_report_totals_equal_the_measures_and_money_counted(city: Path) -> None:
    report = json.loads(run("report", "--format", "json", "--date", "2026-06-01"))
    measures = records(city)
    part = report["fields"]
    assert report["header"]["measures"] == part["total"] == len(measures)
    assert sum(part["by_status"].values()) == part["total"]
    assert sum(part["by_horizon"].values()) == part["total"]
    for row in part["rows"]:
        assert sum(row["by_status"].values()) == row["total"]
    assert part["by_status"]["in-vorbereitung"] == 1
    planned = sum(line["planned"] for m in measures for line in m.get("budget", []))
    budget = report["budget"]
    assert budget["total"]["planned"] == planned == 15000
    assert sum(s["planned"] for s in budget["by_source"].values()) == planned
    assert budget["by_source"]["kreis"]["planned"] == 3000
    assert [c["code"] for c in report["codes"]["source"]] == ["municipal", "kreis"]
    assert report["codes"]["status"][1] == {
        "code": "in-vorbereitung",
        "name": "in Vorbereitung",
        "short": "in Vorbereitung",
    }


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize("fmt", ["text", "md", "html", "table"])
def test_every_report_format_shows_the_new_values(city: Path, fmt: str) -> None:
    text = run("report", "--format", fmt, "--date", "2026-06-01")
    assert "in Vorbereitung" in text
    assert "kreis" in text


def test_the_workbook_offers_the_new_values(city: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    run("export", "--output", str(tmp_path / "m.xlsx"))
    book = load_workbook(tmp_path / "m.xlsx")
    cells = {str(c.value) for row in book["Listen"].iter_rows() for c in row if c.value is not None}
    assert {"in-vorbereitung", "in Vorbereitung", "kreis"} <= cells
