"""Measure lists and single measures as tables, JSON, YAML, CSV and Markdown.

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

import json
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integ_cli.checking.measure import encode_json
from integ_cli.i18n import N_, _
from integ_cli.query import planned_total
from integ_cli.render import format as fmt
from integ_cli.render import grid
from integ_cli.render.field_labels import label
from integ_cli.render.grid import PLAIN, Display
from integ_cli.spreadsheet.csvdialect import write_rows

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Measure

Entries = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Names:
    """Display names for ids: the names the fields and vocabularies give (German, as
    the data is); an id without an entry shows as itself."""

    fields: Entries = field(default_factory=dict)
    target_groups: Entries = field(default_factory=dict)
    actors: Entries = field(default_factory=dict)
    districts: Entries = field(default_factory=dict)

    @classmethod
    def of(cls, catalogue: Catalogue) -> Names:
        vocabularies = catalogue.vocabularies
        return cls(
            catalogue.fields,
            vocabularies.get("target-groups", {}),
            vocabularies.get("actors", {}),
            vocabularies.get("districts", {}),
        )

    def field(self, field_id: str, short: bool = False) -> str:
        entry = self.fields.get(field_id, {})
        name = (entry.get("short_name") if short else None) or entry.get("name")
        return name if isinstance(name, str) else field_id

    def name(self, kind: str, entry_id: str) -> str:
        """The name of ``entry_id`` in ``kind``: target_groups, actors or districts."""
        name = getattr(self, kind).get(entry_id, {}).get("name")
        return name if isinstance(name, str) else entry_id

    def names(self, kind: str, ids: Any) -> str:
        return ", ".join(self.name(kind, i) for i in ids or ())


NO_NAMES = Names()


def _number(value: float) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() else value


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
                str(data.get("status", "")),
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


def record(measure: Measure) -> dict[str, Any]:
    """A measure as in its file, plus ``file`` (its path in the repository)."""
    return {**measure.data, "file": measure.file}


def render_json(measures: Sequence[Measure], _names: Names = NO_NAMES, _display: Display = PLAIN) -> str:
    # One record per line: json's C encoder runs only without ``indent`` (the pure-Python
    # one is several times slower on a large catalogue), and a line per record still
    # reads and diffs well. Each line is the record's JSON as it came from the scan, with
    # ``file`` added as the last key, as ``record`` has it.
    if not measures:
        return "[]\n"
    return "[\n" + ",\n".join(_with_file(m.json, encode_json(m.file)) for m in measures) + "\n]\n"


def _with_file(text: str, file: str) -> str:
    """A record's JSON object text with ``"file": FILE`` appended."""
    return f'{text[:-1]}, "file": {file}}}' if text != "{}" else f'{{"file": {file}}}'


def to_yaml(value: Any) -> str:
    """Block-style YAML, keys in file order, umlauts as they are; strings that would
    read as something else (``'2024-01-01'``, ``'no'``) are quoted."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=88)


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
            value: Any = _number(planned_total(data)) if budget else ""
        elif column == "budget_spent":
            value = _number(sum(spent)) if spent else ""
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


def render_csv(measures: Sequence[Measure], _names: Names = NO_NAMES, _display: Display = PLAIN) -> str:
    """CSV for Excel as a German office uses it (the dialect of
    :mod:`integ_cli.spreadsheet.csvdialect`). A header row names the columns; numbers
    keep a decimal point."""
    return write_rows([CSV_COLUMNS, *([csv_row(m)[c] for c in CSV_COLUMNS] for m in measures)])


Renderer = Callable[[Sequence["Measure"], Names, Display], str]
RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "text": render_text,
    "json": render_json,
    "yaml": render_yaml,
    "csv": render_csv,
    "md": render_markdown,
}


# --- one measure, in full (integ show) ----------------------------------------------------------------


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return [indent + line for para in text.splitlines() for line in (textwrap.wrap(para, 88 - len(indent)) or [""])]


def render_record(measure: Measure, names: Names = NO_NAMES, display: Display = PLAIN) -> str:
    """A whole measure, readable: ids with their names, texts wrapped, then budget,
    indicators, decision, links and the rest, each under its label in integ's language
    (:mod:`integ_cli.render.field_labels`). Every key of the record is shown."""
    data = dict(measure.data)

    def bold(text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if display.colour else text

    def both(kind: str, entry_id: str) -> str:
        name = names.name(kind, entry_id)
        return entry_id if name == entry_id else f"{name} ({entry_id})"

    def add(key: str, value: str) -> None:
        shown = label(key)
        lines = textwrap.wrap(value, 88 - 16, break_on_hyphens=False) or [""]
        out.append(bold(f"{shown}:") + " " * max(1, 15 - len(shown)) + lines[0])
        out.extend(" " * 16 + line for line in lines[1:])

    out = [bold(f"{data.pop('id', '')}  {data.pop('title', '')}"), ""]
    add("file", measure.file)
    field_id = str(data.pop("field", ""))
    add("field", f"{names.field(field_id)} ({field_id})")
    if data.get("also_fields"):
        add("also_fields", "; ".join(f"{names.field(f)} ({f})" for f in data.pop("also_fields")))
    for key, kind in (("target_groups", "target_groups"), ("lead", "actors"), ("partners", "actors")):
        value = data.pop(key, None)
        if value:
            add(key, "; ".join(both(kind, v) for v in ([value] if isinstance(value, str) else value)))
    add("districts", "; ".join(both("districts", d) for d in data.pop("districts", ())))
    simple = ("status", "horizon", "start", "end", "visibility", "supersedes", "superseded_by", "updated")
    for key in (*simple, "illustrative"):
        if key in data:
            value = data.pop(key)
            add(
                key,
                _yes_no(value) if isinstance(value, bool) else value if isinstance(value, str) else json.dumps(value),
            )
    if data.get("tags"):
        add("tags", ", ".join(data.pop("tags")))
    for key in ("summary", "goal", "notes"):
        if key in data:
            out += ["", bold(f"{label(key)}:"), *_wrap(str(data.pop(key)))]
    budget = data.pop("budget", None)
    if budget:
        out += ["", bold(_("{label} (EUR)").format(label=label("budget")) + ":")]
        keys = ("year", "source", "planned", "revised", "spent", "note")
        rows = [[_cell(line.get(k), money=k in ("planned", "revised", "spent")) for k in keys] for line in budget]
        shown = [label(f"budget.{k}") for k in keys]
        out += ["  " + line for line in grid.plain(shown, rows, {0, 2, 3, 4}).splitlines()]
        out.append("  " + _("total planned {amount}").format(amount=fmt.euros(planned_total(measure.data))))
    indicators = data.pop("indicators", None)
    if indicators:
        out += ["", bold(f"{label('indicators')}:")]
        keys = ("name", "unit", "year", "baseline", "target", "actual")
        rows = [[_cell(item.get(k)) for k in keys] for item in indicators]
        shown = [label(f"indicators.{k}") for k in keys]
        out += ["  " + line for line in grid.plain(shown, rows, {2, 3, 4, 5}).splitlines()]
    decision = data.pop("decision", None)
    if decision:
        parts = [decision.get("body", ""), decision.get("date", ""), decision.get("paper", "")]
        out += ["", bold(f"{label('decision')}:") + " " + ", ".join(str(p) for p in parts if p)]
    links = data.pop("links", None)
    if links:
        out += ["", bold(f"{label('links')}:")]
        out += [f"  {link.get('title') + ': ' if link.get('title') else ''}{link.get('url', '')}" for link in links]
    data.pop("schema_version", None)
    if data:  # keys this renderer does not know (a newer schema): shown, not lost
        out += ["", *[f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]]
    return "\n".join(out) + "\n"


def _yes_no(flag: bool) -> str:
    return _("yes") if flag else _("no")


def _cell(value: Any, money: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.euros(value) if money else str(_number(value))
    return str(value)


#: ``integ show --format``: one measure in full, with names (``text``), or as in its file.
RECORD_RENDERERS: dict[str, Callable[[Measure, Names, Display], str]] = {
    "text": render_record,
    "json": lambda measure, _names, _display: json.dumps(record(measure), ensure_ascii=False, indent=2) + "\n",
    "yaml": lambda measure, _names, _display: to_yaml(record(measure)),
}
