"""The overviews of ``integ fields``, ``target-groups``, ``actors`` and ``districts``.

Each renders to ``table`` (rich, for the terminal), ``text`` (plain, for pipes) or
``json`` (a list of objects, documented by the ``as_dict`` methods in
:mod:`integ_cli.report.counts`). Hierarchies show as ids indented two spaces per level.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from integ_cli.i18n import N_, _
from integ_cli.render import grid
from integ_cli.render.grid import PLAIN, Display
from integ_cli.render.safe import in_strings
from integ_cli.report.counts import EntryCount, FieldCount

FORMATS = ("table", "text", "json")


#: Headers of each overview (the fields' status columns come from the data, between
#: ``Prioritised`` and ``Total``).
FIELD_HEADERS = (N_("ID"), N_("Name"), N_("Prioritised"))
FIELD_TOTALS = (N_("Total"), N_("Also"))
TARGET_GROUP_HEADERS = (N_("ID"), N_("Name"), N_("Main"), N_("Measures"), N_("Incl. sub-groups"))
ACTOR_HEADERS = (N_("ID"), N_("Name"), N_("Kind"), N_("Lead"), N_("Partner"), N_("Incl. sub-organisations"))
DISTRICT_HEADERS = (N_("ID"), N_("Name"), N_("City-wide"), N_("Measures"), N_("Incl. city-wide"))


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
    if fmt == "table":
        return grid.rich_table(headers, rows, right, display, no_wrap={0})
    return grid.plain(headers, rows, right)


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
    """Districts; ``Incl. city-wide`` is what ``integ list --district ID`` finds."""
    headers = _shown(DISTRICT_HEADERS)
    rows = [[c.id, c.name, _yes(c.extra.get("city_wide")), str(c.direct), str(c.total)] for c in counts]
    return _render(headers, rows, {3, 4}, [c.as_dict() for c in counts], fmt, display)
