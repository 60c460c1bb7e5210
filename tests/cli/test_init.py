"""``integ init`` through the CLI: the new repository validates at once; nothing is overwritten."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.conftest import PROJECT

runner = CliRunner()
BIN = Path(sys.executable).parent


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder outside any data repository, as the cwd."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def validate(path: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--repo", str(path), "validate"])
    return result.exit_code, result.stdout, result.stderr


def test_new_repository_validates_at_once(workdir: Path) -> None:
    result = runner.invoke(app, ["init", "stadt"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "created stadt (17 files)" in result.stderr
    assert "git init && pre-commit install" in result.stderr
    assert validate(workdir / "stadt") == (0, "", "3 files checked: no problems\n")


def test_example_repository_validates_at_once(workdir: Path) -> None:
    result = runner.invoke(app, ["init", "demo", "--example"])
    assert result.exit_code == 0, result.stderr
    measures = sorted(p.name for p in (workdir / "demo/data/measures").iterdir())
    assert measures == sorted(p.name for p in (PROJECT / "data/measures").iterdir())
    code, stdout, stderr = validate(workdir / "demo")
    assert (code, stdout) == (0, "")
    assert "no problems" in stderr


def test_city_names_the_city_wide_district(workdir: Path) -> None:
    result = runner.invoke(app, ["init", "koeln", "--city", "Köln"])
    assert result.exit_code == 0, result.stderr
    districts = yaml.safe_load((workdir / "koeln/data/districts.yaml").read_text(encoding="utf-8"))
    assert districts["entries"][0]["name"] == "Gesamtstadt Köln (stadtweit)"
    assert validate(workdir / "koeln")[0] == 0


def test_refuses_a_folder_that_is_not_empty(workdir: Path) -> None:
    (workdir / "stadt").mkdir()
    (workdir / "stadt/notizen.md").write_text("meins\n", encoding="utf-8")
    result = runner.invoke(app, ["init", "stadt"])
    assert result.exit_code == 2
    assert result.stderr == (
        "integ: error: 'stadt' is not empty (it holds notizen.md); integ init writes only into a new or empty folder\n"
    )
    assert sorted(p.name for p in (workdir / "stadt").iterdir()) == ["notizen.md"]


def test_refuses_to_scaffold_over_an_existing_repository(workdir: Path) -> None:
    assert runner.invoke(app, ["init", "stadt"]).exit_code == 0
    before = {p: p.read_bytes() for p in (workdir / "stadt").rglob("*") if p.is_file()}
    result = runner.invoke(app, ["init", "stadt", "--example"])
    assert result.exit_code == 2
    assert "is not empty" in result.stderr
    assert {p: p.read_bytes() for p in (workdir / "stadt").rglob("*") if p.is_file()} == before


def test_a_cloned_empty_repository_is_fine(workdir: Path) -> None:
    (workdir / "stadt/.git").mkdir(parents=True)
    result = runner.invoke(app, ["init", "stadt"])
    assert result.exit_code == 0, result.stderr
    assert "git init" not in result.stderr
    assert "pre-commit install" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "x", "--example", "--city", "Köln"], "--city names the city of an empty repository"),
        (["init", "x", "--city", ""], "--city is empty"),
        (["init", "file.txt"], "'file.txt' exists and is not a folder"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(workdir: Path, args: list[str], message: str) -> None:
    (workdir / "file.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["file.txt"]


def test_init_without_path_is_a_usage_error(workdir: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 2


def test_ci_and_pre_commit_files_are_what_they_say(workdir: Path) -> None:
    assert runner.invoke(app, ["init", "stadt"]).exit_code == 0
    root = workdir / "stadt"
    github = yaml.safe_load((root / ".github/workflows/integ.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["validate"]["steps"]
    assert {"run": "integ validate"} in steps
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))["integ-validate"]
    assert "integ validate --format junit > integ-junit.xml || true" in gitlab["script"]
    assert gitlab["artifacts"] == {"when": "always", "reports": {"junit": "integ-junit.xml"}}
    [repo] = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    [hook] = repo["hooks"]
    offered = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [definition] = [entry for entry in offered if entry["id"] == hook["id"]]
    assert definition["entry"] == "integ validate" and definition["pass_filenames"] is False
    assert "integ-junit.xml" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_ci_and_pre_commit_install_integ_from_its_pinned_source_repository(workdir: Path) -> None:
    """No package index: a name registered there later would run in every city's CI."""
    source, rev = "https://git.stadt.example/it/integ.git", "0123456789abcdef0123456789abcdef01234567"
    result = runner.invoke(app, ["init", "stadt", "--source", source, "--rev", rev])
    assert result.exit_code == 0, result.stderr
    assert "placeholder" not in result.stderr
    root = workdir / "stadt"
    job = yaml.safe_load((root / ".github/workflows/integ.yml").read_text(encoding="utf-8"))["jobs"]["validate"]
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))["integ-validate"]
    install = 'python -m pip install "git+$INTEG_SOURCE@$INTEG_REV"'
    for settings, commands in (
        (job["env"], [step.get("run") for step in job["steps"]]),
        (gitlab["variables"], gitlab["script"]),
    ):
        assert settings == {"INTEG_SOURCE": source, "INTEG_REV": rev}
        assert commands.index(install) < commands.index("integ validate")
    [repo] = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert (repo["repo"], repo["rev"], repo["hooks"]) == (source, rev, [{"id": "integ-validate-all"}])
    for name in (".github/workflows/integ.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        text = (root / name).read_text(encoding="utf-8")
        assert "integ==" not in text and "pip install integ" not in text, name


def test_by_default_integ_comes_from_the_named_placeholder_at_this_version(workdir: Path) -> None:
    from integ_cli import __version__
    from integ_cli.scaffold.files import INTEG_SOURCE

    result = runner.invoke(app, ["init", "stadt"])
    assert result.exit_code == 0, result.stderr
    assert f"note: CI and pre-commit install integ from {INTEG_SOURCE}, a placeholder" in result.stderr
    [repo] = yaml.safe_load((workdir / "stadt/.pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert (repo["repo"], repo["rev"]) == (INTEG_SOURCE, f"v{__version__}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rev", "main"], "--rev 'main' looks like a branch"),
        (["--rev", ""], "looks like a branch"),
        (["--source", "http://insecure.example/integ.git"], "is not a repository URL"),
        (["--source", "https://x.example/$(id)"], "is not a repository URL"),
        (["--source", "https://x.example/a b"], "is not a repository URL"),
        (["--source", "git@x.example:integ.git"], "is not a repository URL"),
    ],
)
def test_an_unpinned_rev_or_odd_source_is_refused(workdir: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["init", "stadt", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (workdir / "stadt").exists()


def test_the_generated_ci_files_fit_their_platforms_schemas(workdir: Path) -> None:
    """Structure, by the CI platforms' own schemas (shipped with check-jsonschema, offline)."""
    checker = shutil.which("check-jsonschema", path=str(BIN))
    if checker is None:
        pytest.skip("check-jsonschema is not installed (it is in the test extras)")
    assert runner.invoke(app, ["init", "stadt"]).exit_code == 0
    for schema, name in (
        ("vendor.github-workflows", ".github/workflows/integ.yml"),
        ("vendor.github-workflows", ".github/workflows/site.yml"),
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
    ):
        result = subprocess.run(
            [checker, "--builtin-schema", schema, str(workdir / "stadt" / name)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_accepts_the_generated_workflow(workdir: Path) -> None:
    actionlint = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if actionlint is None:
        pytest.skip("actionlint is not installed (a Go binary; its PyPI wrapper needs to download it when built)")
    assert runner.invoke(app, ["init", "stadt"]).exit_code == 0
    workflow = workdir / "stadt/.github/workflows/integ.yml"
    result = subprocess.run([actionlint, "-no-color", str(workflow)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docs_show_the_ci_files_that_init_writes(workdir: Path) -> None:
    """docs/ci.md and the scaffolded CI files run the same steps."""
    import re

    assert runner.invoke(app, ["init", "stadt"]).exit_code == 0
    docs = [
        yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", (PROJECT / "docs/ci.md").read_text("utf-8"), re.S)
    ]
    github = yaml.safe_load((workdir / "stadt/.github/workflows/integ.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((workdir / "stadt/.gitlab-ci.yml").read_text(encoding="utf-8"))
    assert docs[0]["jobs"]["validate"]["steps"] == github["jobs"]["validate"]["steps"]
    assert docs[0]["jobs"]["validate"]["env"] == github["jobs"]["validate"]["env"]
    assert docs[1]["integ-validate"]["variables"] == gitlab["integ-validate"]["variables"]
    assert docs[1]["integ-validate"]["script"] == gitlab["integ-validate"]["script"]
    assert docs[1]["integ-validate"]["artifacts"] == gitlab["integ-validate"]["artifacts"]


def test_check_jsonschema_accepts_the_scaffolded_vocabularies(workdir: Path) -> None:
    checker = shutil.which("check-jsonschema", path=str(BIN))
    if checker is None:
        pytest.skip("check-jsonschema is not installed (it is in the test extras)")
    assert runner.invoke(app, ["init", "stadt", "--city", "Köln"]).exit_code == 0
    root = workdir / "stadt"
    for name in ("target-groups", "actors", "districts"):
        schema, data = root / f"schemas/{name}.schema.json", root / f"data/{name}.yaml"
        result = subprocess.run(
            [checker, "--schemafile", str(schema), str(data)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_installed_command_validates_from_inside_the_new_repository(workdir: Path) -> None:
    integ = shutil.which("integ", path=str(BIN))
    assert integ is not None
    made = subprocess.run([integ, "init", "stadt"], capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    checked = subprocess.run(
        [integ, "validate"], capture_output=True, text=True, cwd=workdir / "stadt/data/measures", check=False
    )
    assert checked.returncode == 0
    assert checked.stderr == "3 files checked: no problems\n"


def test_start_up_imports_no_core_module() -> None:
    """Registering init and schema keeps `integ --help` as light as Typer itself."""
    code = (
        "import sys, integ_cli.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('integ_cli.scaffold', 'integ_cli.checking.schema', "
        "'integ_cli.files.repository', 'yaml', 'jsonschema_rs'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_next_steps_in_german(workdir: Path, german: None) -> None:
    result = runner.invoke(app, ["init", "stadt"])
    assert result.exit_code == 0, result.stderr
    assert "stadt angelegt (17 Dateien); als Nächstes:\n" in result.stderr
    assert "pre-commit install     # jeden Commit prüfen (siehe .pre-commit-config.yaml)\n" in result.stderr
    assert "integ: Hinweis: CI und pre-commit installieren integ von " in result.stderr
