"""The catalogue pipeline: which files a query parses, checks and keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import Keep, Measure, encode_json, select_all
from integ_cli.query import Query, selector
from tests.conftest import edit


def test_no_needles_may_match_anything() -> None:
    assert Keep(lambda _data: True).may_match(b"anything")


def test_a_file_must_hold_one_needle_of_every_group() -> None:
    keep = Keep(lambda _data: True, ((b"kinder", b"jugendliche"), (b"active",)))
    assert keep.may_match(b"target_groups: [jugendliche]\nstatus: active\n")
    assert not keep.may_match(b"target_groups: [jugendliche]\nstatus: planned\n")
    assert not keep.may_match(b"target_groups: [frauen]\nstatus: active\n")


def test_escapes_and_other_encodings_are_always_parsed() -> None:
    keep = Keep(lambda _data: True, ((b"kinder",),))
    assert keep.may_match(b'target_groups: ["\\x6Binder"]\n')
    assert keep.may_match("target_groups: [frauen]\n".encode("utf-16"))


def _ids(root: Path, **filters: tuple[str, ...]) -> list[str]:
    catalogue = load_catalogue(root, select=selector(Query(**filters)))
    return sorted(m.data["id"] for m in catalogue.measures)


def test_an_id_spelled_with_an_escape_is_still_found(repo: Path) -> None:
    edit(repo / "data/measures/sprache-001.yaml", "  - junge-muetter", '  - "junge-m\\x75etter"')
    assert _ids(repo, target_groups=("junge-muetter",)) == ["sprache-001", "wohnen-001"]


def test_a_query_reports_invalid_files_it_might_have_matched(repo: Path) -> None:
    edit(repo / "data/measures/sprache-001.yaml", "status: active", "status: [active")
    catalogue = load_catalogue(repo, select=selector(Query(target_groups=("junge-muetter",))))
    assert catalogue.invalid_files() == ["data/measures/sprache-001.yaml"]
    assert [m.data["id"] for m in catalogue.measures] == ["wohnen-001"]


def test_a_query_does_not_parse_files_that_cannot_match(repo: Path) -> None:
    edit(repo / "data/measures/sprache-001.yaml", "status: active", "status: [active")
    catalogue = load_catalogue(repo, select=selector(Query(statuses=("completed",))))
    assert catalogue.invalid_files() == []


def test_validation_checks_every_file(repo: Path) -> None:
    edit(repo / "data/measures/sprache-001.yaml", "status: active", "status: [active")
    assert load_catalogue(repo).invalid_files() == ["data/measures/sprache-001.yaml"]


def test_records_from_worker_processes_equal_those_read_in_process(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from integ_cli.render.records import render_json

    def listed(jobs: str) -> tuple[list[Measure], str]:
        monkeypatch.setenv("INTEG_JOBS", jobs)
        measures = load_catalogue(repo, select=select_all).measures
        return measures, "".join(render_json(measures))

    (serial, serial_json), (forked, forked_json) = listed("1"), listed("2")
    assert [m.data for m in forked] == [m.data for m in serial] != []
    assert forked_json == serial_json
    assert json.loads(serial_json)[0]["file"] == "data/measures/sprache-001.yaml"


def test_workers_sending_every_file_give_the_records_and_problems_in_file_order(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker sends its results every CHUNK_LIMIT files (its memory stays bounded):
    with one file a run, the records and problems are those of one process, in order."""
    from integ_cli.checking import scan

    edit(repo / "data/measures/sprache-002.yaml", "status: planned", "status: [planned")

    def loaded(jobs: str) -> tuple[list[tuple[str, dict[str, object]]], list[str]]:
        monkeypatch.setenv("INTEG_JOBS", jobs)
        catalogue = load_catalogue(repo, select=select_all)
        return [(m.file, m.data) for m in catalogue.measures], [
            f"{p.file}:{p.line}:{p.code}" for p in catalogue.problems
        ]

    serial = loaded("1")
    monkeypatch.setattr(scan, "CHUNK_LIMIT", 1)
    assert loaded("2") == serial
    assert len(serial[0]) == 2 and serial[1]


class _Titles:
    """A tally of the kept records' titles, in the order they were counted."""

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.runs = 0

    def add(self, data: dict[str, object]) -> None:
        self.titles.append(str(data["title"]))

    def empty(self) -> _Titles:
        return _Titles()

    def merge(self, other: _Titles) -> None:
        self.titles += other.titles
        self.runs += 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folding_selection_counts_where_records_are_checked_and_keeps_none(
    repo: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """With Keep.fold, workers send the tallies of their runs (one file a run here), merged
    in file order; one process counts into the tally itself. No record is kept."""
    from integ_cli.checking import scan

    expected = [m.data["title"] for m in load_catalogue(repo, select=select_all).measures]
    monkeypatch.setenv("INTEG_JOBS", jobs)
    monkeypatch.setattr(scan, "CHUNK_LIMIT", 1)
    titles = _Titles()
    catalogue = load_catalogue(
        repo, select=lambda _catalogue: Keep(lambda _data: True, keys=frozenset({"title"}), fold=titles)
    )
    assert catalogue.measures == []
    assert titles.titles == expected != []
    assert titles.runs == (0 if jobs == "1" else len(expected))


def test_a_measure_is_its_data_or_its_json_text() -> None:
    data = {"id": "sprache-001", "title": "Mütter"}
    text = encode_json(data)
    assert Measure("f", json_text=text) == Measure("f", data)
    assert Measure("data/measures/sprache-001.yaml", json_text=text).data == data
    assert Measure("data/measures/sprache-001.yaml", data).id == "sprache-001"
    with pytest.raises(TypeError):
        Measure("f")


def test_check_text_sees_vocabulary_changes_unless_reusing_the_context(repo: Path) -> None:
    from integ_cli.checking.catalogue import check_text, reusing_context
    from integ_cli.files.repository import scan

    record = scan(repo).measures[0]
    raw = record.path.read_bytes()
    vocabulary = repo / "data/target-groups.yaml"
    original = vocabulary.read_text(encoding="utf-8")
    assert check_text(repo, record, raw) == []
    with reusing_context(repo):
        vocabulary.write_text(original.replace("id: junge-muetter", "id: junge-eltern"), encoding="utf-8")
        assert check_text(repo, record, raw) == []  # read when the block began
    assert [p.code for p in check_text(repo, record, raw)] == ["unknown-target-group"]


def test_a_vocabulary_that_fails_its_schema_is_named_among_the_vocabulary_problems(repo: Path) -> None:
    edit(repo / "data/target-groups.yaml", "\nentries:", "\neinträge:")
    catalogue = load_catalogue(repo)
    assert {p.file for p in catalogue.vocabulary_problems()} == {"data/target-groups.yaml"}
    assert "schema-required" in {p.code for p in catalogue.vocabulary_problems()}


def test_measure_problems_are_no_vocabulary_problems(repo: Path) -> None:
    edit(repo / "data/measures/sprache-001.yaml", "status: active", "status: bogus")
    catalogue = load_catalogue(repo)
    assert not catalogue.ok and catalogue.vocabulary_problems() == []


CONCEPT = """\
schema_version: 1
municipality: {name: Musterstadt, kind: city}
title: Integrationskonzept Musterstadt
unit: stabsstelle-integration
"""


def test_validate_checks_the_concept_record(repo: Path) -> None:
    (repo / "data/concept.yaml").write_text(CONCEPT.replace("stabsstelle-integration", "stabstelle"), "utf-8")
    catalogue = load_catalogue(repo)
    assert "data/concept.yaml" in catalogue.checked
    [problem] = catalogue.problems
    assert (problem.file, problem.line, problem.code) == ("data/concept.yaml", 4, "unknown-actor")
    assert "did you mean 'stabsstelle-integration'" in problem.message


def test_a_repository_without_a_concept_record_has_no_problem_for_it(repo: Path) -> None:
    catalogue = load_catalogue(repo)
    assert catalogue.ok and "data/concept.yaml" not in catalogue.checked


def test_a_successor_without_its_back_link_is_reported_in_the_predecessor(repo: Path) -> None:
    edit(repo / "data/measures/sprache-002.yaml", "status: ", "supersedes: sprache-001\nstatus: ")
    catalogue = load_catalogue(repo)
    [problem] = catalogue.problems
    assert (problem.file, problem.code) == ("data/measures/sprache-001.yaml", "succession-back-link")
    assert "add superseded_by: sprache-002" in problem.message
    edit(repo / "data/measures/sprache-001.yaml", "status: ", "superseded_by: sprache-002\nstatus: ")
    assert load_catalogue(repo).ok


def test_check_text_knows_the_measures_by_their_file_names(repo: Path) -> None:
    """A one-record check asks the folder for the measures it names; temporary and
    hidden files name no measure, nor does a path."""
    from integ_cli.checking.catalogue import MeasureFolder, check_text
    from integ_cli.files.repository import scan

    (repo / "data/measures/.sprache-009.yaml.0123456789ab.tmp").write_text("", encoding="utf-8")
    (repo / "data/measures/.sprache-008.yaml").write_text("", encoding="utf-8")
    known = MeasureFolder(repo)
    assert set(known) == {"sprache-001", "sprache-002", "wohnen-001"} and len(known) == 3
    assert "sprache-002" in known
    assert [name for name in (".sprache-008", "../measures/sprache-001", "sprache-003", 3) if name in known] == []
    record = next(r for r in scan(repo).measures if r.stem == "sprache-001")
    raw = record.path.read_bytes()
    assert check_text(repo, record, raw + b"supersedes: wohnen-001\n") == []
    for missing in ("sprache-008", "sprache-009", "sprache-003"):
        found = check_text(repo, record, raw + f"supersedes: {missing}\n".encode())
        assert [p.code for p in found] == ["unknown-measure"]


def test_a_decoded_measure_writes_the_same_json_text() -> None:
    text = encode_json({"id": "sprache-001", "title": "Mütter", "budget": [{"year": 2026, "planned": 1000.5}]})
    measure = Measure("data/measures/sprache-001.yaml", json_text=text)
    assert measure.read() == measure.data and measure.json == text


def test_a_selection_says_how_many_files_a_worker_sends_at_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export's rows are large: its workers send them a few at a time (Keep.batch),
    and the records still come in file order, the same as from one process."""
    from integ_cli.checking.catalogue import stream_catalogue

    def runs(jobs: str, batch: int | None) -> list[list[str]]:
        monkeypatch.setenv("INTEG_JOBS", jobs)
        keep = Keep(lambda _data: True, batch=batch)
        _catalogue, each = stream_catalogue(repo, select=lambda _catalogue: keep)
        return [[m.file for m in kept] for kept in each]

    serial = runs("1", None)
    batched = runs("2", 1)
    assert [file for run in batched for file in run] == serial[0] != []
    assert {len(run) for run in batched} == {1}
    assert len(runs("2", None)) < len(batched)  # without it, one run of at least 50 files each
