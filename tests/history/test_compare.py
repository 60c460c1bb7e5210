"""The history core: diffs between states, the changelog, one measure's history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integ_cli.history import compare as history
from integ_cli.history.compare import compare_file
from integ_cli.history.git import GitError
from integ_cli.history.model import Change, MeasureDiff
from integ_cli.history.snapshot import Side, Snapshot
from tests.conftest import FIXTURES, edit
from tests.helpers import GitWork

pytestmark = pytest.mark.usefixtures("no_outer_git")


def paths(changes: list[Change]) -> list[tuple[str, str]]:
    return [(change.path, change.kind) for change in changes]


# --- one file ---------------------------------------------------------------------------------------

A, B = Side("A"), Side("B")
RECORD = b"id: sprache-001\ntitle: Mama lernt Deutsch\nfield: sprache\nstatus: planned\nupdated: '2026-01-01'\n"


def test_updated_is_kept_apart_from_the_changes() -> None:
    after = RECORD.replace(b"planned", b"active").replace(b"2026-01-01", b"2026-03-01")
    result = compare_file("sprache-001", "data/measures/sprache-001.yaml", RECORD, after, A, B)
    assert isinstance(result, MeasureDiff)
    assert paths(result.changes) == [("status", "changed")]
    assert result.updated == ("2026-01-01", "2026-03-01")


def test_comments_and_quoting_are_no_change() -> None:
    after = b"# Kommentar\n" + RECORD.replace(b"'2026-01-01'", b'"2026-01-01"')
    assert compare_file("sprache-001", "x.yaml", RECORD, after, A, B) is None


def test_invalid_yaml_is_reported_with_its_side() -> None:
    result = compare_file("sprache-001", "data/measures/sprache-001.yaml", RECORD, b"status: [active\n", A, B)
    assert isinstance(result, list) and len(result) == 1
    assert result[0].side == "B"
    assert result[0].problem.code == "yaml-syntax"
    assert result[0].problem.file == "data/measures/sprache-001.yaml"


def test_added_and_removed_carry_the_record() -> None:
    added = compare_file("sprache-001", "x.yaml", None, RECORD, A, B)
    assert isinstance(added, MeasureDiff)
    assert (added.kind, added.title, added.field) == ("added", "Mama lernt Deutsch", "sprache")
    assert added.record is not None and added.record["status"] == "planned"
    removed = compare_file("sprache-001", "x.yaml", RECORD, None, A, B)
    assert isinstance(removed, MeasureDiff) and removed.kind == "removed"


def test_compare_snapshots_names_added_removed_changed() -> None:
    before = Snapshot(A, {"data/measures/a-001.yaml": RECORD, "data/measures/b-001.yaml": RECORD})
    after = Snapshot(
        B,
        {
            "data/measures/b-001.yaml": RECORD.replace(b"planned", b"dropped"),
            "data/measures/c-001.yaml": RECORD,
            "data/fields/sprache.yaml": b"id: sprache\nname: Sprachf\xc3\xb6rderung\norder: 2\nprioritised: true\n",
        },
    )
    result = history.compare(before, after)
    assert [(m.id, m.kind) for m in result.measures] == [("a-001", "removed"), ("b-001", "changed"), ("c-001", "added")]
    assert result.fields["sprache"].name == "Sprachförderung"
    assert result.as_dict()["summary"] == {"added": 1, "removed": 1, "changed": 1}


# --- on a git repository ----------------------------------------------------------------------------


def change_status_and_budget(top: Path) -> None:
    path = top / "data/measures/sprache-001.yaml"
    edit(path, "status: active", "status: completed")
    edit(path, "planned: 12000", "planned: 15000")


def test_diff_head_against_the_working_tree_names_exactly_the_changes(work: GitWork) -> None:
    change_status_and_budget(work.top)
    result = history.diff(work.top)
    assert result.before.label.startswith("HEAD (") and result.after.label == "the working tree"
    assert [(m.id, m.kind) for m in result.measures] == [("sprache-001", "changed")]
    assert result.measures[0].changes == [
        Change(("status",), "changed", "active", "completed"),
        Change(("budget", (2026, "municipal"), "planned"), "changed", 12000, 15000),
    ]


def test_diff_between_two_revisions(work: GitWork) -> None:
    change_status_and_budget(work.top)
    work.commit("Status und Budget")
    (work.top / "data/measures/wohnen-001.yaml").unlink()
    work.commit("Quartiersbüro entfernt")
    result = history.diff(work.top, "HEAD~2", "HEAD")
    assert [(m.id, m.kind) for m in result.measures] == [("sprache-001", "changed"), ("wohnen-001", "removed")]
    assert history.diff(work.top, "HEAD~1", "HEAD~1").measures == []


def test_diff_reports_invalid_yaml_and_goes_on(work: GitWork) -> None:
    (work.top / "data/measures/sprache-002.yaml").write_text("status: [planned\n", encoding="utf-8")
    edit(work.top / "data/measures/wohnen-001.yaml", "horizon: short", "horizon: long")
    result = history.diff(work.top)
    assert [m.id for m in result.measures] == ["wohnen-001"]
    assert [(u.side, u.problem.file) for u in result.unreadable] == [
        ("the working tree", "data/measures/sprache-002.yaml")
    ]


def test_diff_outside_git_and_with_an_unknown_revision(work: GitWork, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minirepo", tmp_path / "plain")
    with pytest.raises(GitError, match="not in a git repository"):
        history.diff(tmp_path / "plain")
    with pytest.raises(GitError, match="unknown revision 'v9'"):
        history.diff(work.top, "v9")


def test_changelog_groups_by_action_field_in_concept_order(work: GitWork) -> None:
    change_status_and_budget(work.top)
    work.commit("Sprachkurs abgeschlossen", date="2026-02-01T09:00:00+01:00")
    edit(work.top / "data/measures/wohnen-001.yaml", "horizon: short", "horizon: mid")
    new = (
        (work.top / "data/measures/sprache-002.yaml").read_text(encoding="utf-8").replace("sprache-002", "sprache-003")
    )
    (work.top / "data/measures/sprache-003.yaml").write_text(new, encoding="utf-8")
    work.commit("Quartiersbüro, neue Sprachkitas", date="2026-03-01T09:00:00+01:00")
    log = history.changelog(work.top, "2026-01-01")
    groups = log.groups()
    assert [(g.field.id, g.field.name) for g in groups] == [("sprache", "Sprachförderung"), ("wohnen", "Wohnen/Planen")]
    assert [(m.id, m.kind) for m in groups[0].measures] == [("sprache-001", "changed"), ("sprache-003", "added")]
    assert [(m.id, m.kind) for m in groups[1].measures] == [("wohnen-001", "changed")]
    assert [c.subject for c in log.commits] == ["Quartiersbüro, neue Sprachkitas", "Sprachkurs abgeschlossen"]
    later = history.changelog(work.top, "2026-02-15")
    assert [m.id for m in later.diff.measures] == ["sprache-003", "wohnen-001"]


def test_changelog_since_before_the_first_commit_starts_from_the_first_commit(work: GitWork) -> None:
    change_status_and_budget(work.top)
    work.commit("Status und Budget", date="2026-02-01T09:00:00+01:00")
    log = history.changelog(work.top, "2020-01-01")
    assert log.from_first and log.as_dict()["from_first_commit"] is True
    assert log.diff.before.commit is not None and log.diff.before.commit.subject == "Erster Stand"
    # What the first commit holds is the starting point: no measure, vocabulary entry
    # or action field is listed as added.
    assert [(m.id, m.kind) for m in log.diff.measures] == [("sprache-001", "changed")]
    assert log.diff.entries == []
    assert [c.subject for c in log.commits] == ["Status und Budget"]
    assert not history.changelog(work.top, "2026-01-01").from_first


def test_changelog_of_a_single_commit_since_before_it_has_no_changes(work: GitWork) -> None:
    log = history.changelog(work.top, "2020-01-01")
    assert log.from_first
    assert (log.diff.measures, log.diff.entries, log.commits) == ([], [], [])


def test_history_of_one_measure_newest_first(work: GitWork) -> None:
    change_status_and_budget(work.top)
    work.commit("Status und Budget", date="2026-02-01T09:00:00+01:00", author="Jörg Müller")
    edit(work.top / "data/measures/wohnen-001.yaml", "horizon: short", "horizon: mid")
    work.commit("Nur Wohnen", date="2026-02-15T09:00:00+01:00")
    edit(work.top / "data/measures/sprache-001.yaml", "# A comment that editors keep.", "# Kommentar")
    work.commit("Kommentar", date="2026-03-01T09:00:00+01:00")
    result = history.measure_history(work.top, "sprache-001")
    assert result.title == "Mama lernt Deutsch"
    assert [(e.commit.subject, e.kind) for e in result.events] == [
        ("Kommentar", "format"),
        ("Status und Budget", "changed"),
        ("Erster Stand", "added"),
    ]
    changed = result.events[1]
    assert changed.commit.author == "Jörg Müller" and changed.commit.day == "2026-02-01"
    assert changed.measure is not None
    assert [c.path for c in changed.measure.changes] == ["status", "budget[2026 municipal].planned"]


def test_history_of_a_removed_measure_and_of_an_unknown_one(work: GitWork) -> None:
    (work.top / "data/measures/wohnen-001.yaml").unlink()
    work.commit("Entfernt")
    assert [e.kind for e in history.measure_history(work.top, "wohnen-001").events] == ["removed", "added"]
    assert history.measure_history(work.top, "wohnen-999").events == []


def test_history_names_a_commit_with_invalid_yaml(work: GitWork) -> None:
    (work.top / "data/measures/sprache-002.yaml").write_text("status: [planned\n", encoding="utf-8")
    work.commit("Kaputt")
    events = history.measure_history(work.top, "sprache-002").events
    assert [e.kind for e in events] == ["unreadable", "added"]
    assert events[0].unreadable is not None and events[0].unreadable.problem.line == 2


def test_files_that_did_not_change_are_not_read(work: GitWork) -> None:
    """An invalid file that stayed the same is validate's business, not a change: no warning."""
    (work.top / "data/measures/sprache-002.yaml").write_text("status: [planned\n", encoding="utf-8")
    work.commit("Kaputt")
    edit(work.top / "data/measures/wohnen-001.yaml", "horizon: short", "horizon: long")
    work_tree = history.diff(work.top)
    assert [m.id for m in work_tree.measures] == ["wohnen-001"]
    assert work_tree.unreadable == []
    work.commit("Wohnen langfristig")
    revisions = history.diff(work.top, "HEAD~1", "HEAD")
    assert [m.id for m in revisions.measures] == ["wohnen-001"]
    assert revisions.unreadable == []
