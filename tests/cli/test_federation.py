"""``integ federation`` through the CLI: three cities made with ``integ init --example``
(keys from data/concept.yaml and from the federation file, one city with its own name
for a target group, mapped onto the shared one), validated and exported; the union is
checked against the YAML files read directly."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.tables.helpers import (
    budget_sums,
    entries,
    main_group_counts,
    make_city,
    measures,
    public,
    rename_target_group,
)

runner = CliRunner()
KEYS = {"aachen": "05334002", "koeln": "05315000", "bonn": "05314000"}


@pytest.fixture
def land(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three cities and the federation file naming them, the folder as the cwd.
    Aachen has its key in data/concept.yaml; Köln and Bonn get theirs from the file;
    Köln calls refugees 'gefluechtete' and maps them onto the shared 'fluechtlinge'."""
    make_city(tmp_path / "aachen", KEYS["aachen"], "Aachen")
    make_city(tmp_path / "koeln")
    make_city(tmp_path / "bonn")
    rename_target_group(tmp_path / "koeln", "fluechtlinge", "gefluechtete")
    (tmp_path / "land.yaml").write_text(
        textwrap.dedent(
            f"""\
            name: Land
            cities:
              - path: aachen
              - key: "{KEYS["koeln"]}"
                name: Köln
                path: koeln
                map:
                  target-groups: {{gefluechtete: fluechtlinge}}
              - key: "{KEYS["bonn"]}"
                name: Bonn
                path: bonn
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sql_json(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["sql", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_validate_passes_for_three_cities(land: Path) -> None:
    result = runner.invoke(app, ["federation", "validate", "land.yaml", "--jobs", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "3 cities checked: no problems\n"


def test_a_citys_problem_is_named_with_city_file_and_line(land: Path) -> None:
    path = land / "koeln" / "data" / "measures" / "sprache-001.yaml"
    path.write_text(re.sub(r"(?m)^status: .*$", "status: aktiv-ish", path.read_text(encoding="utf-8")), "utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "aktiv-ish" in text)
    result = runner.invoke(app, ["federation", "validate", "land.yaml"])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"Köln (05315000): data/measures/sprache-001.yaml:{line}:")
    assert "[unknown-code]" in result.stdout or "status" in result.stdout
    assert result.stderr.startswith("3 cities checked: 1 with errors; 1 error")


def test_a_mapping_of_an_unknown_id_is_an_error_at_its_line(land: Path) -> None:
    text = (land / "land.yaml").read_text(encoding="utf-8").replace("{gefluechtete:", "{refugees:")
    (land / "land.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["federation", "validate", "land.yaml"])
    assert result.exit_code == 1
    assert "Köln (05315000): land.yaml:8:1: error: maps 'refugees', which data/target-groups.yaml" in result.stdout


def test_export_is_the_union_of_the_cities(land: Path) -> None:
    result = runner.invoke(app, ["federation", "export", "land.yaml", "--output", "out"])
    assert result.exit_code == 0, result.output
    records = {city: public(measures(land / city)) for city in KEYS}
    # counts: every city's public measures, under its own key
    counts = sql_json("--tables", "out", "SELECT municipality, count(*) AS n FROM measures GROUP BY ALL ORDER BY ALL")
    assert {r["municipality"]: r["n"] for r in counts} == {KEYS[c]: len(records[c]) for c in KEYS}
    # budget sums per city, field, source and year
    for row in sql_json("--tables", "out", "--example", "budget"):
        city = next(c for c, k in KEYS.items() if k == row["municipality"])
        planned, revised, _spent = budget_sums(records[city])[(row["field"], row["source"], row["year"])]
        assert (row["planned"], row["revised"]) == (float(planned), float(revised))
    # roll-ups: Köln's own 'gefluechtete' counts for the shared 'neuzuwanderer' like the others'
    shared = entries(land / "aachen", "target-groups")
    expected = main_group_counts(records["aachen"], shared)
    for key in KEYS.values():
        rows = sql_json("--tables", "out", "--example", "target-groups")
        assert {r["target_group"]: r["measures"] for r in rows if r["municipality"] == key} == expected
    koeln = main_group_counts(records["koeln"], entries(land / "koeln", "target-groups"))
    assert koeln == expected  # the renamed group kept its place below neuzuwanderer
    state = sql_json(
        "--tables",
        "out",
        "SELECT target, count(DISTINCT municipality) AS cities FROM links "
        "WHERE relation = 'target_group' AND target IN ('fluechtlinge', 'gefluechtete') GROUP BY ALL",
    )
    assert state == [{"target": "fluechtlinge", "cities": 3}]
    assert sql_json("--tables", "out", "SELECT local_id, id FROM vocabulary_map") == [
        {"local_id": "gefluechtete", "id": "fluechtlinge"}
    ]


def test_export_jsonl(land: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    scratch = land / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the cities' workers put their lines
    result = runner.invoke(app, ["federation", "export", "land.yaml", "-o", "out", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = (land / "out" / "measures.jsonl").read_text(encoding="utf-8").splitlines()
    # Each city's lines together, in the federation file's order.
    cities = [json.loads(line)["municipality"] for line in lines]
    assert list(dict.fromkeys(cities)) == [KEYS["aachen"], KEYS["koeln"], KEYS["bonn"]]
    assert len(lines) == sum(len(public(measures(land / c))) for c in KEYS)
    assert list(scratch.iterdir()) == []  # the workers' files are removed


def test_export_jsonl_that_cannot_write_says_so_in_a_line(land: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(land / "missing"))  # no folder for the cities' lines
    result = runner.invoke(app, ["federation", "export", "land.yaml", "-o", "out", "--format", "jsonl"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "out" in result.stderr and ("cannot write" in result.stderr or "schreiben" in result.stderr)


def test_a_city_at_a_revision(land: Path, no_outer_git: None) -> None:
    from tests.helpers import GitWork

    work = GitWork(land / "bonn")
    work.commit("Stand 2026", date="2026-01-05T09:00:00+01:00")
    work.run("tag", "v2026")
    for path in (land / "bonn" / "data" / "measures").glob("sprache-*.yaml"):
        path.unlink()  # after the tag: the export reads the tagged state
    text = (land / "land.yaml").read_text(encoding="utf-8") + "    revision: v2026\n"
    (land / "land.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["federation", "export", "land.yaml", "-o", "out"])
    assert result.exit_code == 0, result.output
    rows = sql_json(
        "--tables",
        "out",
        "SELECT count(*) AS n, any_value(revision) AS rev FROM measures WHERE municipality = '05314000'",
    )
    assert rows[0]["n"] == len(public(measures(land / "aachen")))
    assert rows[0]["rev"] == work.run("rev-parse", "v2026^{commit}").strip()


def test_the_federation_files_problems_with_lines(land: Path) -> None:
    (land / "bad.yaml").write_text(
        "cities:\n  - path: nowhere\n  - path: aachen\n    colour: red\n  - key: 5334002\n    path: bonn\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["federation", "validate", "bad.yaml"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert (
        lines[0] == "integ: error: bad.yaml:2: 'nowhere' holds no data repository (no data/measures/ or data/fields/)"
    )
    assert lines[1].startswith("bad.yaml:4: unknown key 'colour'")
    assert lines[2].startswith("bad.yaml:5: write the key in quotes")


def test_export_needs_output(land: Path) -> None:
    result = runner.invoke(app, ["federation", "export", "land.yaml"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_german(land: Path, german: None) -> None:
    result = runner.invoke(app, ["federation", "validate", "land.yaml"])
    assert result.exit_code == 0
    assert result.stderr == "3 Städte geprüft: keine Probleme\n"


def attention_from_yaml(records: list[dict[str, Any]]) -> dict[str, int]:
    """The attention reasons that need no date, counted from the YAML directly."""
    open_ones = [m for m in records if m.get("status") != "dropped"]
    return {
        "no-indicator": sum(1 for m in open_ones if not m.get("indicators")),
        "no-budget": sum(1 for m in open_ones if not m.get("budget")),
        "no-lead": sum(1 for m in open_ones if not m.get("lead")),
    }


def test_report_json_adds_the_cities_up_in_the_shared_vocabulary(land: Path) -> None:
    result = runner.invoke(app, ["federation", "report", "land.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    records = {city: public(measures(land / city)) for city in KEYS}
    assert [(c["municipality"], c["city"]) for c in report["cities"]] == [
        (KEYS["aachen"], "Aachen"),  # the name in its data/concept.yaml
        (KEYS["koeln"], "Köln"),
        (KEYS["bonn"], "Bonn"),
    ]
    assert report["measures"] == sum(len(r) for r in records.values())
    # measures per action field, each city and in total
    for part in report["cities"]:
        city = next(c for c, k in KEYS.items() if k == part["municipality"])
        counted = {r["id"]: r["measures"] for r in part["fields"] if r["measures"]}
        assert counted == {
            f: sum(1 for m in records[city] if m["field"] == f) for f in {m["field"] for m in records[city]}
        }
    assert sum(r["measures"] for r in report["fields"]) == report["measures"]
    # main target groups: Köln's own 'gefluechtete' counts under the shared ids, like the others'
    shared = main_group_counts(records["aachen"], entries(land / "aachen", "target-groups"))
    assert {r["id"]: r["measures"] for r in report["target_groups"]} == {g: 3 * n for g, n in shared.items()}
    koeln = next(c for c in report["cities"] if c["municipality"] == KEYS["koeln"])
    assert {r["id"]: r["measures"] for r in koeln["target_groups"]} == shared
    # budget per year and source, in total
    expected: dict[tuple[int, str], list[float]] = {}
    for city in KEYS:
        for (_field, source, year), (planned, revised, _spent) in budget_sums(records[city]).items():
            sums = expected.setdefault((year, source), [0.0, 0.0])
            sums[0] += float(planned)
            sums[1] += float(revised)
    got = {(r["year"], r["source"]): [r["planned"], r["revised"]] for r in report["budget"]}
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(expected[k]) for k in expected)
    # attention, each city and in total
    totals = {r["reason"]: r["measures"] for r in report["attention"]}
    for reason, count in attention_from_yaml([m for r in records.values() for m in r]).items():
        assert totals[reason] == count


def test_report_in_german_as_markdown_and_html(land: Path, german: None) -> None:
    result = runner.invoke(app, ["federation", "report", "land.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Land\n\nStand ")
    assert "## Maßnahmen nach Hauptzielgruppe (einschließlich Untergruppen)" in result.stdout
    assert "| Alle Städte |  |" in result.stdout
    assert "| Köln | 05315000 |" in result.stdout
    result = runner.invoke(app, ["federation", "report", "land.yaml", "-f", "html", "-o", "land.html"])
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("integ: Bericht in land.html geschrieben\n")
    page = (land / "land.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "<th>Stadt</th><th>Schlüssel</th>" in page


def test_report_escapes_a_citys_name(land: Path) -> None:
    text = (land / "land.yaml").read_text(encoding="utf-8").replace("name: Bonn", 'name: "<b>Bonn</b> | x"')
    (land / "land.yaml").write_text(text, encoding="utf-8")
    html = runner.invoke(app, ["federation", "report", "land.yaml", "--format", "html"]).stdout
    assert "&lt;b&gt;Bonn&lt;/b&gt; | x" in html and "<b>Bonn" not in html
    markdown = runner.invoke(app, ["federation", "report", "land.yaml"]).stdout
    assert "| <b>Bonn</b> \\| x | 05314000 |" in markdown


def test_a_format_of_another_action_is_refused(land: Path) -> None:
    result = runner.invoke(app, ["federation", "report", "land.yaml", "--format", "parquet"])
    assert result.exit_code == 2
    assert "report does not write --format parquet; possible are: md, html, json" in result.stderr
    result = runner.invoke(app, ["federation", "validate", "land.yaml", "--format", "md"])
    assert result.exit_code == 2 and "validate does not write --format md" in result.stderr
