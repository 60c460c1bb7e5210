"""One change of a measure in the words people use: ``status: planned → active``.

:func:`describe` turns a :class:`~integ_cli.history.model.Change` into a line of the
history (``integ diff``, ``changelog``, ``history``), in integ's language: keys named by
:mod:`integ_cli.render.field_labels` (``Status``, ``Budgetposten 2026 (municipal)
Ansatz`` in German), amounts and dates written by :mod:`integ_cli.render.format`,
long texts cut. Codes (``planned``, ``municipal``) stay codes.
"""

from __future__ import annotations

from typing import Any

from integ_cli.history.model import Change, PathPart
from integ_cli.history.values import ITEM_KEYS
from integ_cli.i18n import _
from integ_cli.render import format as fmt
from integ_cli.render.field_labels import LABELS
from integ_cli.render.field_labels import label as field_label

#: Budget values that are amounts of money.
AMOUNTS = frozenset({"planned", "revised", "spent"})
#: Keys whose values are dates (``date`` as in ``decision.date``).
DATES = frozenset({"start", "end", "updated", "date"})
#: Longer text values are shortened in text and Markdown (JSON has them whole).
TEXT_WIDTH = 70


def value_text(value: Any, key: str | None = None, parent: str | None = None) -> str:
    """One value, short: lists joined, mappings as ``key value`` (keys labelled as the
    items of ``parent``), amounts and dates formatted, long text cut."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in AMOUNTS and isinstance(value, int | float):
        return fmt.money(value, cents=True)
    if isinstance(value, float):
        return fmt.number(value, decimals=6) if not value.is_integer() else str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value) or _("(none)")
    if isinstance(value, dict):
        return ", ".join(
            f"{field_label(f'{parent}.{k}' if parent else k)} {value_text(v, k)}" for k, v in value.items()
        )
    text = " ".join(str(value).split())
    if key in DATES:
        return fmt.date(text)
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1].rstrip() + "…"


def _item(list_key: str, key: tuple[Any, ...]) -> str:
    """A list item by its natural key: ``budget 2026 (municipal)``, ``indicator Teilnehmende (2025)``."""
    number_suffix = ""
    if len(key) > len(ITEM_KEYS.get(list_key, key)):  # a repeated key carries a running number
        number_suffix, key = f" {key[-1]}", key[:-1]
    values = [value for value in key if value is not None]
    if list_key == "budget" and len(values) == 2:
        return _("budget {year} ({source})").format(year=values[0], source=values[1]) + number_suffix
    if list_key == "indicators" and values:
        name, *year = values
        if year:
            return _("indicator {name} ({year})").format(name=name, year=year[0]) + number_suffix
        return _("indicator {name}").format(name=name) + number_suffix
    named = " ".join(str(v) for v in values)
    if list_key == "links":
        return _("link {key}").format(key=named) + number_suffix
    return f"{field_label(list_key)} {named}{number_suffix}"


def label(parts: tuple[PathPart, ...]) -> str:
    """Where a change is, for people: ``status``, ``budget 2026 (municipal) planned``, ``decision date``."""
    out, path = "", ""
    for index, part in enumerate(parts):
        if isinstance(part, tuple):
            path = str(parts[index - 1]) if index else ""
            out = _item(path, part)
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else part
            if out and isinstance(parts[index - 1], tuple):
                out += f" {field_label(path)}"
            elif path in LABELS:
                out = field_label(path)
            else:
                out += f".{part}" if out else part
    return out


def _id_list(before: list[Any], after: list[Any]) -> str:
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    words = [f"+ {value_text(item)}" for item in added] + [f"− {value_text(item)}" for item in removed]
    return "; ".join(words) if words else _("order changed")


def _without_key(parts: tuple[PathPart, ...], value: Any) -> Any:
    """A whole list item without the values its label already names (``budget 2026 (state)``)."""
    if len(parts) == 2 and isinstance(parts[1], tuple) and isinstance(value, dict):
        named = ITEM_KEYS.get(str(parts[0]), ())
        return {key: item for key, item in value.items() if key not in named}
    return value


def describe(change: Change) -> str:
    """One change as a line: ``status: planned → active``."""
    where = label(change.parts)
    key = next((p for p in reversed(change.parts) if isinstance(p, str)), None)
    parent = ".".join(p for p in change.parts if isinstance(p, str))
    before, after = _without_key(change.parts, change.before), _without_key(change.parts, change.after)
    if change.kind == "added":
        added = _("{where}: added, {value}") if isinstance(after, dict) else _("{where}: added {value}")
        return added.format(where=where, value=value_text(after, key, parent))
    if change.kind == "removed":
        return _("{where}: removed (was {value})").format(where=where, value=value_text(before, key, parent))
    if (
        isinstance(before, list)
        and isinstance(after, list)
        and not any(isinstance(v, dict | list) for v in (*before, *after))
    ):
        return f"{where}: {_id_list(before, after)}"
    return f"{where}: {value_text(before, key, parent)} → {value_text(after, key, parent)}"
