"""The pre-commit hooks integ offers (.pre-commit-hooks.yaml) and the project's own config."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT

MANIFEST = PROJECT / ".pre-commit-hooks.yaml"
CONFIG = PROJECT / ".pre-commit-config.yaml"


def hooks(path: Path) -> dict[str, dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = document if isinstance(document, list) else [h for repo in document["repos"] for h in repo["hooks"]]
    return {hook["id"]: hook for hook in found}


def test_manifest_offers_the_per_file_and_the_whole_repository_hook() -> None:
    offered = hooks(MANIFEST)
    assert set(offered) == {"integ-validate", "integ-validate-all"}
    per_file, everything = offered["integ-validate"], offered["integ-validate-all"]
    assert per_file["entry"] == everything["entry"] == "integ validate"
    assert per_file["language"] == everything["language"] == "python"
    assert everything["pass_filenames"] is False and everything["always_run"] is True
    files = re.compile(per_file["files"])
    for path in (
        "data/measures/sprache-001.yaml",
        "data/actors.yaml",
        "data/fields/x.yml",
        "schemas/measure.schema.json",
    ):
        assert files.search(path), path
    for path in ("data/README.md", "tests/fixtures/data/x.yaml", "x/data/a.yaml"):
        assert not files.search(path), path


def test_project_dogfoods_its_hook_locally_with_ruff() -> None:
    document = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in document["repos"]] == ["local"]
    configured = hooks(CONFIG)
    offered = hooks(MANIFEST)["integ-validate"]
    own = configured["integ-validate"]
    assert (own["entry"], own["files"]) == (offered["entry"], offered["files"])
    assert own["language"] in ("system", "python")
    assert {"ruff-check", "ruff-format"} <= set(configured)


def test_pre_commit_accepts_manifest_and_config() -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    for command, path in (("validate-manifest", MANIFEST), ("validate-config", CONFIG)):
        result = subprocess.run([pre_commit, command, str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the session: it builds integ's hook environment once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_a_new_data_repository_checks_commits_with_integ_installed_nowhere_on_path(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    """The scaffold's default hook, as a city gets it: pre-commit installs integ itself
    from its source repository (here this checkout, at its last commit) into its own
    environment, so a commit made where no integ is on PATH (an editor's Git panel) is
    checked. Needs git and a package index for integ's dependencies (about a minute once
    per session, then cached)."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    git = shutil.which("git")
    if pre_commit is None or git is None:
        pytest.skip("pre-commit (pip install pre-commit) and git are needed")
    head = subprocess.run([git, "-C", str(PROJECT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository, so pre-commit cannot install integ from it")
    path = str(Path(git).parent)  # git, and the shell its hook script runs in
    assert shutil.which("integ", path=path) is None, f"integ is on {path}; the test needs a PATH without it"
    root = tmp_path / "stadt"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "integ_cli",
            "init",
            str(root),
            "--source",
            PROJECT.as_uri(),
            "--rev",
            head.stdout.strip(),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    (tmp_path / "gitconfig").write_text("[user]\n  name = Test\n  email = test@example.org\n", encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "INTEG_REPO", "GITHUB_ACTIONS")},
        "PATH": path,
        "PRE_COMMIT_HOME": str(pre_commit_home),
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
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
