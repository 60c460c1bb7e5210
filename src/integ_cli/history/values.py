"""Comparing two values of a record, key by key: the changes that turn one into the other.

List items that have a natural key are matched by it, not by position (budget lines
by year and source, indicators by name and year, links by URL): inserting a budget
line then reads as one line added, not as every later line changed. Lists of ids
(target groups, districts, tags, ...) are compared as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from integ_cli.history.model import Change, PathPart

#: Natural keys of list items, by the list's key in a measure.
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "budget": ("year", "source"),
    "indicators": ("name", "year"),
    "links": ("url",),
}


def same(a: Any, b: Any) -> bool:
    """Equal as data: ``12000`` and ``12000.0`` are the same amount, ``true`` and ``1`` are not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    return a == b


def _keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The keys of both mappings: in the new order, keys that went away where they stood."""
    keys = list(after)
    for index, key in enumerate(before):
        if key not in after:
            keys.insert(min(index, len(keys)), key)
    return keys


def _keyed(items: list[Any], key_fields: tuple[str, ...]) -> dict[tuple[Any, ...], Any] | None:
    """List items by their natural key (a repeated key gets a running number); None unless all are mappings."""
    if not all(isinstance(item, dict) for item in items):
        return None
    keyed: dict[tuple[Any, ...], Any] = {}
    for item in items:
        key = tuple(item.get(name) for name in key_fields)
        if any(isinstance(value, dict | list) for value in key):
            return None
        unique, number = key, 1
        while unique in keyed:
            number += 1
            unique = (*key, f"#{number}")
        keyed[unique] = item
    return keyed


def diff_values(
    before: Any, after: Any, parts: tuple[PathPart, ...] = (), keys: Mapping[str, tuple[str, ...]] = ITEM_KEYS
) -> list[Change]:
    """The changes that turn ``before`` into ``after``, as paths below ``parts``; the
    items of a top-level list named in ``keys`` are matched by those keys."""
    if same(before, after):
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        changes: list[Change] = []
        for key in _keys(before, after):
            if key not in after:
                changes.append(Change((*parts, key), "removed", before[key], None))
            elif key not in before:
                changes.append(Change((*parts, key), "added", None, after[key]))
            else:
                changes.extend(diff_values(before[key], after[key], (*parts, key), keys))
        return changes
    if isinstance(before, list) and isinstance(after, list) and parts:
        key_fields = keys.get(str(parts[-1])) if len(parts) == 1 else None
        old = _keyed(before, key_fields) if key_fields else None
        new = _keyed(after, key_fields) if key_fields else None
        if old is not None and new is not None:
            return _diff_keyed(old, new, parts, keys)
        if len(before) == len(after) and any(isinstance(item, dict | list) for item in (*before, *after)):
            changes = []
            for index, (x, y) in enumerate(zip(before, after, strict=True)):
                changes.extend(diff_values(x, y, (*parts, index), keys))
            return changes
    return [Change(parts, "changed", before, after)]


def _diff_keyed(
    old: dict[tuple[Any, ...], Any],
    new: dict[tuple[Any, ...], Any],
    parts: tuple[PathPart, ...],
    keys: Mapping[str, tuple[str, ...]],
) -> list[Change]:
    changes: list[Change] = []
    order = list(new)
    for index, key in enumerate(old):
        if key not in new:
            order.insert(min(index, len(order)), key)
    for key in order:
        if key not in new:
            changes.append(Change((*parts, key), "removed", old[key], None))
        elif key not in old:
            changes.append(Change((*parts, key), "added", None, new[key]))
        else:
            changes.extend(diff_values(old[key], new[key], (*parts, key), keys))
    return changes
