"""Reading the federation file: cities, keys, revisions, mappings, and every problem
with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.federation.config import FederationFileError, read_federation
from tests.helpers import make_repo


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_repo(tmp_path / "aachen")
    make_repo(tmp_path / "koeln")
    return tmp_path


def federation_file(folder: Path, text: str) -> Path:
    path = folder / "land.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cities_with_paths_relative_to_the_file(folder: Path) -> None:
    path = federation_file(
        folder,
        'name: Land\ncities:\n  - path: aachen\n  - key: "05315000"\n    path: koeln\n    revision: v1\n'
        "    map:\n      target-groups: {gefluechtete: fluechtlinge}\n",
    )
    federation = read_federation(path)
    aachen, koeln = federation.cities
    assert federation.name == "Land"
    assert aachen.root == (folder / "aachen").resolve() and aachen.key is None
    assert (koeln.key, koeln.revision) == ("05315000", "v1")
    assert koeln.mapping == {"target_groups": {"gefluechtete": "fluechtlinge"}}
    assert koeln.lines == {("target_groups", "gefluechtete"): 8}


def test_every_problem_is_told_with_its_line(folder: Path) -> None:
    path = federation_file(
        folder,
        "cities:\n"
        "  - path: aachen\n"
        '    key: "x"\n'
        "    revison: v1\n"
        "  - path: https://git.example.org/koeln.git\n"
        '  - key: "x"\n'
        "    path: koeln\n"
        "    map: {fields: [a, b]}\n",
    )
    with pytest.raises(FederationFileError) as caught:
        read_federation(path)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{path}:4: unknown key 'revison'; did you mean 'revision'?",
        f"{path}:5: 'https://git.example.org/koeln.git' is a URL: clone the repository and name its folder",
        f"{path}:8: write each mapping as local id: shared id, e.g. {{gefluechtete: fluechtlinge}}",
        f"{path}:6: the key 'x' is already the key of city 1",
    ]


@pytest.mark.parametrize("text", ["", "cities: []\n", "cities: aachen\n", "- aachen\n"])
def test_a_file_without_cities(folder: Path, text: str) -> None:
    with pytest.raises(FederationFileError, match="expected 'cities:'"):
        read_federation(federation_file(folder, text))


def test_a_yaml_mistake_names_its_line(folder: Path) -> None:
    with pytest.raises(FederationFileError, match=r"land.yaml:3: YAML syntax error: the .\[. on line 2"):
        read_federation(federation_file(folder, "cities:\n  - path: [aachen\n"))
