"""The JSON report against numbers recomputed straight from the YAML files of the hand-made
repository of ``tests/helpers.py`` (PyYAML and plain Python: no integ code computes the
expected values; ``tests/report/test_build.py`` has the same totals worked out by hand)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.helpers import make_funded_repo, make_repo


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("json") / "repo")


@pytest.fixture(scope="module")
def report(root: Path) -> dict:
    result = CliRunner().invoke(
        app, ["--repo", str(root), "report", "--format", "json"], env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def measures(root: Path) -> list[dict]:
    every = [_yaml(p) for p in sorted((root / "data" / "measures").glob("*.yaml"))]
    return [m for m in every if m.get("visibility", "public") != "internal"]


def test_header(report: dict, measures: list[dict]) -> None:
    assert report["report_version"] == 1
    assert report["header"]["date"] == "2026-01-01"
    assert report["header"]["measures"] == len(measures)
    assert report["header"]["invalid_files"] == 0


def test_fields_by_status_and_horizon(report: dict, measures: list[dict]) -> None:
    for row in report["fields"]["rows"]:
        mine = [m for m in measures if m["field"] == row["id"]]
        assert row["total"] == len(mine)
        assert row["by_status"] == {s: sum(m["status"] == s for m in mine) for s in row["by_status"]}
        assert row["by_horizon"] == {h: sum(m["horizon"] == h for m in mine) for h in row["by_horizon"]}
        assert row["also"] == sum(row["id"] in (m.get("also_fields") or []) for m in measures)
    assert report["fields"]["total"] == len(measures)
    prioritised = [r["prioritised"] for r in report["fields"]["rows"]]
    assert prioritised == sorted(prioritised, reverse=True)


def test_matrix_counts(report: dict, measures: list[dict], root: Path) -> None:
    groups = {e["id"]: e for e in _yaml(root / "data" / "target-groups.yaml")["entries"]}

    def mains_of(group: str) -> set[str]:
        found = set()
        while group in groups:
            if groups[group].get("main"):
                found.add(group)
            group = groups[group].get("parent", "")
        return found

    expected: dict[str, Counter] = defaultdict(Counter)
    for m in measures:
        for main in set().union(*(mains_of(g) for g in m["target_groups"])):
            expected[m["field"]][main] += 1
    for row in report["matrix"]["rows"]:
        assert row["counts"] == {g: expected[row["field"]][g] for g in row["counts"]}
    assert report["matrix"]["total"] == len(measures)


def test_districts(report: dict, measures: list[dict], root: Path) -> None:
    entries = _yaml(root / "data" / "districts.yaml")["entries"]
    city_wide = {e["id"] for e in entries if e.get("city_wide")}
    for row in report["districts"]["rows"]:
        assert row["measures"] == sum(row["id"] in m["districts"] for m in measures)
        assert row["total"] == sum(bool({row["id"], *city_wide} & set(m["districts"])) for m in measures)
    [whole] = report["districts"]["city_wide"]
    assert whole["measures"] == sum(bool(city_wide & set(m["districts"])) for m in measures)


def test_budget(report: dict, measures: list[dict]) -> None:
    planned: Counter = Counter()
    revised: Counter = Counter()
    spent: Counter = Counter()
    for m in measures:
        for line in m.get("budget") or []:
            for key in [(m["field"], line["year"], line["source"]), ("all", line["year"], line["source"])]:
                planned[key] += line["planned"]
                revised[key] += line.get("revised", line["planned"])
                spent[key] += line.get("spent", 0)
    budget = report["budget"]
    assert budget["total"]["planned"] == sum(v for k, v in planned.items() if k[0] == "all")
    assert budget["total"]["revised"] == sum(v for k, v in revised.items() if k[0] == "all")
    assert budget["total"]["spent"] == sum(v for k, v in spent.items() if k[0] == "all")
    for item in budget["by_field"]:
        assert item["total"]["planned"] == sum(v for k, v in planned.items() if k[0] == item["field"])
        for year in item["by_year"]:
            for source, amounts in year["by_source"].items():
                assert amounts["planned"] == planned[(item["field"], year["year"], source)]
                assert amounts["revised"] == revised[(item["field"], year["year"], source)]
    for year in budget["by_year"]:
        assert year["total"]["planned"] == sum(v for k, v in planned.items() if k[0] == "all" and k[1] == year["year"])
    for source, amounts in budget["by_source"].items():
        assert amounts["planned"] == sum(v for k, v in planned.items() if k[0] == "all" and k[2] == source)


def test_indicators(report: dict, measures: list[dict]) -> None:
    complete = [(m["id"], i) for m in measures for i in m.get("indicators") or [] if "target" in i and "actual" in i]
    rows = report["indicators"]["rows"]
    assert len(rows) == len(complete)
    assert report["indicators"]["incomplete"] == sum(len(m.get("indicators") or []) for m in measures) - len(complete)
    for row in rows:
        start = row["baseline"] or 0
        assert row["progress"] == pytest.approx((row["actual"] - start) / (row["target"] - start), abs=1e-4)
    assert sorted((r["measure"], r["name"], r["target"], r["actual"]) for r in rows) == sorted(
        (mid, i["name"], i["target"], i["actual"]) for mid, i in complete
    )


def test_attention(report: dict, measures: list[dict]) -> None:
    date = report["header"]["date"]
    expected = {}
    for m in measures:
        if m["status"] == "dropped":
            continue
        codes = []
        if m["status"] == "active" and m.get("end", "9999") < date:
            codes.append("overdue")
        if not m.get("indicators"):
            codes.append("no-indicator")
        if not m.get("budget"):
            codes.append("no-budget")
        if not m.get("lead"):
            codes.append("no-lead")
        if m["status"] in ("planned", "active", "suspended") and m.get("updated", "") < "2025-01-01":
            codes.append("stale")
        if codes:
            expected[m["id"]] = codes
    assert {r["id"]: [x["code"] for x in r["reasons"]] for r in report["attention"]["rows"]} == expected


def test_each_row_of_a_section_stands_on_one_line(root: Path, report: dict) -> None:
    """So that a committed report diffs row by row."""
    shown = (
        CliRunner()
        .invoke(app, ["--repo", str(root), "report", "--format", "json"], env={"SOURCE_DATE_EPOCH": "1767225600"})
        .stdout
    )
    lines = shown.splitlines()
    rows = [section["rows"] for section in report.values() if isinstance(section, dict) and section.get("rows")]
    assert rows
    for section in rows:
        for row in section:
            assert json.dumps(row, ensure_ascii=False) in {line.strip().rstrip(",") for line in lines}
    assert lines[:2] == ["{", '  "report_version": 1,']


def test_invented_data_and_unknown_amounts_are_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_funded_repo(tmp_path / "funded", illustrative=True))
    result = CliRunner().invoke(app, ["report", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["header"]["illustrative"] is True
    assert report["budget"]["total"]["unknown"] == 2
    assert report["budget"]["staff"] == [
        {"year": 2026, "fte": 1.5, "measures": 1},
        {"year": 2027, "fte": 2, "measures": 1},
    ]
