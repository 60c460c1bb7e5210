"""The cache file ``integ validate`` keeps its results in: never trusted when damaged or
someone else's, never written into the repository, whole after concurrent runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.checking import cache
from integ_cli.checking.validation import validate
from integ_cli.cli import app
from tests.conftest import edit

runner = CliRunner()
M1 = "data/measures/sprache-001.yaml"


def problems(root: Path) -> list[tuple[str, int | None, str, str]]:
    return [(p.file, p.line, p.code, p.message) for p in validate(root).problems]


@pytest.fixture
def broken(repo: Path) -> Path:
    """The mini repository with a schema error in one measure."""
    edit(repo / M1, "status: active", "status: no")
    return repo


def cache_files(home: Path) -> list[Path]:
    return sorted(home.rglob("*.json"))


def test_integ_code_is_told_apart_by_each_file_size_and_time(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    module = package / "rules.py"
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    before = list(cache._files(package, (".py",)))
    module.write_text("LIMIT = 2\n", encoding="utf-8")  # the same size
    os.utime(module, ns=(1, 1))
    assert list(cache._files(package, (".py",))) != before
    (package / "more.py").write_text("", encoding="utf-8")
    assert len(list(cache._files(package, (".py",)))) == 2


def test_no_cache_option_and_variable_check_every_file_and_keep_nothing(
    repo: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["validate", "--no-cache"]).exit_code == 0
    assert cache_files(cache_home) == []
    monkeypatch.setenv("INTEG_NO_CACHE", "1")
    assert runner.invoke(app, ["validate"]).exit_code == 0
    assert cache_files(cache_home) == []
    monkeypatch.delenv("INTEG_NO_CACHE")
    assert runner.invoke(app, ["validate"]).exit_code == 0
    assert len(cache_files(cache_home)) == 1


def test_the_cache_is_never_written_into_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / "data"))
    assert runner.invoke(app, ["validate"]).exit_code == 0
    assert not (repo / "data/integ").exists()
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_a_relative_cache_home_is_ignored_as_the_xdg_rule_says(tmp_path: Path) -> None:
    assert cache.directory({"XDG_CACHE_HOME": "cache", "HOME": str(tmp_path)}) == tmp_path / ".cache/integ"
    assert cache.directory({"XDG_CACHE_HOME": str(tmp_path), "INTEG_NO_CACHE": "1"}) is None


def test_the_cache_folder_and_file_are_the_users_alone(broken: Path, cache_home: Path) -> None:
    problems(broken)
    [file] = cache_files(cache_home)
    assert file.stat().st_mode & 0o777 == 0o600
    assert file.parent.stat().st_mode & 0o777 == 0o700


def _forged(cache_home: Path) -> Path:
    """The cache file, its entry for M1 made to say the file has no problem."""
    [file] = cache_files(cache_home)
    content = json.loads(file.read_text(encoding="utf-8"))
    content["files"][M1][3] = []
    file.write_text(json.dumps(content), encoding="utf-8")
    return file


def test_a_forged_entry_is_what_the_cache_trusts(broken: Path, cache_home: Path) -> None:
    # What the next tests refuse: the cache's owner can make it say anything.
    expected = problems(broken)
    _forged(cache_home)
    assert problems(broken) != expected


def test_a_cache_file_others_may_write_is_not_trusted(broken: Path, cache_home: Path) -> None:
    expected = problems(broken)
    file = _forged(cache_home)
    file.chmod(0o666)
    assert problems(broken) == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "\0\xff" + text,
        lambda text: text.replace('"format":2', '"format":99'),
        lambda text: text.replace('"schema-enum"', "17"),
        lambda text: text.replace(',"error"]', ',"fatal"]', 1),
        lambda text: text.replace('"files":{', '"files":{"x":[],', 1),
        lambda text: text.replace('"shared":[', '"shared":[[1],', 1),
        lambda _text: "[" * 100_000,
    ],
    ids=[
        "cut short",
        "not text",
        "other format",
        "code not text",
        "unknown severity",
        "one entry malformed",
        "shared part malformed",
        "nested too deep to decode",
    ],
)
def test_a_damaged_cache_file_is_ignored_whole(broken: Path, cache_home: Path, damage: Callable[[str], str]) -> None:
    expected = problems(broken)
    [file] = cache_files(cache_home)
    text = file.read_text(encoding="utf-8")
    assert damage(text) != text
    file.write_text(damage(text), encoding="utf-8")
    assert problems(broken) == expected
    assert json.loads(file.read_text(encoding="utf-8"))["format"] == cache.FORMAT  # written whole again


def test_a_link_in_place_of_the_cache_file_is_not_followed(broken: Path, cache_home: Path, tmp_path: Path) -> None:
    expected = problems(broken)
    file = _forged(cache_home)
    elsewhere = tmp_path / "elsewhere.json"
    file.rename(elsewhere)
    file.symlink_to(elsewhere)
    assert problems(broken) == expected


def test_nothing_is_reused_where_a_vocabulary_is_a_link(broken: Path, cache_home: Path) -> None:
    (broken / "shared").mkdir()
    (broken / "data/actors.yaml").rename(broken / "shared/actors.yaml")
    (broken / "data/actors.yaml").symlink_to("../shared/actors.yaml")
    expected = problems(broken)
    assert cache_files(cache_home) == []
    assert problems(broken) == expected


def test_runs_at_the_same_time_each_leave_a_whole_cache(broken: Path, cache_home: Path) -> None:
    command = [sys.executable, "-m", "integ_cli", "validate", "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [run.communicate()[0] for run in runs]
    assert all(run.returncode == 1 for run in runs)
    assert len(set(outputs)) == 1
    [file] = cache_files(cache_home)
    assert json.loads(file.read_text(encoding="utf-8"))["format"] == cache.FORMAT
    again = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    assert again.stdout == outputs[0]
