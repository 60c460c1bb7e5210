"""Succession links between measures, checked both ways, with the file and line to fix."""

from __future__ import annotations

from pathlib import Path

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.concept.succession import check_succession
from tests.conftest import PROJECT
from tests.helpers import make_repo

BASE = "field: sprache\ntarget_groups: [eltern]\ndistricts: [brand]\nstatus: active\nhorizon: mid\n"


def found(tmp_path: Path, links: dict[str, str]) -> list[tuple[str, int | None, str, str]]:
    """The succession problems of a repository whose measures have ``links`` (id: YAML lines)."""
    root = make_repo(tmp_path / "repo", {measure_id: BASE + extra for measure_id, extra in links.items()})
    catalogue = load_catalogue(root, select=select_all)
    return [(p.file.rsplit("/", 1)[-1], p.line, p.code, p.message) for p in check_succession(root, catalogue.measures)]


def test_links_that_name_each_other_are_right(tmp_path: Path) -> None:
    links = {"sprache-001": "superseded_by: sprache-002", "sprache-002": "supersedes: sprache-001", "sprache-003": ""}
    assert found(tmp_path, links) == []


def test_a_missing_back_link_is_reported_where_it_is_missing(tmp_path: Path) -> None:
    assert found(tmp_path, {"sprache-001": "", "sprache-002": "supersedes: sprache-001"}) == [
        (
            "sprache-001.yaml",
            1,
            "succession-back-link",
            "'sprache-002' supersedes this measure; add superseded_by: sprache-002",
        )
    ]
    assert found(tmp_path / "b", {"sprache-001": "superseded_by: sprache-002", "sprache-002": ""}) == [
        (
            "sprache-002.yaml",
            1,
            "succession-back-link",
            "this measure is named as the successor of 'sprache-001'; add supersedes: sprache-001",
        )
    ]


def test_links_that_name_other_measures(tmp_path: Path) -> None:
    links = {
        "sprache-001": "superseded_by: sprache-003",
        "sprache-002": "supersedes: sprache-001",
        "sprache-003": "supersedes: sprache-004",
        "sprache-004": "superseded_by: sprache-003",
    }
    problems = found(tmp_path, links)
    assert [(file, line, code) for file, line, code, _ in problems] == [
        ("sprache-001.yaml", 10, "succession-mismatch"),
        ("sprache-001.yaml", 10, "succession-mismatch"),
    ]
    assert "'sprache-002' supersedes this measure, but superseded_by names 'sprache-003'" in problems[0][3]
    assert "superseded_by names 'sprache-003', which supersedes 'sprache-004'" in problems[1][3]


def test_one_predecessor_has_one_successor_unless_it_lists_them(tmp_path: Path) -> None:
    links = {
        "sprache-001": "superseded_by: sprache-002",
        "sprache-002": "supersedes: sprache-001",
        "sprache-003": "supersedes: sprache-001",
    }
    codes = [(file, code) for file, _, code, _ in found(tmp_path, links)]
    assert ("sprache-001.yaml", "succession-several") in codes


def test_a_stated_split_is_accepted(tmp_path: Path) -> None:
    """Where a schema lets superseded_by list several successors, naming each is right."""
    root = make_repo(tmp_path / "repo", {"sprache-001": BASE, "sprache-002": BASE, "sprache-003": BASE})
    catalogue = load_catalogue(root, select=select_all)
    for measure in catalogue.measures:
        links = {
            "sprache-001": {"superseded_by": ["sprache-002", "sprache-003"]},
            "sprache-002": {"supersedes": "sprache-001"},
            "sprache-003": {"supersedes": "sprache-001"},
        }
        measure.data.update(links[measure.id])
    assert check_succession(root, catalogue.measures) == []


def test_measures_that_supersede_each_other_in_a_circle(tmp_path: Path) -> None:
    links = {
        "sprache-001": "supersedes: sprache-002\nsuperseded_by: sprache-002",
        "sprache-002": "supersedes: sprache-001\nsuperseded_by: sprache-001",
    }
    assert found(tmp_path, links) == [
        (
            "sprache-001.yaml",
            10,
            "succession-cycle",
            "the measures supersede each other in a circle: sprache-001 -> sprache-002 -> sprache-001",
        )
    ]


def test_a_measure_that_is_its_own_successor(tmp_path: Path) -> None:
    assert [code for _, _, code, _ in found(tmp_path, {"sprache-001": "superseded_by: sprache-001"})] == [
        "self-reference"
    ]


def test_links_to_unknown_measures_are_left_to_the_reference_check(tmp_path: Path) -> None:
    assert found(tmp_path, {"sprache-001": "supersedes: sprache-099\nsuperseded_by: sprache-098"}) == []


def test_the_bundled_links_are_right() -> None:
    catalogue = load_catalogue(PROJECT, select=select_all)
    linked = [m for m in catalogue.measures if "supersedes" in m.data or "superseded_by" in m.data]
    assert linked  # the example data show a measure carried forward
    assert check_succession(PROJECT, catalogue.measures) == []


def test_a_problem_in_german(tmp_path: Path, german: None) -> None:
    [(_, _, _, message)] = found(tmp_path, {"sprache-001": "", "sprache-002": "supersedes: sprache-001"})
    assert "ergänzen Sie superseded_by: sprache-002" in message
