"""Finding the repository and its record files."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from integ_cli.files.repository import LEFTOVER_AGE, RepositoryNotFound, find_root, scan
from integ_cli.problems import Severity


def test_found_from_a_subfolder(repo: Path) -> None:
    assert find_root(cwd=repo / "data" / "measures") == repo.resolve()


def test_environment_variable(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEG_REPO", str(repo))
    assert find_root(cwd=tmp_path) == repo.resolve()


def test_explicit_beats_environment(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEG_REPO", str(tmp_path))
    assert find_root(repo) == repo.resolve()


def test_not_found_says_how_to_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTEG_REPO", raising=False)
    with pytest.raises(RepositoryNotFound, match="--repo"):
        find_root(cwd=tmp_path)


def test_scan_lists_records_and_reports_strays(repo: Path) -> None:
    (repo / "data/measures/x.yml").write_text("a: 1\n", encoding="utf-8")
    (repo / "data/measures/y.YAML").write_text("a: 1\n", encoding="utf-8")
    (repo / "data/measures/notes.docx").write_bytes(b"PK")
    (repo / "data/measures/.gitkeep").write_text("", encoding="utf-8")
    layout = scan(repo)
    assert [r.stem for r in layout.measures] == ["sprache-001", "sprache-002", "wohnen-001"]
    assert [r.stem for r in layout.fields] == ["sprache", "wohnen"]
    assert sorted(layout.vocabularies) == ["actors", "districts", "target-groups"]
    codes = {(p.file, p.code, p.severity.value) for p in layout.problems}
    assert codes == {
        ("data/measures/x.yml", "stray-file", "error"),
        ("data/measures/y.YAML", "stray-file", "error"),
        ("data/measures/notes.docx", "stray-file", "warning"),
    }


def test_symlink_outside_repository_is_not_read(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (repo / "data/measures/link.yaml").symlink_to(secret)
    layout = scan(repo)
    assert "link" not in [r.stem for r in layout.measures]
    [problem] = layout.problems
    assert (problem.file, problem.code) == ("data/measures/link.yaml", "outside-repository")


def test_missing_vocabulary_is_reported(repo: Path) -> None:
    (repo / "data/actors.yaml").unlink()
    assert [(p.file, p.code) for p in scan(repo).problems] == [("data/actors.yaml", "missing-file")]


def test_a_relative_root_scans_like_an_absolute_one(repo: Path) -> None:
    relative, absolute = scan(Path()), scan(repo)
    assert relative.problems == absolute.problems == []
    assert sorted(relative.vocabularies) == sorted(absolute.vocabularies) == ["actors", "districts", "target-groups"]


def test_a_temporary_file_left_by_a_killed_write_is_a_warning(repo: Path) -> None:
    leftover = repo / "data/measures/.sprache-001.yaml.0123456789ab.tmp"
    leftover.write_text("status: act", encoding="utf-8")
    assert scan(repo).problems == []  # a write may still be under way
    old = time.time() - LEFTOVER_AGE - 5
    os.utime(leftover, (old, old))
    (problem,) = scan(repo).problems
    assert (problem.file, problem.code, problem.severity) == (
        "data/measures/.sprache-001.yaml.0123456789ab.tmp",
        "leftover-temp-file",
        Severity.WARNING,
    )
    assert "'sprache-001.yaml' itself is whole" in problem.message


def test_not_found_in_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, german: None) -> None:
    monkeypatch.delenv("INTEG_REPO", raising=False)
    with pytest.raises(RepositoryNotFound) as caught:
        find_root(cwd=tmp_path)
    assert str(caught.value).startswith(f"kein Datenrepository in '{tmp_path.resolve()}' oder darüber gefunden")
    assert "geben Sie --repo PATH an, setzen Sie INTEG_REPO oder legen Sie eines mit 'integ init PATH' an" in str(
        caught.value
    )


def test_strays_explained_in_german(repo: Path, german: None) -> None:
    (repo / "data/measures/x.yml").write_text("a: 1\n", encoding="utf-8")
    [stray] = [p for p in scan(repo).problems if p.code == "stray-file"]
    assert stray.message == (
        "'x.yml' wird nicht gelesen: Datensätze sind Dateien mit der Endung '.yaml' (kleingeschrieben); "
        "benennen Sie sie in 'x.yaml' um"
    )


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda m: (m / "x.yaml").symlink_to("x.yaml"), "this link leads in a circle"),
        (lambda m: (m / "x.yaml").symlink_to("gone.yaml"), "this link points to 'gone.yaml', which does not exist"),
        (lambda m: (m / "x.yaml").mkdir(), "this is a folder, not a file"),
        (lambda m: os.mkfifo(m / "x.yaml"), "this is a named pipe, not a file"),
        (lambda m: (m / "x.yaml").symlink_to("../fields"), "this is a folder, not a file"),
    ],
)
def test_what_is_not_a_record_file_is_called_what_it_is(repo: Path, make: Any, said: str) -> None:
    make(repo / "data/measures")
    layout = scan(repo)
    [problem] = [p for p in layout.problems if p.file == "data/measures/x.yaml"]
    assert said in problem.message and "records are files ending" not in problem.message
    assert "data/measures/x.yaml" not in [record.rel for record in layout.measures]


def test_a_link_inside_the_repository_is_still_a_record(repo: Path) -> None:
    (repo / "data/measures/x.yaml").symlink_to("sprache-001.yaml")
    assert "data/measures/x.yaml" in [record.rel for record in scan(repo).measures]


def test_a_vocabulary_that_is_a_folder_is_called_one(repo: Path) -> None:
    (repo / "data/actors.yaml").unlink()
    (repo / "data/actors.yaml").mkdir()
    [problem] = [p for p in scan(repo).problems if p.file == "data/actors.yaml"]
    assert "this is a folder, not a file" in problem.message


def test_a_link_in_a_circle_in_german(repo: Path, german: None) -> None:
    (repo / "data/measures/x.yaml").symlink_to("x.yaml")
    [problem] = [p for p in scan(repo).problems if p.file == "data/measures/x.yaml"]
    assert "diese Verknüpfung führt im Kreis" in problem.message
