"""Measure lists as tables, JSON, YAML, CSV and Markdown (``integ list``; one measure in
full, ``integ show``, is :mod:`integ_cli.render.record`).

``RENDERERS`` maps each ``integ list --format`` choice to its renderer:

* ``table``: a rich table for the terminal (ids resolved to their names, headers in
  integ's language);
* ``text``: the same columns as plain space-aligned text, no colour: what ``integ
  list`` prints when stdout is not a terminal;
* ``json`` / ``yaml``: the records as in their files, each plus ``file``;
* ``csv``: one row per measure, the columns of :data:`CSV_COLUMNS`, for spreadsheets
  (see :func:`render_csv` for the dialect);
* ``md``: a Markdown table with the columns of ``table``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.checking.measure import encode_json
from integ_cli.i18n import N_, _
from integ_cli.query import planned_total
from integ_cli.render import format as fmt
from integ_cli.render import grid
from integ_cli.render.grid import PLAIN, Display
from integ_cli.render.names import NO_NAMES, Names
from integ_cli.render.record import record, to_yaml, whole
from integ_cli.render.safe import in_strings
from integ_cli.spreadsheet.csvdialect import write_rows

if TYPE_CHECKING:
    from integ_cli.checking.measure import Measure


def period(data: Mapping[str, Any]) -> str:
    """Start and end year, ``2022–2024``; ``2020–`` while open-ended."""
    start, end = data.get("start"), data.get("end")
    if not start and not end:
        return ""
    first = start[:4] if isinstance(start, str) else ""
    last = end[:4] if isinstance(end, str) else ""
    return first if first == last else f"{first}–{last}"


#: Columns of the table, text and Markdown formats; Budget is the planned total.
TABLE_HEADERS = (
    N_("ID"),
    N_("Title"),
    N_("Field"),
    N_("Target groups"),
    N_("Districts"),
    N_("Status"),
    N_("Period"),
    N_("Budget"),
)
_RIGHT = {7}
#: Column -> the narrowest terminal that shows it in the rich table.
_DROPPED = {4: 130, 6: 110, 3: 96}


def headers() -> list[str]:
    """:data:`TABLE_HEADERS` in integ's language."""
    return [_(header) for header in TABLE_HEADERS]


#: The keys of a measure the table, text and Markdown formats (and every ``--sort``)
#: read: for these ``integ list`` loads only them (tests/cli/test_query.py checks).
TABLE_KEYS = ("id", "title", "field", "target_groups", "districts", "status", "start", "end", "budget")
#: The keys each format reads, where it reads fewer than all.
FORMAT_KEYS = {"table": TABLE_KEYS, "text": TABLE_KEYS, "md": TABLE_KEYS}


def table_rows(measures: Sequence[Measure], names: Names) -> list[list[str]]:
    rows = []
    for measure in measures:
        data = measure.data
        rows.append(
            [
                str(data.get("id", "")),
                str(data.get("title", "")),
                names.field(str(data.get("field", "")), short=True),
                names.names("target_groups", data.get("target_groups")),
                names.names("districts", data.get("districts")),
                names.code("status", data.get("status", "")),
                period(data),
                fmt.euros(planned_total(data)) if data.get("budget") else "",
            ]
        )
    return rows


def render_table(measures: Sequence[Measure], names: Names = NO_NAMES, display: Display = PLAIN) -> str:
    """A rich table as wide as the terminal; a narrow terminal shows fewer columns
    (Districts go first, then Period, then Target groups; ``text`` always has all)."""
    width = display.columns or 100
    keep = [i for i in range(len(TABLE_HEADERS)) if i not in _DROPPED or width >= _DROPPED[i]]
    rows = [[row[i] for i in keep] for row in table_rows(measures, names)]
    where = {column: index for index, column in enumerate(keep)}
    shown = headers()
    return grid.rich_table(
        [shown[i] for i in keep],
        rows,
        {where[i] for i in _RIGHT if i in where},
        display,
        no_wrap={where[i] for i in (0, 2, 5, 6, 7) if i in where},
        ratios={where[i]: ratio for i, ratio in ((1, 3), (3, 2), (4, 2)) if i in where},
    )


def render_text(measures: Sequence[Measure], names: Names = NO_NAMES, _display: Display = PLAIN) -> str:
    return grid.plain(headers(), table_rows(measures, names), _RIGHT)


def render_markdown(measures: Sequence[Measure], names: Names = NO_NAMES, _display: Display = PLAIN) -> str:
    return grid.markdown(headers(), table_rows(measures, names), _RIGHT)


def render_json(measures: Sequence[Measure], _names: Names = NO_NAMES, _display: Display = PLAIN) -> str:
    # One record per line: json's C encoder runs only without ``indent`` (the pure-Python
    # one is several times slower on a large catalogue), and a line per record still
    # reads and diffs well. Each line is the record's JSON as it came from the scan, with
    # ``file`` added as the last key, as ``record`` has it.
    if not measures:
        return "[]\n"
    return in_strings("[\n" + ",\n".join(_with_file(m.json, encode_json(m.file)) for m in measures) + "\n]\n")


def _with_file(text: str, file: str) -> str:
    """A record's JSON object text with ``"file": FILE`` appended."""
    return f'{text[:-1]}, "file": {file}}}' if text != "{}" else f'{{"file": {file}}}'


def render_yaml(measures: Sequence[Measure], _names: Names = NO_NAMES, _display: Display = PLAIN) -> str:
    return to_yaml([record(m) for m in measures])


#: CSV columns: ids as in the files (not names), lists joined with ", ", budget sums.
CSV_COLUMNS = (
    "id",
    "title",
    "summary",
    "goal",
    "field",
    "also_fields",
    "target_groups",
    "lead",
    "partners",
    "districts",
    "status",
    "horizon",
    "start",
    "end",
    "budget_planned",
    "budget_spent",
    "decision_body",
    "decision_date",
    "decision_paper",
    "supersedes",
    "superseded_by",
    "visibility",
    "tags",
    "links",
    "updated",
    "notes",
    "file",
)


def csv_row(measure: Measure) -> dict[str, str]:
    """One measure as CSV cells (plain strings, before quoting)."""
    data = measure.data
    budget = [line for line in data.get("budget") or () if isinstance(line, dict)]
    spent = [line["spent"] for line in budget if isinstance(line.get("spent"), (int, float))]
    decision = data.get("decision") or {}
    row: dict[str, str] = {}
    for column in CSV_COLUMNS:
        if column == "budget_planned":
            value: Any = whole(planned_total(data)) if budget else ""
        elif column == "budget_spent":
            value = whole(sum(spent)) if spent else ""
        elif column.startswith("decision_"):
            value = decision.get(column.removeprefix("decision_"), "")
        elif column == "links":
            value = [link.get("url", "") for link in data.get("links") or ()]
        elif column == "file":
            value = measure.file
        else:
            value = data.get(column, "")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        row[column] = "" if value is None else str(value)
    return row


def render_csv(measures: Sequence[Measure], _names: Names = NO_NAMES, display: Display = PLAIN) -> str:
    """CSV for Excel as a German office uses it (the dialect of
    :mod:`integ_cli.spreadsheet.csvdialect`). A header row names the columns; numbers
    keep a decimal point; a cell a spreadsheet would run as a formula gets a leading
    ``'`` unless ``display.csv_raw``."""
    rows = [CSV_COLUMNS, *([csv_row(m)[c] for c in CSV_COLUMNS] for m in measures)]
    return write_rows(rows, raw=display.csv_raw)


Renderer = Callable[[Sequence["Measure"], Names, Display], str]
RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "text": render_text,
    "json": render_json,
    "yaml": render_yaml,
    "csv": render_csv,
    "md": render_markdown,
}
