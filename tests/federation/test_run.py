"""Running a federation: keys settled before any work, cities checked in parallel
processes, a city read at a git revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.federation.config import City, Federation, FederationFileError
from integ_cli.federation.run import Task, jobs, prepare, run
from tests.helpers import GitWork, make_repo


def city(root: Path, key: str | None = None, **more: object) -> City:
    return City(root.name, root, key, **more)  # type: ignore[arg-type]


def test_keys_come_from_the_file_the_concept_or_the_folder(tmp_path: Path) -> None:
    a, b, c = (make_repo(tmp_path / name) for name in ("a", "b", "c"))
    (b / "data" / "concept.yaml").write_text("municipality: {official_key: '05315000'}\n", "utf-8")
    members = prepare(Federation("land.yaml", None, [city(a, "05334002"), city(b), city(c)]))
    assert [(m.key, m.origin) for m in members] == [("05334002", "given"), ("05315000", "concept"), ("c", "folder")]
    assert members[0].label == "a (05334002)"


def test_two_cities_with_one_key_are_refused(tmp_path: Path) -> None:
    a, b = make_repo(tmp_path / "a"), make_repo(tmp_path / "b")
    (b / "data" / "concept.yaml").write_text("municipality: {official_key: x}\n", "utf-8")
    with pytest.raises(FederationFileError, match="a and b both have the municipality key 'x'"):
        prepare(Federation("land.yaml", None, [city(a, "x"), city(b)]))


def test_an_unknown_revision_is_named_with_its_city(tmp_path: Path, no_outer_git: None) -> None:
    root = make_repo(tmp_path / "a")
    GitWork(root).commit("Stand")
    with pytest.raises(FederationFileError, match=r"^a: unknown revision .v9."):
        prepare(Federation("land.yaml", None, [city(root, "k", revision="v9")]))


def test_parallel_and_serial_runs_find_the_same(tmp_path: Path) -> None:
    roots = [make_repo(tmp_path / f"c{i}") for i in range(3)]
    broken = roots[1] / "data" / "measures" / "sprache-001.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("horizon: short", "horizon: soon"), "utf-8")
    members = prepare(Federation("land.yaml", None, [city(r, f"k{i}") for i, r in enumerate(roots)]))
    task = Task("land.yaml")
    parallel, serial = run(members, task, 3), run(members, task, 1)
    assert [o.problems for o in parallel] == [o.problems for o in serial]
    assert [o.errors > 0 for o in parallel] == [False, True, False]
    assert parallel[1].invalid_files() == ["data/measures/sprache-001.yaml"]


def test_a_city_is_read_at_its_revision(tmp_path: Path, no_outer_git: None) -> None:
    root = make_repo(tmp_path / "a")
    work = GitWork(root)
    sha = work.commit("Stand")
    broken = root / "data" / "measures" / "sprache-001.yaml"
    broken.write_text("not: [a record\n", "utf-8")  # after the commit: the revision is still whole
    members = prepare(Federation("land.yaml", None, [city(root, "k", revision="HEAD")]))
    assert members[0].commit == sha
    (outcome,) = run(members, Task("land.yaml"), 1)
    assert outcome.errors == 0 and outcome.checked > 0


def test_jobs() -> None:
    assert jobs(3, 8) == 3 and jobs(400, 2) == 2 and jobs(1) == 1


def test_keys_are_settled_alike_in_worker_processes(tmp_path: Path) -> None:
    from integ_cli.federation.run import Workers

    roots = [make_repo(tmp_path / f"c{i}") for i in range(3)]
    (roots[1] / "data" / "concept.yaml").write_text("municipality: {official_key: '05315000'}\n", "utf-8")
    federation = Federation("land.yaml", None, [city(roots[0], "k0"), city(roots[1]), city(roots[2])])
    with Workers(3) as pool:
        members = prepare(federation, pool)
        outcomes = run(members, Task("land.yaml"), pool)
    assert members == prepare(federation)
    assert [(m.key, m.origin) for m in members] == [("k0", "given"), ("05315000", "concept"), ("c2", "folder")]
    assert [o.key for o in outcomes] == ["k0", "05315000", "c2"]


def test_a_report_task_brings_each_citys_part(tmp_path: Path) -> None:
    import datetime as dt

    roots = [make_repo(tmp_path / f"c{i}") for i in range(2)]
    members = prepare(Federation("land.yaml", None, [city(r, f"k{i}") for i, r in enumerate(roots)]))
    outcomes = run(members, Task("land.yaml", report=dt.date(2026, 1, 1)), 2)
    parts = [o.report for o in outcomes]
    assert [p.municipality for p in parts if p is not None] == ["k0", "k1"]
    public = sum(
        1 for f in (roots[0] / "data" / "measures").glob("*.yaml") if "visibility: internal" not in f.read_text("utf-8")
    )
    assert [p.measures for p in parts if p is not None] == [public, public]
    internal = run(members, Task("land.yaml", internal=True, report=dt.date(2026, 1, 1)), 1)
    assert [o.report.measures for o in internal if o.report is not None] == [public + 1, public + 1]
