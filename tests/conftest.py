"""Shared fixtures: small data repositories on disk, copied fresh for every test.

Helpers a test calls with its own arguments (the hand-made report repository, git work
trees) are in ``tests/helpers.py``.

The suite speaks English: ``INTEG_LANG=en`` is set here, before any test module imports
integ (Typer reads some of its strings as it is imported), and so is inherited by the
subprocesses tests start. A test that asserts German asks for the :func:`german` fixture; :func:`english`
switches back after every test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from integ_cli import i18n

os.environ["INTEG_LANG"] = "en"
i18n.setup("en")

from tests.helpers import CHROMIUM, GitWork, missing_browser_tools  # noqa: E402  (after the language is set: it imports integ)

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Temporary files of integ (the copy ``integ edit`` hands the editor) go to the
    test's own folder, in this process and in the ones it starts: nothing is left in
    the machine's ``$TMPDIR``."""
    import tempfile

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture(autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``integ validate`` keeps its results in the test's own cache folder, in this
    process and in the ones it starts: never in the user's, never shared by two tests,
    and outside ``tmp_path`` (tests compare what is there before and after a command)."""
    home = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("INTEG_NO_CACHE", raising=False)
    return home


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever the language of the test run's locale."""
    monkeypatch.setenv("INTEG_LANG", "en")
    i18n.setup("en")
    yield
    i18n.setup("en")


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """This test speaks German, as a user with no language set sees integ (and the
    processes it starts too); :func:`english` switches back afterwards."""
    monkeypatch.setenv("INTEG_LANG", "de")
    i18n.setup("de")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the valid mini repository (2 fields, 3 measures), as the cwd."""
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minirepo", dest)
    monkeypatch.chdir(dest)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return dest


@pytest.fixture
def no_outer_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git must not find a repository above tmp_path (the tests decide where one is)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def work(repo: Path, no_outer_git: None) -> GitWork:
    """The mini repository (the ``repo`` fixture, as the cwd) as a git work tree, committed once."""
    work = GitWork(repo)
    work.commit("Erster Stand", date="2025-12-01T09:00:00+01:00")
    return work


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by Playwright, for the browser tests. Where a tool is
    missing the test skips and says what to install; in CI (``CI`` set) it fails, since
    CI must run them (``.ci/run`` installs them)."""
    missing = missing_browser_tools()
    if missing:
        reason = "the browser tests need " + ", ".join(missing) + "; .ci/run installs them"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file's text (fails loudly if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
