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

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from integ_cli.spreadsheet.csvdialect import BOM, write_rows

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


def table_rows(measures: Iterable[Measure], names: Names) -> list[list[str]]:
    rows = []
    for measure in measures:
        data = measure.read()
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


def render_table(measures: Sequence[Measure], names: Names = NO_NAMES, display: Display = PLAIN) -> Iterator[str]:
    """A rich table as wide as the terminal; a narrow terminal shows fewer columns
    (Districts go first, then Period, then Target groups; ``text`` always has all)."""
    width = display.columns or 100
    keep = [i for i in range(len(TABLE_HEADERS)) if i not in _DROPPED or width >= _DROPPED[i]]
    rows = [[row[i] for i in keep] for row in table_rows(measures, names)]
    where = {column: index for index, column in enumerate(keep)}
    shown = headers()
    yield grid.rich_table(
        [shown[i] for i in keep],
        rows,
        {where[i] for i in _RIGHT if i in where},
        display,
        no_wrap={where[i] for i in (0, 2, 5, 6, 7) if i in where},
        ratios={where[i]: ratio for i, ratio in ((1, 3), (3, 2), (4, 2)) if i in where},
    )


def render_text(measures: Sequence[Measure], names: Names = NO_NAMES, _display: Display = PLAIN) -> Iterator[str]:
    yield grid.plain(headers(), table_rows(measures, names), _RIGHT)


def render_markdown(measures: Sequence[Measure], names: Names = NO_NAMES, _display: Display = PLAIN) -> Iterator[str]:
    yield grid.markdown(headers(), table_rows(measures, names), _RIGHT)


def render_json(measures: Sequence[Measure], _names: Names = NO_NAMES, _display: Display = PLAIN) -> Iterator[str]:
    # One record per line: json's C encoder runs only without ``indent`` (the pure-Python
    # one is several times slower on a large catalogue), and a line per record still
    # reads and diffs well. Each line is the record's JSON as it came from the scan, with
    # ``file`` added as the last key, as ``record`` has it; lines go out in batches, so
    # the whole text of a large list is never held at once.
    if not measures:
        yield "[]\n"
        return
    for start in range(0, len(measures), _BATCH):
        lines = (_with_file(m.json, encode_json(m.file)) for m in measures[start : start + _BATCH])
        yield in_strings(("[\n" if start == 0 else ",\n") + ",\n".join(lines))
    yield "\n]\n"


#: Records rendered and written together: enough to keep the writes few, few enough
#: that a batch's text is small beside the records.
_BATCH = 500


def _with_file(text: str, file: str) -> str:
    """A record's JSON object text with ``"file": FILE`` appended."""
    return f'{text[:-1]}, "file": {file}}}' if text != "{}" else f'{{"file": {file}}}'


def render_yaml(measures: Sequence[Measure], _names: Names = NO_NAMES, _display: Display = PLAIN) -> Iterator[str]:
    """The records as :func:`~integ_cli.render.record.to_yaml` writes them, byte for
    byte. PyYAML's representer (Python, a call per value) took most of the time of a
    large list; nearly every record is ids, numbers and German text, which
    :class:`_BlockWriter` writes as PyYAML would. A record holding anything else (a
    string to quote or escape, a list in a list) is left to PyYAML, as one item: each
    item of the list is written alone anyway."""
    if not measures:
        yield to_yaml([])
        return
    writer = _BlockWriter()
    for start in range(0, len(measures), _BATCH):
        out: list[str] = []
        for measure in measures[start : start + _BATCH]:
            data = record(measure)
            written = writer.item(data)
            out.append(to_yaml([data]) if written is None else written)
        yield "".join(out)


#: Where PyYAML's emitter folds a long plain string: at a single blank once the line is
#: past this column (``to_yaml``'s ``width``).
_YAML_WIDTH = 88
#: Strings up to this long are remembered as written where they were written (ids,
#: codes, dates, names recur in every record); longer ones rarely recur.
_SHORT = 40
#: A key written plain: what the schemas' keys look like.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: First characters that make a plain scalar something else in YAML (an indicator).
_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`?:-")


class _NotPlain(Exception):
    """A value :class:`_BlockWriter` leaves to PyYAML."""


class _BlockWriter:
    """Block YAML of JSON-like data exactly as PyYAML's emitter writes it through
    ``to_yaml``, for the values it can: strings that read back as themselves written
    plain (folded past :data:`_YAML_WIDTH`), short strings that would read as something
    else (``'2024-01-01'``, ``'no'``) in single quotes; numbers, booleans and null; lists
    (not indented under their key, as PyYAML writes them) and mappings. Anything else
    (a string to escape or to fold in quotes, a list in a list) raises
    :class:`_NotPlain`, and PyYAML writes the record."""

    def __init__(self) -> None:
        import yaml

        resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
        self._resolvers = {first: [regexp for _, regexp in found] for first, found in resolvers.items()}
        self._out: list[str] = []
        #: Keys found plain, and short strings as written at a column: a catalogue
        #: repeats both (the schema's keys; ids, codes, dates) in every record.
        self._keys: set[str] = set()
        self._short: dict[tuple[str, int, int], str] = {}

    def item(self, data: dict[str, Any]) -> str | None:
        """``data`` as one item of the top-level list, or None if PyYAML must write it."""
        self._out = []
        try:
            self._mapping(data, 2, "- ")
        except _NotPlain:
            return None
        return "".join(self._out)

    def _reads_as_str(self, text: str) -> bool:
        """Whether a plain ``text`` reads back as the string (not a number, date, ...)."""
        found = self._resolvers.get(text[:1])
        return found is None or not any(regexp.match(text) for regexp in found)

    def _mapping(self, data: dict[str, Any], indent: int, lead: str) -> None:
        if not data:
            raise _NotPlain
        for key, value in data.items():
            if key not in self._keys:
                if not isinstance(key, str) or _PLAIN_KEY.fullmatch(key) is None or not self._reads_as_str(key):
                    raise _NotPlain
                self._keys.add(key)
            start = f"{lead}{key}:"
            lead = " " * indent
            if isinstance(value, dict) and value:
                self._out.append(start + "\n")
                self._mapping(value, indent + 2, " " * (indent + 2))
            elif isinstance(value, list) and value:
                self._out.append(start + "\n")
                self._list(value, indent)
            elif isinstance(value, (dict, list)):
                self._out.append(start + (" {}\n" if isinstance(value, dict) else " []\n"))
            else:
                self._out.append(start + self._scalar(value, len(start), indent + 2) + "\n")

    def _list(self, items: list[Any], indent: int) -> None:
        for item in items:
            if isinstance(item, dict):
                self._mapping(item, indent + 2, " " * indent + "- ")
            elif isinstance(item, list):
                raise _NotPlain
            else:
                self._out.append(" " * indent + "-" + self._scalar(item, indent + 1, indent + 2) + "\n")

    def _scalar(self, value: Any, column: int, indent: int) -> str:
        """A scalar as written after ``column`` columns, with its leading blank; a plain
        string broken at single blanks where PyYAML's emitter breaks it (once the line
        has passed :data:`_YAML_WIDTH`), continued at ``indent``."""
        if isinstance(value, str):
            return self._string(value, column, indent)
        if value is None:
            return " null"
        if value is True or value is False:
            return " true" if value else " false"
        if isinstance(value, int):
            return f" {value}"
        if isinstance(value, float):
            shown = repr(value).lower()
            if "inf" in shown or "nan" in shown:
                raise _NotPlain
            return " " + (shown.replace("e", ".0e", 1) if "." not in shown and "e" in shown else shown)
        raise _NotPlain

    def _string(self, value: str, column: int, indent: int) -> str:
        if len(value) > _SHORT:
            return self._written(value, column, indent)
        key = (value, column, indent)
        written = self._short.get(key)
        if written is None:
            written = self._short[key] = self._written(value, column, indent)
        return written

    def _written(self, value: str, column: int, indent: int) -> str:
        if not value:
            return " ''"
        # No escapes (integ_cli.render.safe), line breaks, tabs or odd blanks, nothing
        # past the Basic Multilingual Plane (libyaml escapes it); no blank at either end.
        if not value.isprintable() or "::" in value or "##[" in value or value[0] == " " or value[-1] == " ":
            raise _NotPlain
        if not value.isascii() and max(value) > "\uffff":
            raise _NotPlain
        if not self._reads_as_str(value) or value.startswith(("---", "...")):
            quoted = " '" + value.replace("'", "''") + "'"
            if column + len(quoted) > _YAML_WIDTH or "  " in value:
                raise _NotPlain
            return quoted
        # Nothing an indicator, a comment or a mapping would take.
        if value[0] in _INDICATORS or ": " in value or " #" in value or value[-1] == ":":
            raise _NotPlain
        if column + 1 + len(value) <= _YAML_WIDTH:
            return " " + value
        out, used = [" "], column + 1
        for number, piece in enumerate(_BLANKS.split(value)):
            if number % 2 and piece == " " and used > _YAML_WIDTH:
                out.append("\n" + " " * indent)
                used = indent
            else:
                out.append(piece)
                used += len(piece)
        return "".join(out)


_BLANKS = re.compile("( +)")


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


#: The columns that are not a key of the record (sums, a mapping's keys, the path).
_DERIVED = frozenset({"budget_planned", "budget_spent", "decision_body", "decision_date", "decision_paper", "file"})
#: The keys of a measure the CSV reads: its columns' own, those it sums or takes apart,
#: and every ``--sort`` key (:data:`TABLE_KEYS`).
CSV_KEYS = tuple(dict.fromkeys([*(c for c in CSV_COLUMNS if c not in _DERIVED), "budget", "decision", *TABLE_KEYS]))
#: The keys each format reads, where it reads fewer than all: for these ``integ list``
#: loads only them (tests/cli/test_query.py and tests/render/test_records.py check).
FORMAT_KEYS = {"table": TABLE_KEYS, "text": TABLE_KEYS, "md": TABLE_KEYS, "csv": CSV_KEYS}


def csv_row(measure: Measure) -> list[str]:
    """One measure as CSV cells in the order of :data:`CSV_COLUMNS` (plain strings,
    before quoting)."""
    data = measure.read()
    budget = [line for line in data.get("budget") or () if isinstance(line, dict)]
    spent = [line["spent"] for line in budget if isinstance(line.get("spent"), (int, float))]
    decision = data.get("decision") or {}
    row = []
    for column in CSV_COLUMNS:
        if column == "links":
            value: Any = [link.get("url", "") for link in data.get("links") or ()]
        elif column not in _DERIVED:
            value = data.get(column, "")
        elif column == "budget_planned":
            value = whole(planned_total(data)) if budget else ""
        elif column == "budget_spent":
            value = whole(sum(spent)) if spent else ""
        elif column == "file":
            value = measure.file
        else:
            value = decision.get(column.removeprefix("decision_"), "")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        row.append("" if value is None else str(value))
    return row


def render_csv(measures: Sequence[Measure], _names: Names = NO_NAMES, display: Display = PLAIN) -> Iterator[str]:
    """CSV for Excel as a German office uses it (the dialect of
    :mod:`integ_cli.spreadsheet.csvdialect`). A header row names the columns; numbers
    keep a decimal point; a cell a spreadsheet would run as a formula gets a leading
    ``'`` unless ``display.csv_raw``. Rows go out in batches."""
    yield write_rows([CSV_COLUMNS], raw=display.csv_raw)
    for start in range(0, len(measures), _BATCH):
        rows = write_rows((csv_row(m) for m in measures[start : start + _BATCH]), raw=display.csv_raw)
        yield rows.removeprefix(BOM)


#: A renderer gives its text in pieces, which ``integ list`` writes as they come.
Renderer = Callable[[Sequence["Measure"], Names, Display], Iterator[str]]
RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "text": render_text,
    "json": render_json,
    "yaml": render_yaml,
    "csv": render_csv,
    "md": render_markdown,
}
