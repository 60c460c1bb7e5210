"""Round-trip edits (integ_cli.authoring.edits): change one thing, keep everything else."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from integ_cli.authoring import edits as yamledit
from integ_cli.checking.schema import PACKAGED, schema_for
from integ_cli.files.loading import load_document
from tests.conftest import FIXTURES, PROJECT

SCHEMA = schema_for(PACKAGED / "measure.schema.json")
TODAY = "2026-10-01"

COMMENTED = """\
# yaml-language-server: $schema=../../schemas/measure.schema.json
# Maßnahme aus der AG Sprache, Sitzung vom 3. Mai.
schema_version: 1
id: sprache-001
title: 'Mama lernt Deutsch'   # Arbeitstitel
summary: >-
  Deutschkurse für Mütter am Vormittag,
  mit Kinderbetreuung.
field: sprache
target_groups:
  - junge-muetter   # Hauptzielgruppe
# Wer macht mit:
lead: stabsstelle-integration
partners: [migrationsrat]
districts:
  - eilendorf
# Stand der Umsetzung
status: active
horizon: mid
start: 2025-01-01
budget:
  - year: 2026
    planned: 12000
    source: municipal  # Haushalt 2026
    # Nachtrag folgt
indicators:
  - name: Teilnehmende
    unit: Personen
    target: 40
updated: "2026-01-01"
# Ende
"""


def run(text: str, edit: yamledit.Edit) -> yamledit.Edited:
    return yamledit.apply(text, edit, SCHEMA, TODAY)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, as a diff sees them."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def data(text: str) -> Any:
    document = load_document(text.encode("utf-8"), "test.yaml")
    assert document is not None
    return document.data


RECORD_FILES = sorted([*(PROJECT / "data").rglob("*.yaml"), *FIXTURES.rglob("*.yaml")])


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: p.name)
def test_round_trip_reproduces_every_record_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = yamledit.RoundTrip(text)
    assert document.faithful
    assert document.dump() == text


def test_status_changes_one_line_and_updated(tmp_path: Path) -> None:
    edited = run(COMMENTED, yamledit.set_status("completed"))
    assert edited.changes == ["status: active → completed"]
    assert changed_lines(COMMENTED, edited.text) == (
        ["status: active", 'updated: "2026-01-01"'],
        ["status: completed", f'updated: "{TODAY}"'],
    )


def test_unchanged_edit_returns_the_text_untouched() -> None:
    edited = run(COMMENTED, yamledit.set_status("active"))
    assert not edited.changed
    assert edited.text == COMMENTED


def test_new_key_goes_where_the_schema_orders_it_and_comments_stay_in_front() -> None:
    edited = run(COMMENTED, yamledit.assign(["goal"], "Mütter verständigen sich mit der Kita."))
    lines = edited.text.splitlines()
    assert lines.index("goal: Mütter verständigen sich mit der Kita.") == lines.index("field: sprache") - 1
    edited = run(COMMENTED, yamledit.assign(["end"], "2027-12-31"))
    _removed, added = changed_lines(COMMENTED, edited.text)
    assert added == ['end: "2027-12-31"', f'updated: "{TODAY}"']
    assert edited.text.index("start: 2025-01-01\nend:") > 0
    # a key inserted after 'partners' keeps "# Stand ..." in front of status
    edited = run(COMMENTED, yamledit.link("also_fields", True, ["bildung"]))
    assert "field: sprache\nalso_fields:\n  - bildung\ntarget_groups:" in edited.text


def test_appending_to_a_list_keeps_the_comment_before_the_next_key() -> None:
    edited = run(COMMENTED, yamledit.link("districts", True, ["brand"]))
    assert "districts:\n  - eilendorf\n  - brand\n# Stand der Umsetzung\nstatus: active" in edited.text
    edited = run(COMMENTED, yamledit.link("target_groups", True, ["kinder"]))
    assert "  - junge-muetter   # Hauptzielgruppe\n  - kinder\n# Wer macht mit:\nlead:" in edited.text


def test_flow_lists_stay_flow() -> None:
    edited = run(COMMENTED, yamledit.link("partners", True, ["stadt", "migrationsrat"]))
    assert edited.changes == ["partners: added stadt"]
    assert changed_lines(COMMENTED, edited.text)[1][0] == "partners: [migrationsrat, stadt]"
    edited = run(edited.text, yamledit.link("partners", False, ["migrationsrat", "stadt"]))
    assert "partners" not in edited.text
    assert "lead: stabsstelle-integration\ndistricts:" in edited.text


def test_removing_the_last_item_keeps_following_comments() -> None:
    text = run(COMMENTED, yamledit.link("districts", True, ["brand"])).text
    edited = run(text, yamledit.link("districts", False, ["brand"]))
    assert "districts:\n  - eilendorf\n# Stand der Umsetzung\nstatus: active" in edited.text


def test_link_errors() -> None:
    with pytest.raises(yamledit.EditError, match="'brand' is not in 'districts' of this measure; it lists eilendorf"):
        run(COMMENTED, yamledit.link("districts", False, ["brand"]))
    with pytest.raises(yamledit.EditError, match="needs at least one entry") as error:
        run(COMMENTED, yamledit.link("districts", False, ["eilendorf"]))
    assert error.value.code == "last-entry"
    assert not run(COMMENTED, yamledit.link("districts", True, ["eilendorf"])).changed


def test_budget_line_added_in_year_order_and_comments_kept() -> None:
    edited = run(COMMENTED, yamledit.add_budget({"year": 2027, "planned": 15000, "source": "state"}))
    assert edited.changes == ["budget 2027 (state) added"]
    assert (
        "    source: municipal  # Haushalt 2026\n    # Nachtrag folgt\n"
        "  - year: 2027\n    planned: 15000\n    source: state\nindicators:"
    ) in edited.text
    edited = run(COMMENTED, yamledit.add_budget({"year": 2025, "planned": 1, "source": "eu"}))
    assert "budget:\n  - year: 2025\n    planned: 1\n    source: eu\n  - year: 2026" in edited.text


def test_budget_line_for_same_year_and_source_is_updated() -> None:
    line = {"year": 2026, "planned": 12000, "revised": 13000, "spent": 12500.5, "source": "municipal"}
    edited = run(COMMENTED, yamledit.add_budget(line))
    assert edited.changes == ["budget 2026 (municipal): revised: (none) → 13000; spent: (none) → 12500.5"]
    assert (
        "    planned: 12000\n    revised: 13000\n    spent: 12500.5\n    source: municipal  # Haushalt 2026\n"
    ) in edited.text
    assert data(edited.text)["budget"] == [line]


def test_budget_created_where_there_is_none() -> None:
    text = COMMENTED.replace("budget:\n  - year: 2026\n    planned: 12000\n", "").replace(
        "    source: municipal  # Haushalt 2026\n    # Nachtrag folgt\n", ""
    )
    edited = run(text, yamledit.add_budget({"source": "eu", "year": 2027, "planned": 3}))
    assert "start: 2025-01-01\nbudget:\n  - year: 2027\n    planned: 3\n    source: eu\nindicators:" in edited.text


def test_indicator_actual() -> None:
    edited = run(COMMENTED, yamledit.record_actual("Teilnehmende", 38))
    assert edited.changes == ["indicators[0].actual: (none) → 38"]
    assert "    target: 40\n    actual: 38\nupdated:" in edited.text
    by_year = run(edited.text, yamledit.record_actual("Teilnehmende", 41, 2027))
    assert data(by_year.text)["indicators"][1] == {
        "name": "Teilnehmende",
        "unit": "Personen",
        "year": 2027,
        "actual": 41,
    }
    with pytest.raises(yamledit.EditError, match="kept by year"):
        run(by_year.text, yamledit.record_actual("Teilnehmende", 1))
    again = run(by_year.text, yamledit.record_actual("Teilnehmende", 42, 2027))
    assert again.changes == ["indicators[1].actual: 41 → 42"]
    with pytest.raises(yamledit.EditError, match="no indicator 'Teilnehmer'; did you mean 'Teilnehmende'"):
        run(COMMENTED, yamledit.record_actual("Teilnehmer", 1))


def test_set_keeps_quoting_style_and_quotes_what_needs_it() -> None:
    edited = run(COMMENTED, yamledit.assign(["title"], "Mama lernt Deutsch – Pilot"))
    assert "title: 'Mama lernt Deutsch – Pilot'   # Arbeitstitel" in edited.text.splitlines()  # its 3 spaces kept
    for value, line in [
        ("yes", 'notes: "yes"'),
        ("2026-05-01", 'notes: "2026-05-01"'),
        ("12", 'notes: "12"'),
        ("a: b", 'notes: "a: b"'),
        ("siehe #4", 'notes: "siehe #4"'),
        ("einfach", "notes: einfach"),
    ]:
        edited = run(COMMENTED, yamledit.assign(["notes"], value))
        assert line in edited.text.splitlines()
        assert data(edited.text)["notes"] == value


def test_set_keeps_folded_and_plain_date_styles() -> None:
    long = "Ein deutlich längerer Text, " * 6
    edited = run(COMMENTED, yamledit.assign(["summary"], long.strip()))
    assert edited.text.count("\n  ") >= 2 and "summary: >-\n" in edited.text
    assert all(len(line) <= yamledit.FOLD_WIDTH for line in edited.text.splitlines())
    assert data(edited.text)["summary"] == long.strip()
    edited = run(COMMENTED, yamledit.assign(["start"], "2025-02-01"))
    assert "start: 2025-02-01" in edited.text.splitlines()


def test_set_nested_and_indexed() -> None:
    edited = run(COMMENTED, yamledit.assign(["decision", "paper"], "BEISPIEL-2024/012"))
    assert "decision:\n  paper: BEISPIEL-2024/012\nupdated:" in edited.text
    edited = run(edited.text, yamledit.assign(["decision", "body"], "Rat der Stadt"))
    assert "decision:\n  body: Rat der Stadt\n  paper: BEISPIEL-2024/012" in edited.text
    edited = run(COMMENTED, yamledit.assign(["budget", 0, "spent"], 100))
    assert "    planned: 12000\n    spent: 100\n    source: municipal  # Haushalt 2026" in edited.text
    with pytest.raises(yamledit.EditError, match="list of 1; there is no item 3"):
        run(COMMENTED, yamledit.assign(["budget", 3, "spent"], 1))
    with pytest.raises(yamledit.EditError, match="which has no 'x' in it"):
        run(COMMENTED, yamledit.assign(["status", "x"], 1))
    with pytest.raises(yamledit.EditError) as error:
        run(COMMENTED, yamledit.assign(["id"], "other"))
    assert error.value.code == "id-change"


def test_set_reads_german_dates_and_amounts_by_the_schema() -> None:
    edited = run(COMMENTED, yamledit.assign(["start"], yamledit.parse_value("31.12.2025")))
    assert data(edited.text)["start"] == "2025-12-31"
    edited = run(COMMENTED, yamledit.assign(["budget", 0, "planned"], yamledit.parse_value("12.000,50")))
    assert data(edited.text)["budget"][0]["planned"] == 12000.5
    edited = run(COMMENTED, yamledit.assign(["budget", 0, "planned"], yamledit.parse_value("15.000")))
    assert data(edited.text)["budget"][0]["planned"] == 15000
    edited = run(COMMENTED, yamledit.assign(["notes"], yamledit.parse_value("31.12.2025")))
    assert data(edited.text)["notes"] == "31.12.2025"  # text stays text
    with pytest.raises(yamledit.EditError, match=r"'31\.02\.2025' is not a date") as error:
        run(COMMENTED, yamledit.assign(["end"], "31.02.2025"))
    assert error.value.code == "unreadable-value"


def test_set_none_removes_and_setting_updated_wins() -> None:
    edited = run(COMMENTED, yamledit.assign(["horizon"], None))
    assert "horizon" not in edited.text
    assert run(COMMENTED, yamledit.assign(["goal"], None)).text == COMMENTED
    edited = run(COMMENTED, yamledit.assign(["updated"], "2025-12-24"))
    assert 'updated: "2025-12-24"' in edited.text


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff" + COMMENTED.replace("\n", "\r\n")
    edited = run(text, yamledit.set_status("dropped"))
    assert edited.text.startswith("\ufeff# yaml-language-server")
    assert edited.text.replace("\r\n", "").count("\n") == 0
    assert changed_lines(text, edited.text)[1] == ["status: dropped", f'updated: "{TODAY}"']


def test_unusual_indentation_is_kept() -> None:
    text = (
        "schema_version: 1\ntarget_groups:\n- kinder\ndecision:\n    body: Rat\n    date: '2020-01-01'\n"
        "status: active\n"
    )
    edited = run(text, yamledit.set_status("completed"))
    assert not edited.reformatted
    assert edited.text == text.replace("active", "completed") + f'updated: "{TODAY}"\n'


def test_unreadable_text() -> None:
    with pytest.raises(yamledit.EditError) as error:
        yamledit.RoundTrip("a: [1,\n")
    assert error.value.code == "yaml-syntax"
    with pytest.raises(yamledit.EditError):
        yamledit.RoundTrip("- a list\n")


def test_render_new_reads_back() -> None:
    record = {
        "schema_version": 1,
        "title": "no",
        "summary": "Zeile eins\nZeile zwei\n",
        "notes": "x" * 30 + " " + "y" * 100,
        "tags": ["a", "b"],
        "start": "2026-01-01",
    }
    text = yamledit.render_new(record, "# hint")
    assert text.startswith('# hint\nschema_version: 1\ntitle: "no"\nsummary: |\n  Zeile eins\n')
    assert data(text) == record


def test_key_order_follows_the_schema() -> None:
    assert yamledit.key_order(SCHEMA)[:3] == ["schema_version", "id", "title"]
    assert yamledit.key_order(SCHEMA, ["budget", 0]) == [
        "year",
        "planned",
        "revised",
        "spent",
        "source",
        "amount_unknown",
        "programme",
        "co_funding_share",
        "funding_status",
        "note",
    ]
    assert yamledit.ordered({"source": "eu", "year": 1}, SCHEMA, ["budget", 0]) == {"year": 1, "source": "eu"}


@pytest.mark.parametrize("gap", [1, 2, 3, 7])
@pytest.mark.parametrize("new", ["completed", "planned", "dropped"])
def test_an_edit_keeps_the_spaces_before_an_end_of_line_comment(gap: int, new: str) -> None:
    """Only the value's bytes change: a shorter or longer value moves the comment along."""
    text = COMMENTED.replace("status: active\n", f"status: active{' ' * gap}# Stand: Mai\n").replace(
        'updated: "2026-01-01"\n', 'updated: "2026-01-01"   # zuletzt\n'
    )
    edited = run(text, yamledit.set_status(new))
    assert changed_lines(text, edited.text) == (
        [f"status: active{' ' * gap}# Stand: Mai", 'updated: "2026-01-01"   # zuletzt'],
        [f"status: {new}{' ' * gap}# Stand: Mai", f'updated: "{TODAY}"   # zuletzt'],
    )


def test_a_nested_value_keeps_its_comment_spacing_too() -> None:
    text = COMMENTED.replace("    planned: 12000\n", "    planned: 12000    # Ansatz\n")
    edited = run(text, yamledit.assign(["budget", 0, "planned"], 9))
    assert changed_lines(text, edited.text)[1][0] == "    planned: 9    # Ansatz"


@pytest.mark.parametrize("number", ["5.527439235638813e-59", "1.2345678901234567e-30", "1_000.5", "2.5E3", "0.10"])
def test_an_edit_writes_an_untouched_float_as_it_was(number: str) -> None:
    """ruamel.yaml alone rebuilt ``5.527439235638813e-59`` as ``...812e-59``."""
    text = COMMENTED.replace("    planned: 12000\n", f"    planned: {number}\n")
    edited = run(text, yamledit.set_status("completed"))
    assert f"    planned: {number}\n" in edited.text
    assert not edited.reformatted


# --- integ edit: its private copy does not outlive the command ------------------------------------


def _edit(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, answer: str = "") -> Any:
    """``integ edit sprache-001`` with an editor running ``body`` on the copy (``path``,
    ``text``), and the temporary folders of this process in ``tmp_path / "tmp"``."""
    import shlex
    import sys
    import tempfile

    from typer.testing import CliRunner

    from integ_cli.cli import app

    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\ntext = path.read_text()\n{body}\n"
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    monkeypatch.delenv("VISUAL", raising=False)
    return CliRunner().invoke(app, ["--repo", str(repo), "edit", "sprache-001"], input=answer)


@pytest.mark.parametrize(
    ("body", "answer", "code"),
    [
        ("pass", "", 0),  # no changes
        ("path.write_text(text.replace('horizon: mid', 'horizon: long'))", "", 0),  # saved
        ("path.write_text(text.replace('horizon: mid', 'horizon: nie'))", "a\n", 1),  # abandoned
        ("sys.exit(3)", "", 1),  # the editor failed, the copy holds nothing new
        ("path.unlink(); sys.exit(3)", "", 1),  # ... or is gone
    ],
)
def test_integ_edit_leaves_no_temporary_folder(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, answer: str, code: int
) -> None:
    result = _edit(repo, tmp_path, monkeypatch, body, answer)
    assert result.exit_code == code, result.stderr
    assert "your copy" not in result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def test_integ_edit_keeps_and_names_a_copy_that_holds_your_changes(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _edit(repo, tmp_path, monkeypatch, "path.write_text(text + '# halb fertig\\n'); sys.exit(3)")
    assert result.exit_code == 1
    [folder] = (tmp_path / "tmp").iterdir()
    copy = folder / "sprache-001.yaml"
    assert f"(your copy: {copy})" in result.stderr
    assert copy.read_text(encoding="utf-8").endswith("# halb fertig\n")
