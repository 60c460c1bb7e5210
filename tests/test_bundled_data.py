"""The bundled data set: valid, complete as the concept describes, honest about examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from integ_cli.checking.catalogue import Catalogue, load_catalogue
from integ_cli.checking.measure import select_all
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT, select=select_all)


def test_bundled_data_is_valid(catalogue: Catalogue) -> None:
    assert catalogue.problems == []


def test_seven_fields_first_four_prioritised(catalogue: Catalogue) -> None:
    fields = sorted(catalogue.fields.values(), key=lambda f: f["order"])
    assert [f["id"] for f in fields] == ["beratung", "sprache", "bildung", "arbeit", "wohnen", "freizeit", "senioren"]
    assert [f["prioritised"] for f in fields] == [True] * 4 + [False] * 3


def test_measures_cover_fields_statuses_horizons_and_main_groups(catalogue: Catalogue) -> None:
    measures = [m.data for m in catalogue.measures]
    assert len(measures) >= 25
    assert all(m.get("illustrative") is True for m in measures)
    assert {m["field"] for m in measures} == set(catalogue.fields)
    assert {m["status"] for m in measures} == {"planned", "active", "completed", "suspended", "dropped"}
    assert {m["horizon"] for m in measures} == {"short", "mid", "long"}
    groups = catalogue.vocabularies["target-groups"]
    main = {g for g, entry in groups.items() if entry.get("main")}
    assert len(main) == 5
    parents = {g: entry.get("parent") for g, entry in groups.items()}

    def roots(group: str) -> set[str]:
        chain = {group}
        while parents.get(group):
            group = parents[group]
            chain.add(group)
        return chain

    covered = set().union(*(roots(g) for m in measures for g in m["target_groups"]))
    assert main <= covered


def test_no_private_contact_data() -> None:
    for path in (PROJECT / "data").rglob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "@" in line:
                assert line.strip().startswith("email:") and line.strip().endswith("@example.org"), (path, line)


def test_check_jsonschema_accepts_every_bundled_record() -> None:
    """The generic tool agrees: integ's reading of YAML adds no leniency of its own."""
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if checker is None:
        pytest.skip("check-jsonschema is not installed (it is in the test extras)")
    groups = {
        "measure": sorted((PROJECT / "data/measures").glob("*.yaml")),
        "field": sorted((PROJECT / "data/fields").glob("*.yaml")),
        **{kind: [PROJECT / f"data/{kind}.yaml"] for kind in ("target-groups", "actors", "districts")},
    }
    for kind, files in groups.items():
        schema = PROJECT / "schemas" / f"{kind}.schema.json"
        result = subprocess.run(
            [checker, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_bundled_yaml_reads_the_same_with_pyyaml() -> None:
    """Dates are quoted and no YAML 1.1 word is used, so every YAML reader agrees."""
    from integ_cli.files.loading import load_document

    for path in (PROJECT / "data").rglob("*.yaml"):
        raw = path.read_bytes()
        document = load_document(raw, path.name)
        assert document is not None
        assert document.data == yaml.safe_load(raw), path
