"""Each validation rule: a failing case whose problem names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.problems import Problem
from tests.conftest import edit

M1 = "data/measures/sprache-001.yaml"


def problems(repo: Path, **kw: object) -> list[Problem]:
    return load_catalogue(repo, **kw).problems  # type: ignore[arg-type]


def only(repo: Path, code: str) -> Problem:
    found = [p for p in problems(repo) if p.code == code]
    assert len(found) == 1, problems(repo)
    return found[0]


def test_fixture_is_valid(repo: Path) -> None:
    catalogue = load_catalogue(repo)
    assert catalogue.problems == []
    assert catalogue.ok
    assert len(catalogue.checked) == 8


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "words"),
    [
        ("status: active", "status: no", "schema-enum", 12, ["'status' is 'no'", "planned, active"]),
        ("status: active", "status: activ", "schema-enum", 12, ["did you mean 'active'"]),
        ('start: "2025-01-01"', 'start: "2024-02-30"', "not-a-date", 14, ["not a real date"]),
        ('start: "2025-01-01"', "start: 2025-1-1", "schema-pattern", 14, ["YYYY-MM-DD"]),
        (
            "  - junge-muetter",
            "  - jugend",
            "unknown-target-group",
            8,
            ["unknown target group 'jugend'", "jugendliche"],
        ),
        ("field: sprache", "field: sprach", "unknown-field", 6, ["unknown action field 'sprach'", "'sprache'"]),
        ("lead: stabsstelle-integration", "lead: stabstelle", "unknown-actor", 9, ["unknown actor"]),
        ("districts: [eilendorf]", "districts: [eilendorff]", "unknown-district", 11, ["'eilendorf'"]),
        ("id: sprache-001", "id: sprache-009", "id-mismatch", 3, ["sprache-001.yaml"]),
        ('end: "2027-12-31"', 'end: "2024-12-31"', "end-before-start", 15, ["before 'start'"]),
        ("planned: 12000", "planned: -12000", "schema-minimum", 18, ["must not be less than 0"]),
        ("schema_version: 1", "schema_version: 9", "unsupported-version", 2, ["versions 1 to 2"]),
        ("schema_version: 1", "schema_version: '1'", "schema-type", 2, ["whole number"]),
        ("horizon: mid", "horizon: mid\nstauts: active", "schema-unknown-key", 14, ["did you mean 'status'"]),
        ("title: Mama lernt Deutsch\n", "", "schema-required", 2, ["'title'"]),
        ("target_groups:\n  - junge-muetter", "target_groups: []", "schema-min-items", 7, ["empty"]),
        ("    source: municipal", "    source: town", "schema-enum", 19, ["municipal"]),
        ("planned: 12000", "planned: 12.000", "ambiguous-amount", 18, ["12.000 reads as 12; write 12000", "or 12.0"]),
    ],
)
def test_rule(repo: Path, old: str, new: str, code: str, line: int, words: list[str]) -> None:
    edit(repo / M1, old, new)
    found = problems(repo)
    assert [(p.file, p.code) for p in found] == [(M1, code)]
    assert found[0].line == line
    for word in words:
        assert word in found[0].message


def test_every_problem_in_a_file_is_reported(repo: Path) -> None:
    edit(repo / M1, "status: active", "status: no")
    edit(repo / M1, "field: sprache", "field: sprach")
    edit(repo / M1, "horizon: mid", "horizon: someday")
    assert {p.code for p in problems(repo)} == {"schema-enum", "unknown-field"}
    assert len(problems(repo)) == 3


def test_supersedes_must_name_a_measure(repo: Path) -> None:
    edit(repo / M1, "horizon: mid", "horizon: mid\nsupersedes: sprache-000")
    problem = only(repo, "unknown-measure")
    assert problem.line == 14


def test_unknown_parent_and_cycles_in_hierarchy(repo: Path) -> None:
    groups = repo / "data/target-groups.yaml"
    edit(groups, "    main: true\n  - id: kinder\n", "    main: true\n    parent: vorschulkinder\n  - id: kinder\n")
    problem = only(repo, "parent-cycle")
    assert problem.file == "data/target-groups.yaml"
    assert "kinder-jugendliche -> vorschulkinder -> kinder -> kinder-jugendliche" in problem.message
    edit(repo / "data/actors.yaml", "parent: stadt", "parent: stat")
    assert only(repo, "unknown-parent").line == 9


def test_duplicate_vocabulary_id(repo: Path) -> None:
    edit(repo / "data/districts.yaml", "id: brand", "id: eilendorf")
    assert only(repo, "duplicate-id").line == 8


def test_broken_vocabulary_does_not_flood_measures(repo: Path) -> None:
    (repo / "data/target-groups.yaml").write_text("entries: [\n", encoding="utf-8")
    found = problems(repo)
    assert [p.code for p in found] == ["yaml-syntax"]
    assert found[0].file == "data/target-groups.yaml"


def test_field_id_must_match_file(repo: Path) -> None:
    edit(repo / "data/fields/wohnen.yaml", "id: wohnen", "id: planen")
    assert only(repo, "id-mismatch").file == "data/fields/wohnen.yaml"


def test_subset_is_checked_against_whole_repository(repo: Path) -> None:
    edit(repo / "data/measures/wohnen-001.yaml", "status: completed", "status: done")
    edit(repo / M1, "horizon: mid", "horizon: mid\nsupersedes: wohnen-001")
    catalogue = load_catalogue(repo, only={M1})
    assert catalogue.problems == []
    assert catalogue.checked[-1] == M1
    edit(repo / M1, "supersedes: wohnen-001", "supersedes: wohnen-002")
    assert [p.code for p in load_catalogue(repo, only={M1}).problems] == ["unknown-measure"]


def test_parallel_and_serial_agree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = (repo / M1).read_text(encoding="utf-8")
    for i in range(2, 60):
        text = source.replace("sprache-001", f"sprache-{i:03d}")
        if i % 7 == 0:
            text = text.replace("status: active", "status: no")
        (repo / f"data/measures/sprache-{i:03d}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("INTEG_JOBS", "1")
    serial = load_catalogue(repo).problems
    monkeypatch.setenv("INTEG_JOBS", "2")
    parallel = load_catalogue(repo).problems
    assert serial == parallel
    assert len(serial) == 8


def test_keep_returns_valid_measures_only(repo: Path) -> None:
    edit(repo / "data/measures/wohnen-001.yaml", "status: completed", "status: done")
    catalogue = load_catalogue(repo, select=select_all)
    assert sorted(m.data["id"] for m in catalogue.measures) == ["sprache-001", "sprache-002"]


def test_check_text_validates_content_before_it_is_written(repo: Path) -> None:
    from integ_cli.checking.catalogue import check_text
    from integ_cli.files.repository import RecordFile

    rel = "data/measures/sprache-003.yaml"
    record = RecordFile(repo / rel, rel, "measure")
    good = (repo / M1).read_text(encoding="utf-8").replace("sprache-001", "sprache-003")
    assert check_text(repo, record, good.encode()) == []
    bad = good.replace("status: active", "status: no").replace("lead: stabsstelle-integration", "lead: nobody")
    assert [p.code for p in check_text(repo, record, bad.encode())] == ["schema-enum", "unknown-actor"]
    assert not (repo / rel).exists()


def test_changing_a_vocabulary_checks_every_measure(repo: Path) -> None:
    """pre-commit passes only changed files: a district removed from the vocabulary must
    still be reported in the measures that name it."""
    edit(repo / "data/districts.yaml", "  - id: brand\n    name: Brand\n", "")
    found = load_catalogue(repo, only={"data/districts.yaml"}).problems
    assert [(p.file, p.code) for p in found] == [("data/measures/wohnen-001.yaml", "unknown-district")]


@pytest.mark.parametrize("written", ["12000", "12.0", "12.5", "1.25", '"12.000"'])
def test_amounts_written_unambiguously_are_not_reported(repo: Path, written: str) -> None:
    edit(repo / M1, "planned: 12000", f"planned: {written}")
    assert "ambiguous-amount" not in {p.code for p in problems(repo)}
