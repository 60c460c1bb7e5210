"""Renderers for measure lists: every format, quoting, no ANSI when plain, English and German."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from integ_cli.checking.measure import Measure
from integ_cli.render import grid, records
from integ_cli.render import record as full
from integ_cli.render.grid import Display
from integ_cli.render.names import Names
from integ_cli.render.records import CSV_COLUMNS, RENDERERS
from integ_cli.spreadsheet.csvdialect import BOM

NAMES = Names(
    fields={"sprache": {"name": "Sprachförderung", "short_name": "Sprache", "order": 2, "prioritised": True}},
    target_groups={"junge-muetter": {"name": "Junge Mütter"}, "kinder": {"name": "Kinder"}},
    actors={"vhs": {"name": "Volkshochschule"}},
    districts={"stadtweit": {"name": "Gesamtstadt"}, "brand": {"name": "Brand"}},
)


def _joined(renderer: records.Renderer) -> Any:
    """A renderer's pieces as one text, as ``integ list`` writes them one after another."""
    return lambda measures, names=records.NO_NAMES, display=grid.PLAIN: "".join(renderer(measures, names, display))


render_csv = _joined(records.render_csv)
render_json = _joined(records.render_json)
render_markdown = _joined(records.render_markdown)
render_table = _joined(records.render_table)
render_text = _joined(records.render_text)
render_yaml = _joined(records.render_yaml)

TRICKY: dict[str, Any] = {
    "schema_version": 1,
    "id": "sprache-009",
    "title": 'Kurs "Deutsch; im Alltag", Teil 2 | neu',
    "summary": 'Erste Zeile, mit Komma.\nZweite Zeile mit "Zitat".\n',
    "goal": "  führende Leerzeichen",
    "field": "sprache",
    "target_groups": ["junge-muetter", "kinder"],
    "lead": "vhs",
    "partners": ["unbekannt"],
    "districts": ["brand"],
    "status": "active",
    "horizon": "mid",
    "start": "2025-01-01",
    "end": "2026-12-31",
    "budget": [
        {"year": 2025, "planned": 1000.25, "spent": 900, "source": "municipal"},
        {"year": 2026, "planned": 2000, "source": "state", "note": "Land NRW"},
    ],
    "indicators": [{"name": "Teilnehmende", "unit": "Personen", "target": 40, "actual": 35.5}],
    "decision": {"body": "Rat der Stadt", "date": "2024-11-20", "paper": "BEISPIEL-2024/001"},
    "links": [{"title": "Projektseite", "url": "https://example.org/a,b"}],
    "tags": ["deutsch", "alltag"],
    "updated": "2025-02-01",
    "notes": "no",
}
PLAIN: dict[str, Any] = {
    "schema_version": 1,
    "id": "sprache-010",
    "title": "Sprachcafé",
    "summary": "Ein offenes Sprachcafé.",
    "field": "sprache",
    "target_groups": ["kinder"],
    "districts": ["stadtweit"],
    "status": "planned",
    "horizon": "short",
}
MEASURES = [Measure("data/measures/sprache-009.yaml", TRICKY), Measure("data/measures/sprache-010.yaml", PLAIN)]


def test_json_is_the_records_plus_file() -> None:
    document = json.loads(render_json(MEASURES, NAMES))
    assert document == [{**TRICKY, "file": "data/measures/sprache-009.yaml"}, {**PLAIN, "file": MEASURES[1].file}]
    assert list(document[0])[-1] == "file"
    assert "Mütter" not in render_json(MEASURES) and "ü" in render_json([Measure("f", {"t": "ü"})])  # no \\u escapes


def test_yaml_reads_back_as_the_json() -> None:
    text = render_yaml(MEASURES, NAMES)
    assert yaml.safe_load(text) == json.loads(render_json(MEASURES, NAMES))
    assert "notes: 'no'" in text  # would be a boolean under YAML 1.1 if unquoted
    assert "start: '2025-01-01'" in text  # would be a date if unquoted


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))


def test_csv_dialect() -> None:
    text = render_csv(MEASURES, NAMES)
    assert text.startswith(BOM + "id;title;summary;")
    assert text.endswith("\r\n")
    header, first = text.removeprefix(BOM).split("\r\n")[:2]
    assert header.split(";") == list(CSV_COLUMNS)
    # Delimiter, commas, quotes and blanks are quoted; quotes doubled.
    assert first.startswith('sprache-009;"Kurs ""Deutsch; im Alltag"", Teil 2 | neu";"Erste Zeile, mit Komma.\n')
    assert ';"  führende Leerzeichen";' in first


def test_csv_reads_back_as_the_json() -> None:
    rows = read_csv(render_csv(MEASURES, NAMES))
    records = json.loads(render_json(MEASURES, NAMES))
    assert len(rows) == len(records) == 2
    for row, record in zip(rows, records, strict=True):
        assert list(row) == list(CSV_COLUMNS)
        for column in CSV_COLUMNS:
            if column in ("budget_planned", "budget_spent") or column.startswith("decision_") or column == "links":
                continue
            value = record.get(column, "")
            expected = ", ".join(value) if isinstance(value, list) else str(value)
            assert row[column] == expected, column
    tricky, plain = rows
    assert tricky["summary"] == 'Erste Zeile, mit Komma.\nZweite Zeile mit "Zitat".\n'
    assert tricky["target_groups"] == "junge-muetter, kinder"
    assert (tricky["budget_planned"], tricky["budget_spent"]) == ("3000.25", "900")
    assert (tricky["decision_body"], tricky["decision_paper"]) == ("Rat der Stadt", "BEISPIEL-2024/001")
    assert tricky["links"] == "https://example.org/a,b"
    assert (plain["budget_planned"], plain["budget_spent"], plain["goal"], plain["lead"]) == ("", "", "", "")


def test_csv_of_nothing_is_the_header() -> None:
    assert read_csv(render_csv([], NAMES)) == []


def test_markdown_escapes_pipes_and_joins_lines() -> None:
    text = render_markdown(MEASURES, NAMES)
    lines = text.splitlines()
    assert lines[0] == "| ID | Title | Field | Target groups | Districts | Status | Period | Budget |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- | --- | ---: |"
    assert lines[2] == (
        '| sprache-009 | Kurs "Deutsch; im Alltag", Teil 2 \\| neu | Sprache | Junge Mütter, Kinder | Brand '
        "| active | 2025–2026 | 3,000 |"
    )
    assert len(lines) == 4
    assert grid.markdown(["a"], [["x\\|y"]]).splitlines()[2] == "| x\\\\\\|y |"


def test_text_is_aligned_plain_and_resolves_names() -> None:
    text = render_text(MEASURES, NAMES)
    assert "\x1b" not in text
    header, first, second = text.splitlines()
    assert header.split() == ["ID", "TITLE", "FIELD", "TARGET", "GROUPS", "DISTRICTS", "STATUS", "PERIOD", "BUDGET"]
    assert header.index("FIELD") == first.index("Sprache") == second.index("Sprache")
    assert "Junge Mütter, Kinder" in first and "Gesamtstadt" in second
    assert first.endswith("3,000") and len(header) == len(first)  # budget right-aligned
    assert not any(line.endswith(" ") for line in text.splitlines())


def test_text_table_counts_display_width() -> None:
    decomposed = Measure("f", {**PLAIN, "id": "a", "title": "Mu\u0308tter"})  # 6 columns, 7 code points
    wide = Measure("g", {**PLAIN, "id": "b", "title": "日本語"})  # 6 columns, 3 code points
    lines = render_text([decomposed, wide], NAMES).splitlines()
    assert grid.width(lines[1]) == grid.width(lines[2])
    assert lines[1].index("Sprache") == lines[2].index("Sprache") + 4  # 7 code points against 3


def test_table_without_colour_has_no_escape_codes() -> None:
    text = render_table(MEASURES, NAMES, Display(colour=False, columns=160))
    assert "\x1b[" not in text
    assert "sprache-009" in text and "Junge Mütter" in text and "Sprache" in text
    assert "[code]" in render_table([Measure("f", {**PLAIN, "title": "a [code] b"})], NAMES, Display(columns=160))


def test_table_with_colour_and_narrow_terminals() -> None:
    assert "\x1b[" in render_table(MEASURES, NAMES, Display(colour=True, columns=160))
    wide = render_table(MEASURES, NAMES, Display(columns=160)).splitlines()[0]
    narrow = render_table(MEASURES, NAMES, Display(columns=80)).splitlines()[0]
    assert "Districts" in wide and "Period" in wide
    assert "Districts" not in narrow and "Target groups" not in narrow and "Title" in narrow
    assert all(grid.width(line) <= 80 for line in render_table(MEASURES, NAMES, Display(columns=80)).splitlines())


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_renders_nothing_and_something(fmt: str) -> None:
    renderer = _joined(RENDERERS[fmt])
    assert "sprache-010" in renderer(MEASURES, NAMES, Display())
    assert isinstance(renderer([], NAMES, Display()), str)


@pytest.mark.usefixtures("german")
def test_markdown_in_german() -> None:
    lines = render_markdown(MEASURES, NAMES).splitlines()
    assert lines[0] == "| ID | Titel | Handlungsfeld | Zielgruppen | Stadtbezirke | Status | Zeitraum | Budget |"
    assert lines[2].endswith("| active | 2025–2026 | 3.000 |")


@pytest.mark.usefixtures("german")
def test_text_in_german_has_german_headers() -> None:
    header = render_text(MEASURES, NAMES).splitlines()[0]
    assert header.split() == [
        "ID",
        "TITEL",
        "HANDLUNGSFELD",
        "ZIELGRUPPEN",
        "STADTBEZIRKE",
        "STATUS",
        "ZEITRAUM",
        "BUDGET",
    ]


FORGED = Measure(
    "data/measures/sprache-011.yaml",
    {**PLAIN, "id": "sprache-011", "title": "Mama\n::error file=README.md,line=1::forged\x1b[2J"},
)


@pytest.mark.parametrize("fmt", ["table", "text", "md"])
def test_tables_show_a_forged_title_on_its_own_row_escaped(fmt: str) -> None:
    text = _joined(RENDERERS[fmt])([FORGED], NAMES, Display(columns=60))
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    assert "\x1b" not in text and "\\u003a" in text


def test_csv_guards_cells_a_spreadsheet_would_run_and_raw_writes_them_as_they_are() -> None:
    cells = {
        "title": '=HYPERLINK("https://example.org","klick")',
        "summary": "+cmd|' /C calc'!A0",
        "goal": "@SUM(A1:A9)",
        "notes": "-1+1",
    }
    measure = Measure("data/measures/sprache-010.yaml", {**PLAIN, **cells, "budget": [{"year": 2026, "planned": -5}]})
    (row,) = read_csv(render_csv([measure], NAMES))
    assert {key: row[key] for key in cells} == {key: "'" + value for key, value in cells.items()}
    assert row["budget_planned"] == "-5"
    (raw,) = read_csv(render_csv([measure], NAMES, Display(csv_raw=True)))
    assert {key: raw[key] for key in cells} == cells


#: Strings of every kind: German words and numbers, what YAML reads as something else
#: (``no``, ``2024-01-01``, ``12``, ``~``), indicators, comments, quotes, blanks at the
#: ends and in runs, line breaks and control characters, long texts to fold.
_WORDS = st.sampled_from(
    [
        *("Sprachkurs", "für", "Mütter", "no", "Yes", "null", "~", "2024-01-01", "12", "1.5e3", "-", "- a", "a:"),
        *(": b", "#", " #x", "'", '"', "--- x", "...", "::", "##[", "\t", "\n", "\x1b", "\u202e", "\xa0", "  ", "[a]"),
    ]
)
_STRINGS = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join) | st.text(max_size=30)
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _STRINGS
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "name", "no", "x y"]), inner),
    max_leaves=4,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "title", "summary", "budget", "on"]), _VALUES, max_size=2)))
def test_yaml_is_what_pyyaml_writes_and_reads_back_as_the_data(records: list[dict[str, Any]]) -> None:
    measures = [Measure(f"data/measures/m-{n}.yaml", data) for n, data in enumerate(records)]
    text = render_yaml(measures)
    assert text == full.to_yaml([full.record(m) for m in measures])
    assert yaml.safe_load(text) == [full.record(m) for m in measures]


@settings(max_examples=500, deadline=None)
@given(_STRINGS, st.integers(0, 60))
def test_any_string_is_written_as_pyyaml_writes_it(text: str, indent: int) -> None:
    # The string as a value, after keys of other lengths (where a long one folds), in a
    # list and in a mapping in a list: each read back is the string.
    data = {"id": text, "x" * (indent + 1): text, "tags": [text], "budget": [{"note": text}]}
    measures = [Measure("data/measures/m.yaml", data)]
    written = render_yaml(measures)
    assert written == full.to_yaml([full.record(measures[0])])
    assert yaml.safe_load(written) == [full.record(measures[0])]


def test_yaml_folds_long_texts_as_pyyaml_does() -> None:
    # Past the width, a line breaks at a single blank, never inside a run of them.
    text = " ".join(["Sprachförderung im Stadtteil"] * 3 + ["Sprachförderung  im   Stadtteil"] * 9)
    data = {"id": "sprache-001", "summary": text, "tags": [text], "budget": [{"note": text, "year": 2026}]}
    written = render_yaml([Measure("data/measures/sprache-001.yaml", data)])
    assert written == full.to_yaml([{**data, "file": "data/measures/sprache-001.yaml"}])
    summary = written.split("  summary: ", 1)[1].split("\n  tags:", 1)[0]
    assert len(summary.splitlines()) > 3 and yaml.safe_load(f"s: {summary}") == {"s": text}


def test_csv_from_the_keys_it_reads_is_the_csv_from_whole_records() -> None:
    # integ list -f csv loads only CSV_KEYS (FORMAT_KEYS): the long lists no column shows
    # (indicators, milestones, status updates) stay behind, and nothing a column shows.
    from integ_cli.render.records import CSV_KEYS, FORMAT_KEYS

    whole = {**TRICKY, "indicators": [{"name": "Kurse", "target": 4}], "updates": [{"date": "2025-01-01"}]}
    measures = [Measure("data/measures/sprache-009.yaml", whole), MEASURES[1]]
    kept = [Measure(m.file, {k: v for k, v in m.data.items() if k in CSV_KEYS}) for m in measures]
    assert FORMAT_KEYS["csv"] == CSV_KEYS and not {"indicators", "updates"} & set(CSV_KEYS)
    assert render_csv(kept, NAMES) == render_csv(measures, NAMES)


@pytest.mark.parametrize("fmt", ["json", "yaml", "csv"])
def test_a_long_list_comes_in_pieces_that_together_are_every_record_once(fmt: str) -> None:
    many = [
        Measure(f"data/measures/sprache-{n:04}.yaml", json_text=json.dumps({**PLAIN, "id": f"sprache-{n:04}"}))
        for n in range(1200)
    ]
    pieces = list(RENDERERS[fmt](many, NAMES, Display()))
    text = "".join(pieces)
    assert len(pieces) > 2
    if fmt == "csv":
        assert [row["id"] for row in read_csv(text)] == [m.id for m in many]
    else:
        assert [r["id"] for r in (json.loads(text) if fmt == "json" else yaml.safe_load(text))] == [m.id for m in many]
    assert all(m._data is None for m in many)  # written from their JSON text, none kept decoded


def test_yaml_writes_quoted_texts_itself_folded_as_pyyaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # A note with ": " (or a blank at an end, a leading indicator, a value that would read
    # as a date) is single-quoted; past the width it breaks at a single blank, never the
    # first or last, with its quotes doubled: as PyYAML writes it, and without PyYAML.
    note = "Hinweis: " + " ".join(["Kurs 'Deutsch im Alltag'  am Abend,"] * 6) + " Ende "
    data = {"id": "sprache-001", "notes": note, "tags": ["# Sprache", "2025-01-01", "ja"], "budget": [{"note": note}]}
    expected = full.to_yaml([{**data, "file": "data/measures/sprache-001.yaml"}])
    monkeypatch.setattr(records, "to_yaml", lambda _value: pytest.fail("PyYAML wrote a record"))
    written = render_yaml([Measure("data/measures/sprache-001.yaml", data)])
    assert written == expected
    notes = written.split("  notes: ", 1)[1].split("\n  tags:", 1)[0]
    assert len(notes.splitlines()) > 2 and yaml.safe_load(f"n: {notes}") == {"n": note}


def test_table_cells_finished_as_remembered_are_the_cells_finished_each_time() -> None:
    # A listing's table makes every cell one line; a named cell (here a district whose
    # name holds a line break and a workflow command) is made so once, then remembered.
    from integ_cli.render.safe import one_line

    names = Names(districts={"brand": {"name": "Brand\n::error::x"}}, fields=NAMES.fields)
    row = records.table_rows(names, one_line)
    for data in (TRICKY, {**TRICKY, "title": "Kurs\nneu"}, TRICKY):
        cells = row(data)
        assert cells == [one_line(cell) for cell in records.table_row(data, names)]
    assert cells[4] == "Brand\\n:\\u003aerror:\\u003ax"
