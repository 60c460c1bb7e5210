"""The pre-commit hooks integ offers (.pre-commit-hooks.yaml) and the project's own config."""

from __future__ import annotations

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
