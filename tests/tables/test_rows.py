"""The rows of the tables: real types, the ancestors a roll-up joins on, internal
measures left out, a city's ids mapped onto shared ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from integ_cli.checking.catalogue import Catalogue, load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.tables.columns import TABLES, names
from integ_cli.tables.rows import IdMap, Origin, Tables, amount, ancestors, date, measure_tables, vocabulary_tables
from tests.helpers import make_funded_repo, make_repo

ORIGIN = Origin("05334002", "abc123")


def catalogue_rows(
    catalogue: Catalogue, origin: Origin, *, internal: bool = False, mapping: IdMap | None = None
) -> Tables:
    """Every table's rows of ``catalogue``'s valid records, in id order, all at once."""
    tables = vocabulary_tables(catalogue, origin, mapping)
    in_order = sorted(catalogue.measures, key=lambda m: m.id)
    for batch in measure_tables(in_order, origin, internal=internal, mapping=mapping, size=2):
        for name, rows in batch.items():
            tables[name].extend(rows)
    return tables


def rows_of(root: Path, **options: object) -> dict[str, list[dict[str, object]]]:
    tables = catalogue_rows(load_catalogue(root, select=select_all), ORIGIN, **options)  # type: ignore[arg-type]
    return {name: [dict(zip(names(name), row, strict=True)) for row in rows] for name, rows in tables.items()}


def test_every_row_has_the_columns_of_its_table_and_its_origin(tmp_path: Path) -> None:
    tables = catalogue_rows(load_catalogue(make_funded_repo(tmp_path / "r"), select=select_all), ORIGIN)
    assert tables.keys() == TABLES.keys()
    for name, rows in tables.items():
        assert all(len(row) == len(TABLES[name]) and row[:2] == ("05334002", "abc123") for row in rows), name
    assert all(tables[name] for name in TABLES if name != "vocabulary_map")


def test_a_programme_funded_line_keeps_how_it_is_funded_and_the_staff_posts(tmp_path: Path) -> None:
    """A state programme with an unknown amount and a co-funding share: nothing of it is
    lost on the way to the tables (the report says what is unknown; so can SQL)."""
    tables = rows_of(make_funded_repo(tmp_path / "r"))
    lines = [line for line in tables["budget_lines"] if line["measure_id"] == "bildung-002"]
    assert [(line["planned"], line["amount_unknown"], line["programme"]) for line in lines] == [
        (Decimal("15000.00"), None, None),
        (None, "Förderbescheid des Landes steht aus", "KOMM-AN NRW"),
        (None, "Antrag folgt 2026", "KOMM-AN NRW"),
    ]
    assert (lines[1]["funding_status"], lines[1]["co_funding_share"]) == ("applied", 0.9)
    staff = [(s["measure_id"], s["line"], s["year"], s["fte"], s["note"]) for s in tables["staff"]]
    assert staff == [("bildung-002", 1, 2026, 1.5, "Sozialarbeit"), ("bildung-002", 2, 2027, 2.0, None)]


def test_values_are_typed(tmp_path: Path) -> None:
    tables = rows_of(make_repo(tmp_path / "r"))
    measure = next(m for m in tables["measures"] if m["id"] == "sprache-001")
    assert measure["start"] == dt.date(2024, 1, 1)
    assert all(isinstance(line["planned"], Decimal) for line in tables["budget_lines"])
    assert amount(1234.5) == Decimal("1234.50") and amount(True) is None
    assert date("2026-02-30") is None and date(20260101) is None


def test_internal_measures_and_their_rows_only_when_asked(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r")
    path = root / "data" / "measures" / "sprache-001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "visibility: internal\n", encoding="utf-8")
    public, everything = rows_of(root), rows_of(root, internal=True)
    for table in ("measures", "budget_lines", "links"):
        key = "id" if table == "measures" else "measure_id"
        assert not any(r[key] == "sprache-001" for r in public[table])
        assert any(r[key] == "sprache-001" for r in everything[table])


def test_ancestors_reach_the_top_and_survive_a_cycle() -> None:
    entries = {
        "kinder-jugendliche": {},
        "kinder": {"parent": "kinder-jugendliche"},
        "vorschulkinder": {"parent": "kinder"},
        "a": {"parent": "b"},
        "b": {"parent": "a"},
    }
    found = set(ancestors(entries))
    assert {("vorschulkinder", "vorschulkinder", 0), ("vorschulkinder", "kinder", 1)} <= found
    assert ("vorschulkinder", "kinder-jugendliche", 2) in found
    assert {row for row in found if row[0] == "a"} == {("a", "a", 0), ("a", "b", 1)}


def test_a_mapping_puts_shared_ids_everywhere(tmp_path: Path) -> None:
    mapping = IdMap({"target_groups": {"kinder": "children"}, "fields": {"sprache": "language"}})
    tables = rows_of(make_repo(tmp_path / "r"), mapping=mapping)
    assert {"children"} <= {g["id"] for g in tables["target_groups"]} and "kinder" not in {
        g["id"] for g in tables["target_groups"]
    }
    assert {g["parent"] for g in tables["target_groups"] if g["id"] == "vorschulkinder"} == {"children"}
    assert ("vorschulkinder", "children") in {(a["id"], a["ancestor"]) for a in tables["ancestors"]}
    assert {m["field"] for m in tables["measures"]} >= {"language"}
    assert {f["id"] for f in tables["fields"]} >= {"language"}
    assert {(r["vocabulary"], r["local_id"], r["id"]) for r in tables["vocabulary_map"]} == {
        ("fields", "sprache", "language"),
        ("target_groups", "kinder", "children"),
    }
