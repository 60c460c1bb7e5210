"""Shared fixtures: small data repositories on disk, copied fresh for every test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the valid mini repository (2 fields, 3 measures), as the cwd."""
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minirepo", dest)
    monkeypatch.chdir(dest)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file's text (fails loudly if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
