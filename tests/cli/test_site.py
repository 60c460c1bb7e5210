"""``integ site`` through the CLI: the folder it writes, dates, the preview, usage errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.site import serve
from tests.helpers import make_repo

runner = CliRunner()
#: 2026-03-01 00:00:00 UTC.
EPOCH = "1772323200"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_is_written_to_the_folder(data: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["site", "--output", str(tmp_path / "public"), "--date", "01.03.2026"])
    assert result.exit_code == 0, result.output
    written = files(tmp_path / "public")
    assert {"index.html", "suche.html", "barrierefreiheit.html", "static/site.css", "static/search.js"} <= set(written)
    assert "massnahmen/wohnen-002.html" not in written  # internal
    assert b"Data as of 2026-03-01." in written["index.html"]
    assert "site written to" in result.stderr and "pages" in result.stderr


def test_source_date_epoch_and_date_give_the_same_bytes(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["site", "-o", str(tmp_path / "a"), "--date", "2026-03-01"]).exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert runner.invoke(app, ["site", "-o", str(tmp_path / "b")]).exit_code == 0
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_an_output_that_is_a_file_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["site", "--output", str(target)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "x"


def test_a_wrong_date_and_a_missing_output_are_usage_errors(data: Path, tmp_path: Path) -> None:
    wrong = runner.invoke(app, ["site", "--output", str(tmp_path / "p"), "--date", "31.02.2026"])
    assert wrong.exit_code == 2
    assert "--date" in wrong.stderr
    assert not (tmp_path / "p").exists()
    assert runner.invoke(app, ["site"]).exit_code == 2


def test_serve_previews_the_folder_on_loopback_until_interrupted(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    real = serve.preview_server

    def interrupted(folder: Path, port: int) -> Any:
        server = real(folder, 0)
        started.append((folder, port, server.server_address[0]))

        def stop() -> None:
            raise KeyboardInterrupt

        server.serve_forever = stop  # type: ignore[method-assign]
        return server

    monkeypatch.setattr(serve, "preview_server", interrupted)
    result = runner.invoke(app, ["site", "-o", str(tmp_path / "p"), "--serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert started == [(tmp_path / "p", 8123, "127.0.0.1")]
    assert "preview at http://127.0.0.1:" in result.stderr
    assert "preview ended" in result.stderr


def test_the_help_speaks_german(german: None) -> None:
    result = runner.invoke(app, ["site", "--help"], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "Die öffentliche Website des Konzepts erstellen" in result.stdout
    assert "Der Ordner, in den die Website geschrieben wird" in result.stdout


def test_internal_measures_only_with_internal(data: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["site", "-o", str(tmp_path / "p"), "--internal", "--date", "2026-03-01"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "p" / "massnahmen" / "wohnen-002.html").read_text(encoding="utf-8")
    assert "not for publication" in page
