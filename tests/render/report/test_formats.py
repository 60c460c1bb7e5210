"""The report's renderer table: each format's renderer gives that format, and only its
own module is imported (a report in one format does not import the others)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.render.report.formats import RENDERERS
from tests.helpers import make_repo

#: Each format's module, and how its output starts.
STARTS = {
    "table": ("terminal", "Report on"),
    "text": ("terminal", "REPORT ON"),
    "md": ("markdown", "# Report on"),
    "html": ("html", "<!DOCTYPE html>"),
    "json": ("json", "{"),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("formats") / "repo")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_each_format_is_drawn_by_its_renderer(root: Path, fmt: str) -> None:
    result = CliRunner().invoke(
        app, ["--repo", str(root), "report", "--format", fmt], env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(STARTS[fmt][1])


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_report_imports_only_its_formats_renderer(root: Path, fmt: str) -> None:
    code = (
        "import sys; from integ_cli.cli.app import main; sys.argv = ['integ', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('integ_cli.render.report.')), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--repo", str(root), "report", "--format", fmt],
        capture_output=True,
        text=True,
        check=True,
        env={"SOURCE_DATE_EPOCH": "1767225600", "INTEG_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    imported = result.stderr.strip().splitlines()[-1]
    others = {module for module, _start in STARTS.values()} - {STARTS[fmt][0]}
    assert f"integ_cli.render.report.{STARTS[fmt][0]}'" in imported
    assert not [module for module in others if f"integ_cli.render.report.{module}'" in imported]
