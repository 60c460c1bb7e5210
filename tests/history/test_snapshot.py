"""Snapshots of the record files at a commit or in the working tree: links are named, not read."""

from __future__ import annotations

import pytest

from integ_cli.history import git
from integ_cli.history.snapshot import Side, Snapshot, at_revision, changed_links, side, working_tree
from tests.helpers import GitWork

pytestmark = pytest.mark.usefixtures("no_outer_git")


def test_a_link_committed_as_a_measure_is_named_with_its_target(work: GitWork) -> None:
    (work.top / "data/measures/sprache-009.yaml").symlink_to("sprache-001.yaml")
    work.commit("Verknüpfung")
    repo = git.open_repo(work.top)
    before, after = at_revision(repo, side(repo, "HEAD~1")), at_revision(repo, side(repo, "HEAD"))
    assert "data/measures/sprache-009.yaml" not in after.measures().values()
    [note] = changed_links(before, after)
    assert (note.side, note.problem.file, note.problem.code) == (
        after.side.label,
        "data/measures/sprache-009.yaml",
        "symbolic-link",
    )
    assert "a symbolic link (to 'sprache-001.yaml'), not a file" in note.problem.message


def test_a_link_that_stays_as_it_was_is_not_named_again(work: GitWork) -> None:
    (work.top / "data/measures/sprache-009.yaml").symlink_to("sprache-001.yaml")
    work.commit("Verknüpfung")
    repo = git.open_repo(work.top)
    committed = at_revision(repo, side(repo, "HEAD"))
    here = working_tree(work.top)
    assert here.links == {"data/measures/sprache-009.yaml": "sprache-001.yaml"}
    assert "data/measures/sprache-009.yaml" not in here.files
    assert changed_links(committed, here) == []


def test_a_removed_link_is_named_on_the_side_that_had_it() -> None:
    before = Snapshot(Side("A"), links={"data/measures/x.yaml": "y.yaml"})
    [note] = changed_links(before, Snapshot(Side("B")))
    assert note.side == "A" and "(to 'y.yaml')" in note.problem.message


def test_a_link_in_german(german: None) -> None:
    [note] = changed_links(Snapshot(Side("A")), Snapshot(Side("B"), links={"data/measures/x.yaml": "y.yaml"}))
    assert "eine symbolische Verknüpfung (auf 'y.yaml'), keine Datei" in note.problem.message
