"""``integ schema`` through the CLI: print, list, write out; the repository's own schemas govern."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.checking.schema import PACKAGED
from integ_cli.cli import app
from integ_cli.files.repository import KINDS

runner = CliRunner()


def own_schemas(repo: Path) -> Path:
    """Give the repository its own copy of the schemas, with a recognisable title."""
    shutil.copytree(PACKAGED, repo / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    path = repo / "schemas/measure.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"title": "', '"title": "Eigen: ', 1), encoding="utf-8")
    return path


def test_prints_the_packaged_schema_exactly(repo: Path) -> None:
    result = runner.invoke(app, ["schema", "measure"])
    assert result.exit_code == 0
    assert result.stdout == (PACKAGED / "measure.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stderr == ""


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_prints_valid_json(repo: Path, kind: str) -> None:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == f"urn:integ:schema:{kind}"


def test_the_repository_s_own_schema_governs(repo: Path) -> None:
    path = own_schemas(repo)
    result = runner.invoke(app, ["schema", "measure"])
    assert result.exit_code == 0
    assert result.stdout == path.read_text(encoding="utf-8")
    assert json.loads(result.stdout)["title"].startswith("Eigen: ")


def test_lists_kinds_origins_and_files(repo: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == list(KINDS)
    assert all(row[1] == "packaged" and Path(row[2]) == PACKAGED / f"{row[0]}.schema.json" for row in rows)
    (repo / "schemas").mkdir()
    shutil.copy(PACKAGED / "actors.schema.json", repo / "schemas")
    rows = [line.split() for line in runner.invoke(app, ["schema"]).stdout.splitlines()]
    assert {row[0]: row[1] for row in rows}["actors"] == "repository"
    assert {row[0]: row[1] for row in rows}["measure"] == "packaged"
    assert Path(rows[KINDS.index("actors")][2]) == repo.resolve() / "schemas/actors.schema.json"


def test_works_outside_any_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    result = runner.invoke(app, ["schema", "districts"])
    assert result.exit_code == 0
    assert result.stdout == (PACKAGED / "districts.schema.json").read_text(encoding="utf-8")


def test_a_named_repository_that_is_none_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--repo", str(tmp_path), "schema"])
    assert result.exit_code == 2
    assert "holds no data repository" in result.stderr
    monkeypatch.setenv("INTEG_REPO", str(tmp_path / "missing"))
    assert runner.invoke(app, ["schema"]).exit_code == 2


@pytest.mark.parametrize(("word", "hint"), [("measures", "'measure'"), ("target_groups", "'target-groups'")])
def test_unknown_kind_exits_2_with_the_closest_match(repo: Path, word: str, hint: str) -> None:
    result = runner.invoke(app, ["schema", word])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"integ: error: unknown kind '{word}'; did you mean {hint}?")
    assert "measure, field, target-groups, actors, districts" in result.stderr


def test_output_writes_every_schema(repo: Path, tmp_path: Path) -> None:
    own_schemas(repo)
    out = tmp_path / "editor" / "schemas"
    result = runner.invoke(app, ["schema", "--output", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{len(KINDS)} schemas written to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{kind}.schema.json" for kind in KINDS)
    for kind in KINDS:
        assert (out / f"{kind}.schema.json").read_bytes() == (repo / f"schemas/{kind}.schema.json").read_bytes()


def test_output_replaces_stale_files_and_writes_one_kind(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "measure.schema.json").write_text("{}", encoding="utf-8")
    (out / "notes.txt").write_text("keep\n", encoding="utf-8")
    result = runner.invoke(app, ["schema", "measure", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr == f"1 schema written to {out}\n"
    assert (out / "measure.schema.json").read_bytes() == (PACKAGED / "measure.schema.json").read_bytes()
    assert sorted(p.name for p in out.iterdir()) == ["measure.schema.json", "notes.txt"]


def test_output_into_a_file_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--output", str(tmp_path / "taken")])
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr


def test_broken_schema_is_an_environment_error(repo: Path) -> None:
    (repo / "schemas").mkdir()
    (repo / "schemas/field.schema.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["schema", "field"])
    assert result.exit_code == 2
    assert "schemas/field.schema.json cannot be read" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_kind_completion() -> None:
    def complete(words: str) -> list[str]:
        env = {"_INTEG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
        return re.findall(r'"([^"]+)"', runner.invoke(app, [], prog_name="integ", env=env).stdout)

    assert complete("integ schema ") == list(KINDS)
    assert complete("integ schema ta") == ["target-groups"]


def test_the_list_of_kinds_in_german(repo: Path, german: None) -> None:
    def origins() -> set[str]:
        return {line.split()[1] for line in runner.invoke(app, ["schema"]).stdout.splitlines()}

    assert origins() == {"mitgeliefert"}
    own_schemas(repo)
    assert origins() == {"Datenrepository"}
    assert "integ: Fehler: unbekannte Art 'massnahme'" in runner.invoke(app, ["schema", "massnahme"]).stderr


@pytest.mark.parametrize("folder", ["data/measures", "schemas", "data"])
def test_schemas_are_not_written_into_the_data_or_the_schemas(repo: Path, folder: str) -> None:
    before = sorted(p.name for p in (repo / "data/measures").iterdir())
    result = runner.invoke(app, ["schema", "-o", folder])
    assert result.exit_code == 2 and f"not writing '{folder}'" in result.stderr
    assert sorted(p.name for p in (repo / "data/measures").iterdir()) == before
    assert not (repo / "schemas").exists()


def test_a_schema_file_linked_into_the_data_is_not_written_through(repo: Path) -> None:
    (repo / "out").mkdir()
    measure = repo / "data/measures/sprache-001.yaml"
    before = measure.read_bytes()
    (repo / "out/measure.schema.json").symlink_to(measure)
    result = runner.invoke(app, ["schema", "-o", "out"])
    assert result.exit_code == 2 and "leads to" in result.stderr
    assert measure.read_bytes() == before
