"""The exported workbook and CSV: layout, text cells, drop-downs, widths, instructions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from integ_cli.spreadsheet import write as export
from integ_cli.spreadsheet.csvdialect import number
from integ_cli.spreadsheet.layout import layout_for
from tests.spreadsheet.helpers import export_csv, export_xlsx, headers, layout_of, row_of


def test_sheets_in_order_lists_hidden(bundled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))
    assert book.sheetnames == [
        "Maßnahmen",
        "Budget",
        "Stellen",
        "Indikatoren",
        "Meilensteine",
        "Sachstände",
        "Beschlüsse",
        "Beratungsfolge",
        "Links",
        "Anleitung",
        "Listen",
    ]
    assert book["Listen"].sheet_state == "hidden"
    assert book.active.title == "Maßnahmen"
    for title in ("Maßnahmen", "Budget", "Indikatoren", "Links"):
        assert book[title].freeze_panes == "B2"
        assert book[title]["A1"].font.bold


def test_one_row_per_measure_and_per_budget_line(bundled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))
    measures = book["Maßnahmen"]
    assert measures["A1"].value == "Maßnahme-ID (id)"
    assert measures.max_row == 31
    budget = book["Budget"]
    cols = headers(budget)
    lines = [
        (r[0].value, r[1].value, r[2].value, r[5].value)
        for r in budget.iter_rows(min_row=2)
        if r[0].value == "sprache-001"
    ]
    assert lines == [("sprache-001", 2024, 35000, "kommunal"), ("sprache-001", 2024, 15000, "Land NRW")]
    assert cols["year"] == "B" and cols["source"] == "F"
    row = row_of(measures, "sprache-001")
    cols = headers(measures)
    assert measures[f"{cols['target_groups']}{row}"].value == "junge-muetter, eltern, frauen, neuzuwanderer"
    assert measures[f"{cols['decision.paper']}{row}"].value == "BEISPIEL-2022/001"
    assert measures[f"{cols['illustrative']}{row}"].value is True


def test_ids_and_dates_are_text_cells_amounts_numbers(bundled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))
    ws = book["Maßnahmen"]
    cols = headers(ws)
    row = row_of(ws, "sprache-001")
    for key, value in (("id", "sprache-001"), ("start", "2022-09-01"), ("decision.date", "2022-06-21")):
        cell = ws[f"{cols[key]}{row}"]
        assert (cell.value, cell.data_type, cell.number_format) == (value, "s", "@")
    assert ws.column_dimensions[cols["start"]].number_format == "@"  # cells typed in later stay text too
    amount = book["Budget"]["C2"]
    assert isinstance(amount.value, int) and amount.data_type == "n"


def test_drop_downs_offer_the_vocabulary(bundled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))
    ws = book["Maßnahmen"]
    cols = headers(ws)
    by_column = {str(v.sqref).split(":")[0].rstrip("0123456789"): v for v in ws.data_validations.dataValidation}
    assert set(by_column) == {cols[k] for k in ("field", "lead", "status", "horizon", "visibility", "decision.outcome")}
    lists = book["Listen"]

    def values(formula: str) -> list[str]:
        cells = lists[formula.split("!")[1].replace("$", "")]
        return [row[0].value for row in cells]

    # a codelist by its German names, in English too: the workbook is the office's German form
    assert values(by_column[cols["status"]].formula1) == [
        "geplant",
        "laufend",
        "abgeschlossen",
        "ausgesetzt",
        "verworfen",
        "ohne Angabe",
    ]
    assert values(by_column[cols["field"]].formula1) == [
        "beratung",
        "sprache",
        "bildung",
        "arbeit",
        "wohnen",
        "freizeit",
        "senioren",
    ]
    assert "vhs-aachen" in values(by_column[cols["lead"]].formula1)
    assert all(v.type == "list" and v.showErrorMessage for v in by_column.values())
    budget = book["Budget"].data_validations.dataValidation
    budget_cols = headers(book["Budget"])
    assert [str(v.sqref).split(":")[0] for v in budget] == [
        f"{budget_cols['source']}2",
        f"{budget_cols['funding_status']}2",
    ]


def test_column_widths_fit_within_bounds(bundled: Path, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))["Maßnahmen"]
    cols = headers(ws)
    widths = {key: ws.column_dimensions[letter].width for key, letter in cols.items()}
    assert all(export.MIN_WIDTH <= w <= export.MAX_WIDTH for w in widths.values())
    assert widths["summary"] == export.MAX_WIDTH
    assert widths["id"] < widths["title"]


def test_instructions_explain_import_and_every_column(bundled: Path, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))["Anleitung"]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    assert "integ import" in text and "neu-1" in text
    assert "Zielgruppen (target_groups) (required)" in text
    assert "Mittelherkunft (source) (required)" in text
    assert "the sheet 'Beratungsfolge' has one row per committee" in text
    assert "Beschluss Nr. (decision) (required): The decision the row belongs to, by its number" in text


def test_instructions_and_notes_in_german(bundled: Path, tmp_path: Path, german: None) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))
    text = "\n".join(str(c.value) for c in book["Anleitung"]["A"] if c.value)
    assert text.startswith("Anleitung: Maßnahmen in Excel bearbeiten und mit integ wieder einlesen")
    assert "Datumsangaben als TT.MM.JJJJ oder JJJJ-MM-TT" in text
    assert "Zielgruppen (target_groups) (Pflichtfeld): " in text
    assert "Werte: geplant, laufend, abgeschlossen, ausgesetzt, verworfen, ohne Angabe." in text
    ws = book["Maßnahmen"]
    cols = headers(ws)
    note = ws[f"{cols['status']}1"].comment.text
    assert note.startswith("Stand der Umsetzung") and note.endswith("\nPflichtfeld.")
    assert book["Budget"][f"{headers(book['Budget'])['planned']}1"].comment.text.startswith("Der ursprüngliche")


def test_drop_downs_offer_german_names_and_name_their_list(bundled: Path, tmp_path: Path, german: None) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))
    ws = book["Maßnahmen"]
    cols = headers(ws)
    status = next(v for v in ws.data_validations.dataValidation if str(v.sqref).startswith(f"{cols['status']}2"))
    offered = [row[0].value for row in book["Listen"][status.formula1.split("!")[1].replace("$", "")]]
    assert offered == ["geplant", "laufend", "abgeschlossen", "ausgesetzt", "verworfen", "ohne Angabe"]
    assert status.error == "Bitte einen Wert aus der Liste 'Status (status)' wählen (im Blatt 'Listen')."
    assert ws[f"{cols['status']}{row_of(ws, 'sprache-001')}"].value == "abgeschlossen"
    field = next(v for v in ws.data_validations.dataValidation if str(v.sqref).startswith(f"{cols['field']}2"))
    assert "'Handlungsfelder'" in field.error  # a vocabulary's drop-down offers its ids, named in 'Listen'


def test_amounts_carry_a_euro_format(bundled: Path, tmp_path: Path) -> None:
    budget = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "x.xlsx"))["Budget"]
    cols = headers(budget)
    for key in ("planned", "revised", "spent"):
        assert budget.column_dimensions[cols[key]].number_format == "#,##0.00 €"
    planned = budget[f"{cols['planned']}2"]
    assert planned.number_format == "#,##0.00 €" and isinstance(planned.value, int)
    assert budget[f"{cols['year']}2"].number_format == "General"


def test_template_has_headers_drop_downs_and_no_rows(bundled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_xlsx(bundled, tmp_path / "t.xlsx", template=True))
    for title in ("Maßnahmen", "Budget", "Indikatoren", "Links"):
        assert book[title].max_row == 1
    assert len(book["Maßnahmen"].data_validations.dataValidation) == 6


def test_text_starting_with_equals_is_not_a_formula(bundled: Path, tmp_path: Path) -> None:
    layout = layout_of(bundled)
    record = {"id": "x-001", "title": "=SUMME(A1:A3)", "status": "planned"}
    path = tmp_path / "f.xlsx"
    path.write_bytes(export.xlsx_bytes(export.workbook(layout, [record], {})))
    ws = openpyxl.load_workbook(path)["Maßnahmen"]
    assert ws[f"{headers(ws)['title']}2"].value == "=SUMME(A1:A3)"
    assert ws[f"{headers(ws)['title']}2"].data_type == "s"


def test_csv_for_german_excel(bundled: Path, tmp_path: Path) -> None:
    raw = export_csv(bundled, tmp_path / "x.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert b"\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 30
    first = next(r for r in rows if r["Maßnahme-ID (id)"] == "sprache-001")
    assert first["Zielgruppen (target_groups)"] == "junge-muetter, eltern, frauen, neuzuwanderer"
    assert first["Beginn (start)"] == "2022-09-01"
    assert first["Beispiel (illustrative)"] == "true"
    assert "Ansatz EUR (planned)" not in first  # lists of budget lines are in the workbook only
    assert first["Status (status)"] == "completed"  # the CSV keeps codes, as a machine format


def test_csv_with_a_decimal_comma(bundled: Path) -> None:
    """A city's schema with a number on the measures sheet (the shipped one has none there)."""
    schema = json.loads((bundled / "schemas/measure.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["share"] = {"description": "Share funded.", "type": "number"}
    layout = layout_for(schema)
    record = {"id": "x-001", "title": "Kurs", "status": "planned", "share": 0.75, "illustrative": True}
    plain, comma = export.csv_text(layout, [record]), export.csv_text(layout, [record], decimal_comma=True)
    assert plain.endswith(";true;0.75\r\n") and comma.endswith(';true;"0,75"\r\n')  # quoted, as commas are
    assert plain.replace(";0.75\r\n", ';"0,75"\r\n') == comma  # nothing else differs
    assert (number(12000.5), number(12000, True)) == ("12000.5", "12000")


def test_any_text_reads_back_as_it_was_written(bundled: Path, tmp_path: Path) -> None:
    """Markup, control characters, Excel's own escapes and blanks at either end stay the
    text they are, in a spreadsheet program and in integ's import."""
    from integ_cli.spreadsheet.xlsx import read_workbook

    titles = ["<r><t>fett</t></r>", "A & B <br> C > D", "Tab\tund\x01Steuerzeichen", "_x0041_ bleibt", "  Rand  "]
    records = [{"id": f"x-00{n}", "title": title, "status": "planned"} for n, title in enumerate(titles, start=1)]
    path = tmp_path / "t.xlsx"
    path.write_bytes(export.xlsx_bytes(export.workbook(layout_of(bundled), records, {})))
    ws = openpyxl.load_workbook(path)["Maßnahmen"]
    column = headers(ws)["title"]
    as_is = [ws[f"{column}{row}"].value for row in (2, 3, 6)]  # openpyxl leaves Excel's _xHHHH_ escapes be
    assert as_is == [titles[0], titles[1], titles[4]]
    grid = read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"]
    index = ord(column) - ord("A")
    assert [cells[index] for _number, cells in grid.rows[1:]] == titles


def test_the_measures_are_read_once_as_they_come(bundled: Path, tmp_path: Path) -> None:
    """A generator will do: each measure's rows go to every sheet as it is read."""
    from tests.spreadsheet.helpers import catalogue_of, measures_of

    measures = measures_of(catalogue_of(bundled))
    path = tmp_path / "g.xlsx"
    path.write_bytes(export.xlsx_bytes(export.workbook(layout_of(bundled), (m for m in measures), {})))
    book = openpyxl.load_workbook(path)
    assert book["Maßnahmen"].max_row == 31
    assert row_of(book["Budget"], "sprache-001") > 1


def test_a_sheet_longer_than_excel_allows_is_refused(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlsxwriter leaves out a cell below Excel's last row without a word; the export
    says so instead of writing a workbook that lacks lines."""
    from tests.spreadsheet.helpers import catalogue_of, measures_of

    monkeypatch.setattr(export, "LAST_ROW", 20)
    with pytest.raises(
        export.SheetTooLong, match=r"the sheet 'Budget' would have \d+ rows; Excel holds 21: export fewer measures"
    ):
        export.xlsx_bytes(export.workbook(layout_of(bundled), measures_of(catalogue_of(bundled)), {}))


def test_rows_made_in_several_workers_write_the_workbook_one_process_writes(bundled: Path) -> None:
    """Worker processes make the rows of the measures they check, each with its own
    RowMaker, and send the text: taken in order, the texts of two workers write the
    sheets (cells, widths) that one process writes, and each text has a part for the
    widths and one for each data sheet."""
    import zipfile

    from tests.spreadsheet.helpers import catalogue_of, measures_of

    layout, measures = layout_of(bundled), measures_of(catalogue_of(bundled))
    one, other = export.RowMaker(layout), export.RowMaker(layout)
    texts = [(one if number % 2 else other)("", data) for number, data in enumerate(measures)]
    sent = io.BytesIO()
    count = export.write_xlsx(sent, layout, texts, {})
    here = export.xlsx_bytes(export.workbook(layout, measures, {}))

    def sheets(content: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")}

    assert count == 30
    assert sheets(sent.getvalue()) == sheets(here) != {}
    assert {text.count(export.PART) for text in texts} == {len(layout.sheets)}


def test_a_workbook_leaves_no_temporary_file(bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sheet's rows wait in a temporary file until the zip takes them in: written,
    the workbook has them all and the files are gone."""
    import tempfile

    from tests.spreadsheet.helpers import catalogue_of, measures_of

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = tmp_path / "x.xlsx"
    path.write_bytes(export.xlsx_bytes(export.workbook(layout_of(bundled), measures_of(catalogue_of(bundled)), {})))
    assert list(scratch.iterdir()) == []
    book = openpyxl.load_workbook(path)
    assert book["Maßnahmen"].max_row == 31
    assert row_of(book["Budget"], "sprache-001") > 1


@pytest.mark.parametrize("sizes", [(0, 0), (1, 0), (0, 7), (5, 1), (3, 1000), (70_000, 3), (1, 1 << 20)])
def test_crc32_combine_is_the_crc_of_the_two_parts_joined(sizes: tuple[int, int]) -> None:
    import os
    import zlib

    first, second = os.urandom(sizes[0]), os.urandom(sizes[1])
    combined = export.crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


def test_rows_deflated_in_many_pieces_read_back_with_their_crc(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data sheets' rows are deflated as they come, a few characters at a time
    here: the zip's own check (sizes and CRC of every part) passes, and the sheets are
    those written with the rows deflated at once."""
    import zipfile

    from tests.spreadsheet.helpers import catalogue_of, measures_of

    layout, measures = layout_of(bundled), measures_of(catalogue_of(bundled))
    at_once = export.xlsx_bytes(export.workbook(layout, measures, {}))
    monkeypatch.setattr(export.DeflatedRows, "CHUNK", 50)
    path = tmp_path / "x.xlsx"
    path.write_bytes(export.xlsx_bytes(export.workbook(layout, measures, {})))

    def sheets(archive: zipfile.ZipFile) -> dict[str, bytes]:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")}

    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(io.BytesIO(at_once)) as other:
        assert archive.testzip() is None
        assert sheets(archive) == sheets(other)
        assert b"sprache-001" in archive.read("xl/worksheets/sheet2.xml")
    assert row_of(openpyxl.load_workbook(path)["Budget"], "sprache-001") > 1
