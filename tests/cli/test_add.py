"""``integ add`` on a terminal: the last question before writing, and stopping without
an answer (Ctrl-C, the end of the input) writes nothing and says so."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app, prompts
from tests.helpers import snapshot

runner = CliRunner()
NEW = "data/measures/sprache-003.yaml"
#: Every value given: the dialogue asks only whether to write.
ALL = [
    *("--field", "sprache", "--title", "Sprachcafé Brand", "-t", "junge-muetter", "--district", "brand"),
    *("--summary", "Ein offenes Sprachcafé im Begegnungszentrum Brand.", "--status", "planned"),
    *("--horizon", "short", "--goal", "Mehr Deutsch sprechen.", "--lead", "stadt", "--partner", "migrationsrat"),
    *("--start", "2027-01-01", "--end", "2027-12-31", "--visibility", "public"),
]


@pytest.mark.parametrize("answer", ["j", "JA", "y", "yes", ""])
def test_yes_in_german_or_english_writes(repo: Path, answer: str) -> None:
    result = runner.invoke(app, ["add", "--input", *ALL], input=f"{answer}\n")
    assert result.exit_code == 0, result.stderr
    assert f"Write this to {NEW}? [Y/n]" in result.stderr
    assert (repo / NEW).is_file()


def test_an_answer_not_understood_asks_again(repo: Path) -> None:
    before = snapshot(repo)
    result = runner.invoke(app, ["add", "--input", *ALL], input="x\njaa\nnein\n")
    assert result.stderr.count(f"Write this to {NEW}?") == 3
    assert result.stderr.count("Please answer yes or no (y or n).") == 2
    assert result.exit_code == 1 and result.stderr.endswith("integ: error: nothing written\n")
    assert snapshot(repo) == before


def test_ctrl_c_says_nothing_was_saved(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    before = snapshot(repo)
    monkeypatch.setattr(prompts, "read_line", interrupted)
    for argv in (["add", "--input"], ["add", "--input", *ALL]):  # in the dialogue, and at the last question
        result = runner.invoke(app, argv)
        assert result.exit_code == 130
        assert result.stderr.endswith("integ: error: interrupted; nothing was saved\n")
    assert snapshot(repo) == before


def test_ctrl_c_in_a_running_integ(repo: Path) -> None:
    """As a user presses it: SIGINT while integ waits for the first answer."""
    integ = shutil.which("integ", path=str(Path(sys.executable).parent))
    assert integ is not None
    before = snapshot(repo)
    process = subprocess.Popen(
        [integ, "add", "--input"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    shown, deadline = b"", time.monotonic() + 60
    while b"Action field (Handlungsfeld): " not in shown and time.monotonic() < deadline:
        if select.select([process.stderr], [], [], 1)[0]:
            shown += os.read(process.stderr.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    _out, rest = process.communicate(timeout=60)
    assert process.returncode == 130
    assert (shown + rest).decode().endswith("integ: error: interrupted; nothing was saved\n")
    assert snapshot(repo) == before


def test_the_end_of_the_input_says_nothing_was_saved(repo: Path) -> None:
    before = snapshot(repo)
    result = runner.invoke(app, ["add", "--input"], input="1\nSprachcafé Brand\n")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "integ: error: the input ended before every question was answered; nothing was saved\n"
    )
    assert "Aborted" not in result.stderr
    assert snapshot(repo) == before


@pytest.mark.usefixtures("german")
def test_in_german(repo: Path) -> None:
    given = [a for a in ALL if a not in ("--status", "planned")]
    result = runner.invoke(app, ["add", "--input", *given], input="Laufend\nj\n")
    assert result.exit_code == 0, result.stderr
    assert "Status (planned (geplant), active (laufend)" in result.stderr
    assert f"In {NEW} schreiben? [J/n]" in result.stderr
    assert "integ: Maßnahme sprache-003 angelegt" in result.stderr
    assert "status: active" in (repo / NEW).read_text(encoding="utf-8")


@pytest.mark.usefixtures("german")
def test_missing_values_in_german(repo: Path) -> None:
    result = runner.invoke(app, ["add", "--no-input", "--field", "sprache"])
    assert result.exit_code == 2
    assert "integ: Fehler: es fehlen Pflichtangaben: --title, --summary" in result.stderr


def test_from_stdin_past_the_size_limit_is_refused(repo: Path) -> None:
    from integ_cli.files.limits import MAX_FILE_BYTES

    result = runner.invoke(app, ["add", "--no-input", "--from", "-"], input=b"#" * (MAX_FILE_BYTES + 10))
    assert result.exit_code == 2 and "stdin: the file is larger than the limit of 2,097,152 bytes" in result.stderr
    assert sorted(p.name for p in (repo / "data/measures").iterdir()) == [
        "sprache-001.yaml",
        "sprache-002.yaml",
        "wohnen-001.yaml",
    ]
