"""``integ list``, ``show`` and the overviews through the CLI: filters, formats, streams, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.conftest import edit

runner = CliRunner()

#: A measure with every awkward character a CSV or Markdown writer must handle.
TRICKY = """\
schema_version: 1
id: wohnen-002
title: 'Nachbarschaft in der "Straße", Teil 2; mit | Pipe'
summary: |
  Erste Zeile, mit Komma.
  Zweite Zeile mit "Zitat".
goal: Mehr Begegnung für Mütter und Väter.
field: wohnen
also_fields: [sprache]
target_groups: [kinder]
lead: stadt
partners: [stabsstelle-integration]
districts: [eilendorf, brand]
status: suspended
horizon: mid
budget:
  - year: 2024
    planned: 1000
    spent: 900
    source: municipal
  - year: 2025
    planned: 2000
    source: state
tags: [strassenfest]
"""


@pytest.fixture
def data(repo: Path) -> Path:
    """The mini repository plus one awkward measure (4 measures in all)."""
    (repo / "data/measures/wohnen-002.yaml").write_text(TRICKY, encoding="utf-8")
    return repo


def ids(result_stdout: str) -> list[str]:
    """The ids of a plain text listing (first column, header skipped)."""
    return [line.split()[0] for line in result_stdout.splitlines()[1:]]


def run(*args: str) -> list[str]:
    result = runner.invoke(app, ["list", *args])
    assert result.exit_code == 0, result.stderr
    return ids(result.stdout)


# --- integ list -------------------------------------------------------------------------------------


def test_list_piped_is_plain_text(data: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "TITLE", "FIELD"]
    assert ids(result.stdout) == ["sprache-001", "sprache-002", "wohnen-001", "wohnen-002"]
    assert "Junge Mütter" in lines[1] and "Eilendorf" in lines[1]  # names, not ids


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--target-group", "kinder-jugendliche"], ["sprache-002", "wohnen-001", "wohnen-002"]),
        (["-t", "kinder"], ["sprache-002", "wohnen-002"]),
        (["-t", "kinder", "--exact"], ["wohnen-002"]),
        (["-t", "kinder", "-t", "junge-muetter"], ["sprache-001", "sprache-002", "wohnen-001", "wohnen-002"]),
        (["--field", "sprache"], ["sprache-001", "sprache-002", "wohnen-002"]),
        (["--field", "wohnen", "--status", "completed"], ["wohnen-001"]),
        (["--priority"], ["sprache-001", "sprache-002", "wohnen-002"]),
        (["--actor", "stadt"], ["sprache-001", "sprache-002", "wohnen-002"]),
        (["--actor", "stadt", "--exact"], ["sprache-002", "wohnen-002"]),
        (["--actor", "stabsstelle-integration", "--lead-only"], ["sprache-001"]),
        (["--actor", "migrationsrat"], ["sprache-001", "wohnen-001"]),
        (["--district", "brand"], ["sprache-002", "wohnen-001", "wohnen-002"]),
        (["--district", "brand", "--no-city-wide"], ["wohnen-001", "wohnen-002"]),
        (["--no-city-wide"], ["sprache-001", "wohnen-001", "wohnen-002"]),
        (["--status", "planned", "--status", "suspended"], ["sprache-002", "wohnen-002"]),
        (["--horizon", "mid"], ["sprache-001", "wohnen-002"]),
        (["--year", "2025"], ["sprache-001", "wohnen-002"]),
        (["--year", "2030"], ["sprache-002"]),
        (["-q", "MÜTTER"], ["sprache-001", "wohnen-002"]),
        (["-q", "muetter"], ["sprache-001", "wohnen-002"]),
        (["--query", "strasse"], ["wohnen-002"]),
        (["-q", "mama deutsch"], ["sprache-001"]),
        (["--sort", "-budget", "--limit", "2"], ["sprache-001", "wohnen-002"]),
        (["--sort", "status"], ["sprache-002", "sprache-001", "wohnen-001", "wohnen-002"]),
        (["--sort", "field"], ["sprache-001", "sprache-002", "wohnen-001", "wohnen-002"]),
        (["--sort", "title"], ["sprache-001", "wohnen-002", "wohnen-001", "sprache-002"]),
        (["--sort", "start"], ["sprache-001", "sprache-002", "wohnen-001", "wohnen-002"]),
        (["--sort", "-id"], ["wohnen-002", "wohnen-001", "sprache-002", "sprache-001"]),
    ],
)
def test_list_filters(data: Path, args: list[str], expected: list[str]) -> None:
    assert run(*args) == expected


def test_limit_notes_how_many_there_were(data: Path) -> None:
    result = runner.invoke(app, ["list", "--limit", "1"])
    assert ids(result.stdout) == ["sprache-001"]
    assert result.stderr == "integ: showing 1 of 4 measures\n"


def test_no_match_is_a_note_and_exit_0(data: Path) -> None:
    result = runner.invoke(app, ["list", "--status", "dropped"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "integ: no measure matches\n"
    as_json = runner.invoke(app, ["list", "--status", "dropped", "--format", "json"])
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (0, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--target-group", "jugend"],
            "unknown target group 'jugend'; did you mean 'jugendliche' (Jugendliche) "
            "or 'kinder-jugendliche' (Kinder und Jugendliche)?",
        ),
        (["--field", "sprahce"], "unknown action field 'sprahce'; did you mean 'sprache' (Sprachförderung)?"),
        (["--actor", "stadtverwaltnug"], "unknown actor 'stadtverwaltnug'; did you mean 'stadt' (Stadtverwaltung)?"),
        (["--district", "xyz"], "unknown district 'xyz'; known: stadtweit, eilendorf, brand"),
        (["--status", "activ"], "unknown status 'activ'; did you mean 'active'?"),
        (["--horizon", "medium"], "unknown horizon 'medium'; known: short, mid, long, unknown"),
        (["--sort", "budgt"], "unknown sort key 'budgt'; did you mean 'budget'?"),
    ],
)
def test_unknown_filter_value_exits_2(data: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["list", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"integ: error: {message}\n"


def test_every_unknown_value_is_named(data: Path) -> None:
    result = runner.invoke(app, ["list", "-t", "jugend", "--status", "activ"])
    assert result.exit_code == 2
    assert result.stderr.count("integ: error: unknown") == 2


def test_bad_option_values_are_usage_errors(data: Path) -> None:
    assert runner.invoke(app, ["list", "--year", "zwanzig"]).exit_code == 2
    assert runner.invoke(app, ["list", "--limit", "0"]).exit_code == 2
    assert runner.invoke(app, ["list", "--format", "xml"]).exit_code == 2


def test_invalid_records_are_skipped_with_one_warning(data: Path) -> None:
    edit(data / "data/measures/wohnen-001.yaml", "status: completed", "status: done")
    (data / "data/measures/wohnen-003.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert ids(result.stdout) == ["sprache-001", "sprache-002", "wohnen-002"]
    assert result.stderr == (
        "integ: warning: 2 invalid files skipped (data/measures/wohnen-001.yaml, data/measures/wohnen-003.yaml); "
        "run 'integ validate' for details\n"
    )


def test_many_invalid_records_name_the_first_few(data: Path) -> None:
    for n in range(5):
        (data / f"data/measures/bad-00{n}.yaml").write_text("id: bad\n", encoding="utf-8")
    warning = runner.invoke(app, ["list"]).stderr
    assert warning.startswith("integ: warning: 5 invalid files skipped (data/measures/bad-000.yaml, ")
    assert "bad-002.yaml, ...); run 'integ validate'" in warning
    assert warning.count("\n") == 1


def test_json_and_yaml_formats(data: Path) -> None:
    result = runner.invoke(app, ["list", "--field", "wohnen", "--format", "json"])
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["wohnen-001", "wohnen-002"]
    assert records[1]["file"] == "data/measures/wohnen-002.yaml"
    assert records[1]["title"] == 'Nachbarschaft in der "Straße", Teil 2; mit | Pipe'
    as_yaml = runner.invoke(app, ["list", "--field", "wohnen", "-f", "yaml"])
    assert yaml.safe_load(as_yaml.stdout) == records


def test_csv_reads_back_as_the_json(data: Path) -> None:
    text = runner.invoke(app, ["list", "--format", "csv"]).stdout
    records = json.loads(runner.invoke(app, ["list", "--format", "json"]).stdout)
    assert text.startswith("\ufeffid;title;")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    for row, record in zip(rows, records, strict=True):
        for key in ("title", "summary", "goal", "status", "start", "end", "lead", "file"):
            assert row[key] == str(record.get(key, "")), key
        for key in ("target_groups", "districts", "partners", "tags", "also_fields"):
            assert row[key] == ", ".join(record.get(key, [])), key
        planned = sum(line["planned"] for line in record.get("budget", []))
        assert row["budget_planned"] == (str(planned) if "budget" in record else "")
    assert rows[3]["summary"] == 'Erste Zeile, mit Komma.\nZweite Zeile mit "Zitat".\n'


def test_markdown_format(data: Path) -> None:
    lines = runner.invoke(app, ["list", "--format", "md", "-q", "strasse"]).stdout.splitlines()
    assert lines[0].startswith("| ID | Title |")
    assert lines[2].startswith('| wohnen-002 | Nachbarschaft in der "Straße", Teil 2; mit \\| Pipe | Wohnen/Planen |')
    assert lines[2].endswith("| suspended |  | 3,000 |")


def test_table_format_and_colour(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "150")
    plain = runner.invoke(app, ["list", "--format", "table"]).stdout
    assert "\x1b[" not in plain
    assert "━" in plain and "Mama lernt Deutsch" in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in runner.invoke(app, ["list", "--format", "table"]).stdout
    assert "\x1b[" not in runner.invoke(app, ["list"]).stdout  # piped default: plain text
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(app, ["list", "--format", "table"]).stdout


def test_table_is_the_default_on_a_terminal(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from integ_cli.cli import console

    monkeypatch.setattr(console, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "150")
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(app, ["list"])
    assert "┃" in result.stdout
    assert "\x1b[" not in result.stdout


# --- integ show -------------------------------------------------------------------------------------


def test_show_text(data: Path) -> None:
    result = runner.invoke(app, ["show", "sprache-001"])
    assert result.exit_code == 0
    assert result.stderr == ""
    text = result.stdout
    assert text.startswith("sprache-001  Mama lernt Deutsch\n")
    for expected in (
        "file:           data/measures/sprache-001.yaml",
        "field:          Sprachförderung (sprache)",
        "target groups:  Junge Mütter (junge-muetter)",
        "lead:           Stabsstelle Integration (stabsstelle-integration)",
        "partners:       Migrationsrat (migrationsrat)",
        "districts:      Eilendorf (eilendorf)",
        "Teilnehmende",
        "total planned 12,000",
    ):
        assert expected in text, expected


def test_show_formats_and_file_argument(data: Path) -> None:
    as_json = json.loads(runner.invoke(app, ["show", "wohnen-002", "--format", "json"]).stdout)
    assert as_json["file"] == "data/measures/wohnen-002.yaml"
    assert as_json["budget"][1]["planned"] == 2000
    as_yaml = runner.invoke(app, ["show", "data/measures/wohnen-002.yaml", "-f", "yaml"]).stdout
    assert yaml.safe_load(as_yaml) == as_json


def test_show_unknown_id_exits_1_with_suggestions(data: Path) -> None:
    result = runner.invoke(app, ["show", "sprache-01"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "integ: error: no measure 'sprache-01'; did you mean 'sprache-001' or 'sprache-002'?\n"


def test_show_invalid_record_exits_1(data: Path) -> None:
    edit(data / "data/measures/wohnen-001.yaml", "status: completed", "status: done")
    result = runner.invoke(app, ["show", "wohnen-001"])
    assert result.exit_code == 1
    assert "data/measures/wohnen-001.yaml is invalid; run 'integ validate" in result.stderr
    assert "warning" in result.stderr


# --- overviews --------------------------------------------------------------------------------------


def test_fields(data: Path) -> None:
    result = runner.invoke(app, ["fields"])
    assert result.exit_code == 0
    header, sprache, wohnen = result.stdout.splitlines()
    assert header.split() == [
        "ID",
        "NAME",
        "PRIORITISED",
        "PLANNED",
        "ACTIVE",
        "COMPLETED",
        "SUSPENDED",
        "DROPPED",
        "UNKNOWN",
        "TOTAL",
        "ALSO",
    ]
    assert sprache.split() == ["sprache", "Sprachförderung", "yes", "1", "1", "0", "0", "0", "0", "2", "1"]
    assert wohnen.split() == ["wohnen", "Wohnen/Planen", "0", "0", "1", "1", "0", "0", "2", "0"]
    document = json.loads(runner.invoke(app, ["fields", "--format", "json"]).stdout)
    assert document[0]["id"] == "sprache" and document[0]["prioritised"] is True
    assert document[1]["by_status"]["suspended"] == 1


def test_target_groups_tree(data: Path) -> None:
    result = runner.invoke(app, ["target-groups"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "NAME", "MAIN"]
    indented_ids = [re.match(r" *\S+", line).group() for line in lines[1:]]  # type: ignore[union-attr]
    assert indented_ids == ["kinder-jugendliche", "  kinder", "    vorschulkinder", "  jugendliche", "junge-muetter"]
    assert lines[1].split()[-3:] == ["yes", "0", "3"]
    counts = {
        row["id"]: (row["measures"], row["total"])
        for row in json.loads(runner.invoke(app, ["target-groups", "--format", "json"]).stdout)
    }
    assert counts == {
        "kinder-jugendliche": (0, 3),
        "kinder": (1, 2),
        "vorschulkinder": (1, 1),
        "jugendliche": (1, 1),
        "junge-muetter": (2, 2),
    }
    # What the tree says is what the filter finds.
    assert len(run("-t", "kinder-jugendliche")) == 3


def test_actors_and_districts(data: Path) -> None:
    actors = {row["id"]: row for row in json.loads(runner.invoke(app, ["actors", "-f", "json"]).stdout)}
    assert (actors["stadt"]["lead"], actors["stadt"]["partner"], actors["stadt"]["total"]) == (2, 0, 3)
    assert actors["stabsstelle-integration"]["parent"] == "stadt"
    assert actors["stabsstelle-integration"]["depth"] == 1
    text = runner.invoke(app, ["actors"]).stdout
    assert "\n  stabsstelle-integration " in text
    districts = {row["id"]: row for row in json.loads(runner.invoke(app, ["districts", "--format", "json"]).stdout)}
    assert districts["stadtweit"]["city_wide"] is True
    assert (districts["brand"]["measures"], districts["brand"]["total"]) == (2, 3)
    assert len(run("--district", "brand")) == 3
    assert runner.invoke(app, ["districts"]).stdout.splitlines()[1].split()[:3] == ["stadtweit", "Gesamtstadt", "yes"]


def test_overview_of_an_empty_vocabulary(data: Path) -> None:
    (data / "data/districts.yaml").write_text("schema_version: 1\nentries: []\n", encoding="utf-8")
    result = runner.invoke(app, ["districts"])
    assert result.exit_code == 0
    assert "no districts defined" in result.stderr
    assert json.loads(runner.invoke(app, ["districts", "--format", "json"]).stdout) == []


# --- environment, completion, the real console script -------------------------------------------------


def test_no_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    for command in (["list"], ["show", "x"], ["fields"], ["target-groups"], ["actors"], ["districts"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert "no data repository found" in result.stderr


def complete(words: str) -> str:
    result = runner.invoke(
        app, [], prog_name="integ", env={"_INTEG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    )
    return result.stdout


def test_completion_of_ids_and_values(data: Path, tmp_path: Path) -> None:
    groups = complete("integ list --target-group kin")
    assert '"kinder-jugendliche":"Kinder und Jugendliche"' in groups and '"kinder":"Kinder"' in groups
    assert "junge-muetter" not in groups
    assert '"wohnen":"Wohnen/Planen"' in complete("integ list --field w")
    assert "migrationsrat" in complete("integ list --actor m")
    assert "eilendorf" in complete("integ list --district e")
    assert "suspended" in complete("integ list --status s")
    assert "long" in complete("integ list --horizon l")
    assert "budget" in complete("integ list --sort b")
    shown = complete("integ show wohnen")
    assert "wohnen-001" in shown and "wohnen-002" in shown and "sprache" not in shown
    # --repo is honoured; no repository at all completes nothing, without a traceback.
    elsewhere = complete(f"integ --repo {tmp_path} list -t k")
    assert "kinder" not in elsewhere and "Traceback" not in elsewhere


def test_completion_does_not_validate_measures(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from integ_cli.checking import catalogue

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("completion loaded the catalogue")

    monkeypatch.setattr(catalogue, "stream_catalogue", forbidden)  # load_catalogue's too
    assert "kinder" in complete("integ list -t k")
    assert "sprache-001" in complete("integ show s")


def test_commands_stay_lazy() -> None:
    code = (
        "import sys, integ_cli.cli; "
        "print(sorted(m for m in ('rich', 'yaml', 'integ_cli.query', 'integ_cli.checking.catalogue', "
        "'integ_cli.render.records') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_installed_command_piped(data: Path) -> None:
    """The real console script, stdout a pipe: plain text, no colour, exit codes 0 and 2."""
    integ = shutil.which("integ", path=str(Path(sys.executable).parent))
    assert integ is not None
    env = {"PATH": str(Path(sys.executable).parent), "TERM": "xterm-256color"}
    result = subprocess.run([integ, "list"], capture_output=True, text=True, cwd=data, env=env, check=False)
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert ids(result.stdout) == ["sprache-001", "sprache-002", "wohnen-001", "wohnen-002"]
    bad = subprocess.run(
        [integ, "list", "-t", "jugend"], capture_output=True, text=True, cwd=data, env=env, check=False
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "meinten Sie 'jugendliche'" in bad.stderr  # no language set: German
    assert "Traceback" not in bad.stderr


def test_notes_and_errors_in_german(data: Path, german: None) -> None:
    assert runner.invoke(app, ["list", "--limit", "1"]).stderr == "integ: 1 von 4 Maßnahmen gezeigt\n"
    assert runner.invoke(app, ["list", "--status", "dropped"]).stderr == "integ: keine Maßnahme trifft zu\n"
    unknown = runner.invoke(app, ["show", "wohnen-099"])
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("integ: Fehler: keine Maßnahme 'wohnen-099'")


@pytest.mark.parametrize("command", ["list", "report", "target-groups"])
def test_a_vocabulary_that_fails_its_schema_stops_the_readers_naming_it(repo: Path, command: str) -> None:
    edit(repo / "data/target-groups.yaml", "\nentries:", "\neinträge:")
    result = runner.invoke(app, [command])
    assert result.exit_code == 1 and result.stdout == ""
    assert "data/target-groups.yaml:1:1: error: the record lacks the required key 'entries'" in result.stderr
    assert "the vocabulary file data/target-groups.yaml has problems" in result.stderr
    assert "sprache-001" not in result.stderr  # not the measures, which only look wrong because of it


def test_a_broken_vocabulary_in_german(repo: Path, german: None) -> None:
    edit(repo / "data/target-groups.yaml", "\nentries:", "\neinträge:")
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 1 and "die Vokabulardatei data/target-groups.yaml hat Probleme" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "table", "md"])
@pytest.mark.parametrize("sort", ["id", "-budget", "start", "field", "title", "status"])
def test_a_listing_from_the_keys_it_shows_is_the_listing_from_whole_records(fmt: str, sort: str) -> None:
    """``integ list`` loads only the keys the table shows for these formats: the output is
    what the whole records give (on the bundled data, with the names of its vocabularies)."""
    from integ_cli.checking.catalogue import load_catalogue
    from integ_cli.query import Query, selector, sort_measures
    from integ_cli.render.grid import Display
    from integ_cli.render.records import RENDERERS, Names

    root = Path(__file__).parents[2]
    shown = runner.invoke(app, ["--repo", str(root), "list", "--format", fmt, "--sort", sort], env={"COLUMNS": "150"})
    whole = load_catalogue(root, select=selector(Query()))
    ordered = sort_measures(whole.measures, sort, whole.fields, whole.codelists["status"])
    expected = "".join(RENDERERS[fmt](ordered, Names.of(whole), Display(False, 150)))
    assert shown.stdout.rstrip("\n") == expected.rstrip("\n")


SUB_AREAS = """  - id: eilendorf-sued
    name: Eilendorf-Süd
    parent: eilendorf
  - id: sozialraum-eilendorf-3
    name: Sozialraum Eilendorf 3
    parent: eilendorf-sued
"""


def test_a_district_filter_finds_the_measures_of_its_sub_areas(repo: Path) -> None:
    with (repo / "data" / "districts.yaml").open("a", encoding="utf-8") as handle:
        handle.write(SUB_AREAS)
    edit(repo / "data/measures/sprache-002.yaml", "districts: [stadtweit]", "districts: [sozialraum-eilendorf-3]")
    assert runner.invoke(app, ["validate"]).exit_code == 0
    result = runner.invoke(app, ["list", "--district", "eilendorf", "--no-city-wide", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [m["id"] for m in json.loads(result.stdout)] == ["sprache-001", "sprache-002"]
    exact = runner.invoke(app, ["list", "--district", "eilendorf", "--no-city-wide", "--exact", "--format", "json"])
    assert [m["id"] for m in json.loads(exact.stdout)] == ["sprache-001"]


def test_districts_with_sub_areas_as_a_tree_whose_counts_are_what_the_filter_finds(data: Path) -> None:
    with (data / "data" / "districts.yaml").open("a", encoding="utf-8") as handle:
        handle.write(SUB_AREAS)
    edit(data / "data/measures/sprache-002.yaml", "districts: [stadtweit]", "districts: [sozialraum-eilendorf-3]")
    result = runner.invoke(app, ["districts"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    indented = [re.match(r" *\S+", line).group() for line in lines[1:]]  # type: ignore[union-attr]
    assert indented == ["stadtweit", "eilendorf", "  eilendorf-sued", "    sozialraum-eilendorf-3", "brand"]
    rows = json.loads(runner.invoke(app, ["districts", "-f", "json"]).stdout)
    assert [row["parent"] for row in rows] == [None, None, "eilendorf", "eilendorf-sued", None]
    for row in rows:
        if not row["city_wide"]:
            assert row["total"] == len(run("--district", row["id"])), row["id"]
    eilendorf = rows[1]
    assert (eilendorf["measures"], eilendorf["with_sub_areas"]) == (
        len(run("--district", "eilendorf", "--exact", "--no-city-wide")),
        len(run("--district", "eilendorf", "--no-city-wide")),
    )
    assert eilendorf["with_sub_areas"] > eilendorf["measures"]
    rows_csv = runner.invoke(app, ["districts", "-f", "csv"]).stdout.lstrip("\ufeff").splitlines()
    assert rows_csv[0].split(";")[:3] == ["id", "name", "parent"] and len(rows_csv) == 6


def test_validate_checks_the_parents_of_districts(repo: Path) -> None:
    with (repo / "data" / "districts.yaml").open("a", encoding="utf-8") as handle:
        handle.write(SUB_AREAS.replace("parent: eilendorf\n", "parent: eilendorff\n"))
        handle.write(
            "  - id: ring-a\n    name: Ring A\n    parent: ring-b\n"
            "  - id: ring-b\n    name: Ring B\n    parent: ring-a\n"
        )
    result = runner.invoke(app, ["validate", "data/districts.yaml"])
    assert result.exit_code == 1
    assert "data/districts.yaml:12:5: error: unknown parent 'eilendorff'; did you mean 'eilendorf'" in result.stdout
    assert "the parents form a cycle: ring-a -> ring-b -> ring-a [parent-cycle]" in result.stdout


#: A concept record that marks the repository's data as invented examples.
ILLUSTRATIVE_CONCEPT = """schema_version: 1
illustrative: true
municipality: {name: Musterstadt, kind: city}
title: Integrationskonzept der Musterstadt
"""


def test_show_says_the_data_are_invented_where_the_concept_says_so(data: Path, german: None) -> None:
    (data / "data/concept.yaml").write_text(ILLUSTRATIVE_CONCEPT, encoding="utf-8")
    result = runner.invoke(app, ["show", "sprache-001"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "Beispieldaten: erfundene Maßnahmen und Beträge.",
        "",
        "sprache-001  Mama lernt Deutsch",
    ]
    as_json = runner.invoke(app, ["show", "sprache-001", "--format", "json"])
    assert json.loads(as_json.stdout)["id"] == "sprache-001"  # the record as in its file
    assert as_json.stderr == "integ: Beispieldaten: erfundene Maßnahmen und Beträge.\n"


def test_show_without_a_concept_record_says_nothing_of_examples(data: Path) -> None:
    result = runner.invoke(app, ["show", "sprache-001"])
    assert result.stdout.startswith("sprache-001  Mama lernt Deutsch\n")


def test_a_list_streamed_from_several_workers_is_in_id_order(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes send their runs of files in file order, where ``sprache.yaml``
    comes after ``sprache-150.yaml`` ('-' sorts before '.'); the list is in id order in
    every format, and the same as one process writes it."""
    source = (repo / "data/measures/sprache-001.yaml").read_text(encoding="utf-8")
    for measure_id in [*(f"sprache-{n:03}" for n in range(2, 151)), "sprache", "sprache-007-b", "sprach"]:
        (repo / f"data/measures/{measure_id}.yaml").write_text(
            source.replace("id: sprache-001", f"id: {measure_id}"), encoding="utf-8"
        )
    expected = sorted(p.name.removesuffix(".yaml") for p in (repo / "data/measures").glob("*.yaml"))
    assert expected[:3] == ["sprach", "sprache", "sprache-001"]
    for fmt in ["text", "table", "json", "yaml", "csv", "md"]:
        monkeypatch.setenv("INTEG_JOBS", "1")
        alone = runner.invoke(app, ["list", "-f", fmt], env={"COLUMNS": "150"})
        monkeypatch.setenv("INTEG_JOBS", "2")  # runs of 50 files: four workers' runs
        streamed = runner.invoke(app, ["list", "-f", fmt], env={"COLUMNS": "150"})
        assert streamed.exit_code == 0, streamed.output
        assert streamed.stdout == alone.stdout
    assert ids(runner.invoke(app, ["list"]).stdout) == expected
    by_budget = runner.invoke(app, ["list", "--sort", "-budget", "--limit", "3"])
    assert ids(by_budget.stdout) == ["sprach", "sprache", "sprache-001"]  # equal budgets: ties by id
    assert by_budget.stderr == f"integ: showing 3 of {len(expected)} measures\n"
