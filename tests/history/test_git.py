"""Reading the data's history from git: repositories, revisions, commits, contents at a revision."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integ_cli.history import git
from integ_cli.history.git import GitError
from tests.conftest import FIXTURES, edit
from tests.helpers import GitWork

pytestmark = pytest.mark.usefixtures("no_outer_git")


# --- finding the repository -------------------------------------------------------------------------


def test_open_repo_outside_git_says_so(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minirepo", tmp_path / "repo")
    with pytest.raises(GitError, match="not in a git repository"):
        git.open_repo(tmp_path / "repo")


def test_missing_git_is_reported(work: GitWork, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GitError, match="git is not installed"):
        git.open_repo(work.top)


def test_data_repository_below_the_top_of_the_work_tree(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minirepo", tmp_path / "top" / "konzept")
    work = GitWork(tmp_path / "top")
    (tmp_path / "top" / "README.md").write_text("Andere Dateien\n", encoding="utf-8")
    work.commit("Daten")
    repo = git.open_repo(tmp_path / "top" / "konzept")
    assert repo.prefix == "konzept/"
    files = git.read_tree(repo, "HEAD")
    assert "data/measures/sprache-001.yaml" in files
    assert files["data/fields/wohnen.yaml"] == (tmp_path / "top/konzept/data/fields/wohnen.yaml").read_bytes()
    spec = git.spec(repo, "HEAD", "data/measures/wohnen-001.yaml")
    expected = (tmp_path / "top/konzept/data/measures/wohnen-001.yaml").read_bytes()
    assert git.read_blobs(repo, [spec])[spec] == expected


# --- revisions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("revision", ["", "-n", "--output=/tmp/x", "HEAD\nmain", " HEAD"])
def test_revisions_that_git_could_read_as_options_are_refused(revision: str) -> None:
    with pytest.raises(GitError, match="is not a revision"):
        git.check_revision(revision)


def test_an_option_given_as_revision_reaches_no_git_command(work: GitWork, tmp_path: Path) -> None:
    repo = git.open_repo(work.top)
    target = tmp_path / "written"
    with pytest.raises(GitError):
        git.resolve(repo, f"--output={target}")
    with pytest.raises(GitError):
        git.list_files(repo, f"--output={target}")
    assert not target.exists()


def test_unknown_revision(work: GitWork) -> None:
    with pytest.raises(GitError, match="unknown revision 'v2030'"):
        git.resolve(git.open_repo(work.top), "v2030")


def test_repository_without_commits(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minirepo", tmp_path / "repo")
    GitWork(tmp_path / "repo")
    with pytest.raises(GitError, match="no commits yet"):
        git.resolve(git.open_repo(tmp_path / "repo"), "HEAD")


def test_resolve_names_the_commit(work: GitWork) -> None:
    work.run("tag", "v2025")
    commit = git.resolve(git.open_repo(work.top), "v2025")
    assert commit.sha == work.run("rev-parse", "HEAD").strip()
    assert commit.day == "2025-12-01"
    assert commit.author == "Erika Mustermann"
    assert commit.subject == "Erster Stand"


# --- commits ---------------------------------------------------------------------------------------


def test_log_lists_commits_touching_a_path_newest_first(work: GitWork) -> None:
    edit(work.top / "data/measures/sprache-001.yaml", "status: active", "status: completed")
    work.commit("Sprachkurs abgeschlossen", date="2026-02-01T09:00:00+01:00", author="Jörg Müller-Lüdenscheidt")
    edit(work.top / "data/measures/wohnen-001.yaml", "horizon: short", "horizon: mid")
    work.commit("Quartiersbüro: mittelfristig", date="2026-03-01T09:00:00+01:00")
    repo = git.open_repo(work.top)
    commits = git.log(repo, ["HEAD"], ["data/measures/sprache-001.yaml"])
    assert [c.subject for c in commits] == ["Sprachkurs abgeschlossen", "Erster Stand"]
    assert commits[0].author == "Jörg Müller-Lüdenscheidt"
    assert [c.subject for c in git.log(repo, ["HEAD"])] == [
        "Quartiersbüro: mittelfristig",
        "Sprachkurs abgeschlossen",
        "Erster Stand",
    ]


def test_last_before_a_date(work: GitWork) -> None:
    first = work.run("rev-parse", "HEAD").strip()
    edit(work.top / "data/measures/sprache-001.yaml", "status: active", "status: completed")
    work.commit("Später", date="2026-02-01T09:00:00+01:00")
    repo = git.open_repo(work.top)
    found = git.last_before(repo, "2026-01-01")
    assert found is not None and found.sha == first
    assert git.last_before(repo, "2025-01-01") is None
    newest = git.last_before(repo, "2026-06-01")
    assert newest is not None and newest.subject == "Später"


def test_last_before_takes_a_german_date(work: GitWork) -> None:
    repo = git.open_repo(work.top)
    assert git.last_before(repo, "02.12.2025") == git.last_before(repo, "2025-12-02") is not None


def test_first_commit_follows_the_first_parents_back_to_the_root(work: GitWork) -> None:
    first = work.run("rev-parse", "HEAD").strip()
    work.run("checkout", "-q", "-b", "seitenzweig")
    edit(work.top / "data/measures/sprache-001.yaml", "status: active", "status: completed")
    work.commit("Seitenzweig", date="2026-02-01T09:00:00+01:00")
    work.run("checkout", "-q", "-")
    work.run("merge", "-q", "--no-ff", "-m", "Zusammengeführt", "seitenzweig")
    repo = git.open_repo(work.top)
    assert git.first_commit(repo).sha == first
    assert git.first_commit(repo, "seitenzweig").sha == first
    assert git.first_commit(repo, first).sha == first


@pytest.mark.parametrize("date", ["1.1.26", "2026-1-1", "yesterday", "--all"])
def test_last_before_wants_a_date(work: GitWork, date: str) -> None:
    with pytest.raises(GitError, match="is not a date"):
        git.last_before(git.open_repo(work.top), date)


# --- contents at a revision ------------------------------------------------------------------------


def test_list_files_keeps_record_files_only(work: GitWork) -> None:
    measures = work.top / "data/measures"
    (measures / "notes.md").write_text("Notizen\n", encoding="utf-8")
    (measures / "entwurf").mkdir()
    (measures / "entwurf" / "sprache-009.yaml").write_text("id: sprache-009\n", encoding="utf-8")
    (measures / "link.yaml").symlink_to("sprache-001.yaml")
    work.commit("Beifang")
    files = git.list_files(git.open_repo(work.top), "HEAD")
    assert sorted(files) == [
        "data/actors.yaml",
        "data/districts.yaml",
        "data/fields/sprache.yaml",
        "data/fields/wohnen.yaml",
        "data/measures/sprache-001.yaml",
        "data/measures/sprache-002.yaml",
        "data/measures/wohnen-001.yaml",
        "data/target-groups.yaml",
    ]


def test_read_tree_returns_the_bytes_of_that_revision(work: GitWork) -> None:
    path = work.top / "data/measures/sprache-001.yaml"
    original = path.read_bytes()
    edit(path, "status: active", "status: completed")
    work.commit("Geändert")
    repo = git.open_repo(work.top)
    assert git.read_tree(repo, "HEAD~1")["data/measures/sprache-001.yaml"] == original
    assert git.read_tree(repo, "HEAD")["data/measures/sprache-001.yaml"] == path.read_bytes()


def test_read_blobs_marks_missing_objects(work: GitWork) -> None:
    repo = git.open_repo(work.top)
    there = git.spec(repo, "HEAD", "data/measures/wohnen-001.yaml")
    gone = git.spec(repo, "HEAD", "data/measures/wohnen-999.yaml")
    no_parent = git.spec(repo, "HEAD^", "data/measures/wohnen-001.yaml")
    blobs = git.read_blobs(repo, [there, gone, no_parent])
    assert blobs[there] == (work.top / "data/measures/wohnen-001.yaml").read_bytes()
    assert blobs[gone] is None
    assert blobs[no_parent] is None


def test_list_entries_names_the_links_among_record_files(work: GitWork) -> None:
    (work.top / "data/measures/link.yaml").symlink_to("sprache-001.yaml")
    work.commit("Verknüpfung")
    repo = git.open_repo(work.top)
    files, links = git.list_entries(repo, "HEAD")
    assert "data/measures/link.yaml" not in files and list(links) == ["data/measures/link.yaml"]
    assert git.read_blobs(repo, links.values())[links["data/measures/link.yaml"]] == b"sprache-001.yaml"


def test_read_blobs_keeps_one_byte_past_the_limit_of_a_giant_blob(
    work: GitWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = work.top / "data/measures/sprache-001.yaml"
    path.write_bytes(path.read_bytes() + b"#" * 100_000)
    work.commit("Riesig")
    monkeypatch.setattr(git, "MAX_FILE_BYTES", 1000)
    repo = git.open_repo(work.top)
    giant, after = (
        git.spec(repo, "HEAD", "data/measures/sprache-001.yaml"),
        git.spec(repo, "HEAD", "data/fields/wohnen.yaml"),
    )
    blobs = git.read_blobs(repo, [giant, after])
    assert len(blobs[giant] or b"") == 1001  # enough for the loader to call it too large; the rest not held
    assert blobs[after] == (work.top / "data/fields/wohnen.yaml").read_bytes()  # the stream stays in step


def test_read_blobs_of_many_files_feeds_git_without_blocking(work: GitWork) -> None:
    repo = git.open_repo(work.top)
    there = git.spec(repo, "HEAD", "data/measures/wohnen-001.yaml")
    specs = [there] + [git.spec(repo, "HEAD", f"data/measures/gone-{n:05}.yaml") for n in range(20_000)]
    blobs = git.read_blobs(repo, specs)
    assert len(blobs) == len(specs) and blobs[there] is not None and blobs[specs[-1]] is None
