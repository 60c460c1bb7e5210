"""Helpers shared by the spreadsheet tests and the command-line tests of export and import."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

from integ_cli.authoring.records import measure_schema
from integ_cli.checking.catalogue import Catalogue, load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.files.loading import load_document
from integ_cli.spreadsheet import write as export
from integ_cli.spreadsheet.layout import Layout, layout_for
from tests.conftest import PROJECT


def copy_bundled(tmp_path: Path) -> Path:
    """A copy of the bundled example data (30 measures), safe to change."""
    root = tmp_path / "city"
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    return root


def catalogue_of(root: Path) -> Catalogue:
    return load_catalogue(root, select=select_all)


def layout_of(root: Path) -> Layout:
    return layout_for(measure_schema(root))


def measures_of(catalogue: Catalogue) -> list[dict[str, Any]]:
    return sorted((m.data for m in catalogue.measures), key=lambda data: data["id"])


def export_xlsx(root: Path, target: Path, template: bool = False) -> Path:
    """Export every measure of ``root`` (none for a template) to ``target``."""
    catalogue = catalogue_of(root)
    measures = [] if template else measures_of(catalogue)
    target.write_bytes(export.xlsx_bytes(export.workbook(layout_of(root), measures, export.lists_of(catalogue))))
    return target


def export_csv(root: Path, target: Path) -> Path:
    target.write_text(export.csv_text(layout_of(root), measures_of(catalogue_of(root))), encoding="utf-8", newline="")
    return target


def headers(ws: Any) -> dict[str, str]:
    """Property name -> column letter of a sheet's header row."""
    return {str(c.value).rsplit("(", 1)[1].rstrip(")"): c.column_letter for c in ws[1] if c.value}


def row_of(ws: Any, measure_id: str) -> int:
    return next(c.row for c in ws["A"] if c.value == measure_id)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every data file's bytes, by path: to show that nothing (or exactly what) changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def record(root: Path, measure_id: str) -> dict[str, Any]:
    rel = f"data/measures/{measure_id}.yaml"
    document = load_document((root / rel).read_bytes(), rel)
    assert document is not None
    return dict(document.data)


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def valid(root: Path) -> None:
    catalogue = load_catalogue(root)
    assert catalogue.ok, catalogue.problems
