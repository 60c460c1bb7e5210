"""Editions: listed by date; a new one recorded, committed and tagged, or refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.concept.editions import check_name, list_editions, new_edition, revision_of
from integ_cli.concept.model import PartialDate
from integ_cli.errors import DataError, UsageError
from integ_cli.history.git import GitError
from tests.helpers import GitWork, make_repo

CONCEPT = """\
# yaml-language-server: $schema=../schemas/concept.schema.json
schema_version: 1
municipality:
  name: Musterstadt
  kind: city
title: Integrationskonzept Musterstadt
decisions:
  - body: Rat
    date: "2018-06"
    paper: BEISPIEL-2018/001
editions:  # oldest first
  - name: "2006"
    date: "2006-10"
    fields: [sprache]  # only one then
"""
JUNE_2018 = PartialDate(2018, 6, 20)


@pytest.fixture
def work(tmp_path: Path, no_outer_git: None, monkeypatch: pytest.MonkeyPatch) -> GitWork:
    """A committed repository with a concept record; git as integ runs it knows who commits."""
    root = make_repo(tmp_path / "repo")
    (root / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    work = GitWork(root)
    work.commit("Erster Stand")
    for name, value in work.env().items():
        if name.startswith("GIT_"):
            monkeypatch.setenv(name, value)
    return work


def test_a_new_edition_is_recorded_committed_and_tagged(work: GitWork) -> None:
    result = new_edition(work.top, "2018", JUNE_2018, decision="BEISPIEL-2018/001")
    assert result.problems == []
    text = (work.top / "data" / "concept.yaml").read_text(encoding="utf-8")
    assert text.startswith(CONCEPT)  # comments and the old edition untouched
    assert text[len(CONCEPT) :] == (
        '  - name: "2018"\n'
        '    date: "2018-06-20"\n'
        "    decision: BEISPIEL-2018/001\n"
        "    fields:\n"
        "      - wohnen\n"
        "      - sprache\n"
        "      - bildung\n"
        "      - senioren\n"
        "    tag: edition-2018\n"
    )
    assert work.run("status", "--porcelain") == ""
    assert work.run("log", "-1", "--format=%s").strip() == "Edition 2018 of the concept (2018-06-20)"
    assert work.run("rev-parse", "edition-2018^{commit}") == work.run("rev-parse", "HEAD")
    assert work.run("show", "edition-2018:data/concept.yaml") == text  # the tag holds its own record


def test_the_edition_s_fields_as_chosen(work: GitWork) -> None:
    result = new_edition(work.top, "2018", PartialDate(2018), fields=["sprache", "bildung"])
    assert result.edition.fields == ("sprache", "bildung")
    assert result.ok


def test_editions_are_listed_by_date_with_whether_their_tag_exists(work: GitWork) -> None:
    new_edition(work.top, "2018", JUNE_2018)
    path = work.top / "data" / "concept.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '  - {name: "2010", date: "2010", tag: gone}\n', "utf-8")
    loaded, listed = list_editions(work.top)
    assert loaded.problems == []
    assert [(item.edition.name, item.tag_found) for item in listed] == [("2006", None), ("2010", False), ("2018", True)]


def test_a_taken_name_or_tag_is_refused_and_nothing_written(work: GitWork) -> None:
    work.run("tag", "edition-2018")
    before = (work.top / "data" / "concept.yaml").read_bytes()
    codes = [p.code for p in new_edition(work.top, "2006", JUNE_2018).problems]
    assert codes == ["edition-exists"]
    assert [p.code for p in new_edition(work.top, "2018", JUNE_2018).problems] == ["tag-exists"]
    assert (work.top / "data" / "concept.yaml").read_bytes() == before
    assert work.run("rev-list", "--count", "HEAD").strip() == "1"


def test_unknown_decision_and_fields_are_refused(work: GitWork) -> None:
    result = new_edition(work.top, "2018", JUNE_2018, decision="BEISPIEL-2018/002", fields=["sprachee"])
    assert [(p.code, p.message) for p in result.problems] == [
        ("unknown-field", "unknown action field 'sprachee'; did you mean 'sprache'?"),
        ("unknown-decision", "no decision on the paper 'BEISPIEL-2018/002'; list the decision under 'decisions' first"),
    ]


def test_changes_not_committed_are_refused(work: GitWork) -> None:
    (work.top / "data" / "measures" / "sprache-001.yaml").write_text("", encoding="utf-8")  # now invalid, too
    (work.top / "data" / "notes.md").write_text("draft", encoding="utf-8")
    problems = new_edition(work.top, "2018", JUNE_2018).problems
    assert ("data/measures/sprache-001.yaml", "file-empty") in [(p.file, p.code) for p in problems]
    assert [p.file for p in problems if p.code == "uncommitted-change"] == [
        "data/measures/sprache-001.yaml",
        "data/notes.md",
    ]


def test_a_dry_run_shows_the_record_and_changes_nothing(work: GitWork) -> None:
    before = (work.top / "data" / "concept.yaml").read_text(encoding="utf-8")
    result = new_edition(work.top, "2018", JUNE_2018, dry_run=True)
    assert result.ok
    assert "tag: edition-2018" in result.text
    assert (work.top / "data" / "concept.yaml").read_text(encoding="utf-8") == before
    assert work.run("tag") == ""


def test_a_repository_without_the_record_or_without_git(work: GitWork, tmp_path: Path) -> None:
    (work.top / "data" / "concept.yaml").unlink()
    work.commit("ohne Konzept")
    with pytest.raises(DataError, match=r"no data/concept\.yaml"):
        new_edition(work.top, "2018", JUNE_2018)
    outside = make_repo(tmp_path / "plain")
    with pytest.raises(GitError, match="not in a git repository"):
        new_edition(outside, "2018", JUNE_2018)


def test_a_commit_git_refuses_leaves_the_record_as_it_was(work: GitWork, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name)
    for name, value in {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.useConfigOnly"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")  # no identity: git refuses to commit
    before = (work.top / "data" / "concept.yaml").read_bytes()
    with pytest.raises(GitError, match="git commit failed"):
        new_edition(work.top, "2018", JUNE_2018)
    assert (work.top / "data" / "concept.yaml").read_bytes() == before
    assert work.run("tag") == ""


@pytest.mark.parametrize("name", ["2018", "2-fortschreibung", "2018.1", "v_2"])
def test_names_an_edition_may_have(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "2018 neu", "-2018", "2018..1", "2018.", "x.lock", "a/b", "x" * 41])
def test_names_that_cannot_be_a_tag(name: str) -> None:
    with pytest.raises(UsageError, match="cannot name an edition"):
        check_name(name)


def test_a_repository_in_a_folder_of_the_work_tree(
    tmp_path: Path, no_outer_git: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = GitWork(tmp_path / "top")
    root = make_repo(work.top / "stadt")
    (root / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    work.commit("Erster Stand")
    for name, value in work.env().items():
        if name.startswith("GIT_"):
            monkeypatch.setenv(name, value)
    (root / "data" / "notes.md").write_text("draft", encoding="utf-8")
    assert [p.file for p in new_edition(root, "2018", JUNE_2018).problems] == ["data/notes.md"]
    (root / "data" / "notes.md").unlink()
    assert new_edition(root, "2018", JUNE_2018).ok
    assert "tag: edition-2018" in work.run("show", "edition-2018:stadt/data/concept.yaml")


def test_an_edition_s_name_stands_for_its_tag(work: GitWork) -> None:
    new_edition(work.top, "2018", JUNE_2018)
    assert revision_of(work.top, "2018") == "edition-2018"
    assert revision_of(work.top, "HEAD~1") == "HEAD~1"
    with pytest.raises(GitError, match="the edition '2006' has no git tag"):
        revision_of(work.top, "2006")
