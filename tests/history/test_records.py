"""Changes besides the measures: vocabularies, action fields, the concept record; the measures a rename breaks."""

from __future__ import annotations

import pytest

from integ_cli.history import compare as history
from integ_cli.history.model import EntryDiff
from integ_cli.history.records import compare_kind, references
from tests.conftest import edit
from tests.helpers import GitWork

pytestmark = pytest.mark.usefixtures("no_outer_git")

CONCEPT = """\
schema_version: 1
municipality: {name: Musterstadt, kind: city}
title: Integrationskonzept Musterstadt
editions:
  - {name: "2006", date: "2006-10"}
"""


def entries(work: GitWork) -> list[EntryDiff]:
    return history.diff(work.top).entries


def test_a_renamed_target_group_names_the_measures_it_breaks(work: GitWork) -> None:
    edit(work.top / "data/target-groups.yaml", "id: junge-muetter", "id: muetter")
    [entry] = entries(work)
    assert (entry.vocabulary, entry.kind, entry.id, entry.renamed_to) == (
        "target-groups",
        "renamed",
        "junge-muetter",
        "muetter",
    )
    assert entry.name == "Junge Mütter"
    assert entry.broken == ["sprache-001", "wohnen-001"]
    assert entry.changes == []


def test_a_removed_entry_added_entry_and_changed_name(work: GitWork) -> None:
    path = work.top / "data/districts.yaml"
    edit(path, "  - id: brand\n    name: Brand\n", "  - id: haaren\n    name: Haaren\n    parent: eilendorf\n")
    edit(path, "name: Eilendorf", "name: Eilendorf (Stadtbezirk)")
    found = entries(work)
    assert [(e.kind, e.id) for e in found] == [("changed", "eilendorf"), ("added", "haaren"), ("removed", "brand")]
    assert [(c.path, c.after) for c in found[0].changes] == [("name", "Eilendorf (Stadtbezirk)")]
    assert found[2].broken == ["wohnen-001"]
    assert found[1].broken == []


def test_a_removed_action_field_and_an_actor_renamed_with_a_new_name(work: GitWork) -> None:
    (work.top / "data/fields/wohnen.yaml").unlink()
    edit(
        work.top / "data/actors.yaml",
        "id: migrationsrat\n    name: Migrationsrat",
        "id: integrationsrat\n    name: Integrationsrat",
    )
    found = entries(work)
    assert [(e.vocabulary, e.kind, e.id) for e in found] == [
        ("fields", "removed", "wohnen"),
        ("actors", "added", "integrationsrat"),
        ("actors", "removed", "migrationsrat"),
    ]
    assert found[0].broken == ["wohnen-001"]
    assert found[2].broken == ["sprache-001", "wohnen-001"]  # as partner and as lead


def test_the_concept_record_between_two_commits(work: GitWork) -> None:
    concept = work.top / "data/concept.yaml"
    concept.write_text(CONCEPT, encoding="utf-8")
    work.commit("Konzept")
    edit(
        concept,
        'editions:\n  - {name: "2006", date: "2006-10"}\n',
        'editions:\n  - {name: "2006", date: "2006-10"}\n  - {name: "2018", date: "2018-06"}\n',
    )
    edit(concept, "title: Integrationskonzept Musterstadt", "title: Integrationskonzept der Stadt Musterstadt")
    work.commit("Fortschreibung")
    [first] = history.diff(work.top, "HEAD~2", "HEAD~1").entries
    assert (first.vocabulary, first.kind, first.name) == ("concept", "added", "Integrationskonzept Musterstadt")
    [entry] = history.diff(work.top, "HEAD~1", "HEAD").entries
    assert [(c.path, c.kind) for c in entry.changes] == [("title", "changed"), ("editions[2018]", "added")]


def test_unchanged_vocabularies_are_not_read(work: GitWork) -> None:
    edit(work.top / "data/measures/sprache-001.yaml", "status: active", "status: completed")
    work.commit("Abgeschlossen")
    diff = history.diff(work.top, "HEAD~1", "HEAD")
    assert diff.entries == []
    assert [m.id for m in diff.measures] == ["sprache-001"]


def test_an_unreadable_vocabulary_is_named_not_compared(work: GitWork) -> None:
    edit(work.top / "data/actors.yaml", "entries:", "entries: [")
    diff = history.diff(work.top)
    assert diff.entries == []
    assert [item.problem.file for item in diff.unreadable] == ["data/actors.yaml"]


def test_renames_by_equal_content_when_the_name_changed_too() -> None:
    old = {"a": {"id": "a", "name": "Alt", "parent": "x"}, "x": {"id": "x", "name": "X"}}
    new = {"b": {"id": "b", "name": "Alt"}, "x": {"id": "x", "name": "X"}}
    [entry] = compare_kind("target-groups", old, new)
    assert (entry.kind, entry.renamed_to) == ("renamed", "b")
    assert [(c.path, c.kind) for c in entry.changes] == [("parent", "removed")]


def test_the_references_are_those_validate_checks() -> None:
    assert references() == {
        "fields": ("field", "also_fields"),
        "target-groups": ("target_groups",),
        "actors": ("lead", "partners"),
        "districts": ("districts",),
    }
