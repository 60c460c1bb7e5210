"""The attention list as problems: reasons, severities, the threshold of the concept record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from integ_cli.checking.attention import attention_problems, message, stale_after_days
from integ_cli.checking.catalogue import Catalogue, load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.concept.load import load_concept
from integ_cli.problems import Severity
from integ_cli.report.model import Reason
from tests.helpers import make_repo

DAY = dt.date(2026, 3, 1)
CONCEPT = "schema_version: 1\nmunicipality: {name: Musterstadt, kind: city}\ntitle: Integrationskonzept\n"


def catalogue_of(tmp_path: Path) -> Catalogue:
    return load_catalogue(make_repo(tmp_path), select=select_all)


def test_one_problem_per_reason_failing_only_the_kinds_asked(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path)
    problems = attention_problems(catalogue, DAY, {"no-budget"})
    assert [(p.file, p.code, p.severity) for p in problems if p.file.endswith("sprache-002.yaml")] == [
        ("data/measures/sprache-002.yaml", "no-indicator", Severity.WARNING),
        ("data/measures/sprache-002.yaml", "no-budget", Severity.ERROR),
        ("data/measures/sprache-002.yaml", "stale", Severity.WARNING),
    ]
    assert all(p.severity is Severity.ERROR for p in attention_problems(catalogue, DAY, {"any"}))


def test_a_threshold_moves_the_stale_measures(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path)
    stale = {p.file for p in attention_problems(catalogue, DAY, days=20, internal=True) if p.code == "stale"}
    assert "data/measures/wohnen-002.yaml" in stale  # updated 2026-02-01, 28 days before
    assert "data/measures/wohnen-002.yaml" not in {
        p.file for p in attention_problems(catalogue, DAY, internal=True) if p.code == "stale"
    }


def test_the_threshold_is_read_from_the_concept_record(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    assert stale_after_days(root) is None
    concept = root / "data" / "concept.yaml"
    concept.write_text(CONCEPT + "attention:\n  stale_after_days: 180\n", encoding="utf-8")
    assert stale_after_days(root) == 180


def test_the_schema_keeps_the_threshold_closed_and_positive(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    concept = root / "data" / "concept.yaml"
    concept.write_text(CONCEPT + "attention:\n  stale_after_days: 0\n", encoding="utf-8")
    assert [p.line for p in load_concept(root).problems] == [5]
    concept.write_text(CONCEPT + "attention:\n  stale_after: 90\n", encoding="utf-8")
    assert "stale_after" in load_concept(root).problems[0].message
    assert stale_after_days(root) is None


def test_messages_say_what_to_do() -> None:
    assert message(Reason("no-lead"), None) == "no lead: name the actor in charge under 'lead'"
    assert message(Reason("stale", "2025-01-02"), 90) == (
        "not updated for over 90 days (last 2025-01-02): review it and record the date"
    )


def test_located_problems_point_at_their_key(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path)
    located = attention_problems(catalogue, DAY, located=True)
    overdue = next(p for p in located if p.code == "overdue")
    lines = (tmp_path / overdue.file).read_text(encoding="utf-8").splitlines()
    assert lines[(overdue.line or 0) - 1].startswith("end:")
    assert all(p.line is None for p in attention_problems(catalogue, DAY))


def test_an_overdue_milestone_is_a_problem_at_the_milestones(tmp_path: Path) -> None:
    """An open milestone past its due date: a ``milestone`` problem on the record's
    ``milestones`` line, saying how to tick it off."""
    late = """
        schema_version: 2
        field: sprache
        target_groups: [eltern]
        districts: [brand]
        lead: vhs
        status: active
        horizon: short
        indicators:
          - {name: Kurse, unit: Kurse, target: 10, actual: 8}
        budget:
          - {year: 2026, planned: 100, source: municipal}
        milestones:
          - {title: Räume angemietet, due: "2025-10", done: "2025-09-30"}
          - {title: Kurse ausgeschrieben, due: "2025-12"}
        updated: "2026-02-01"
    """
    root = make_repo(tmp_path, {"sprache-009": late})
    catalogue = load_catalogue(root, select=select_all)
    [problem] = attention_problems(catalogue, DAY, {"milestone"}, located=True)
    assert (problem.code, problem.path, problem.severity) == ("milestone", "milestones", Severity.ERROR)
    lines = (root / problem.file).read_text(encoding="utf-8").splitlines()
    assert lines[(problem.line or 0) - 1] == "milestones:"
    assert problem.message == (
        "a milestone due 2025-12 is still open: mark it done (integ milestone ID done N) or move its due date"
    )


def test_internal_measures_only_with_internal(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path)
    assert "data/measures/wohnen-002.yaml" not in {p.file for p in attention_problems(catalogue, DAY)}
    assert "data/measures/wohnen-002.yaml" in {p.file for p in attention_problems(catalogue, DAY, internal=True)}


def test_one_day_is_singular() -> None:
    assert message(Reason("stale", "2025-01-02"), 1) == (
        "not updated for over 1 day (last 2025-01-02): review it and record the date"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("internal", [False, True])
def test_the_list_taken_while_scanning_is_the_list_of_the_kept_records(
    monkeypatch: pytest.MonkeyPatch, jobs: str, internal: bool
) -> None:
    """AttentionScan takes each record as a worker sends it (here one file a batch) and
    keeps none: its problems and the files it looked at are those of the catalogue."""
    from integ_cli.checking import scan
    from integ_cli.checking.attention import AttentionScan, shown_measures
    from integ_cli.query import Query

    repo = Path(__file__).parents[2]
    whole = load_catalogue(repo, select=select_all)
    expected = attention_problems(whole, DAY, {"stale"}, stale_after_days(repo), located=True, internal=internal)
    monkeypatch.setenv("INTEG_JOBS", jobs)
    monkeypatch.setattr(scan, "CHUNK_LIMIT", 1)
    attention = AttentionScan(Query(), DAY, internal=internal)
    catalogue = load_catalogue(repo, select=attention.select)
    assert catalogue.measures == []
    assert attention.problems(catalogue, {"stale"}, located=True) == expected != []
    assert attention.shown == [m.file for m in shown_measures(whole, internal)]
