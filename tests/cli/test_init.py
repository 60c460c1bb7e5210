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
    assert "created stadt (15 files)" in result.stderr
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
    [hook] = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["entry"] == "integ validate" and hook["pass_filenames"] is False
    assert "integ-junit.xml" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()


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


def _git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_pre_commit_hook_stops_a_bad_commit(workdir: Path) -> None:
    """The real pre-commit, offline: the scaffold's hook is `repo: local`."""
    pre_commit = shutil.which("pre-commit", path=str(BIN))
    if pre_commit is None or shutil.which("git") is None:
        pytest.skip("pre-commit (pip install pre-commit) and git are needed")
    assert runner.invoke(app, ["init", "stadt"]).exit_code == 0
    root = workdir / "stadt"
    (workdir / "gitconfig").write_text("[user]\n  name = Test\n  email = test@example.org\n", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(workdir / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": str(workdir / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    assert _git("init", "-q", cwd=root, env=env).returncode == 0
    installed = subprocess.run([pre_commit, "install"], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git("add", "-A", cwd=root, env=env)
    first = _git("commit", "-qm", "Scaffold", cwd=root, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "integ validate" in first.stdout + first.stderr and "Passed" in first.stdout + first.stderr
    (root / "data/fields/sprache.yaml").write_text("schema_version: 1\nid: sprache\n", encoding="utf-8")
    _git("add", "-A", cwd=root, env=env)
    second = _git("commit", "-qm", "Broken field", cwd=root, env=env)
    assert second.returncode == 1
    assert "data/fields/sprache.yaml:1:1: error: the record lacks the required key 'name'" in second.stderr
    assert _git("log", "--oneline", cwd=root, env=env).stdout.count("\n") == 1
