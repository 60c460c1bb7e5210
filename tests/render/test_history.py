"""The history renderers: changes in words people use, Markdown, JSON."""

from __future__ import annotations

import json

import pytest

from integ_cli.history.git import Commit
from integ_cli.history.model import Change, Changelog, Diff, Event, FieldInfo, History, MeasureDiff
from integ_cli.history.snapshot import WORKING_TREE, Side
from integ_cli.render.history import changelog_md, changelog_text, diff_md, diff_text, history_md, history_text

HEAD = Commit("a" * 40, "2026-03-01T09:00:00+01:00", "Erika Mustermann", "Status und Budget")
OLD = Commit("b" * 40, "2025-12-01T09:00:00+01:00", "Jörg Müller", "Erster Stand")
BEFORE = Side("HEAD (aaaaaaa, 2026-03-01)", HEAD)

CHANGED = MeasureDiff(
    "sprache-001",
    "changed",
    "Mama lernt Deutsch",
    "sprache",
    [
        Change(("status",), "changed", "planned", "active"),
        Change(("budget", (2026, "municipal"), "planned"), "changed", 12000, 15000),
    ],
    updated=("2026-01-01", "2026-03-01"),
)
ADDED = MeasureDiff(
    "wohnen-002", "added", "Quartiersbüro Eilendorf", "wohnen", record={"field": "wohnen", "status": "planned"}
)


def test_diff_text() -> None:
    diff = Diff(BEFORE, WORKING_TREE, [CHANGED, ADDED], [], {})
    assert diff_text(diff).splitlines() == [
        "From HEAD (aaaaaaa, 2026-03-01) to the working tree: 1 added, 1 changed",
        "",
        "changed  sprache-001  Mama lernt Deutsch",
        "    status: planned → active",
        "    budget 2026 (municipal) planned: €12,000 → €15,000",
        "    updated: 2026-01-01 → 2026-03-01",
        "added    wohnen-002  Quartiersbüro Eilendorf  (wohnen, planned)",
    ]


def test_diff_text_without_changes() -> None:
    text = diff_text(Diff(BEFORE, WORKING_TREE, [], [], {}))
    assert text == "From HEAD (aaaaaaa, 2026-03-01) to the working tree: no measure changed.\n"


def test_diff_md_escapes_markdown() -> None:
    odd = MeasureDiff("wohnen-003", "added", "Feste *im* Quartier | Teil_2", "wohnen", record={})
    text = diff_md(Diff(BEFORE, WORKING_TREE, [CHANGED, odd], [], {}))
    assert "## Changes from HEAD (aaaaaaa, 2026-03-01) to the working tree" in text
    assert "  - budget 2026 (municipal) planned: €12,000 → €15,000" in text
    assert r"Feste \*im\* Quartier \| Teil\_2" in text


def test_diff_json_has_paths_and_values() -> None:
    from integ_cli.render.history import to_json

    data = json.loads(to_json(Diff(BEFORE, WORKING_TREE, [CHANGED], [], {})))
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 1}
    assert data["before"]["commit"] == "a" * 40 and data["after"]["commit"] is None
    assert data["measures"][0]["changes"][1] == {
        "path": "budget[2026 municipal].planned",
        "kind": "changed",
        "before": 12000,
        "after": 15000,
    }
    assert data["measures"][0]["updated"] == {"before": "2026-01-01", "after": "2026-03-01"}


def _changelog() -> Changelog:
    fields = {
        "sprache": FieldInfo("sprache", "Sprachförderung", 2, True),
        "wohnen": FieldInfo("wohnen", "Wohnen/Planen", 5, False),
    }
    diff = Diff(Side("bbbbbbb (2025-12-01)", OLD), BEFORE, [CHANGED, ADDED], [], fields)
    return Changelog("2026-01-01", diff, [HEAD])


def test_changelog_text_groups_by_field() -> None:
    assert changelog_text(_changelog()).splitlines() == [
        "Changes since 2026-01-01: from bbbbbbb (2025-12-01) to HEAD (aaaaaaa, 2026-03-01)",
        "1 commit; 1 added, 1 changed",
        "",
        "Sprachförderung (sprache)  (prioritised)",
        "  changed  sprache-001  Mama lernt Deutsch",
        "      status: planned → active",
        "      budget 2026 (municipal) planned: €12,000 → €15,000",
        "      updated: 2026-01-01 → 2026-03-01",
        "",
        "Wohnen/Planen (wohnen)",
        "  added    wohnen-002  Quartiersbüro Eilendorf  (planned)",
        "",
        "Commits:",
        "  2026-03-01  aaaaaaa  Erika Mustermann  Status und Budget",
    ]


def test_a_changelog_from_the_first_commit_says_it_starts_there() -> None:
    log = _changelog()
    log.from_first = True
    assert changelog_text(log).splitlines()[0] == (
        "Changes since the first state of 2025-12-01 (no commit before 2026-01-01): "
        "from bbbbbbb (2025-12-01) to HEAD (aaaaaaa, 2026-03-01)"
    )
    assert changelog_md(log).startswith(
        "## Changes since the first state of 2025-12-01 (no commit before 2026-01-01)\n"
    )


@pytest.mark.usefixtures("german")
def test_a_changelog_from_the_first_commit_in_german() -> None:
    log = _changelog()
    log.from_first = True
    assert changelog_md(log).startswith(
        "## Änderungen seit dem ersten Stand vom 01.12.2025 (kein Commit vor dem 01.01.2026)\n"
    )


def test_changelog_md_has_a_heading_per_field() -> None:
    text = changelog_md(_changelog())
    assert text.index("### Sprachförderung (prioritised)") < text.index("### Wohnen/Planen")
    assert "- **added** `wohnen-002` Quartiersbüro Eilendorf  (planned)" in text


def test_history_text_newest_first() -> None:
    created = MeasureDiff("sprache-001", "added", "Mama lernt Deutsch", "sprache", record={"status": "planned"})
    third = Commit("c" * 40, "2026-04-01T09:00:00+02:00", "Erika Mustermann", "Kommentar")
    result = History(
        "sprache-001",
        "data/measures/sprache-001.yaml",
        "Mama lernt Deutsch",
        [Event(third, "format"), Event(HEAD, "changed", measure=CHANGED), Event(OLD, "added", measure=created)],
    )
    assert history_text(result).splitlines() == [
        "sprache-001  Mama lernt Deutsch  (data/measures/sprache-001.yaml): 3 commits",
        "",
        "2026-04-01  ccccccc  Erika Mustermann  Kommentar",
        "    only formatting or comments, the data is the same",
        "",
        "2026-03-01  aaaaaaa  Erika Mustermann  Status und Budget",
        "    status: planned → active",
        "    budget 2026 (municipal) planned: €12,000 → €15,000",
        "    updated: 2026-01-01 → 2026-03-01",
        "",
        "2025-12-01  bbbbbbb  Jörg Müller  Erster Stand",
        "    added (planned)",
    ]


def test_changelog_md_in_english() -> None:
    assert changelog_md(_changelog()).splitlines() == [
        "## Changes since 2026-01-01",
        "",
        "From bbbbbbb (2025-12-01) to HEAD (aaaaaaa, 2026-03-01): 1 commit; 1 added, 1 changed.",
        "",
        "### Sprachförderung (prioritised)",
        "",
        "- **changed** `sprache-001` Mama lernt Deutsch",
        "  - status: planned → active",
        "  - budget 2026 (municipal) planned: €12,000 → €15,000",
        "  - updated: 2026-01-01 → 2026-03-01",
        "",
        "### Wohnen/Planen",
        "",
        "- **added** `wohnen-002` Quartiersbüro Eilendorf  (planned)",
        "",
        "### Commits",
        "",
        "- 2026-03-01 `aaaaaaa` Erika Mustermann: Status und Budget",
    ]


@pytest.mark.usefixtures("german")
def test_changelog_md_in_german_for_a_council_paper() -> None:
    assert changelog_md(_changelog()).splitlines() == [
        "## Änderungen seit 01.01.2026",
        "",
        "Von bbbbbbb (2025-12-01) bis HEAD (aaaaaaa, 2026-03-01): 1 Commit; 1 neu, 1 geändert.",
        "",
        "### Sprachförderung (priorisiert)",
        "",
        "- **geändert** `sprache-001` Mama lernt Deutsch",
        "  - Status: planned → active",
        "  - Budgetposten 2026 (municipal) Ansatz: 12.000 € → 15.000 €",
        "  - aktualisiert: 01.01.2026 → 01.03.2026",
        "",
        "### Wohnen/Planen",
        "",
        "- **neu** `wohnen-002` Quartiersbüro Eilendorf  (planned)",
        "",
        "### Commits",
        "",
        "- 01.03.2026 `aaaaaaa` Erika Mustermann: Status und Budget",
    ]


@pytest.mark.usefixtures("german")
def test_diff_text_in_german_names_the_working_tree() -> None:
    lines = diff_text(Diff(BEFORE, WORKING_TREE, [CHANGED, ADDED], [], {})).splitlines()
    assert lines[0] == "Von HEAD (aaaaaaa, 2026-03-01) bis Arbeitsverzeichnis: 1 neu, 1 geändert"
    assert lines[2] == "geändert  sprache-001  Mama lernt Deutsch"
    assert lines[-1] == "neu       wohnen-002  Quartiersbüro Eilendorf  (wohnen, planned)"


def test_text_and_markdown_keep_forged_commands_from_git_and_data_inside_their_lines() -> None:
    forged = "Fix\n::error file=README.md,line=1::forged\x1b[2J"
    commit = Commit("c" * 40, "2026-03-01T09:00:00+01:00", "Eve\n::warning::x", forged)
    measure = MeasureDiff(
        "sprache-001", "changed", forged, "sprache", [Change(("title",), "changed", "Alt", forged)], updated=None
    )
    diff = Diff(BEFORE, WORKING_TREE, [measure], [], {"sprache": FieldInfo("sprache", "Sprache\n::x::y", 1)})
    log = Changelog("2026-01-01", diff, [commit])
    history = History("sprache-001", "data/measures/sprache-001.yaml", forged, [Event(commit, "changed", measure)])
    texts = (diff_text(diff), diff_md(diff), changelog_text(log), changelog_md(log))
    for text in (*texts, history_text(history), history_md(history)):
        assert not [line for line in text.splitlines() if line.lstrip().startswith("::")], text
        assert "\x1b" not in text
