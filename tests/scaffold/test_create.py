"""The scaffold of a new data repository: what it holds, where it may be written, atomic writes."""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.schema import PACKAGED
from integ_cli.files.atomic import replace_file
from integ_cli.files.loading import load_document
from integ_cli.files.outputs import OutputRefused
from integ_cli.files.repository import KINDS, is_repository
from integ_cli.scaffold import create as scaffold
from integ_cli.scaffold.create import ScaffoldError, check_city, create, export_schemas, plan
from integ_cli.scaffold.files import INTEG_SOURCE
from tests.conftest import PROJECT

VOCABULARIES = ("target-groups", "actors", "districts")


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_plan_holds_the_layout_schemas_and_tooling() -> None:
    files = plan()
    assert set(files) == {
        "data/README.md",
        "data/fields/.gitkeep",
        "data/measures/.gitkeep",
        *(f"data/{name}.yaml" for name in VOCABULARIES),
        *(f"schemas/{kind}.schema.json" for kind in KINDS),
        ".pre-commit-config.yaml",
        ".gitignore",
        ".github/workflows/integ.yml",
        ".github/workflows/site.yml",
        ".gitlab-ci.yml",
    }
    for kind in KINDS:
        assert files[f"schemas/{kind}.schema.json"] == (PACKAGED / f"{kind}.schema.json").read_bytes()


@pytest.mark.parametrize("name", VOCABULARIES)
def test_vocabularies_start_with_the_editor_hint_and_a_comment(name: str) -> None:
    text = plan()[f"data/{name}.yaml"].decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"
    assert lines[1].startswith("# ") and len(lines[1]) > 20
    data = yaml.safe_load(text)
    assert data["schema_version"] == 1
    if name == "districts":
        assert data["entries"] == [
            {
                "id": "stadtweit",
                "name": "Gesamtstadt (stadtweit)",
                "description": data["entries"][0]["description"],
                "city_wide": True,
            }
        ]
    else:
        assert data["entries"] == []


@pytest.mark.parametrize("city", ["Köln", 'Stadt "X": #1', "Mülheim an der Ruhr", "a\\b"])
def test_city_names_the_city_wide_district_and_the_readme(city: str) -> None:
    files = plan(city=city)
    document = load_document(files["data/districts.yaml"], "data/districts.yaml")
    assert document is not None
    assert document.data["entries"][0]["name"] == f"Gesamtstadt {city} (stadtweit)"
    assert files["data/README.md"].decode("utf-8").startswith(f"# Integrationskonzept {city}\n")


@pytest.mark.parametrize(
    ("city", "message"),
    [("", "empty"), ("   ", "empty"), ("a\nb", "one line"), ("a\x00b", "control"), ("x" * 101, "longer")],
)
def test_unusable_city_names_are_refused(city: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        check_city(city)


def test_city_is_trimmed() -> None:
    assert check_city("  Aachen ") == "Aachen"


def test_example_copies_the_bundled_data() -> None:
    files = plan(example=True)
    bundled = {
        f"data/{path.relative_to(PROJECT / 'data').as_posix()}": path.read_bytes()
        for path in (PROJECT / "data").rglob("*")
        if path.is_file()
    }
    assert {rel: data for rel, data in files.items() if rel.startswith("data/")} == bundled
    assert "schemas/measure.schema.json" in files


def test_example_data_found_is_the_bundled_data() -> None:
    """Installed from a wheel or editable, ``--example`` copies this checkout's data."""
    found = scaffold.example_data()
    ours = {p.relative_to(PROJECT / "data"): p.read_bytes() for p in (PROJECT / "data").rglob("*") if p.is_file()}
    theirs = {p.relative_to(found): p.read_bytes() for p in found.rglob("*") if p.is_file()}
    assert theirs == ours


def test_example_and_city_do_not_go_together() -> None:
    with pytest.raises(ScaffoldError, match="--city"):
        plan(city="Köln", example=True)


def _uncommented_entries(text: str) -> str:
    """The example entries in a vocabulary's comment, as YAML list lines."""
    return "".join(line[len("#   ") :] + "\n" for line in text.splitlines() if re.match(r"#   ( |-)", line))


def test_the_examples_in_comments_and_readme_are_valid(tmp_path: Path) -> None:
    """A user who uncomments the examples and copies the README's templates gets valid data."""
    files = dict(plan())
    for name in VOCABULARIES:
        text = files[f"data/{name}.yaml"].decode("utf-8")
        example = _uncommented_entries(text)
        assert example, name
        indented = "".join(f"  {line}\n" for line in example.splitlines())
        text = text.replace("entries: []\n", "entries:\n") + indented
        files[f"data/{name}.yaml"] = text.encode("utf-8")
    readme = files["data/README.md"].decode("utf-8")
    blocks = [
        "\n".join(line[3:] for line in block.splitlines())
        for block in re.findall(r"   ```yaml\n(.*?)\n   ```", readme, re.S)
    ]
    assert len(blocks) == 2
    files["data/fields/sprache.yaml"] = blocks[0].encode("utf-8")
    files["data/measures/sprache-001.yaml"] = blocks[1].encode("utf-8")
    create(tmp_path / "repo", files)
    catalogue = load_catalogue(tmp_path / "repo")
    assert catalogue.problems == []
    assert len(catalogue.checked) == 5


def test_create_writes_a_repository_into_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "stadt"
    written = create(target, plan())
    assert is_repository(target)
    assert sorted(p.relative_to(target.resolve()).as_posix() for p in written) == sorted(plan())
    assert not [p for p in target.rglob("*.tmp")]
    mode = stat.S_IMODE((target / "data/actors.yaml").stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_create_accepts_an_empty_folder_and_one_holding_only_git(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    create(tmp_path / "empty", plan())
    (tmp_path / "cloned" / ".git").mkdir(parents=True)
    (tmp_path / "cloned" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    create(tmp_path / "cloned", plan())
    assert (tmp_path / "cloned" / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"


def test_create_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = listing(tmp_path)
    with pytest.raises(ScaffoldError, match=r"is not empty \(it holds notes.txt\)"):
        create(tmp_path, plan())
    assert listing(tmp_path) == before


def test_create_refuses_a_file_and_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is not a folder"):
        create(tmp_path / "file", plan())
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    with pytest.raises(ScaffoldError, match="broken symbolic link"):
        create(tmp_path / "link", plan())
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("rel", ["../escape.txt", "/tmp/escape.txt", "data/../../escape.txt", "a\\..\\b", ""])
def test_create_never_writes_outside_the_target(tmp_path: Path, rel: str) -> None:
    target = tmp_path / "new"
    with pytest.raises(ScaffoldError, match="refusing to write"):
        create(target, {"data/README.md": b"x", rel: b"escaped"})
    assert listing(tmp_path) == []  # the partial scaffold is removed again


def test_a_failed_create_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return replace_file(path, data)

    monkeypatch.setattr(scaffold, "replace_file", failing)
    (tmp_path / "empty").mkdir()
    with pytest.raises(OSError, match="No space"):
        create(tmp_path / "empty", plan())
    assert listing(tmp_path) == ["empty"]
    with pytest.raises(OSError, match="No space"):
        calls.clear()
        create(tmp_path / "new" / "city", plan())
    assert listing(tmp_path) == ["empty"]


def test_export_schemas_writes_the_governing_ones(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(PACKAGED, repo / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "schemas/actors.schema.json").write_text('{"title": "own"}\n', encoding="utf-8")
    written = export_schemas(repo, tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(f"{kind}.schema.json" for kind in KINDS)
    assert (tmp_path / "out/actors.schema.json").read_text(encoding="utf-8") == '{"title": "own"}\n'
    assert (tmp_path / "out/measure.schema.json").read_bytes() == (PACKAGED / "measure.schema.json").read_bytes()
    with pytest.raises(OutputRefused, match="inside schemas/"):  # the schemas' own folder is not an output
        export_schemas(repo, repo / "schemas")
    assert (repo / "schemas/actors.schema.json").read_text(encoding="utf-8") == '{"title": "own"}\n'


def test_export_schemas_refuses_a_file_as_folder(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is not a folder"):
        export_schemas(None, tmp_path / "out")


def test_ci_and_pre_commit_name_the_source_and_rev_they_install() -> None:
    files = plan(source="ssh://git@git.stadt.example/it/integ.git", rev="v2.0.1")
    for name in (
        ".github/workflows/integ.yml",
        ".github/workflows/site.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
    ):
        text = files[name].decode("utf-8")
        assert '"ssh://git@git.stadt.example/it/integ.git"' in text and '"v2.0.1"' in text, name
        assert INTEG_SOURCE not in text, name


@pytest.mark.parametrize(
    "source", ["https://git.example.org/integ/integ.git", "ssh://git@host:2222/integ.git", "file:///srv/git/integ"]
)
def test_repository_urls_are_accepted(source: str) -> None:
    assert scaffold.check_source(source) == source


@pytest.mark.parametrize(
    "source",
    ["", "integ", "/srv/git/integ", "http://host/integ.git", "https://host/a b", 'https://host/"x', "https://h/$X",
     "https://host/../x", "https://host/x\n- run: evil", "git@host:integ.git"],
)  # fmt: skip
def test_other_sources_are_refused(source: str) -> None:
    with pytest.raises(ScaffoldError, match="is not a repository URL"):
        scaffold.check_source(source)


@pytest.mark.parametrize("rev", ["v0.1.0", "1.2", "v1.2.3-rc.1", "c855fb6", "0123456789abcdef0123456789abcdef01234567"])
def test_tags_and_commits_are_accepted(rev: str) -> None:
    assert scaffold.check_rev(rev) == rev


@pytest.mark.parametrize("rev", ["", "main", "master", "HEAD", "develop", "v1", "abc", "-v1.0", "v1.0 x", "v1.0\n"])
def test_what_looks_like_a_branch_is_refused(rev: str) -> None:
    with pytest.raises(ScaffoldError, match="looks like a branch"):
        scaffold.check_rev(rev)


@pytest.mark.parametrize("city", ["Köln", 'Stadt "X": #1'])
def test_a_named_city_gets_a_concept_record_naming_it(city: str, tmp_path: Path) -> None:
    from integ_cli.concept.load import load_concept

    for rel, content in plan(city=city).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(content)
    loaded = load_concept(tmp_path)
    assert loaded.problems == [] and loaded.concept is not None
    assert (loaded.concept.municipality.name, loaded.concept.title) == (city, f"Integrationskonzept {city}")
    assert "data/concept.yaml" not in plan()


def test_the_built_site_is_not_committed_and_the_readme_says_how_it_is_published() -> None:
    files = plan()
    assert "public/" in files[".gitignore"].decode("utf-8").splitlines()
    readme = files["data/README.md"].decode("utf-8")
    assert "integ site --output public" in readme and "GitHub Pages" in readme and "GitLab Pages" in readme
