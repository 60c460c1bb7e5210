"""One measure in full (``integ show``): readable text with names, or the record as in its file.

``RECORD_RENDERERS`` maps each ``integ show --format`` choice to its renderer: ``text``
(ids with their names, values under labels in integ's language), ``json`` and ``yaml``
(the record as in its file, plus ``file``; ``integ list`` writes the same records).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from integ_cli.i18n import _
from integ_cli.query import planned_total
from integ_cli.render import format as fmt
from integ_cli.render import grid
from integ_cli.render.field_labels import label
from integ_cli.render.grid import PLAIN, Display
from integ_cli.render.names import NO_NAMES, Names
from integ_cli.render.progress import progress_lines
from integ_cli.render.safe import in_strings, needs_escape, one_line, text_lines

if TYPE_CHECKING:
    from integ_cli.checking.measure import Measure


def whole(value: float) -> int | float:
    """A float that is a whole number as an int (``12000.0`` -> ``12000``), for output."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def record(measure: Measure) -> dict[str, Any]:
    """A measure as in its file, plus ``file`` (its path in the repository)."""
    return {**measure.read(), "file": measure.file}


def to_yaml(value: Any) -> str:
    """Block-style YAML, keys in file order, umlauts as they are; strings that would
    read as something else (``'2024-01-01'``, ``'no'``) are quoted.

    A string :mod:`integ_cli.render.safe` would escape is written in double quotes,
    where YAML has escapes: its line breaks as ``\\n`` (a single-quoted or block
    scalar would start lines with the data), ``::`` and ``##[`` broken by ``\\u003a``
    and ``\\u0023`` (a folded line may start with any part of it), bidi and invisible
    characters as ``\\uXXXX`` (:func:`~integ_cli.render.safe.in_strings`). The value
    read back is the same."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def represent(dumper: Any, text: str) -> Any:
        style = '"' if needs_escape(text) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    dumper: Any = type("Dumper", (base,), {})  # its own class: the representer stays local
    dumper.add_representer(str, represent)
    dumped = yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=88)
    return in_strings(dumped)


def _wrap(text: str, indent: str = "  ") -> list[str]:
    """A text of several lines, each wrapped and indented; each made harmless first."""
    return [indent + line for para in text_lines(text) for line in (textwrap.wrap(para, 88 - len(indent)) or [""])]


#: Keys ``integ show`` writes as ``label: value`` lines, after the ids and names.
_SIMPLE = (
    "status",
    "horizon",
    "start",
    "end",
    "visibility",
    "supersedes",
    "superseded_by",
    "updated",
    "illustrative",
)
#: Every key shown on a ``label: value`` line (the labels' column is as wide as their longest).
_LABELLED = ("file", "field", "also_fields", "target_groups", "lead", "partners", "districts", *_SIMPLE, "tags")
#: Values that are codes of the codelist of the same name.
_CODED = frozenset({"status", "horizon", "visibility"})
_MONEY = frozenset({"planned", "revised", "spent"})


def render_record(measure: Measure, names: Names = NO_NAMES, display: Display = PLAIN) -> str:
    """A whole measure, readable: ids with their names, texts wrapped, then budget,
    indicators, decision, links and the rest, each under its label in integ's language
    (:mod:`integ_cli.render.field_labels`). Every key of the record is shown; every
    value is made harmless (:mod:`integ_cli.render.safe`) before it is wrapped, so no
    line starts with what the data holds."""
    data = dict(measure.data)

    def bold(text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if display.colour else text

    def both(kind: str, entry_id: str) -> str:
        name = names.name(kind, entry_id)
        return entry_id if name == entry_id else f"{name} ({entry_id})"

    def coded(key: str, code: str) -> str:
        name = names.code(key, code)
        return code if name == code else f"{name} ({code})"

    # The values start in one column, past the longest label (in German, too).
    indent = max(16, *(len(label(key)) + 2 for key in _LABELLED))

    def add(key: str, value: str) -> None:
        shown = label(key)
        lines = textwrap.wrap(one_line(value), 88 - indent, break_on_hyphens=False) or [""]
        out.append(bold(f"{shown}:") + " " * (indent - 1 - len(shown)) + lines[0])
        out.extend(" " * indent + line for line in lines[1:])

    heading = f"{one_line(str(data.pop('id', '')))}  {one_line(str(data.pop('title', '')))}"
    out = [bold(heading), ""]
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
    for key in _SIMPLE:
        if key in data:
            value = data.pop(key)
            if isinstance(value, bool):
                add(key, _("yes") if value else _("no"))
            elif isinstance(value, str):
                add(key, coded(key, value) if key in _CODED else value)
            else:
                add(key, json.dumps(value))
    if data.get("tags"):
        add("tags", ", ".join(data.pop("tags")))
    for key in ("summary", "goal", "notes"):
        if key in data:
            out += ["", bold(f"{label(key)}:"), *_wrap(str(data.pop(key)))]
    budget = data.pop("budget", None)
    if budget:
        out += ["", bold(_("{label} (EUR)").format(label=label("budget")) + ":"), *_budget_lines(budget, names)]
        out.append("  " + _("total planned {amount}").format(amount=fmt.euros(planned_total(measure.data))))
    staff = data.pop("staff", None)
    if staff:
        out += ["", bold(f"{label('staff')}:")]
        rows = [[_cell(item.get("year")), fmt.number(item.get("fte")), _cell(item.get("note"))] for item in staff]
        shown = [label(f"staff.{k}") for k in ("year", "fte", "note")]
        out += ["  " + line for line in grid.plain(shown, rows, {0, 1}).splitlines()]
    indicators = data.pop("indicators", None)
    if indicators:
        out += ["", bold(f"{label('indicators')}:")]
        keys = ("name", "unit", "year", "baseline", "target", "actual")
        rows = [[_cell(item.get(k)) for k in keys] for item in indicators]
        shown = [label(f"indicators.{k}") for k in keys]
        out += ["  " + line for line in grid.plain(shown, rows, {2, 3, 4, 5}).splitlines()]
    out += progress_lines(data, names, bold)
    decision = data.pop("decision", None)
    if decision:
        parts = [decision.get("body", ""), decision.get("date", ""), decision.get("paper", "")]
        out += ["", bold(f"{label('decision')}:") + " " + one_line(", ".join(str(p) for p in parts if p))]
    links = data.pop("links", None)
    if links:
        out += ["", bold(f"{label('links')}:")]
        out += [
            "  " + one_line(f"{link.get('title') + ': ' if link.get('title') else ''}{link.get('url', '')}")
            for link in links
        ]
    data.pop("schema_version", None)
    if data:  # keys this renderer does not know (a newer schema): shown, not lost
        out += ["", *[one_line(f"{key}: {json.dumps(value, ensure_ascii=False)}") for key, value in data.items()]]
    return "\n".join(out) + "\n"


#: Budget line keys shown as columns where any line has them (the funding programme's details).
_FUNDING = ("funding_status", "co_funding_share", "programme")


def _budget_lines(budget: list[dict[str, Any]], names: Names) -> list[str]:
    """The budget table (funding columns only where a line has them), then each unknown
    amount's reason: the table says "unknown" where the amount would be."""

    def cell(line: dict[str, Any], key: str) -> str:
        value = line.get(key)
        if key in ("source", "funding_status"):
            return names.code("funding-status" if key == "funding_status" else key, value)
        if key == "co_funding_share":
            return "" if value is None else fmt.percent(value)
        if key == "planned" and value is None and "amount_unknown" in line:
            return _("unknown")
        return _cell(value, key in _MONEY)

    keys = ["year", "source", "planned", "revised", "spent", *(k for k in _FUNDING if any(k in x for x in budget))]
    keys.append("note")
    rows = [[cell(line, k) for k in keys] for line in budget]
    shown = [label(f"budget.{k}") for k in keys]
    right = {0, 2, 3, 4} | ({keys.index("co_funding_share")} if "co_funding_share" in keys else set())
    out = ["  " + line for line in grid.plain(shown, rows, right).splitlines()]
    for line in budget:
        if "amount_unknown" in line:
            source = names.code("source", line.get("source"))
            reason = _("amount of {year} ({source}) not known yet: {reason}").format(
                year=line.get("year", ""), source=source, reason=line["amount_unknown"]
            )
            out.append("  " + one_line(reason))
    return out


def illustrative_note(display: Display = PLAIN) -> str:
    """The line ``integ show`` starts with where the concept marks the data as invented."""
    from integ_cli.render.report.labels import ILLUSTRATIVE

    text = _(ILLUSTRATIVE)
    return (f"\x1b[1m{text}\x1b[0m" if display.colour else text) + "\n\n"


def _cell(value: Any, money: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.euros(value) if money else str(whole(value))
    return str(value)


#: ``integ show --format``: one measure in full, with names (``text``), or as in its file.
RECORD_RENDERERS: dict[str, Callable[[Measure, Names, Display], str]] = {
    "text": render_record,
    "json": lambda measure, _names, _display: (
        in_strings(json.dumps(record(measure), ensure_ascii=False, indent=2)) + "\n"
    ),
    "yaml": lambda measure, _names, _display: to_yaml(record(measure)),
}
