"""Outputs the user names are never written into data/ or schemas/, links and '..' resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.files.outputs import OutputRefused, check_output_target, write_output

MEASURE = "data/measures/sprache-001.yaml"


def test_a_file_outside_the_data_is_written(repo: Path) -> None:
    written = write_output(repo, repo / "bericht.html", b"<html>")
    assert written == (repo / "bericht.html").resolve() and written.read_bytes() == b"<html>"


@pytest.mark.parametrize(
    "where",
    ["data/measures/sprache-001.yaml", "data/bericht.html", "data", "schemas/measure.schema.json", "schemas"],
)
def test_targets_in_the_data_or_the_schemas_are_refused(repo: Path, where: str) -> None:
    before = (repo / MEASURE).read_bytes()
    with pytest.raises(OutputRefused, match=r"inside (data|schemas)/") as caught:
        write_output(repo, repo / where, b"<html>")
    assert "outside data/ and schemas/" in str(caught.value)
    assert (repo / MEASURE).read_bytes() == before


def test_dot_dot_does_not_get_past(repo: Path) -> None:
    with pytest.raises(OutputRefused, match="leads to"):
        check_output_target(repo, repo / "out" / ".." / "data" / "measures" / "x.yaml")


def test_a_link_into_the_data_is_refused_and_the_record_kept(repo: Path) -> None:
    before = (repo / MEASURE).read_bytes()
    (repo / "bericht.html").symlink_to(repo / MEASURE)
    with pytest.raises(OutputRefused, match=r"leads to .*sprache-001\.yaml"):
        write_output(repo, repo / "bericht.html", b"<html>")
    assert (repo / MEASURE).read_bytes() == before


def test_a_link_to_a_folder_in_the_data_is_refused(repo: Path) -> None:
    (repo / "out").symlink_to(repo / "data" / "measures")
    with pytest.raises(OutputRefused):
        write_output(repo, repo / "out" / "bericht.html", b"<html>")
    assert not (repo / "data/measures/bericht.html").exists()


def test_a_dangling_link_into_the_data_is_refused(repo: Path) -> None:
    (repo / "bericht.html").symlink_to(repo / "data/measures/new.yaml")
    with pytest.raises(OutputRefused):
        write_output(repo, repo / "bericht.html", b"<html>")
    assert not (repo / "data/measures/new.yaml").exists()


def test_a_link_out_of_the_data_is_followed_and_kept(repo: Path, tmp_path: Path) -> None:
    published = tmp_path / "www" / "bericht.html"
    published.parent.mkdir()
    published.write_bytes(b"old")
    (repo / "bericht.html").symlink_to(published)
    write_output(repo, repo / "bericht.html", b"new")
    assert (repo / "bericht.html").is_symlink() and published.read_bytes() == b"new"


def test_a_link_in_a_circle_is_refused(repo: Path) -> None:
    (repo / "a.html").symlink_to(repo / "b.html")
    (repo / "b.html").symlink_to(repo / "a.html")
    with pytest.raises(OutputRefused, match="circle"):
        write_output(repo, repo / "a.html", b"x")


def test_without_a_repository_nothing_is_guarded(tmp_path: Path) -> None:
    assert check_output_target(None, tmp_path / "data" / "x.json") == (tmp_path / "data" / "x.json").resolve()


def test_the_refusal_in_german(repo: Path, german: None) -> None:
    with pytest.raises(OutputRefused, match="liegt in data/ des Datenrepositorys"):
        check_output_target(repo, repo / "data" / "bericht.html")
