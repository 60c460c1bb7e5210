"""Parent/child hierarchies of vocabulary entries (target groups, actors, districts).

Entries name their parent with ``parent``. Validation reports unknown parents and
cycles, but queries answer even from a repository with such problems, so every
function here tolerates them: an unknown parent makes an entry a root, and a cycle
is walked once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Entries = Mapping[str, Mapping[str, Any]]


def children(entries: Entries) -> dict[str, list[str]]:
    """Each entry's direct children, in file order."""
    out: dict[str, list[str]] = {entry_id: [] for entry_id in entries}
    for entry_id, entry in entries.items():
        parent = entry.get("parent")
        if isinstance(parent, str) and parent in out and parent != entry_id:
            out[parent].append(entry_id)
    return out


def descendants(entries: Entries, ids: Iterable[str]) -> set[str]:
    """The given ids and every entry below them."""
    below = children(entries)
    found: set[str] = set()
    stack = list(ids)
    while stack:
        entry_id = stack.pop()
        if entry_id not in found:
            found.add(entry_id)
            stack.extend(below.get(entry_id, ()))
    return found


def ancestors(entries: Entries) -> dict[str, set[str]]:
    """Each entry with itself and every entry above it: what it adds to when a count
    of its parents includes their children."""
    out: dict[str, set[str]] = {}
    for entry_id in entries:
        chain: set[str] = set()
        node: Any = entry_id
        while isinstance(node, str) and node in entries and node not in chain:
            chain.add(node)
            node = entries[node].get("parent")
        out[entry_id] = chain
    return out


def walk(entries: Entries) -> list[tuple[str, int]]:
    """Every entry once, as ``(id, depth)``, depth first: roots in file order, each
    followed by its children in file order. Entries caught in a cycle (no root above
    them) come last, at depth 0."""
    below = children(entries)
    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(entry_id: str, depth: int) -> None:
        stack = [(entry_id, depth)]
        while stack:
            current, level = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            order.append((current, level))
            stack.extend((child, level + 1) for child in reversed(below[current]))

    for entry_id, entry in entries.items():
        parent = entry.get("parent")
        if not isinstance(parent, str) or parent not in entries or parent == entry_id:
            visit(entry_id, 0)
    for entry_id in entries:
        visit(entry_id, 0)
    return order
