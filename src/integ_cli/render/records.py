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

Each format is a :class:`Listing` in two steps, so that ``integ list`` holds no more
than one line of text a record, and has its worker processes do most of the writing:
``item`` makes one record's text (its lines; for ``table`` and ``text`` its cells, which
need the widths of the whole column), ``write`` puts the items together in pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from integ_cli.checking.measure import encode_json
from integ_cli.i18n import N_, _
from integ_cli.query import planned_total
from integ_cli.render import format as fmt
from integ_cli.render import grid
from integ_cli.render.grid import PLAIN, Display
from integ_cli.render.names import NO_NAMES, Names
from integ_cli.render.record import to_yaml, whole
from integ_cli.render.safe import in_strings, one_line
from integ_cli.spreadsheet.csvdialect import write_row, write_rows

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


def table_row(data: Mapping[str, Any], names: Names) -> list[str]:
    """One measure's cells in the columns of :data:`TABLE_HEADERS`."""
    return table_rows(names)(data)


def table_rows(names: Names, finish: Callable[[str], str] | None = None) -> Callable[[Mapping[str, Any]], list[str]]:
    """:func:`table_row` for the many records of a listing: the cells named from ids and
    codes (field, target groups, districts, status) are remembered by what the record
    holds, as a catalogue names the same few again and again (a status's name is found
    along its codelist, the slowest cell of a row). ``finish``, where given, is applied
    to every cell (``one_line`` for a table): to a remembered cell once, as it is
    remembered, which spares half a row's calls."""
    remembered: dict[tuple[str, Any], str] = {}

    def named(kind: str, value: Any) -> str:
        if type(value) is str:
            key: tuple[str, Any] = (kind, value)
        elif type(value) is list and all(type(item) is str for item in value):
            key = (kind, tuple(value))
        else:
            cell = _named(names, kind, value)
            return cell if finish is None else finish(cell)
        found = remembered.get(key)
        if found is None:
            if len(remembered) >= _REMEMBERED:
                remembered.clear()
            found = _named(names, kind, value)
            found = remembered[key] = found if finish is None else finish(found)
        return found

    def row(data: Mapping[str, Any]) -> list[str]:
        own = [
            str(data.get("id", "")),
            str(data.get("title", "")),
            period(data),
            fmt.euros(planned_total(data)) if data.get("budget") else "",
        ]
        if finish is not None:
            own = [finish(cell) for cell in own]
        identifier, title, runs, budget = own
        return [
            identifier,
            title,
            named("field", data.get("field", "")),
            named("target_groups", data.get("target_groups")),
            named("districts", data.get("districts")),
            named("status", data.get("status", "")),
            runs,
            budget,
        ]

    return row


def _named(names: Names, kind: str, value: Any) -> str:
    """A cell of :func:`table_rows` that names what ``value`` holds."""
    if kind == "field":
        return names.field(str(value), short=True)
    if kind == "status":
        return names.code("status", value)
    return names.names(kind, value)


#: A record's item: its text in a listing's format, from its file and data.
Item = Callable[[str, dict[str, Any]], str]
#: Between the cells of a ``table`` or ``text`` item: a control character, which no
#: cell made one line (:func:`~integ_cli.render.safe.one_line`) holds.
_CELL = "\x1f"


def _cells_item(names: Names, _display: Display) -> Item:
    row = table_rows(names, one_line)
    return lambda _file, data: _CELL.join(row(data))


class _Cells(Collection[list[str]]):
    """The rows of ``table`` or ``text`` items, each split into its cells as it is read
    (``keep``: only these columns): a row a string until then."""

    def __init__(self, items: list[str], keep: list[int] | None = None) -> None:
        self.items = items
        self.keep = keep

    def __iter__(self) -> Iterator[list[str]]:
        keep = self.keep
        for item in self.items:
            cells = item.split(_CELL)
            yield cells if keep is None else [cells[i] for i in keep]

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, row: object) -> bool:
        return any(cells == row for cells in self)


def _write_table(items: Iterable[str], display: Display) -> Iterator[str]:
    """A rich table as wide as the terminal; a narrow terminal shows fewer columns
    (Districts go first, then Period, then Target groups; ``text`` always has all)."""
    rows = list(items)
    if not rows:
        return
    width = display.columns or 100
    keep = [i for i in range(len(TABLE_HEADERS)) if i not in _DROPPED or width >= _DROPPED[i]]
    where = {column: index for index, column in enumerate(keep)}
    shown = headers()
    yield from grid.pieces(
        grid.rich_table_lines(
            [shown[i] for i in keep],
            _Cells(rows, keep),
            {where[i] for i in _RIGHT if i in where},
            display,
            no_wrap={where[i] for i in (0, 2, 5, 6, 7) if i in where},
            ratios={where[i]: ratio for i, ratio in ((1, 3), (3, 2), (4, 2)) if i in where},
        ),
        _BATCH,
    )


def _write_text(items: Iterable[str], _display: Display) -> Iterator[str]:
    rows = list(items)
    if rows:
        yield from grid.pieces(grid.plain_lines([h.upper() for h in headers()], _Cells(rows), _RIGHT), _BATCH)


def _markdown_item(names: Names, _display: Display) -> Item:
    row = table_rows(names)
    return lambda _file, data: grid.markdown_line(row(data))


def _write_markdown(items: Iterable[str], _display: Display) -> Iterator[str]:
    head = grid.markdown_head(headers(), _RIGHT)
    for piece in grid.pieces(items, _BATCH):
        yield head + piece
        head = ""


def _json_item(_names: Names, _display: Display) -> Item:
    # One record per line: json's C encoder runs only without ``indent`` (the pure-Python
    # one is several times slower on a large catalogue), and a line per record still
    # reads and diffs well. ``file`` is added as the last key, as ``record`` has it.
    return lambda file, data: in_strings(_with_file(encode_json(data), encode_json(file)))


def _write_json(items: Iterable[str], _display: Display) -> Iterator[str]:
    start = "[\n"
    for piece in grid.pieces((f",\n{item}" for item in items), _BATCH):
        yield start + piece.removeprefix(",\n") if start else piece
        start = ""
    yield "[]\n" if start else "\n]\n"


#: Records rendered and written together: enough to keep the writes few, few enough
#: that a batch's text is small beside the records.
_BATCH = 500


def _with_file(text: str, file: str) -> str:
    """A record's JSON object text with ``"file": FILE`` appended."""
    return f'{text[:-1]}, "file": {file}}}' if text != "{}" else f'{{"file": {file}}}'


def _yaml_item(_names: Names, _display: Display) -> Item:
    """The records as :func:`~integ_cli.render.record.to_yaml` writes them, byte for
    byte. PyYAML's representer (Python, a call per value) took most of the time of a
    large list; nearly every record is ids, numbers and German text, which
    :class:`_BlockWriter` writes as PyYAML would. A record holding anything else (a
    string to escape, a list in a list) is left to PyYAML, as one item: each
    item of the list is written alone anyway."""
    writer = _BlockWriter()

    def item(file: str, data: dict[str, Any]) -> str:
        shown = {**data, "file": file}
        written = writer.item(shown)
        return to_yaml([shown]) if written is None else written

    return item


def _write_yaml(items: Iterable[str], _display: Display) -> Iterator[str]:
    empty = True
    for piece in grid.pieces(items, _BATCH):
        empty = False
        yield piece
    if empty:
        yield to_yaml([])


#: Where PyYAML's emitter folds a long plain string: at a single blank once the line is
#: past this column (``to_yaml``'s ``width``).
_YAML_WIDTH = 88
#: Strings up to this long are remembered as written, as the whole line with the key or
#: dash before them (ids, codes, dates, names recur in every record); longer ones
#: rarely recur.
_SHORT = 40
#: The most lines remembered; past it they are forgotten all at once, so a worker
#: writing 50,000 records keeps what recurs without keeping every id.
_REMEMBERED = 20_000
#: A key written plain: what the schemas' keys look like.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: First characters that make a plain scalar something else in YAML (an indicator).
_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`?:-")
#: A character past the Basic Multilingual Plane, which libyaml escapes.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral(text: str) -> bool:
    """Whether ``text`` holds a character past the Basic Multilingual Plane. German text
    encodes as Latin-1, a copy of its bytes, several times faster than a search (and
    than ``max`` of it): only text that does not is searched."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _ASTRAL.search(text) is not None
    return False


def _implicit() -> dict[str, re.Pattern[str]]:
    """PyYAML's implicit resolvers, the expressions of each first character in one: a
    plain scalar one matches reads back as something other than a string (a number, a
    date, a boolean, null). One match a string, not one a resolver in a loop, which
    took a tenth of the writer's time; each keeps its own flags (most are verbose)."""
    import yaml

    resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
    return {
        first: re.compile(
            "|".join(f"(?{'x' if regexp.flags & re.VERBOSE else ''}:{regexp.pattern})" for _, regexp in found)
        )
        for first, found in resolvers.items()
    }


class _NotPlain(Exception):
    """A value :class:`_BlockWriter` leaves to PyYAML."""


class _BlockWriter:
    """Block YAML of JSON-like data exactly as PyYAML's emitter writes it through
    ``to_yaml``, for the values it can: strings that read back as themselves written
    plain, and strings libyaml single-quotes (that would read as something else, such
    as ``'2024-01-01'`` or ``'no'``, or hold ``": "``, as notes often do), both folded
    past :data:`_YAML_WIDTH`; numbers, booleans and null; lists (not indented under
    their key, as PyYAML writes them) and mappings. Anything else (a string to escape,
    a list in a list) raises :class:`_NotPlain`, and PyYAML writes the record."""

    def __init__(self) -> None:
        self._implicit = _implicit()
        self._out: list[str] = []
        #: Keys found plain, and the lines of short strings as written, by what goes
        #: before the string (the line's lead and its key, or a list's indent and
        #: ``-``): a catalogue repeats both (the schema's keys; ids, codes, dates) in
        #: every record. Only a key found plain is part of a line remembered.
        self._keys: set[str] = set()
        self._lines: dict[tuple[str, str, str], str] = {}

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
        found = self._implicit.get(text[:1])
        return found is None or found.match(text) is None

    def _key(self, key: Any) -> None:
        """Take note of a key written plain; raise :class:`_NotPlain` for any other."""
        if not isinstance(key, str) or _PLAIN_KEY.fullmatch(key) is None or not self._reads_as_str(key):
            raise _NotPlain
        self._keys.add(key)

    def _remember(self, at: tuple[str, str, str], line: str) -> None:
        if len(self._lines) >= _REMEMBERED:  # ids and titles never recur: start afresh
            self._lines.clear()
        self._lines[at] = line

    def _mapping(self, data: dict[str, Any], indent: int, lead: str) -> None:
        # Strings, whole numbers and plain floats (nearly every value) go the shortest
        # way; any other value, or a subclass, the general one (_scalar), which may
        # refuse it.
        if not data:
            raise _NotPlain
        out, keys, lines, pad = self._out, self._keys, self._lines, " " * indent
        for key, value in data.items():
            kind = type(value)
            if kind is str:
                line = lines.get((lead, key, value))
                if line is None:
                    if key not in keys:
                        self._key(key)
                    start = f"{lead}{key}:"
                    line = start + self._written(value, len(start), indent + 2) + "\n"
                    if len(value) <= _SHORT:
                        self._remember((lead, key, value), line)
                out.append(line)
                lead = pad
                continue
            if key not in keys:
                self._key(key)
            if kind is int:
                out.append(f"{lead}{key}: {value}\n")
            elif kind is float and "e" not in (shown := repr(value)) and "n" not in shown:
                out.append(f"{lead}{key}: {shown}\n")  # not inf, nan or an exponent
            elif (kind is dict or kind is list) and value:
                out.append(f"{lead}{key}:\n")
                if kind is dict:
                    self._mapping(value, indent + 2, pad + "  ")
                else:
                    self._list(value, indent)
            elif kind is dict or kind is list:
                out.append(f"{lead}{key}:" + (" {}\n" if kind is dict else " []\n"))
            else:
                start = f"{lead}{key}:"
                out.append(start + self._scalar(value, len(start), indent + 2) + "\n")
            lead = pad

    def _list(self, items: list[Any], indent: int) -> None:
        out, lines, pad = self._out, self._lines, " " * indent
        dash = pad + "- "
        for item in items:
            kind = type(item)
            if kind is dict:
                self._mapping(item, indent + 2, dash)
            elif kind is str:
                line = lines.get((pad, "-", item))
                if line is None:
                    line = pad + "-" + self._written(item, indent + 1, indent + 2) + "\n"
                    if len(item) <= _SHORT:
                        self._remember((pad, "-", item), line)
                out.append(line)
            elif isinstance(item, list):
                raise _NotPlain
            else:
                out.append(pad + "-" + self._scalar(item, indent + 1, indent + 2) + "\n")

    def _scalar(self, value: Any, column: int, indent: int) -> str:
        """A scalar as written after ``column`` columns, with its leading blank; a plain
        string broken at single blanks where PyYAML's emitter breaks it (once the line
        has passed :data:`_YAML_WIDTH`), continued at ``indent``."""
        if isinstance(value, str):
            return self._written(value, column, indent)
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

    def _written(self, value: str, column: int, indent: int) -> str:
        if not value:
            return " ''"
        # No escapes (integ_cli.render.safe), line breaks, tabs or odd blanks, nothing
        # past the Basic Multilingual Plane (libyaml escapes it): PyYAML double-quotes those.
        if not value.isprintable() or "::" in value or "##[" in value:
            raise _NotPlain
        if not value.isascii() and _astral(value):
            raise _NotPlain
        if not _plain(value) or not self._reads_as_str(value):
            return _folded(value.replace("'", "''"), column + 2, indent, " '", "'")
        if column + 1 + len(value) <= _YAML_WIDTH:
            return " " + value
        return _folded(value, column + 1, indent, " ", "")


def _plain(value: str) -> bool:
    """Whether libyaml's emitter writes a printable one-line ``value`` plain in block
    style, as far as its characters go (a value that would read as something else is
    quoted besides): not if it starts with an indicator (``-``, ``?`` and ``:`` only
    with a blank or nothing after them) or a document marker, holds ``": "`` or
    ``" #"``, ends with ``:``, or has a blank at either end."""
    first, rest = value[0], value[1:2]
    if first in _INDICATORS and (first not in "-?:" or rest in ("", " ")):
        return False
    if value.startswith(("---", "...")) or value[0] == " " or value[-1] == " ":
        return False
    return not (": " in value or " #" in value or value[-1] == ":")


def _folded(text: str, column: int, indent: int, start: str, end: str) -> str:
    """``text`` (a plain scalar, or the inside of a single-quoted one with its quotes
    doubled) after ``start``, which ends at ``column``, then ``end``: broken, as
    libyaml's emitter breaks both, at a single blank neither first nor last once the
    line has passed :data:`_YAML_WIDTH`, and continued at ``indent``."""
    if column + len(text) <= _YAML_WIDTH:
        return start + text + end
    # Each line's break is the first single blank past the width: one search a line,
    # not a step a word (long texts are most of a catalogue's text).
    out, at, used, newline = [start], 0, column, "\n" + " " * indent
    while (found := _SINGLE_BLANK.search(text, max(at, at + _YAML_WIDTH - used + 1))) is not None:
        out += (text[at : found.start()], newline)
        at, used = found.end(), indent
    out += (text[at:], end)
    return "".join(out)


#: A blank where the emitter may break a line: alone, with text on either side.
_SINGLE_BLANK = re.compile("(?<=[^ ]) (?=[^ ])")


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


def csv_row(file: str, data: Mapping[str, Any]) -> list[str]:
    """One measure as CSV cells in the order of :data:`CSV_COLUMNS` (plain strings,
    before quoting): the derived cells first, then every column looked up in them or
    in the record, and only a value that is not a string yet converted."""
    budget = [line for line in data.get("budget") or () if isinstance(line, dict)]
    spent = [line["spent"] for line in budget if isinstance(line.get("spent"), (int, float))]
    decision = data.get("decision") or {}
    derived = {
        "links": [link.get("url", "") for link in data.get("links") or ()],
        "budget_planned": whole(planned_total(data)) if budget else "",
        "budget_spent": whole(sum(spent)) if spent else "",
        "decision_body": decision.get("body", ""),
        "decision_date": decision.get("date", ""),
        "decision_paper": decision.get("paper", ""),
        "file": file,
    }
    get = data.get
    values = [derived[column] if column in derived else get(column, "") for column in CSV_COLUMNS]
    return [value if type(value) is str else _csv_text(value) for value in values]


def _csv_text(value: Any) -> str:
    """A cell's value that is not a string as one: a list joined with ``", "``."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _csv_item(_names: Names, display: Display) -> Item:
    """CSV for Excel as a German office uses it (the dialect of
    :mod:`integ_cli.spreadsheet.csvdialect`). Numbers keep a decimal point; a cell a
    spreadsheet would run as a formula gets a leading ``'`` unless ``display.csv_raw``."""
    raw = display.csv_raw
    return lambda file, data: write_row(csv_row(file, data), raw)


def _write_csv(items: Iterable[str], display: Display) -> Iterator[str]:
    """A header row naming the columns, then the rows."""
    yield write_rows([CSV_COLUMNS], raw=display.csv_raw)
    yield from grid.pieces(items, _BATCH)


@dataclass(frozen=True, slots=True)
class Listing:
    """One ``integ list`` format in two steps. ``item`` (given the names and the display)
    makes each record's text, in a worker process where there are many records;
    ``write`` puts the items, in their order, together into the output, in pieces.
    ``write`` of no items gives what the format writes for an empty list (nothing for
    the tables)."""

    item: Callable[[Names, Display], Item]
    write: Callable[[Iterable[str], Display], Iterator[str]]


LISTINGS: dict[str, Listing] = {
    "table": Listing(_cells_item, _write_table),
    "text": Listing(_cells_item, _write_text),
    "json": Listing(_json_item, _write_json),
    "yaml": Listing(_yaml_item, _write_yaml),
    "csv": Listing(_csv_item, _write_csv),
    "md": Listing(_markdown_item, _write_markdown),
}


#: A renderer gives its text in pieces, which ``integ list`` writes as they come.
Renderer = Callable[[Iterable["Measure"], Names, Display], Iterator[str]]


def _renderer(listing: Listing) -> Renderer:
    def render(measures: Iterable[Measure], names: Names = NO_NAMES, display: Display = PLAIN) -> Iterator[str]:
        item = listing.item(names, display)
        return listing.write((item(m.file, m.read()) for m in measures), display)

    return render


#: Each format's renderer of records at hand, in one process.
RENDERERS: dict[str, Renderer] = {name: _renderer(listing) for name, listing in LISTINGS.items()}
render_table = RENDERERS["table"]
render_text = RENDERERS["text"]
render_json = RENDERERS["json"]
render_yaml = RENDERERS["yaml"]
render_csv = RENDERERS["csv"]
render_markdown = RENDERERS["md"]
