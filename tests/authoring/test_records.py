"""The authoring core (integ_cli.authoring.records): ids, new records, edits, checks before writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from integ_cli.authoring import edits as yamledit
from integ_cli.authoring import ids
from integ_cli.authoring import records as authoring
from integ_cli.checking.catalogue import load_catalogue
from integ_cli.files.loading import load_document
from tests.helpers import snapshot

M1 = "data/measures/sprache-001.yaml"
VALUES: dict[str, Any] = {
    "field": "sprache",
    "title": "Sprachcafé Brand",
    "summary": "Ein offenes Sprachcafé im Begegnungszentrum Brand, ohne Anmeldung.",
    "target_groups": ["junge-muetter"],
    "districts": ["brand"],
    "status": "planned",
    "horizon": "short",
}


def test_next_id_follows_the_highest_number_of_the_field(repo: Path) -> None:
    assert authoring.allocate_id(repo, "sprache") == "sprache-003"
    assert authoring.allocate_id(repo, "wohnen") == "wohnen-002"
    assert authoring.allocate_id(repo, "bildung") == "bildung-001"
    (repo / "data/measures/sprache-041.yaml").write_text("x")  # gaps are never filled
    (repo / "data/measures/sprache-extra.yaml").write_text("x")
    (repo / "data/measures/.sprache-099.yaml.1234.tmp").write_text("x")
    assert authoring.allocate_id(repo, "sprache") == "sprache-042"
    (repo / "data/measures/sprache-999.yaml").write_text("x")
    assert authoring.allocate_id(repo, "sprache") == "sprache-1000"
    for other in ("xsprache-5000.yaml", "sprache-5000.yaml.bak", "sprache-5000.yml", "sprache-2-5000.yaml"):
        (repo / "data/measures" / other).write_text("x")  # another field's, or no measure's
    assert authoring.allocate_id(repo, "sprache") == "sprache-1000"
    assert ids.format_id("arbeit", 7) == "arbeit-007"


def test_create_measure_writes_a_valid_record_in_schema_order(repo: Path) -> None:
    values = {**VALUES, "partners": [], "start": "2027-01-15", "goal": "", "tags": ["sprachcafe"]}
    result = authoring.create_measure(repo, dict(reversed(values.items())), date="2026-10-01")
    assert result.ok and result.written
    assert (result.record_id, result.rel) == ("sprache-003", "data/measures/sprache-003.yaml")
    text = (repo / result.rel).read_text(encoding="utf-8")
    assert text == result.text
    assert text == (
        "# yaml-language-server: $schema=../../schemas/measure.schema.json\n"
        "schema_version: 1\n"
        "id: sprache-003\n"
        "title: Sprachcafé Brand\n"
        "summary: Ein offenes Sprachcafé im Begegnungszentrum Brand, ohne Anmeldung.\n"
        "field: sprache\n"
        "target_groups:\n"
        "  - junge-muetter\n"
        "districts:\n"
        "  - brand\n"
        "status: planned\n"
        "horizon: short\n"
        'start: "2027-01-15"\n'
        "visibility: public\n"
        "tags:\n"
        "  - sprachcafe\n"
        'updated: "2026-10-01"\n'
    )
    assert load_catalogue(repo).ok


def test_invalid_record_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    result = authoring.create_measure(repo, {**VALUES, "status": "no", "districts": ["brandt"]})
    assert not result.ok and not result.written
    assert sorted(p.code for p in result.problems) == ["schema-enum", "unknown-district"]
    assert all(p.file == "data/measures/sprache-003.yaml" for p in result.problems)
    assert snapshot(repo) == before


def test_missing_or_malformed_field_is_reported_not_written(repo: Path) -> None:
    before = snapshot(repo)
    result = authoring.create_measure(repo, {**VALUES, "field": "../Sprache"})
    assert not result.ok
    assert any(p.path == "field" for p in result.problems)
    assert snapshot(repo) == before


def test_dry_run_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    result = authoring.create_measure(repo, VALUES, dry_run=True)
    assert result.ok and not result.written
    assert result.text.startswith(authoring.SCHEMA_HINT + "\n")
    assert snapshot(repo) == before


def test_explicit_id(repo: Path) -> None:
    result = authoring.create_measure(repo, {**VALUES, "id": "sprache-001"})
    assert [p.code for p in result.problems] == ["id-taken"]
    result = authoring.create_measure(repo, {**VALUES, "id": "sprache-100"})
    assert result.written and (repo / "data/measures/sprache-100.yaml").is_file()
    result = authoring.create_measure(repo, {**VALUES, "id": "new-measure"})
    assert result.written and (repo / "data/measures/new-measure.yaml").is_file()
    result = authoring.create_measure(repo, {**VALUES, "id": 7})
    assert result.written and (repo / "data/measures/7.yaml").is_file()
    result = authoring.create_measure(repo, {**VALUES, "id": "../fields/x"})
    assert not result.ok and not result.written
    assert load_catalogue(repo).ok


def test_allocation_race_takes_the_next_number(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process creates the allocated file between the scan and the write."""
    real = authoring.allocate_id
    calls: list[str] = []

    def racing(root: Path, field_id: str) -> str:
        measure_id = real(root, field_id)
        if not calls:
            (root / f"data/measures/{measure_id}.yaml").write_text("taken by someone else\n")
        calls.append(measure_id)
        return measure_id

    monkeypatch.setattr(authoring, "allocate_id", racing)
    result = authoring.create_measure(repo, VALUES)
    assert calls == ["sprache-003", "sprache-004"]
    assert result.written and result.record_id == "sprache-004"
    assert (repo / "data/measures/sprache-003.yaml").read_text() == "taken by someone else\n"


def test_edit_measure_checks_then_writes(repo: Path) -> None:
    result = authoring.edit_measure(repo, "sprache-001", yamledit.set_status("completed"))
    assert result.ok and result.written
    assert result.changes == ["status: active → completed"]
    document = load_document((repo / M1).read_bytes(), M1)
    assert document is not None
    assert document.data["status"] == "completed"
    assert document.data["updated"] == authoring.today()
    assert (repo / M1).read_text(encoding="utf-8").startswith("# A comment that editors keep.\n")
    assert load_catalogue(repo).ok


def test_invalid_edit_writes_nothing(repo: Path) -> None:
    before = (repo / M1).read_bytes()
    result = authoring.edit_measure(repo, "sprache-001", yamledit.set_status("no"))
    assert not result.written
    assert [(p.code, p.line) for p in result.problems] == [("schema-enum", 12)]
    result = authoring.edit_measure(repo, "sprache-001", yamledit.link("partners", True, ["stabstelle"]))
    assert [p.message for p in result.problems] == [
        "unknown actor 'stabstelle'; did you mean 'stabsstelle-integration'?"
    ]
    assert (repo / M1).read_bytes() == before


def test_edit_error_becomes_a_positioned_problem(repo: Path) -> None:
    result = authoring.edit_measure(repo, "sprache-001", yamledit.record_actual("Kurse", 3))
    [problem] = result.problems
    assert (problem.file, problem.line, problem.code) == (M1, 20, "unknown-indicator")
    assert "it has Teilnehmende" in problem.message


def test_unchanged_edit_writes_nothing(repo: Path) -> None:
    before = (repo / M1).stat().st_mtime_ns
    result = authoring.edit_measure(repo, "sprache-001", yamledit.set_status("active"))
    assert result.ok and not result.written and not result.changes
    assert (repo / M1).stat().st_mtime_ns == before


def test_dry_run_edit(repo: Path) -> None:
    before = (repo / M1).read_bytes()
    result = authoring.edit_measure(repo, "sprache-001", yamledit.set_status("dropped"), dry_run=True)
    assert result.ok and not result.written
    assert "status: dropped" in result.text and result.before == before.decode()
    assert (repo / M1).read_bytes() == before


def test_concurrent_change_is_redone_on_the_new_content(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = yamledit.apply
    calls = []

    def interrupted(text: str, edit: Any, schema: dict[str, Any], date: str) -> Any:
        if not calls:  # someone else saves the file while this edit is prepared
            (repo / M1).write_text(text.replace("horizon: mid", "horizon: long"), encoding="utf-8")
        calls.append(text)
        return real(text, edit, schema, date)

    monkeypatch.setattr(yamledit, "apply", interrupted)
    result = authoring.edit_measure(repo, "sprache-001", yamledit.set_status("completed"))
    assert result.written and len(calls) == 2
    text = (repo / M1).read_text(encoding="utf-8")
    assert "horizon: long" in text and "status: completed" in text


def test_unknown_measure_suggests_the_closest_ids(repo: Path) -> None:
    with pytest.raises(ids.UnknownMeasure, match="did you mean 'sprache-001'") as error:
        ids.find_measure(repo, "sprache-01")
    assert error.value.suggestions[0] == "sprache-001"
    with pytest.raises(ids.UnknownMeasure):
        ids.find_measure(repo, "../fields/sprache")


def test_replace_measure(repo: Path) -> None:
    original = (repo / M1).read_bytes()
    result = authoring.replace_measure(repo, "sprache-001", original, original.replace(b"status: active", b"status: x"))
    assert not result.ok and not result.written
    assert (repo / M1).read_bytes() == original
    new = original.replace(b"horizon: mid", b"horizon: long")
    result = authoring.replace_measure(repo, "sprache-001", original, new)
    assert result.written
    text = (repo / M1).read_text(encoding="utf-8")
    assert "horizon: long" in text and f'updated: "{authoring.today()}"' in text
    stale = authoring.replace_measure(repo, "sprache-001", original, new.replace(b"long", b"short"))
    assert stale.conflict and not stale.written and not stale.ok


def test_vocabularies(repo: Path) -> None:
    vocab = authoring.vocabularies(repo)
    assert vocab.fields == {"sprache": "Sprachförderung", "wohnen": "Wohnen/Planen"}
    assert list(vocab.districts) == ["stadtweit", "eilendorf", "brand"]
    assert vocab.parents["vorschulkinder"] == "kinder"
