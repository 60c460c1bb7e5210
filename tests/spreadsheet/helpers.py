"""Helpers shared by the spreadsheet tests and the command-line tests of export and import."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterable
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


_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Maßnahmen" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
SHEET_PART = "xl/worksheets/sheet1.xml"


def raw_workbook(path: Path, rows: str | bytes | Iterable[bytes], **parts: bytes) -> Path:
    """A workbook written part by part, its one sheet 'Maßnahmen' holding ``rows`` (the
    XML inside ``<sheetData>``, or pieces of it, written one after another so that a
    huge sheet needs no memory): cells no spreadsheet program would write, far away or
    hostile. ``parts`` replaces or adds parts (by path in the zip)."""
    import zipfile

    pieces = [rows.encode()] if isinstance(rows, str) else [rows] if isinstance(rows, bytes) else rows
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**_PARTS, **parts}.items():
            archive.writestr(name, text)
        if SHEET_PART not in parts:
            with archive.open(SHEET_PART, "w", force_zip64=True) as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                for piece in pieces:
                    sheet.write(piece)
                sheet.write(b"</sheetData></worksheet>")
    return path


def inline(ref: str, text: str) -> str:
    """One text cell, as the sheet XML writes it."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
