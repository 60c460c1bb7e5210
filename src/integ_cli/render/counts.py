"""The overviews of ``integ fields``, ``target-groups``, ``actors`` and ``districts``.

Each renders to ``table`` (rich, for the terminal), ``text`` (plain, for pipes) or
``md`` (Markdown), where a hierarchy shows as ids indented two spaces per level (in
Markdown two no-break spaces, which a table cell keeps); or to the machine formats
``json``, ``yaml`` and ``csv``: one flat object or row per entry, its ``parent`` and
``depth`` saying where it stands (documented by the ``as_dict`` methods in
:mod:`integ_cli.report.counts`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from integ_cli.i18n import N_, _
from integ_cli.render import grid
from integ_cli.render.grid import PLAIN, Display
from integ_cli.render.safe import in_strings
from integ_cli.report.counts import EntryCount, FieldCount

FORMATS = ("table", "text", "md", "json", "yaml", "csv")


#: Headers of each overview (the fields' status columns come from the data, between
#: ``Prioritised`` and ``Total``).
FIELD_HEADERS = (N_("ID"), N_("Name"), N_("Prioritised"))
FIELD_TOTALS = (N_("Total"), N_("Also"))
TARGET_GROUP_HEADERS = (N_("ID"), N_("Name"), N_("Main"), N_("Measures"), N_("Incl. sub-groups"))
ACTOR_HEADERS = (N_("ID"), N_("Name"), N_("Kind"), N_("Lead"), N_("Partner"), N_("Incl. sub-organisations"))
DISTRICT_HEADERS = (
    N_("ID"),
    N_("Name"),
    N_("City-wide"),
    N_("Measures"),
    N_("Incl. sub-areas"),
    N_("Incl. sub-areas and city-wide"),
)


def _render(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int],
    document: list[dict[str, Any]],
    fmt: str,
    display: Display,
) -> str:
    if fmt == "json":
        return in_strings(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "yaml":
        from integ_cli.render.record import to_yaml

        return to_yaml(document) if document else "[]\n"
    if fmt == "csv":
        return _csv(document, display)
    if fmt == "md":
        return grid.markdown(headers, [[_md_indent(row[0]), *row[1:]] for row in rows], right)
    if fmt == "table":
        return grid.rich_table(headers, rows, right, display, no_wrap={0})
    return grid.plain(headers, rows, right)


def _md_indent(cell: str) -> str:
    """An indented id for a Markdown cell: the spaces as no-break spaces, which a table keeps."""
    name = cell.lstrip(" ")
    return "\u00a0" * (len(cell) - len(name)) + name


def _flat(row: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON object one level deep: ``by_status: {active: 1}`` as ``by_status.active``."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            out.update({f"{key}.{inner}": item for inner, item in value.items()})
        else:
            out[key] = value
    return out


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _csv(document: list[dict[str, Any]], display: Display) -> str:
    """CSV for Excel, as ``integ list --format csv`` writes it: the JSON keys as the
    header (stable, English), one row per entry."""
    from integ_cli.spreadsheet.csvdialect import write_rows

    rows = [_flat(row) for row in document]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return write_rows([columns, *([_cell(row.get(c)) for c in columns] for row in rows)], raw=display.csv_raw)


def _shown(headers: Sequence[str]) -> list[str]:
    return [_(header) for header in headers]


def _yes(flag: Any) -> str:
    return _("yes") if flag else ""


def render_fields(counts: Sequence[FieldCount], fmt: str, display: Display = PLAIN) -> str:
    """One row per action field: measures per status (by main field), total, and how
    many more measures name it among their ``also_fields``."""
    statuses = list(dict.fromkeys(s for c in counts for s in c.by_status))  # the codelist's, then others met
    headers = [*_shown(FIELD_HEADERS), *statuses, *_shown(FIELD_TOTALS)]
    rows = [
        [c.id, c.name, _yes(c.prioritised), *(str(c.by_status.get(s, 0)) for s in statuses), str(c.total), str(c.also)]
        for c in counts
    ]
    right = set(range(3, len(headers)))
    return _render(headers, rows, right, [c.as_dict() for c in counts], fmt, display)


def _numbers(count: EntryCount, *keys: str) -> list[str]:
    return [*(str(count.extra[key]) for key in keys), str(count.total)]


def _indented(count: EntryCount) -> str:
    return "  " * count.depth + count.id


def render_target_groups(counts: Sequence[EntryCount], fmt: str, display: Display = PLAIN) -> str:
    """The hierarchy; ``Incl. sub-groups`` is what ``integ list --target-group ID`` finds."""
    headers = _shown(TARGET_GROUP_HEADERS)
    rows = [[_indented(c), c.name, _yes(c.extra.get("main")), str(c.direct), str(c.total)] for c in counts]
    return _render(headers, rows, {3, 4}, [c.as_dict() for c in counts], fmt, display)


def render_actors(counts: Sequence[EntryCount], fmt: str, display: Display = PLAIN) -> str:
    """Actors with how often they lead or partner; ``Incl. sub-organisations`` is what
    ``integ list --actor ID`` finds."""
    headers = _shown(ACTOR_HEADERS)
    rows = [[_indented(c), c.name, str(c.extra.get("kind") or ""), *_numbers(c, "lead", "partner")] for c in counts]
    return _render(headers, rows, {3, 4, 5}, [c.as_dict() for c in counts], fmt, display)


def render_districts(counts: Sequence[EntryCount], fmt: str, display: Display = PLAIN) -> str:
    """Districts with their sub-areas below them; ``Incl. sub-areas and city-wide`` is
    what ``integ list --district ID`` finds (:func:`integ_cli.areas.district_tree`)."""
    headers = _shown(DISTRICT_HEADERS)
    rows = [
        [
            _indented(c),
            c.name,
            _yes(c.extra.get("city_wide")),
            str(c.direct),
            str(c.extra.get("with_sub_areas", c.direct)),
            str(c.total),
        ]
        for c in counts
    ]
    return _render(headers, rows, {3, 4, 5}, [c.as_dict() for c in counts], fmt, display)
