"""Authoring commands through the CLI: add, edit, status, budget, indicator, link, unlink, set."""

from __future__ import annotations

import difflib
import json
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.cli.dialogue import Dialogue
from integ_cli.codelists import of_repository
from integ_cli.files.loading import load_document
from tests.conftest import PROJECT
from tests.helpers import snapshot

runner = CliRunner()
M1 = "data/measures/sprache-001.yaml"
NEW = "data/measures/sprache-003.yaml"
REQUIRED = [
    "--field",
    "sprache",
    "--title",
    "Sprachcafé Brand",
    "--summary",
    "Ein offenes Sprachcafé im Begegnungszentrum Brand.",
    "-t",
    "junge-muetter",
    "--district",
    "brand",
    "--status",
    "planned",
    "--horizon",
    "short",
]


def valid(repo: Path) -> None:
    """`integ validate` passes."""
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stdout + result.stderr


def record(repo: Path, rel: str = M1) -> dict[str, Any]:
    document = load_document((repo / rel).read_bytes(), rel)
    assert document is not None
    return dict(document.data)


# --- add, non-interactive -------------------------------------------------------------------------


def test_add_no_input(repo: Path) -> None:
    result = runner.invoke(app, ["add", "--no-input", *REQUIRED, "--partner", "stadt,migrationsrat"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"sprache-003 {NEW}\n"
    assert "created measure sprache-003" in result.stderr
    data = record(repo, NEW)
    assert data["partners"] == ["stadt", "migrationsrat"]
    assert data["visibility"] == "public"
    assert (
        (repo / NEW)
        .read_text(encoding="utf-8")
        .startswith(
            "# yaml-language-server: $schema=../../schemas/measure.schema.json\nschema_version: 1\nid: sprache-003\n"
        )
    )
    valid(repo)
    again = runner.invoke(app, ["add", "--no-input", *REQUIRED])
    assert again.stdout == "sprache-004 data/measures/sprache-004.yaml\n"
    valid(repo)


def test_add_without_a_terminal_never_asks(repo: Path) -> None:
    """stdin is not a terminal under CliRunner: the dialogue is not started."""
    result = runner.invoke(app, ["add", "--field", "sprache"], input="")
    assert result.exit_code == 2
    assert result.stderr == (
        "integ: error: missing required values: --title, --summary, --target-group, --district, --status, --horizon\n"
    )
    assert not (repo / NEW).exists()


def test_add_invalid_values_exit_1_and_write_nothing(repo: Path) -> None:
    before = snapshot(repo)
    args = [a if a != "brand" else "brandt" for a in REQUIRED] + ["--start", "2027-02-30"]
    result = runner.invoke(app, ["add", "--no-input", *args])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{NEW}:") and "unknown district 'brandt'; did you mean 'brand'?" in result.stderr
    assert any("[schema-format]" in line or "start" in line for line in lines)
    assert lines[-1].startswith("integ: error: nothing written: 2 problems (lines as the file would be;")
    assert snapshot(repo) == before


def test_add_from_yaml_and_json_files(repo: Path, tmp_path: Path) -> None:
    yaml_file = tmp_path / "new.yaml"
    yaml_file.write_text(
        textwrap.dedent("""\
            field: wohnen
            title: Nachbarschaftsfest
            summary: Ein jährliches Fest im Quartier für alle Nachbarinnen und Nachbarn.
            target_groups: [jugendliche]
            districts: [eilendorf]
            status: no
            horizon: mid
            notes: yes
        """),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["add", "--no-input", "--from", str(yaml_file), "--status", "active"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wohnen-002 data/measures/wohnen-002.yaml\n"
    assert record(repo, "data/measures/wohnen-002.yaml")["status"] == "active"  # the option wins
    assert record(repo, "data/measures/wohnen-002.yaml")["notes"] == "yes"  # yes stays text
    json_file = tmp_path / "new.json"
    json_file.write_text(json.dumps({**record(repo, "data/measures/wohnen-002.yaml"), "id": "wohnen-050"}))
    result = runner.invoke(app, ["add", "--no-input", "--from", str(json_file)])
    assert result.stdout == "wohnen-050 data/measures/wohnen-050.yaml\n"
    result = runner.invoke(app, ["add", "--no-input", "--from", "-"], input=json_file.read_text())
    assert result.exit_code == 1 and "[id-taken]" in result.stderr
    valid(repo)


def test_add_from_bad_file_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n")
    result = runner.invoke(app, ["add", "--no-input", "--from", str(bad)])
    assert result.exit_code == 2 and "must hold one mapping" in result.stderr
    result = runner.invoke(app, ["add", "--no-input", "--from", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2 and "cannot read --from" in result.stderr


def test_add_dry_run_prints_the_record(repo: Path) -> None:
    before = snapshot(repo)
    result = runner.invoke(app, ["add", "--no-input", "--dry-run", *REQUIRED])
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=../../schemas/measure.schema.json\n")
    assert "id: sprache-003\n" in result.stdout and "nothing written" in result.stderr
    assert snapshot(repo) == before


# --- add, the dialogue ----------------------------------------------------------------------------

ANSWERS = [
    "sprach",  # field: unknown
    "1",  # field: sprache
    "ab",  # title: too short
    "Sprachcafé Brand",
    "Ein offenes Sprachcafé im Begegnungszentrum Brand.",
    "",  # goal: skipped
    "9",  # target groups: no such number
    "5, vorschulkinder",
    "",  # lead: skipped
    "migrationsrat",
    "",  # districts: at least one needed
    "brand",
    "",  # status: default planned
    "soon",  # horizon: not a horizon
    "short",
    "15.01.27",  # start: a two-digit year
    "2027-13-01",  # start: no such day
    "2027-01-15",
    "2026-01-01",  # end: before start
    "",
    "",  # visibility: default public
]


def test_add_dialogue_through_prompts(repo: Path) -> None:
    result = runner.invoke(app, ["add", "--input"], input="\n".join([*ANSWERS, "y"]) + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(f"\nsprache-003 {NEW}\n")  # after the answers CliRunner echoes
    shown = result.stderr
    for message in [
        "1  sprache  (Sprachförderung)",
        "unknown action field 'sprach'; did you mean 'sprache'?",
        "at least 3 characters",
        "there is no number 9; choose 1 to 5",
        "  3      vorschulkinder  (Kinder im Vorschulalter)",  # hierarchy indented
        "at least one district is needed",
        "'soon' is not a horizon; choose one of: short (kurzfristig), mid (mittelfristig), long (langfristig)",
        "'15.01.27' is not a date: write it as DD.MM.YYYY or YYYY-MM-DD",
        "'2027-13-01' is not a date",
        "the end cannot be before the start (2027-01-15)",
        "title: Sprachcafé Brand",  # the finished record is shown
        f"Write this to {NEW}?",
    ]:
        assert message in shown, message
    data = record(repo, NEW)
    assert data["target_groups"] == ["junge-muetter", "vorschulkinder"]
    assert data["partners"] == ["migrationsrat"]
    assert (data["status"], data["horizon"], data["start"], data["visibility"]) == (
        "planned",
        "short",
        "2027-01-15",
        "public",
    )
    assert "goal" not in data and "lead" not in data and "end" not in data
    valid(repo)


def test_add_dialogue_asks_only_what_is_missing_and_can_be_declined(repo: Path) -> None:
    before = snapshot(repo)
    given = [*REQUIRED, "--start", "2027-01-01", "--goal", "Mehr Deutsch sprechen.", "--lead", "stadt"]
    answers = ["", "", "", "n"]  # partners, end, visibility, then: do not write
    result = runner.invoke(app, ["add", "--input", *given], input="\n".join(answers) + "\n")
    assert result.exit_code == 1
    assert result.stderr.count("?") == 1 and "Partners" in result.stderr and "Title" not in result.stderr
    assert result.stderr.endswith("integ: error: nothing written\n")
    assert snapshot(repo) == before


def test_dialogue_with_scripted_answers(repo: Path) -> None:
    from integ_cli.authoring import records as authoring

    asked: list[tuple[str, str]] = []
    said: list[str] = []
    answers = iter(["wohnen", "Quartiersfest", "Ein Fest für alle im Quartier, zweimal im Jahr.", "Begegnung", "2"])
    answers_rest = iter(["1", "", "3", "2", "LONG", "", "", "internal"])

    def ask(question: str, default: str) -> str:
        asked.append((question, default))
        return next(answers, None) or next(answers_rest)

    codes = of_repository(repo)
    dialogue = Dialogue(authoring.vocabularies(repo), authoring.measure_schema(repo), codes, ask, said.append)
    values = dialogue.run({})
    assert values == {
        "field": "wohnen",
        "title": "Quartiersfest",
        "summary": "Ein Fest für alle im Quartier, zweimal im Jahr.",
        "goal": "Begegnung",
        "target_groups": ["kinder"],
        "lead": "stadt",
        "districts": ["brand"],
        "status": "active",
        "horizon": "long",
        "visibility": "internal",
    }
    statuses = (
        "planned (geplant), active (laufend), completed (abgeschlossen), suspended (ausgesetzt), dropped (verworfen), "
        "unknown (ohne Angabe)"
    )
    assert (f"Status ({statuses})", "planned") in asked
    assert said[0].splitlines()[0] == "  1  sprache  (Sprachförderung)"


# --- the one-value edits -----------------------------------------------------------------------------


def diff_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


COMMENTED = """\
# yaml-language-server: $schema=../../schemas/measure.schema.json
# Angelegt von der AG Sprache.
schema_version: 1
id: sprache-001
title: "Mama lernt Deutsch"  # Arbeitstitel
summary: >-
  Deutschkurse für Mütter am Vormittag,
  mit Kinderbetreuung.
field: sprache
target_groups:
  - junge-muetter   # Hauptzielgruppe
lead: stabsstelle-integration
partners: [migrationsrat]
districts: [eilendorf]

# Umsetzung
status: active
horizon: mid  # bis 2027
start: '2025-01-01'
updated: "2026-01-01"
# Ende der Datei
"""


def test_set_changes_only_its_line(repo: Path) -> None:
    from integ_cli.authoring.records import today

    (repo / M1).write_text(COMMENTED, encoding="utf-8")
    valid(repo)
    result = runner.invoke(app, ["set", "sprache-001", "horizon=long"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "integ: sprache-001: horizon: mid → long\n"
    after = (repo / M1).read_text(encoding="utf-8")
    assert diff_lines(COMMENTED, after) == [
        "-horizon: mid  # bis 2027",
        "+horizon: long  # bis 2027",  # only the value's bytes change: the two spaces stay
        '-updated: "2026-01-01"',
        f'+updated: "{today()}"',
    ]
    valid(repo)
    result = runner.invoke(app, ["set", "sprache-001", "notes=yes", "decision={body: Rat, date: 2024-12-12}"])
    assert result.exit_code == 0, result.stderr
    data = record(repo)
    assert data["notes"] == "yes" and data["decision"] == {"body": "Rat", "date": "2024-12-12"}
    assert diff_lines(after, (repo / M1).read_text(encoding="utf-8")) == [
        "+decision:",
        "+  body: Rat",
        '+  date: "2024-12-12"',
        '+notes: "yes"',
    ]
    valid(repo)


def test_status_and_dry_run(repo: Path) -> None:
    result = runner.invoke(app, ["status", "sprache-001", "dropped", "--dry-run"])
    assert result.exit_code == 0
    assert "-status: active\n+status: dropped\n" in result.stdout
    assert record(repo)["status"] == "active"
    result = runner.invoke(app, ["status", "sprache-001", "completed"])
    assert result.exit_code == 0 and "status: active → completed" in result.stderr
    assert record(repo)["status"] == "completed"
    result = runner.invoke(app, ["status", "sprache-001", "completed"])
    assert result.exit_code == 0 and "nothing to change" in result.stderr
    valid(repo)


def test_status_help_says_measures_are_never_deleted(repo: Path) -> None:
    result = runner.invoke(app, ["status", "--help"], env={"COLUMNS": "200"})
    assert "Measures are never deleted" in result.stdout and "dropped" in result.stdout


def test_usage_errors_exit_2(repo: Path) -> None:
    before = snapshot(repo)
    for args, message in [
        (["status", "sprache-001", "done"], "'done' is not a status; use one of: planned (geplant), active (laufend)"),
        (["budget", "sprache-001", "--year", "2026", "--planned", "12,000", "--source", "municipal"], "12000"),
        (["budget", "sprache-001", "--year", "2026", "--planned", "1", "--source", "city"], "not a funding source"),
        (["budget", "sprache-001", "--planned", "1", "--source", "municipal"], "--year"),
        (["indicator", "sprache-001", "Teilnehmende", "--actual", "many"], "'many' is not a number"),
        (["set", "sprache-001", "status"], "'status' is not KEY=VALUE"),
        (["set", "sprache-001", "a b=1"], "is not a key"),
        (["set", "sprache-001", "tags=[a, b"], "cannot read the value"),
        (["link", "sprache-001", "partners", "stadt"], "partners"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert snapshot(repo) == before


def test_unknown_id_exits_1_with_closest_ids(repo: Path) -> None:
    for args in (["status", "sprache-01", "active"], ["set", "sprache-01", "horizon=long"], ["edit", "sprach-001"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "integ: error: unknown measure" in result.stderr and "did you mean 'sprache-001'" in result.stderr


def test_budget(repo: Path) -> None:
    args = ["budget", "sprache-001", "--year", "2027", "--planned", "15000", "--source", "state", "--note", "Land NRW"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "budget 2027 (state) added" in result.stderr
    spent = ["--year", "2026", "--planned", "12000", "--spent", "11500,50", "--source", "municipal"]
    result = runner.invoke(app, ["budget", "sprache-001", *spent])
    assert result.exit_code == 0 and "spent: (none) → 11500.5" in result.stderr
    assert record(repo)["budget"] == [
        {"year": 2026, "planned": 12000, "spent": 11500.5, "source": "municipal"},
        {"year": 2027, "planned": 15000, "source": "state", "note": "Land NRW"},
    ]
    valid(repo)
    result = runner.invoke(app, ["budget", "sprache-001", "--year", "1900", "--planned", "1", "--source", "eu"])
    assert result.exit_code == 1 and "budget[0].year" not in result.stdout and "[schema-minimum]" in result.stderr


def test_budget_and_set_take_german_amounts_and_dates(repo: Path) -> None:
    args = ["budget", "sprache-001", "--year", "2027", "--planned", "12.000,50", "--spent", "9.500 €", "--source", "eu"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["set", "sprache-001", "start=31.12.2025"])
    assert result.exit_code == 0, result.stderr
    data = record(repo)
    assert data["budget"][-1] == {"year": 2027, "planned": 12000.5, "spent": 9500, "source": "eu"}
    assert data["start"] == "2025-12-31"
    valid(repo)


def test_indicator(repo: Path) -> None:
    result = runner.invoke(app, ["indicator", "sprache-001", "Teilnehmende", "--actual", "38"])
    assert result.exit_code == 0 and "indicators[0].actual: 35 → 38" in result.stderr
    result = runner.invoke(app, ["indicator", "sprache-001", "Teilnehmende", "--actual", "41", "--year", "2027"])
    assert result.exit_code == 0
    assert record(repo)["indicators"][1] == {"name": "Teilnehmende", "unit": "Personen", "year": 2027, "actual": 41}
    result = runner.invoke(app, ["indicator", "sprache-001", "Teilnehmer", "--actual", "1", "--year", "2027"])
    assert result.exit_code == 1
    assert f"{M1}:20:1: error: this measure has no indicator 'Teilnehmer'; did you mean 'Teilnehmende'?" in (
        result.stderr
    )
    valid(repo)


def test_link_and_unlink(repo: Path) -> None:
    result = runner.invoke(app, ["link", "sprache-001", "partner", "stadt"])
    assert result.exit_code == 0 and record(repo)["partners"] == ["migrationsrat", "stadt"]
    result = runner.invoke(app, ["link", "sprache-001", "target-group", "kinder,jugendliche"])
    assert result.exit_code == 0 and record(repo)["target_groups"] == ["junge-muetter", "kinder", "jugendliche"]
    result = runner.invoke(app, ["link", "sprache-001", "district", "brand"])
    assert result.exit_code == 0 and record(repo)["districts"] == ["eilendorf", "brand"]
    valid(repo)
    result = runner.invoke(app, ["unlink", "sprache-001", "district", "eilendorf"])
    assert result.exit_code == 0 and record(repo)["districts"] == ["brand"]
    result = runner.invoke(app, ["unlink", "sprache-001", "partner", "migrationsrat", "stadt"])
    assert result.exit_code == 0 and "partners" not in record(repo)
    valid(repo)
    for args, code in [
        (["unlink", "sprache-001", "district", "brand"], "[last-entry]"),
        (["unlink", "sprache-001", "partner", "stadt"], "[not-listed]"),
        (["link", "sprache-001", "partner", "stabstelle"], "did you mean 'stabsstelle-integration'?"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and code in result.stderr
    valid(repo)


# --- in German ---------------------------------------------------------------------------------------


def test_the_edit_commands_speak_german(repo: Path, german: None) -> None:
    before = snapshot(repo)
    result = runner.invoke(app, ["status", "sprache-001", "bogus"])
    assert result.exit_code == 2 and "'bogus' ist kein Status; möglich sind: planned" in result.stderr
    result = runner.invoke(app, ["budget", "sprache-001", "--year", "2027", "--planned", "1", "--source", "city"])
    assert result.exit_code == 2 and "'city' ist keine Finanzierungsquelle; möglich sind: " in result.stderr
    result = runner.invoke(app, ["set", "sprache-001", "status"])
    assert result.exit_code == 2 and "'status' hat nicht die Form KEY=VALUE (z. B. status=active)" in result.stderr
    result = runner.invoke(app, ["budget", "sprache-001", "--year", "1900", "--planned", "1", "--source", "eu"])
    assert result.exit_code == 1
    assert "nichts geschrieben: 1 Problem (Zeilennummern der geänderten Datei; --dry-run zeigt sie)" in result.stderr
    budget = ["budget", "sprache-001", "--year", "2027", "--planned", "15000", "--source", "Land"]
    result = runner.invoke(app, [*budget, "--dry-run"])
    assert result.exit_code == 0 and result.stderr.endswith(" (Probelauf: nichts geschrieben)\n")
    assert snapshot(repo) == before
    assert runner.invoke(app, budget).exit_code == 0
    assert record(repo)["budget"][-1] == {"year": 2027, "planned": 15000, "source": "state"}
    result = runner.invoke(app, budget)
    assert result.exit_code == 0 and result.stderr == "integ: sprache-001: nichts zu ändern\n"


def test_a_programme_funded_line_with_an_unknown_amount(repo: Path) -> None:
    """A state programme whose grant is not decided yet: no invented amount, the share
    and status as typed in German, and the file raised to the schema version that
    defines these keys."""
    args = ["budget", "sprache-001", "--year", "2027", "--source", "Land", "--programme", "KOMM-AN NRW"]
    args += ["--share", "90 %", "--funding-status", "beantragt", "--unknown", "Bescheid steht aus"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    data = record(repo)
    assert data["schema_version"] == 2
    assert data["budget"][-1] == {
        "year": 2027,
        "amount_unknown": "Bescheid steht aus",
        "programme": "KOMM-AN NRW",
        "co_funding_share": 0.9,
        "funding_status": "applied",
        "source": "state",
    }
    assert runner.invoke(app, ["validate"]).exit_code == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--planned", "5", "--unknown", "x"], "give --planned or --unknown, not both"),
        (["--planned", "5", "--share", "90"], "--share: '90' is not a share: write it as 90 % or 0,9"),
        (["--planned", "5", "--funding-status", "maybe"], "'maybe' is not a funding status; use one of: planned"),
    ],
)
def test_funding_details_are_checked_before_anything_is_written(repo: Path, extra: list[str], message: str) -> None:
    before = snapshot(repo)
    result = runner.invoke(app, ["budget", "sprache-001", "--year", "2028", "--source", "eu", *extra])
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(repo) == before


def test_a_mistyped_funding_source_is_never_taken_for_another_one(repo: Path) -> None:
    """``stadtt`` is a typing error for *Stadt* (municipal money): the hint must not offer
    ``state``, whose code merely looks alike; following it would book city money as state
    money."""
    args = ["budget", "sprache-001", "--year", "2027", "--planned", "1", "--source"]
    result = runner.invoke(app, [*args, "stadtt"])
    assert result.exit_code == 2
    assert "did you mean 'municipal'?" in result.stderr and "'state'?" not in result.stderr
    result = runner.invoke(app, [*args, "xyz"])
    assert result.exit_code == 2 and "did you mean" not in result.stderr


@pytest.mark.parametrize(
    ("command", "german_words"),
    [
        ("set_status", "Maßnahmen werden nie gelöscht"),
        ("budget", "Einen Budgetposten (EUR) für ein Jahr und eine Finanzierungsquelle hinzufügen"),
        ("indicator", "Den erreichten Wert einer Kennzahl erfassen"),
        ("link", "Partner, Zielgruppen, Stadtbezirke"),
        ("unlink", "mindestens eine Zielgruppe und einen Stadtbezirk"),
        ("set_values", "Beliebige Werte einer Maßnahme setzen"),
    ],
)
def test_the_help_of_the_edit_commands_in_german(command: str, german_words: str, german: None) -> None:
    """Their help in German keeps the examples of the English help, to copy as they are."""
    from integ_cli.cli import authoring
    from integ_cli.cli.app import reflow
    from integ_cli.i18n import _

    english = reflow(getattr(authoring, command).__doc__ or "")
    help_text = _(english)
    assert german_words in help_text
    examples = [line.split(":", 1)[1] for line in english.splitlines() if line.startswith("Example:")]
    assert [line.split(":", 1)[1] for line in help_text.splitlines() if line.startswith("Beispiel:")] == examples


# --- examples, concurrency ---------------------------------------------------------------------------

COMMANDS = ["add", "edit", "status", "budget", "indicator", "link", "unlink", "set"]


def test_every_command_has_a_runnable_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command's help shows an Example; all but edit's are run on a copy of the shipped data."""
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    shutil.copytree(PROJECT / "schemas", tmp_path / "schemas")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    for command in COMMANDS:
        docstring = typer.main.get_command(app).commands[command].help or ""  # type: ignore[attr-defined]
        examples = [line.split("Example:", 1)[1] for line in docstring.splitlines() if "Example:" in line]
        assert examples, command
        for example in examples:
            argv = shlex.split(example.split("  (", 1)[0].replace("\\[", "["))  # as rich shows it
            assert argv[0] == "integ" and argv[1] == command, example
            if command == "edit" or (command == "add" and "--no-input" not in argv):
                continue  # these need a terminal or an editor
            result = runner.invoke(app, argv[1:])
            assert result.exit_code == 0, (example, result.stderr)
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_twenty_concurrent_adds(repo: Path) -> None:
    integ = shutil.which("integ", path=str(Path(sys.executable).parent))
    assert integ is not None
    processes = [
        subprocess.Popen(
            [integ, "--repo", str(repo), "add", "--no-input", *REQUIRED, "--title", f"Parallel angelegt {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        for n in range(20)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0] * 20, [err.decode() for _out, err in outputs]
    ids = [out.decode().split()[0] for out, _err in outputs]
    assert sorted(ids) == [f"sprache-{n:03d}" for n in range(3, 23)]
    titles = {record(repo, f"data/measures/{i}.yaml")["title"] for i in ids}
    assert titles == {f"Parallel angelegt {n}" for n in range(20)}
    assert not [p for p in (repo / "data/measures").iterdir() if p.name.startswith(".")]
    valid(repo)


def test_start_up_stays_light() -> None:
    """Importing the commands loads neither the authoring core nor ruamel.yaml."""
    code = (
        "import sys, integ_cli.cli; "
        "heavy = [m for m in ('ruamel.yaml', 'integ_cli.authoring.records', 'integ_cli.authoring.edits', "
        "'jsonschema_rs') "
        "if m in sys.modules]; print(heavy)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_measure_ids_complete(repo: Path) -> None:
    from integ_cli.cli.filters import complete_measures

    ctx = typer.Context(typer.main.get_command(app))
    assert complete_measures(ctx, "spr") == ["sprache-001", "sprache-002"]


def test_file_system_errors_are_one_line_exit_2(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes((repo / M1).read_bytes())
    (repo / M1).unlink()
    (repo / M1).symlink_to(outside)
    result = runner.invoke(app, ["status", "sprache-001", "completed"])
    assert result.exit_code == 2
    assert "integ writes only inside" in result.stderr and "Traceback" not in result.stderr
    assert b"status: active" in outside.read_bytes()


def test_dialogue_menus_take_german_names(repo: Path) -> None:
    from integ_cli.authoring import records as authoring

    dialogue = Dialogue(authoring.vocabularies(repo), authoring.measure_schema(repo), of_repository(repo))
    questions = {q.key: q for q in dialogue.questions({})}
    assert questions["status"].read("Laufend") == "active"
    assert questions["horizon"].read("mittelfristig") == "mid"
    assert questions["visibility"].read("intern") == "internal"
    assert questions["status"].read("2") == "active"
