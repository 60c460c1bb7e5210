"""The German guide for staff (``docs/de/erste-schritte.md``) works as written: every
``integ`` command in its code blocks runs on a copy of the example data and succeeds,
and its installation commands use integ's source repository as ``integ init`` does."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.scaffold.files import INTEG_REV, INTEG_SOURCE
from tests.conftest import PROJECT
from tests.helpers import GitWork

GUIDE = PROJECT / "docs" / "de" / "erste-schritte.md"
TEXT = GUIDE.read_text(encoding="utf-8")
#: Commands that wait for a person (a dialogue, an editor): only their --help is run.
WAIT_FOR_A_PERSON = {"add", "edit"}


def command_lines() -> list[tuple[dict[str, str], list[str]]]:
    """Every ``integ ...`` line of the guide's code blocks, in order: the environment
    it sets in front (``INTEG_LANG=en integ --help``) and integ's arguments."""
    found = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", TEXT, re.S | re.M):
        for line in block.splitlines():
            if not re.match(r"(?:[A-Z_]+=\S*\s+)*integ(?:\s|$)", line):
                continue
            words = shlex.split(line, comments=True)
            environ = dict(word.split("=", 1) for word in words[: words.index("integ")])
            found.append((environ, words[words.index("integ") + 1 :]))
    return found


COMMANDS = command_lines()


def test_the_guide_shows_the_ten_everyday_commands() -> None:
    shown = {args[0] for _, args in COMMANDS if args and not args[0].startswith("-")}
    everyday = {"validate", "list", "show", "add", "edit", "status", "budget", "report", "export", "import"}
    assert everyday | {"changelog", "init"} <= shown


def test_every_command_of_the_guide_runs_on_the_example_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_outer_git: None
) -> None:
    """In the guide's order, as a reader follows it: ``integ init`` in an empty folder,
    then every command in the practice repository it creates (committed once, as a
    clone would be)."""
    monkeypatch.delenv("INTEG_REPO", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    [practice] = [args[1] for _, args in COMMANDS if args[:1] == ["init"] and "--example" in args]
    for environ, args in COMMANDS:
        run = [*args, "--help"] if args[:1] and args[0] in WAIT_FOR_A_PERSON else args
        result = runner.invoke(app, run, env=environ)
        assert result.exit_code == 0, (args, result.output)
        if args[:2] == ["init", practice]:
            GitWork(tmp_path / practice).commit("Erster Stand", date="2024-06-01T09:00:00+02:00")
            monkeypatch.chdir(tmp_path / practice)
    assert (tmp_path / practice / "bericht.html").is_file()
    changed = (tmp_path / practice / "data/measures/sprache-002.yaml").read_text(encoding="utf-8")
    assert "status: completed" in changed  # the German name as typed, the code in the file
    assert "planned: 12000\n    source: municipal" in changed


def test_the_problem_shown_in_the_guide_is_what_integ_says(german: None) -> None:
    """The guide's example problem, made in the bundled file it names: the line as the
    explanation would write it, without its quotes."""
    shown = re.search(r"^(data/\S+):(\d+):(\d+): Fehler: (.*) \[([a-z-]+)\]$", TEXT, re.M)
    assert shown is not None
    file, line, column, message, code = shown.groups()
    lines = (PROJECT / file).read_bytes().split(b"\n")
    fixed = message.split("in Anführungszeichen: ", 1)[1]  # title: "Neu: ..."
    lines[int(line) - 1] = fixed.replace('"', "").encode()
    with pytest.raises(LoadProblem) as caught:
        load_document(b"\n".join(lines), file)
    found = caught.value.problem
    assert (found.line, found.column, found.message, found.code) == (int(line), int(column), message, code)


def test_installation_uses_integ_s_source_repository_and_current_version() -> None:
    """There is no package on an index: every installation names the repository with the
    placeholder ``integ init`` uses, and a pinned version is this integ's own tag."""
    sources = re.findall(r"git\+(\S+?)(?:@([\w.-]+))?[\"\s`]", TEXT)
    assert sources and {source for source, _ in sources} == {INTEG_SOURCE}
    assert {rev for _, rev in sources if rev} == {INTEG_REV}
    assert "pipx install git+" in TEXT and "uv tool install git+" in TEXT


def test_the_readme_points_to_the_guide_at_the_top() -> None:
    top = (PROJECT / "README.md").read_text(encoding="utf-8").splitlines()[:12]
    assert any("(docs/de/erste-schritte.md)" in line for line in top)
