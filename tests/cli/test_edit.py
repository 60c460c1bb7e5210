"""``integ edit``: the copy in the editor is checked before it replaces the file, and work
typed into it is never thrown away unasked."""

from __future__ import annotations

import shlex
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.cli.edit import editor_command
from integ_cli.files.loading import load_document

runner = CliRunner()
M1 = "data/measures/sprache-001.yaml"
BREAK_STATUS = "path.write_text(text.replace('status: active', 'status: nope'))"


def script(tmp_path: Path, body: str) -> Path:
    """A small Python program that changes the file it is given, as an editor would."""
    path = tmp_path / "editor.py"
    path.write_text(
        f"#!{sys.executable}\nimport sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n" + textwrap.dedent(body),
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR running :func:`script`."""
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script(tmp_path, body)))}"


def valid(repo: Path) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stdout + result.stderr


def record(repo: Path) -> dict[str, Any]:
    document = load_document((repo / M1).read_bytes(), M1)
    assert document is not None
    return dict(document.data)


def copies(tmp_path: Path) -> list[Path]:
    """The copies ``integ edit`` left behind (its temporary files go to the test's folder)."""
    return sorted(tmp_path.glob("integ-edit-*/*.yaml"))


@pytest.fixture
def own_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither $VISUAL nor $EDITOR set: the test names the editor."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def test_edit_abandoned_leaves_the_file_untouched(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path, BREAK_STATUS))
    monkeypatch.delenv("VISUAL", raising=False)
    before = (repo / M1).read_bytes()
    result = runner.invoke(app, ["edit", "sprache-001"], input="a\n")
    assert result.exit_code == 1
    assert f"{M1}:12:1: error: 'status' is 'nope', expected one of" in result.stderr
    assert "Re-open the editor (r, or Enter) or abandon your changes (a or abandon)?" in result.stderr
    assert result.stderr.endswith(f"integ: error: abandoned; {M1} is unchanged\n")
    assert (repo / M1).read_bytes() == before
    assert copies(tmp_path) == []  # abandoned: the copy goes
    valid(repo)


@pytest.mark.parametrize("answer", ["ABANDON", "verwerfen", " A "])
def test_the_explicit_answers_abandon_in_any_case(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, BREAK_STATUS))
    result = runner.invoke(app, ["edit", "sprache-001"], input=f"{answer}\n")
    assert result.exit_code == 1 and "abandoned" in result.stderr
    assert copies(tmp_path) == []


def test_an_answer_not_understood_asks_again_and_the_copy_survives(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'ja' and 'x' are no answer to re-open-or-abandon: they used to abandon the changes."""
    monkeypatch.setenv("VISUAL", editor(tmp_path, BREAK_STATUS))
    before = (repo / M1).read_bytes()
    result = runner.invoke(app, ["edit", "sprache-001"], input="ja\nx\n")
    assert result.stderr.count("Re-open the editor") == 3  # asked, asked again, and again
    assert result.stderr.count("Please type r to re-open the editor, or a or abandon to abandon") == 2
    assert "abandoned" not in result.stderr
    # then the input ended: the copy, with the changes, is kept, and the user is told where
    assert result.exit_code == 1
    [copy] = copies(tmp_path)
    assert result.stderr.endswith(
        f"integ: error: no answer (end of input); nothing written; your changes are kept in {copy}\n"
    )
    assert "status: nope" in copy.read_text(encoding="utf-8")
    assert (repo / M1).read_bytes() == before


def test_end_of_input_keeps_the_copy(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, BREAK_STATUS))
    result = runner.invoke(app, ["edit", "sprache-001"], input="")
    assert result.exit_code == 1
    [copy] = copies(tmp_path)
    assert f"your changes are kept in {copy}" in result.stderr
    assert "status: nope" in copy.read_text(encoding="utf-8")


def test_ctrl_c_at_the_question_keeps_the_copy(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from integ_cli.cli import prompts

    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setenv("VISUAL", editor(tmp_path, BREAK_STATUS))
    monkeypatch.setattr(prompts, "read_line", interrupted)
    result = runner.invoke(app, ["edit", "sprache-001"])
    assert result.exit_code == 130
    [copy] = copies(tmp_path)
    assert result.stderr.endswith(f"integ: error: interrupted; nothing written; your changes are kept in {copy}\n")


def test_ctrl_c_while_the_editor_runs_keeps_a_changed_copy(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that integ waits for (a window of its own) is stopped by Ctrl-C."""
    import subprocess

    def saved_then_interrupted(argv: list[str]) -> int:
        Path(argv[-1]).write_text("title: Halb fertig\n", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setenv("VISUAL", editor(tmp_path, "pass"))
    monkeypatch.setattr(subprocess, "call", saved_then_interrupted)
    result = runner.invoke(app, ["edit", "sprache-001"])
    assert result.exit_code == 130
    [copy] = copies(tmp_path)
    assert copy.read_text(encoding="utf-8") == "title: Halb fertig\n"
    assert result.stderr.endswith(f"your changes are kept in {copy}\n")


def test_the_reopened_copy_lists_the_problems_at_its_top_and_they_never_reach_the_data(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.yaml"
    body = f"""
        seen = Path({str(seen)!r})
        if not seen.exists():
            path.write_text(text.replace("horizon: mid", "horizon: someday"))
            seen.write_text("")
        else:
            seen.write_text(text)
            path.write_text(text.replace("horizon: someday", "horizon: long"))
    """
    monkeypatch.setenv("VISUAL", editor(tmp_path, body))
    result = runner.invoke(app, ["edit", "sprache-001"], input="\n")  # Enter: re-open, the default
    assert result.exit_code == 0, result.stderr
    top = seen.read_text(encoding="utf-8").splitlines()
    assert top[0] == "# integ: 1 problem to fix; these lines are removed before the file is checked and saved:"
    assert top[1].startswith("# integ: sprache-001.yaml:")
    assert "'horizon' is 'someday'" in top[1]
    line = int(top[1].split(":")[2])
    assert "horizon: someday" in top[line - 1]  # the line number is the line as shown in the editor
    text = (repo / M1).read_text(encoding="utf-8")
    assert "# integ:" not in text and "horizon: long" in text
    assert copies(tmp_path) == []  # saved: the copy goes
    valid(repo)


def test_the_users_own_comments_at_the_top_stay(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "runs"
    body = f"""
        runs = Path({str(seen)!r})
        if not runs.exists():
            runs.write_text("1")
            path.write_text("# integ: my own note\\n" + text.replace("horizon: mid", "horizon: someday"))
        else:
            path.write_text(text.replace("horizon: someday", "horizon: long"))
    """
    monkeypatch.setenv("VISUAL", editor(tmp_path, body))
    result = runner.invoke(app, ["edit", "sprache-001"], input="r\n")
    assert result.exit_code == 0, result.stderr
    assert (repo / M1).read_text(encoding="utf-8").startswith("# integ: my own note\n")
    valid(repo)


def test_edit_reopen_then_save(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = tmp_path / "runs"
    body = f"""
        runs = Path({str(counter)!r})
        n = int(runs.read_text()) if runs.exists() else 0
        runs.write_text(str(n + 1))
        if n == 0:
            path.write_text(text.replace("horizon: mid", "horizon: someday"))
        else:
            path.write_text(text.replace("horizon: someday", "horizon: long"))
    """
    monkeypatch.setenv("VISUAL", editor(tmp_path, body))
    result = runner.invoke(app, ["edit", "sprache-001"], input="r\n")
    assert result.exit_code == 0, result.stderr
    assert counter.read_text() == "2"
    assert "'horizon' is 'someday'" in result.stderr and f"saved {M1}" in result.stderr
    text = (repo / M1).read_text(encoding="utf-8")
    assert "horizon: long" in text and "# A comment that editors keep." in text
    from integ_cli.authoring.records import today

    assert record(repo)["updated"] == today()
    valid(repo)


def test_edit_without_changes_and_with_failing_editor(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    before = (repo / M1).read_bytes()
    monkeypatch.setenv("EDITOR", editor(tmp_path, "pass"))
    result = runner.invoke(app, ["edit", "sprache-001"])
    assert result.exit_code == 0 and "no changes; nothing written" in result.stderr
    monkeypatch.setenv("EDITOR", editor(tmp_path, "path.write_text('broken'); sys.exit(3)"))
    result = runner.invoke(app, ["edit", "sprache-001"])
    assert result.exit_code == 1 and "the editor exited with code 3" in result.stderr
    [copy] = copies(tmp_path)
    assert result.stderr.endswith(f"nothing written (your copy: {copy})\n") and copy.read_text() == "broken"
    assert (repo / M1).read_bytes() == before
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    result = runner.invoke(app, ["edit", "sprache-001"])
    assert result.exit_code == 2 and "cannot be found" in result.stderr
    result = runner.invoke(app, ["edit", "sprache-01"])
    assert result.exit_code == 1 and "did you mean 'sprache-001'" in result.stderr


# --- which editor --------------------------------------------------------------------------------


def installed(*names: str, where: str = "/usr/bin") -> Any:
    """A ``shutil.which`` that finds only ``names``."""
    return lambda name: f"{where}/{name}" if name in names else None


@pytest.mark.usefixtures("own_editor")
def test_without_an_editor_set_nano_is_preferred_then_vi(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", installed("vi", "nano"))
    assert editor_command() == (["/usr/bin/nano"], "Opening the copy in nano. Save with Ctrl+O, quit with Ctrl+X.")
    monkeypatch.setattr(shutil, "which", installed("vi"))
    argv, how = editor_command()
    assert argv == ["/usr/bin/vi"] and ":wq" in how


@pytest.mark.usefixtures("own_editor")
def test_an_editor_set_is_used_without_explanation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", installed("nano", "emacs"))
    monkeypatch.setenv("EDITOR", "emacs -nw")
    assert editor_command() == (["emacs", "-nw"], "")


@pytest.mark.usefixtures("own_editor")
def test_no_editor_at_all_says_how_to_set_one(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", installed())
    result = runner.invoke(app, ["edit", "sprache-001"])
    assert result.exit_code == 2 and "no editor found: set $EDITOR, e.g. export EDITOR=nano" in result.stderr


@pytest.mark.usefixtures("own_editor", "german")
def test_in_german_nano_is_explained_and_the_question_names_the_answers(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nano = script(tmp_path, BREAK_STATUS)
    monkeypatch.setattr(shutil, "which", lambda name: str(nano) if name == "nano" else None)
    result = runner.invoke(app, ["edit", "sprache-001"], input="ja\nverwerfen\n")
    assert "integ: Die Kopie wird in nano geöffnet. Speichern mit Strg+O, Beenden mit Strg+X." in result.stderr
    assert "Editor wieder öffnen (r oder Eingabetaste) oder Ihre Änderungen verwerfen (a oder verwerfen)?" in (
        result.stderr
    )
    assert "Bitte geben Sie r ein" in result.stderr
    assert result.stderr.endswith(f"integ: Fehler: verworfen; {M1} ist unverändert\n")
    assert result.exit_code == 1
