"""Import of a workbook or CSV: unchanged round trips, exactly the edits made, every bad cell located."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from integ_cli.authoring import edits
from integ_cli.authoring import records as authoring
from integ_cli.authoring.records import today
from integ_cli.files import loading
from integ_cli.spreadsheet.apply import import_workbook
from tests.conftest import edit
from tests.spreadsheet.helpers import (
    changed_lines,
    export_csv,
    export_xlsx,
    headers,
    record,
    row_of,
    snapshot,
    valid,
)

TITLE = "Titel (title)"
CSV_HEADER = (
    "Maßnahme-ID (id);Titel (title);Kurzbeschreibung (summary);Handlungsfeld (field);"
    "Zielgruppen (target_groups);Stadtbezirke (districts);Status (status);Zeithorizont (horizon);Beginn (start)"
)


# --- round trip ---------------------------------------------------------------------------------------------


#: A measure funded from a state programme whose amount is not known yet, with staff posts.
FUNDED = """\
schema_version: 2
id: bildung-009
title: Integrationszentrum Elternarbeit
summary: Beratung und Begleitung von Eltern, gefördert aus einem Landesprogramm.
field: bildung
target_groups: [eltern]
districts: [stadtweit]
status: active
horizon: unknown
start: "2014"
budget:
  - year: 2026
    planned: 15000
    source: municipal
  - year: 2026
    source: state
    amount_unknown: Förderbescheid des Landes steht aus
    programme: KOMM-AN NRW
    co_funding_share: 0.9
    funding_status: applied
staff:
  - year: 2026
    fte: 1.5
    note: Sozialarbeit
  - year: 2027
    fte: 2
"""


def test_funding_keys_and_staff_posts_round_trip_unchanged(bundled: Path, tmp_path: Path) -> None:
    (bundled / "data" / "measures" / "bildung-009.yaml").write_text(FUNDED, encoding="utf-8")
    valid(bundled)
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    staff = [row for row in book["Stellen"].iter_rows(min_row=2, values_only=True) if row[0] == "bildung-009"]
    assert staff == [("bildung-009", 2026, 1.5, "Sozialarbeit"), ("bildung-009", 2027, 2, None)]
    budget = headers(book["Budget"])
    line = row_of(book["Budget"], "bildung-009") + 1
    assert book["Budget"][f"{budget['funding_status']}{line}"].value == "beantragt"
    assert book["Budget"][f"{budget['co_funding_share']}{line}"].value == 0.9
    before = snapshot(bundled)
    assert import_workbook(bundled, path).count("change") == 0
    assert snapshot(bundled) == before


def test_edited_staff_posts_and_funding_status_are_read_back(bundled: Path, tmp_path: Path) -> None:
    (bundled / "data" / "measures" / "bildung-009.yaml").write_text(FUNDED, encoding="utf-8")
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    staff, budget = book["Stellen"], book["Budget"]
    staff[f"{headers(staff)['fte']}{row_of(staff, 'bildung-009') + 1}"] = 2.5
    line = row_of(budget, "bildung-009") + 1
    budget[f"{headers(budget)['funding_status']}{line}"] = "bewilligt"
    book.save(path)
    assert import_workbook(bundled, path).problems == []
    data = record(bundled, "bildung-009")
    assert data["staff"][1] == {"year": 2027, "fte": 2.5}
    assert data["budget"][1]["funding_status"] == "approved"
    assert data["budget"][1]["amount_unknown"] == "Förderbescheid des Landes steht aus"
    valid(bundled)


def test_unchanged_workbook_changes_nothing(bundled: Path, tmp_path: Path) -> None:
    before = snapshot(bundled)
    outcome = import_workbook(bundled, export_xlsx(bundled, tmp_path / "x.xlsx"))
    assert outcome.problems == []
    assert (outcome.count("add"), outcome.count("change"), outcome.count("unchanged")) == (0, 0, 30)
    assert not outcome.written
    assert snapshot(bundled) == before


def test_unchanged_csv_changes_nothing(bundled: Path, tmp_path: Path) -> None:
    before = snapshot(bundled)
    outcome = import_workbook(bundled, export_csv(bundled, tmp_path / "x.csv"))
    assert outcome.problems == [] and outcome.count("unchanged") == 30
    assert snapshot(bundled) == before


def test_unchanged_german_workbook_changes_nothing(bundled: Path, tmp_path: Path, german: None) -> None:
    before = snapshot(bundled)
    outcome = import_workbook(bundled, export_xlsx(bundled, tmp_path / "x.xlsx"))
    assert outcome.problems == [] and outcome.count("unchanged") == 30
    assert snapshot(bundled) == before


def test_drop_down_names_and_german_amounts_are_read_back_as_codes_and_numbers(
    bundled: Path, tmp_path: Path, german: None
) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws, budget = book["Maßnahmen"], book["Budget"]
    cols, budget_cols = headers(ws), headers(budget)
    row = row_of(ws, "sprache-001")
    assert ws[f"{cols['status']}{row}"].value == "abgeschlossen"  # as the drop-down offers it
    ws[f"{cols['status']}{row}"] = "laufend"
    ws[f"{cols['horizon']}{row}"] = "long"  # a code works too
    line = row_of(budget, "sprache-001")
    budget[f"{budget_cols['planned']}{line}"] = "12.000 €"
    budget[f"{budget_cols['source']}{line}"] = "Stadt"  # an alias of kommunal
    book.save(path)
    outcome = import_workbook(bundled, path)
    assert outcome.problems == [] and outcome.count("change") == 1
    data = record(bundled, "sprache-001")
    assert (data["status"], data["horizon"]) == ("active", "long")
    assert (data["budget"][0]["planned"], data["budget"][0]["source"]) == (12000, "municipal")
    valid(bundled)


def test_cell_problems_in_german(bundled: Path, tmp_path: Path, german: None) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    ws[f"{cols['start']}4"] = "31.02.2025"
    ws[f"{cols['id']}7"] = "sprache-01"
    book.save(path)
    shown = [str(p) for p in import_workbook(bundled, path).problems]
    assert shown[0] == (
        f"Maßnahmen!{cols['start']}4 (Beginn): '31.02.2025' ist kein Datum: bitte als TT.MM.JJJJ oder JJJJ-MM-TT "
        "schreiben, z. B. 31.12.2025"
    )
    assert shown[1].startswith("Maßnahmen!A7 (Maßnahme-ID): unbekannte Maßnahme 'sprache-01'")
    assert shown[1].endswith("(für eine neue Maßnahme die ID leer lassen oder einen Platzhalter wie neu-1 schreiben)")


def test_workbook_resaved_by_a_spreadsheet_program_changes_nothing(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    book.save(path)  # load and save, as a program does that rewrites every cell
    before = snapshot(bundled)
    assert import_workbook(bundled, path).count("change") == 0
    assert snapshot(bundled) == before


# --- edits ---------------------------------------------------------------------------------------------------------


def test_edited_workbook_imports_exactly_the_edits(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws, budget = book["Maßnahmen"], book["Budget"]
    cols = headers(ws)
    ws[f"{cols['status']}{row_of(ws, 'arbeit-002')}"] = "completed"
    bcols = headers(budget)
    line = {"id": "sprache-001", "year": 2025, "planned": 12000.5, "source": "eu", "note": "Förderung über ESF"}
    budget.append({bcols[key]: value for key, value in line.items()})
    new = ws.max_row + 1
    for key, value in {
        "id": "neu-1",
        "title": "Sprachcafé Brand",
        "summary": "Ein offenes Sprachcafé im Begegnungszentrum Brand.",
        "field": "sprache",
        "target_groups": "frauen, eltern",
        "districts": "brand",
        "status": "planned",
        "horizon": "short",
        "start": "2026-01-01",
    }.items():
        ws[f"{cols[key]}{new}"] = value
    budget.append({bcols["id"]: "neu-1", bcols["year"]: 2026, bcols["planned"]: 2500, bcols["source"]: "municipal"})
    book.save(path)
    before = snapshot(bundled)

    outcome = import_workbook(bundled, path)

    assert outcome.problems == []
    assert (outcome.count("add"), outcome.count("change"), outcome.count("unchanged")) == (1, 2, 28)
    after = snapshot(bundled)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert changed == {
        "data/measures/arbeit-002.yaml",
        "data/measures/sprache-001.yaml",
        "data/measures/sprache-006.yaml",
    }
    assert changed_lines(before["data/measures/arbeit-002.yaml"], after["data/measures/arbeit-002.yaml"]) == [
        "-status: active",
        "+status: completed",
        '-updated: "2026-04-02"',
        f'+updated: "{today()}"',
    ]
    assert record(bundled, "sprache-001")["budget"][-1] == {
        "year": 2025,
        "planned": 12000.5,
        "source": "eu",
        "note": "Förderung über ESF",
    }
    new_record = record(bundled, "sprache-006")
    assert new_record["target_groups"] == ["frauen", "eltern"]
    assert new_record["start"] == "2026-01-01"
    assert new_record["budget"] == [{"year": 2026, "planned": 2500, "source": "municipal"}]
    assert new_record["updated"] == today()
    valid(bundled)
    # and the edited workbook, imported again, now changes nothing but adds the new row once more
    again = import_workbook(bundled, path, dry_run=True)
    assert (again.count("add"), again.count("change")) == (1, 0)


def test_comments_in_the_yaml_survive_an_edit(bundled: Path, tmp_path: Path) -> None:
    target = bundled / "data/measures/sprache-002.yaml"
    edit(target, "\nstatus:", "\n# Status nach Beschluss vom Mai\nstatus:")
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    row = row_of(ws, "sprache-002")
    ws[f"{cols['horizon']}{row}"] = "long"
    ws[f"{cols['partners']}{row}"] = "migrationsrat, " + str(ws[f"{cols['partners']}{row}"].value)
    book.save(path)
    outcome = import_workbook(bundled, path)
    assert outcome.problems == []
    text = target.read_text(encoding="utf-8")
    assert "# Status nach Beschluss vom Mai\nstatus:" in text
    assert "horizon: long" in text
    assert record(bundled, "sprache-002")["partners"][0] == "migrationsrat"
    valid(bundled)


def test_emptied_cells_remove_keys_and_deleted_rows_remove_lines(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    row = row_of(ws, "sprache-001")
    for key in ("decision.body", "decision.date", "decision.paper", "goal"):
        ws[f"{cols[key]}{row}"] = None
    budget = book["Budget"]
    budget.delete_rows(next(c.row for c in budget["A"] if c.value == "sprache-001") + 1)  # the second line
    book.save(path)
    assert import_workbook(bundled, path).problems == []
    data = record(bundled, "sprache-001")
    assert "decision" not in data and "goal" not in data
    assert [(line["year"], line["source"]) for line in data["budget"]] == [(2024, "municipal")]
    valid(bundled)


def test_a_sheet_without_rows_or_a_missing_column_leaves_values_alone(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"].delete_rows(2, book["Budget"].max_row)
    ws = book["Maßnahmen"]
    ws.delete_cols(openpyxl.utils.column_index_from_string(headers(ws)["goal"]))
    book.save(path)
    before = snapshot(bundled)
    assert import_workbook(bundled, path).count("change") == 0
    assert snapshot(bundled) == before


def test_the_updated_column_is_not_read_back(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws[f"{headers(ws)['updated']}{row_of(ws, 'wohnen-001')}"] = "2001-01-01"
    book.save(path)
    before = snapshot(bundled)
    assert import_workbook(bundled, path).count("change") == 0
    assert snapshot(bundled) == before


def test_a_file_saved_by_someone_else_meanwhile_is_edited_anew(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws[f"{headers(ws)['status']}{row_of(ws, 'wohnen-002')}"] = "suspended"
    book.save(path)
    target = bundled / "data/measures/wohnen-002.yaml"
    check = authoring.check
    saved: list[str] = []

    def check_then_someone_saves(root: Path, checked: Any, text: str) -> Any:
        problems = check(root, checked, text)
        if checked.stem == "wohnen-002" and not saved:  # after the import checked its edit, before it writes
            saved.append(checked.stem)
            target.write_text(target.read_text(encoding="utf-8") + "# gespeichert von jemand anderem\n", "utf-8")
        return problems

    monkeypatch.setattr(authoring, "check", check_then_someone_saves)
    outcome = import_workbook(bundled, path)
    assert saved and outcome.problems == [] and outcome.written
    text = target.read_text(encoding="utf-8")
    assert "status: suspended" in text and "# gespeichert von jemand anderem" in text


def test_dry_run_reports_but_writes_nothing(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws[f"{headers(ws)['status']}{row_of(ws, 'wohnen-001')}"] = "suspended"
    book.save(path)
    before = snapshot(bundled)
    outcome = import_workbook(bundled, path, dry_run=True)
    assert [(c.measure_id, c.changes) for c in outcome.changes if c.action == "change"] == [
        ("wohnen-001", ["status: active → suspended"])
    ]
    assert not outcome.written
    assert snapshot(bundled) == before


def test_dates_typed_as_dates_and_ids_survive_as_text(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    row = row_of(ws, "bildung-001")
    ws[f"{cols['end']}{row}"] = datetime.datetime(2027, 1, 1)  # Excel turned the typed date into a date cell
    book.save(path)
    assert import_workbook(bundled, path).problems == []
    data = record(bundled, "bildung-001")
    assert data["end"] == "2027-01-01" and data["id"] == "bildung-001"
    assert '\nend: "2027-01-01"\n' in (bundled / "data/measures/bildung-001.yaml").read_text(encoding="utf-8")


# --- problems ------------------------------------------------------------------------------------------------------


def test_every_bad_cell_is_reported_and_nothing_written(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws, budget = book["Maßnahmen"], book["Budget"]
    cols = headers(ws)
    ws[f"{cols['status']}3"] = "erledigt bald"
    ws[f"{cols['target_groups']}12"] = "jugend, eltern"
    ws[f"{cols['start']}4"] = "2025-13-01"
    ws[f"{cols['title']}5"] = None
    ws[f"{cols['illustrative']}6"] = "vielleicht"
    ws[f"{cols['id']}7"] = "sprache-01"
    budget["B3"] = "zweitausend"
    budget["F4"] = "stadtkasse"
    ws[f"{cols['status']}2"] = "abgeschlossen"  # a good change: still not written
    book.save(path)
    before = snapshot(bundled)

    outcome = import_workbook(bundled, path)

    shown = [str(p) for p in outcome.problems]
    assert shown == [
        f"Maßnahmen!{cols['status']}3 (Status): 'status' is 'erledigt bald', expected one of: "
        "planned, active, completed, suspended, dropped, unknown; did you mean 'completed'?",
        f"Maßnahmen!{cols['start']}4 (Beginn): '2025-13-01' is not a date: write it as DD.MM.YYYY or YYYY-MM-DD, "
        "e.g. 31.12.2025",
        f"Maßnahmen!{cols['title']}5 (Titel): 'title' is required; this cell must not be empty",
        f"Maßnahmen!{cols['illustrative']}6 (Beispiel): 'vielleicht' is not true or false "
        "(write true/false or WAHR/FALSCH)",
        "Maßnahmen!A7 (Maßnahme-ID): unknown measure 'sprache-01'; did you mean 'sprache-001' or 'sprache-005' "
        "or 'sprache-004'? (for a new measure leave the id empty, or write a placeholder such as neu-1)",
        f"Maßnahmen!{cols['target_groups']}12 (Zielgruppen): unknown target group 'jugend'; "
        "did you mean 'jugendliche' or 'kinder-jugendliche'?",
        "Budget!B3 (Jahr): 'zweitausend' is not a number",
        "Budget!F4 (Mittelherkunft): 'budget[2].source' is 'stadtkasse', expected one of: "
        "municipal, state, jobcenter, federal, eu, foundation, other",
    ]
    assert not outcome.written
    assert snapshot(bundled) == before


def test_a_formula_is_refused_at_its_cell_and_nothing_written(bundled: Path, tmp_path: Path) -> None:
    """A formula's cell is not read as empty (which removed the goal or notes it computed)."""
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    row = row_of(ws, "sprache-002")
    ws[f"{cols['goal']}{row}"] = "=A1"
    book.save(path)
    before = snapshot(bundled)
    outcome = import_workbook(bundled, path)
    assert [str(p) for p in outcome.problems] == [
        f"Maßnahmen!{cols['goal']}{row} (Ziel): a formula; integ reads values only — paste the value instead"
    ]
    assert snapshot(bundled) == before and not outcome.written


def test_a_formula_is_refused_in_german(bundled: Path, tmp_path: Path, german: None) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    cols = headers(book["Maßnahmen"])
    book["Maßnahmen"][f"{cols['notes']}3"] = '=CONCAT("a";"b")'
    book.save(path)
    assert [str(p) for p in import_workbook(bundled, path).problems] == [
        f"Maßnahmen!{cols['notes']}3 (Bemerkungen): eine Formel; integ liest nur Werte – fügen Sie stattdessen "
        "den Wert ein"
    ]


def test_a_new_row_lacking_required_values_names_each_cell(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "t.xlsx", template=True)
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    ws[f"{cols['title']}2"] = "Neu"
    ws[f"{cols['field']}2"] = "sprach"
    book.save(path)
    shown = [str(p) for p in import_workbook(bundled, path).problems]
    assert (
        f"Maßnahmen!{cols['field']}2 (Handlungsfeld): unknown action field 'sprach'; did you mean 'sprache'?" in shown
    )
    for key, label in (("summary", "Kurzbeschreibung"), ("districts", "Stadtbezirke"), ("horizon", "Zeithorizont")):
        assert f"Maßnahmen!{cols[key]}2 ({label}): '{key}' is required; this cell must not be empty" in shown


def test_unknown_and_duplicate_columns_and_rows(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws["B1"] = "Titel (titel)"
    ws[f"A{ws.max_row + 1}"] = ws["A2"].value
    book["Indikatoren"].append(["gibtsnicht-001", "Kurse", "Anzahl"])
    book["Indikatoren"].append([None, "Kurse", "Anzahl"])
    book.save(path)
    shown = [str(p) for p in import_workbook(bundled, path).problems]
    assert shown[0].startswith("Maßnahmen!B1: unknown column 'titel'; did you mean 'title'")
    assert f"Maßnahmen!A{ws.max_row} (Maßnahme-ID): 'arbeit-001' has a row already (row 2)" in shown
    assert any(s.startswith("Indikatoren!A") and "unknown measure 'gibtsnicht-001'" in s for s in shown)
    assert any(s.startswith("Indikatoren!A") and "id is empty" in s for s in shown)


# --- CSV as German Excel writes it ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_csv_with_umlauts_and_semicolons(bundled: Path, tmp_path: Path, encoding: str) -> None:
    rows = [
        CSV_HEADER,
        ';"Sprachcafé für Mütter; offen";Ein offenes Sprachcafé für Mütter in Haaren, mit Kinderbetreuung.;'
        "sprache;junge-muetter, frauen;haaren;planned;short;01.03.2026",
    ]
    path = tmp_path / "vorschlag.csv"
    path.write_bytes("\r\n".join(rows).encode(encoding) + b"\r\n")
    outcome = import_workbook(bundled, path)
    assert outcome.problems == [], [str(p) for p in outcome.problems]
    assert outcome.count("add") == 1
    new = record(bundled, "sprache-006")
    assert new["title"] == "Sprachcafé für Mütter; offen"
    assert new["summary"] == "Ein offenes Sprachcafé für Mütter in Haaren, mit Kinderbetreuung."
    assert new["target_groups"] == ["junge-muetter", "frauen"]
    assert new["start"] == "2026-03-01"
    valid(bundled)


def test_csv_empty_required_cell_is_an_error(bundled: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(CSV_HEADER + "\nsprache-002;Neuer Titel;\n", encoding="utf-8")
    shown = [str(p) for p in import_workbook(bundled, path).problems]
    assert shown == ["x.csv!C2 (Kurzbeschreibung): 'summary' is required; this cell must not be empty"]


def test_csv_with_commas_in_utf8(bundled: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        'Maßnahme-ID (id),Status (status),Zielgruppen (target_groups)\nsprache-002,suspended,"eltern, junge-muetter"\n',
        encoding="utf-8",
    )
    outcome = import_workbook(bundled, path)
    assert outcome.problems == [] and outcome.count("change") == 1
    data = record(bundled, "sprache-002")
    assert data["status"] == "suspended"
    assert data["target_groups"] == ["eltern", "junge-muetter"]


# --- how the import works ---------------------------------------------------------------------------------------


def test_problems_are_placed_by_path_not_by_message(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    ws[f"{cols['status']}3"] = "erledigt bald"
    ws[f"{cols['title']}5"] = None
    book["Budget"]["F4"] = "stadtkasse"
    book.save(path)
    check = authoring.check

    def reworded(root: Path, checked: Any, text: str) -> list[Any]:  # as a translation would
        return [dataclasses.replace(p, message=f"Fehler {p.code}") for p in check(root, checked, text)]

    monkeypatch.setattr(authoring, "check", reworded)
    shown = [str(p) for p in import_workbook(bundled, path).problems]
    assert shown == [
        f"Maßnahmen!{cols['status']}3 (Status): Fehler schema-enum",
        f"Maßnahmen!{cols['title']}5 (Titel): 'title' is required; this cell must not be empty",
        "Budget!F4 (Mittelherkunft): Fehler schema-enum",
    ]


def test_a_changed_rows_file_is_read_and_parsed_once(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws[f"{headers(ws)['status']}{row_of(ws, 'wohnen-001')}"] = "suspended"
    book.save(path)
    original = (bundled / "data/measures/wohnen-001.yaml").read_bytes()
    loaded: list[str] = []
    edited: list[str] = []
    load = loading.load_document

    def counting_load(raw: bytes, file: str) -> Any:
        if raw == original:
            loaded.append(file)
        return load(raw, file)

    class CountingRoundTrip(edits.RoundTrip):
        def __init__(self, text: str) -> None:
            if text.encode("utf-8") == original:
                edited.append(text)
            super().__init__(text)

    monkeypatch.setattr(loading, "load_document", counting_load)
    monkeypatch.setattr(edits, "RoundTrip", CountingRoundTrip)
    outcome = import_workbook(bundled, path)
    assert outcome.problems == [] and outcome.count("change") == 1 and outcome.written
    assert loaded == ["data/measures/wohnen-001.yaml"]  # to compare it with its row
    assert len(edited) == 1  # to edit it


def test_new_rows_of_one_field_are_checked_under_consecutive_ids(bundled: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    row = ";{title};Ein offenes Sprachcafé.;sprache;frauen;haaren;planned;short;01.03.2026"
    path.write_text("\n".join([CSV_HEADER, row.format(title="Eins"), row.format(title="Zwei")]), encoding="utf-8")
    outcome = import_workbook(bundled, path, dry_run=True)
    assert outcome.problems == []
    assert [(c.action, c.measure_id) for c in outcome.changes] == [("add", "sprache-006"), ("add", "sprache-007")]
    outcome = import_workbook(bundled, path)
    assert [c.measure_id for c in outcome.changes] == ["sprache-006", "sprache-007"]
    assert record(bundled, "sprache-007")["title"] == "Zwei"


def test_milestones_and_updates_round_trip_and_take_edits_in_their_sheets(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    milestones, updates = book["Meilensteine"], book["Sachstände"]
    cols = headers(milestones)
    row = [c.row for c in milestones["A"] if c.value == "sprache-005"][2]
    milestones[f"{cols['done']}{row}"] = "12.2026"
    next_row = updates.max_row + 1
    cells = {"id": "sprache-005", "date": "15.12.2026", "note": "Auswertung liegt vor."}
    for key, column in headers(updates).items():
        updates[f"{column}{next_row}"] = cells.get(key)
    book.save(path)

    outcome = import_workbook(bundled, path)

    assert outcome.problems == []
    data = record(bundled, "sprache-005")
    assert data["milestones"][2]["done"] == "2026-12"
    assert data["updates"][-1] == {"date": "2026-12-15", "note": "Auswertung liegt vor."}
    assert data["decisions"][1]["outcome"] == "adopted"
    valid(bundled)


# --- consultation steps (Beratungsfolge) --------------------------------------------------------------------


#: Two decisions, the first with its consultation (and a comment in it), the second without.
COUNCIL = """\
schema_version: 2
id: bildung-010
title: Sprachkitas im Quartier
summary: Alltagsintegrierte Sprachbildung in Kitas mit vielen neu zugewanderten Familien.
field: bildung
target_groups: [eltern]
districts: [stadtweit]
status: active
horizon: mid
start: "2024"
decisions:
  - body: Rat der Stadt Aachen
    date: "2024-06-26"
    paper: BEISPIEL-2024/007
    outcome: adopted
    consultation:
      # first the committee, then the district
      - body: Ausschuss für Soziales, Integration und Demographie
        date: "2024-05"
        outcome: recommended
      - body: Bezirksvertretung Aachen-Mitte
        date: "2024-06-05"
  - body: Rat der Stadt Aachen
    date: "2025"
    paper: BEISPIEL-2025/003
    outcome: noted
"""

#: The one decision of the version-1 form, with its consultation.
ONE_DECISION = """\
schema_version: 2
id: bildung-011
title: Elterncafé an Grundschulen
summary: Offene Treffen für Eltern an Grundschulen, mit Dolmetschenden.
field: bildung
target_groups: [eltern]
districts: [stadtweit]
status: planned
horizon: short
decision:
  body: Rat der Stadt Aachen
  date: "2025-03"
  paper: BEISPIEL-2025/010
  consultation:
    - body: Integrationsrat
      date: "2025-02"
      outcome: recommended
"""


@pytest.fixture
def council(bundled: Path) -> Path:
    """The bundled data with two measures whose decisions went through committees."""
    (bundled / "data/measures/bildung-010.yaml").write_text(COUNCIL, encoding="utf-8")
    (bundled / "data/measures/bildung-011.yaml").write_text(ONE_DECISION, encoding="utf-8")
    valid(bundled)
    return bundled


def _steps(book: Any) -> list[tuple[Any, ...]]:
    return [row for row in book["Beratungsfolge"].iter_rows(min_row=2, values_only=True) if any(row)]


def test_consultation_steps_round_trip_unchanged(council: Path, tmp_path: Path) -> None:
    path = export_xlsx(council, tmp_path / "x.xlsx")
    assert _steps(openpyxl.load_workbook(path)) == [
        ("bildung-010", 1, "Ausschuss für Soziales, Integration und Demographie", "2024-05", "empfohlen"),
        ("bildung-010", 1, "Bezirksvertretung Aachen-Mitte", "2024-06-05", None),
        ("bildung-011", 1, "Integrationsrat", "2025-02", "empfohlen"),
    ]
    before = snapshot(council)
    outcome = import_workbook(council, path)
    assert outcome.problems == [] and outcome.count("change") == 0 and not outcome.written
    assert snapshot(council) == before


def test_outcomes_are_offered_and_read_by_their_german_names(council: Path, tmp_path: Path) -> None:
    """Every outcome column (a decision's, the consultation's) has a drop-down of the
    German names, and a name typed there is read back as the code."""
    path = export_xlsx(council, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    for title in ("Beschlüsse", "Beratungsfolge"):
        ws = book[title]
        column = headers(ws)["outcome"]
        (rule,) = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{column}2:")]
        sheet, cells = rule.formula1.split("!")  # e.g. Listen!$F$2:$F$7
        offered = [cell.value for (cell,) in book[sheet][cells.replace("$", "")]]
        assert offered[:2] == ["beschlossen", "geändert beschlossen"]
        assert "zur Kenntnis genommen" in offered
    ws = book["Beratungsfolge"]
    ws[f"{headers(ws)['outcome']}3"] = "zur Kenntnis genommen"
    book.save(path)
    outcome = import_workbook(council, path)
    assert outcome.problems == [] and outcome.count("change") == 1
    assert "outcome: noted" in (council / "data/measures/bildung-010.yaml").read_text(encoding="utf-8")


def test_edited_consultation_steps_become_exactly_those_edits(council: Path, tmp_path: Path) -> None:
    path = export_xlsx(council, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Beratungsfolge"]
    cols = headers(ws)
    ws[f"{cols['date']}3"] = "12.06.2024"  # the district's meeting, typed the German way
    ws.delete_rows(4)  # bildung-011's one step
    ws.append({cols["id"]: "bildung-010", cols["decision"]: 2, cols["body"]: "Integrationsrat", cols["date"]: "2025"})
    book.save(path)
    before = snapshot(council)

    outcome = import_workbook(council, path)

    assert outcome.problems == []
    assert [c.measure_id for c in outcome.changes if c.action == "change"] == ["bildung-010", "bildung-011"]
    after = snapshot(council)
    rel, one = "data/measures/bildung-010.yaml", "data/measures/bildung-011.yaml"
    assert changed_lines(before[rel], after[rel]) == [
        '-        date: "2024-06-05"',
        '+        date: "2024-06-12"',
        "+    consultation:",
        "+      - body: Integrationsrat",
        '+        date: "2025"',
        f'+updated: "{today()}"',
    ]
    assert "# first the committee, then the district" in after[rel].decode()
    assert changed_lines(before[one], after[one]) == [
        "-  consultation:",
        "-    - body: Integrationsrat",
        '-      date: "2025-02"',
        "-      outcome: recommended",
        f'+updated: "{today()}"',
    ]
    valid(council)


def test_a_new_measure_takes_the_consultation_of_its_decision(council: Path, tmp_path: Path) -> None:
    path = export_xlsx(council, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws, decisions, steps = book["Maßnahmen"], book["Beschlüsse"], book["Beratungsfolge"]
    cols = headers(ws)
    new = ws.max_row + 1
    for key, value in {
        "id": "neu-1",
        "title": "Sprachcafé Brand",
        "summary": "Ein offenes Sprachcafé im Begegnungszentrum Brand.",
        "field": "sprache",
        "target_groups": "frauen",
        "districts": "brand",
        "status": "planned",
        "horizon": "short",
    }.items():
        ws[f"{cols[key]}{new}"] = value
    dcols, scols = headers(decisions), headers(steps)
    decisions.append({dcols["id"]: "neu-1", dcols["body"]: "Rat der Stadt Aachen", dcols["date"]: "2026-02"})
    steps.append({scols["id"]: "neu-1", scols["decision"]: 1, scols["body"]: "Bezirksvertretung Brand"})
    book.save(path)

    outcome = import_workbook(council, path)

    assert outcome.problems == []
    assert record(council, "sprache-006")["schema_version"] == 2  # a list of decisions needs version 2
    assert record(council, "sprache-006")["decisions"] == [
        {"body": "Rat der Stadt Aachen", "date": "2026-02", "consultation": [{"body": "Bezirksvertretung Brand"}]}
    ]
    valid(council)


def test_a_step_of_a_decision_the_measure_lacks_is_refused_at_its_cell(council: Path, tmp_path: Path) -> None:
    path = export_xlsx(council, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Beratungsfolge"]
    cols = headers(ws)
    ws[f"{cols['decision']}4"] = 2  # bildung-011 has one decision only
    ws[f"{cols['decision']}3"] = None
    ws[f"{cols['body']}2"] = "X"  # too short a name: the checker's problem, at its cell
    book.save(path)
    before = snapshot(council)

    outcome = import_workbook(council, path)

    assert [(p.location, p.code) for p in outcome.problems] == [
        ("Beratungsfolge!C2 (Gremium)", "schema-min-length"),
        ("Beratungsfolge!B3 (Beschluss Nr.)", "missing-decision"),
        ("Beratungsfolge!B4 (Beschluss Nr.)", "unknown-decision"),
    ]
    assert "the measure has no decision 2 (it has 1)" in outcome.problems[2].message
    assert snapshot(council) == before


def test_a_status_update_s_status_is_read_back_from_its_german_name(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Sachstände"]
    cols = headers(ws)
    rows = [c.row for c in ws["A"] if c.value == "sprache-005"]
    assert ws[f"{cols['status']}{rows[0]}"].value == "laufend"
    ws[f"{cols['status']}{rows[1]}"] = "ausgesetzt"
    book.save(path)
    before = snapshot(bundled)

    assert import_workbook(bundled, path).problems == []

    rel = "data/measures/sprache-005.yaml"
    assert changed_lines(before[rel], snapshot(bundled)[rel])[:1] == ["+    status: suspended"]


# --- comparing in worker processes --------------------------------------------------------------------------


def test_worker_processes_compare_as_one_process_does(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integ_cli.files.repository import DATA, MEASURES
    from integ_cli.spreadsheet import apply
    from integ_cli.spreadsheet.read import read
    from tests.spreadsheet.helpers import layout_of

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws[f"{headers(ws)['status']}{row_of(ws, 'wohnen-001')}"] = "suspended"
    ws[f"{headers(ws)['title']}{row_of(ws, 'arbeit-002')}"] = "X"  # too short: a problem at its cell
    book.save(path)
    alone = import_workbook(bundled, path, dry_run=True)
    monkeypatch.setattr(apply, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setenv("INTEG_JOBS", "2")

    existing = {p.stem for p in (bundled / DATA / MEASURES).glob("*.yaml")}
    layout = layout_of(bundled)
    with apply._workers(len(existing), layout) as workers:
        compared, settled = apply._compare_all(workers, bundled, read(path, layout), existing)
    shared = import_workbook(bundled, path, dry_run=True)

    assert sorted(compared) == sorted(existing) and len(existing) == 30
    assert {measure_id for measure_id, (_record, _raw, _data, differing) in compared.items() if differing} == {
        "wohnen-001",
        "arbeit-002",
    }
    assert settled == existing - {"wohnen-001", "arbeit-002"}
    assert shared.changes == alone.changes and shared.problems == alone.problems
    assert [(c.action, c.measure_id) for c in shared.changes if c.action != "unchanged"] == [
        ("change", "arbeit-002"),
        ("change", "wohnen-001"),
    ]
    assert [p.location for p in shared.problems] == [f"Maßnahmen!B{row_of(ws, 'arbeit-002')} (Titel)"]


def test_a_cell_that_cannot_be_read_is_reported_with_worker_processes_too(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers parse the rows of unchanged measures; one whose cells do not all read
    is parsed again, so its problems are reported as one process reports them."""
    from integ_cli.spreadsheet import apply

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws, budget = book["Maßnahmen"], book["Budget"]
    ws[f"{headers(ws)['goal']}{row_of(ws, 'sprache-002')}"] = "=A1"
    budget[f"{headers(budget)['year']}2"] = "zwanzig"
    book.save(path)
    alone = import_workbook(bundled, path, dry_run=True)
    monkeypatch.setattr(apply, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setenv("INTEG_JOBS", "2")
    shared = import_workbook(bundled, path, dry_run=True)

    assert shared.problems == alone.problems and shared.changes == alone.changes
    assert [(p.location.split(" ")[0], p.code) for p in shared.problems] == [
        (f"Maßnahmen!{headers(ws)['goal']}{row_of(ws, 'sprache-002')}", "cell-value"),
        (f"Budget!{headers(budget)['year']}2", "cell-value"),
    ]


def test_a_link_out_of_the_repository_is_refused_with_worker_processes_too(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integ_cli.files.atomic import OutsideData
    from integ_cli.spreadsheet import apply

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    outside = tmp_path / "elsewhere.yaml"
    target = bundled / "data/measures/sprache-002.yaml"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)
    monkeypatch.setattr(apply, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setenv("INTEG_JOBS", "2")
    with pytest.raises(OutsideData, match=r"sprache-002\.yaml"):
        import_workbook(bundled, path, dry_run=True)


def test_a_measures_folder_linked_out_of_the_repository_is_refused_with_worker_processes(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from integ_cli.files.atomic import OutsideData
    from integ_cli.spreadsheet import apply

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    folder = bundled / "data/measures"
    shutil.move(folder, tmp_path / "elsewhere")
    folder.symlink_to(tmp_path / "elsewhere")
    monkeypatch.setattr(apply, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setenv("INTEG_JOBS", "2")
    with pytest.raises(OutsideData, match=r"refusing to read 'data/measures/[a-z]+-[0-9]+\.yaml'"):
        import_workbook(bundled, path, dry_run=True)


def test_a_workbook_with_the_former_consultation_columns_still_imports(council: Path, tmp_path: Path) -> None:
    path = export_xlsx(council, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws, decisions = book["Maßnahmen"], book["Beschlüsse"]
    ws.cell(1, ws.max_column + 1, "Beschluss: Beratungsfolge (decision.consultation)")
    decisions.cell(1, decisions.max_column + 1, "Beratungsfolge (consultation)")
    book.save(path)
    before = snapshot(council)
    assert import_workbook(council, path).problems == []
    assert snapshot(council) == before

    column = decisions.max_column
    decisions.cell(2, column, "Integrationsrat")
    book.save(path)
    outcome = import_workbook(council, path)
    assert [(p.location, p.code) for p in outcome.problems] == [
        (f"Beschlüsse!{openpyxl.utils.get_column_letter(column)}2", "moved-column")
    ]
    assert "its values have a sheet of their own, 'Beratungsfolge'" in outcome.problems[0].message
    assert snapshot(council) == before


def test_a_short_record_whose_aliases_reach_past_the_edit_limit_is_not_edited_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from integ_cli.files import limits
    from integ_cli.spreadsheet.apply import _editable

    monkeypatch.setattr(limits, "MAX_EDIT_VALUES", 300)
    plain = b"id: a-001\ntags: [" + b", ".join(b"t%d" % n for n in range(40)) + b"]\n"
    aliased = (
        b"id: a-001\nx: &x ["
        + b", ".join(b"1" for _n in range(20))
        + b"]\n"
        + b"".join(b"k%d: *x\n" % n for n in range(20))
    )
    assert len(plain) < len(aliased) < 300
    assert _editable(plain, "m.yaml") == {"id": "a-001", "tags": [f"t{n}" for n in range(40)]}
    assert _editable(aliased, "m.yaml") is None  # 443 values from 227 bytes
