"""Round-trip edits of record files: change one thing, keep everything else.

Staff write comments into measure files, order keys their way and quote some values;
an edit by integ must not undo any of that. The edits here work on ruamel.yaml's
round-trip tree (see :mod:`integ_cli.authoring.roundtrip`, which keeps comments, key order,
quoting and indentation of whatever an edit does not touch); they place new keys
where the schema orders them and bump ``updated`` to today on every change (unless
the change sets it).

Edits are functions over the loaded mapping; :func:`apply` runs one on a file's
text and returns the new text. Nothing here reads or writes files or validates:
``authoring`` does that.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from integ_cli.authoring import roundtrip as rt
from integ_cli.authoring.roundtrip import FOLD_WIDTH, EditError, RoundTrip, render_new
from integ_cli.checking.schema import subschema
from integ_cli.problems import format_path

__all__ = ["FOLD_WIDTH", "Edit", "EditError", "Edited", "RoundTrip", "apply", "render_new", "touch"]

Path_ = list[str | int]
#: An edit: changes the mapping in place, returns what it changed, in words (empty:
#: nothing changed). It gets the record's JSON Schema for key order and required keys.
Edit = Callable[[Any, dict[str, Any]], list[str]]


@dataclass(slots=True)
class Edited:
    """The result of an edit: the new text and what changed."""

    text: str
    changes: list[str]
    #: True where ruamel.yaml could not reproduce the untouched lines exactly.
    reformatted: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def apply(text: str, edit: Edit, schema: dict[str, Any], today: str) -> Edited:
    """Run ``edit`` on a record's text; bump ``updated`` where it changed anything."""
    document = RoundTrip(text)
    before = rt.plain(document.data.get("updated"))
    changes = edit(document.data, schema)
    if not changes:
        return Edited(text, [], not document.faithful)
    if rt.plain(document.data.get("updated")) == before:
        set_updated(document.data, schema, today)
    return Edited(document.dump(), changes, not document.faithful)


def touch(text: str, schema: dict[str, Any], today: str) -> Edited:
    """Set ``updated`` to today (after a change made by hand, in the editor)."""
    document = RoundTrip(text)
    changed = set_updated(document.data, schema, today)
    return Edited(document.dump() if changed else text, ["updated"] if changed else [], not document.faithful)


# --- schema knowledge -------------------------------------------------------------------


def key_order(schema: dict[str, Any], path: Sequence[str | int] = ()) -> list[str]:
    """The keys of the mapping at ``path`` in the order the schema lists them."""
    return list(subschema(schema, path).get("properties", {}))


def ordered(value: Any, schema: dict[str, Any], path: Path_ | None = None) -> Any:
    """Plain data with every mapping's keys in schema order (unknown keys last)."""
    path = path or []
    if isinstance(value, dict):
        order = {k: i for i, k in enumerate(key_order(schema, path))}
        keys = sorted(value, key=lambda k: order.get(k, len(order)))
        return {k: ordered(value[k], schema, [*path, k]) for k in keys}
    if isinstance(value, list):
        return [ordered(v, schema, [*path, 0]) for v in value]
    return value


# --- the edits ------------------------------------------------------------------------------


def set_updated(data: Any, schema: dict[str, Any], today: str) -> bool:
    """Set ``updated`` to ``today`` in the file's style; False where it already is."""
    old = data.get("updated")
    if rt.plain(old) == today:
        return False
    value = datetime.date.fromisoformat(today) if isinstance(old, datetime.date) else rt.styled(today, old)
    rt.set_key(data, "updated", value, key_order(schema))
    return True


#: A number with German thousands dots (``12.000``), which YAML would read as 12.0.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_KEY_PART = re.compile(r"([A-Za-z0-9_-]+)|\[(\d+)\]")


def parse_key(text: str) -> Path_:
    """``decision.paper`` → ["decision", "paper"]; ``budget[0].spent`` (or
    ``budget.0.spent``) → ["budget", 0, "spent"]. ValueError where malformed."""
    parts: Path_ = []
    position = 0
    for match in _KEY_PART.finditer(text):
        if match.start() != position:
            break
        name, index = match.groups()
        parts.append(int(index) if index is not None else int(name) if name.isdigit() else name)
        position = match.end()
        if position < len(text) and text[position] == ".":
            position += 1
    if not parts or position != len(text) or isinstance(parts[0], int) or text.endswith("."):
        raise ValueError(f"'{text}' is not a key; write e.g. status, decision.paper or budget[0].spent")
    return parts


def parse_value(text: str) -> Any:
    """A value given on the command line, read by the loader's rules: numbers,
    true/false, ``[a, b]`` lists and ``{k: v}`` mappings; yes/no, dates and anything
    else stay text. Empty (or null) means "remove". ValueError for a broken list."""
    from integ_cli.files.loading import LoadProblem, load_document

    stripped = text.strip()
    if not stripped:
        return None
    try:
        document = load_document(stripped.encode("utf-8"), "<value>")
    except LoadProblem as error:
        if stripped[0] in "[{\"'":
            raise ValueError(f"cannot read the value {stripped}: {error.problem.message}") from None
        return stripped
    value = document.data if document is not None else None
    if isinstance(value, float) and _GROUPED.fullmatch(stripped):
        return stripped  # 12.000 is twelve thousand to a German: typed() reads it by the schema
    if isinstance(value, (dict, list)) and stripped[0] not in "[{":
        return stripped  # 'title=Sprachcafé: offen' means text, not a mapping
    if isinstance(value, str) and stripped[0] not in "\"'" and value != stripped:
        return stripped  # a '#' started a YAML comment; the user meant the text
    return value


def typed(schema: dict[str, Any], path: Path_, value: Any) -> Any:
    """``value`` as the schema wants it at ``path`` where it is text typed the German
    way: a date (``31.12.2025`` → ``2025-12-31``) or a number (``12.000,50`` →
    12000.5), read by :mod:`integ_cli.authoring.parse`. Anything else is left as it
    is, for validation to judge. EditError where a date or number cannot be read."""
    from integ_cli.authoring.parse import parse_date, parse_number

    if not isinstance(value, str):
        return value
    node = subschema(schema, path)
    try:
        if node.get("format") == "date":
            return parse_date(value)
        if node.get("type") in ("number", "integer"):
            return parse_number(value)
    except ValueError as error:
        raise EditError("unreadable-value", str(error), path) from None
    return value


def assign(path: Path_, value: Any) -> Edit:
    """Set the value at ``path`` (mappings on the way are created); None removes it.
    Dates and numbers typed the German way are read by the schema (:func:`typed`)."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        return _assign(data, schema, path, typed(schema, path, value))

    return edit


def _assign(data: Any, schema: dict[str, Any], path: Path_, value: Any) -> list[str]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if path[0] == "id":
        raise EditError("id-change", "the id equals the file name and cannot be changed", ["id"])
    shown_path = format_path(path)
    node = data
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        where = format_path(path[:depth]) or "the record"
        if isinstance(node, CommentedMap):
            if isinstance(part, int):
                raise EditError("not-a-list", f"'{where}' is a mapping, not a list; there is no [{part}]", path[:depth])
            if last or part not in node:
                old = node.get(part)
                if value is None:
                    if part not in node:
                        return []
                    rt.remove_key(node, part)
                    return [f"{shown_path} removed (was {rt.show(old)})"]
                new: Any = value
                for inner in reversed(path[depth + 1 :]):
                    if isinstance(inner, int):
                        raise EditError("no-such-item", f"'{where}' has no '{part}' list to index", path[:depth])
                    new = {inner: new}
                if rt.plain(old) == value:
                    return []
                new_node = rt.node(ordered(new, schema, path[: depth + 1]), old, old is None, 2 * (depth + 1))
                rt.set_key(node, part, new_node, key_order(schema, path[:depth]))
                return [f"{shown_path}: {rt.show(old)} → {rt.show(value)}"]
            node = node[part]
        elif isinstance(node, CommentedSeq):
            if not isinstance(part, int) or not -len(node) <= part < len(node):
                raise EditError(
                    "no-such-item", f"'{where}' is a list of {len(node)}; there is no item {part!r}", path[:depth]
                )
            if last:
                old = node[part]
                if value is None:
                    rt.remove_item(node, part % len(node))
                    return [f"{shown_path} removed (was {rt.show(old)})"]
                if rt.plain(old) == value:
                    return []
                node[part] = rt.node(ordered(value, schema, path), old, False, 2 * len(path))
                return [f"{shown_path}: {rt.show(old)} → {rt.show(value)}"]
            node = node[part]
        else:
            raise EditError("not-a-mapping", f"'{where}' is {rt.show(node)}, which has no '{part}' in it", path[:depth])
    return []  # pragma: no cover - the loop always returns


def set_status(status: str) -> Edit:
    """Set ``status`` (planned, active, completed, suspended, dropped)."""
    return assign(["status"], status)


def link(key: str, add: bool, values: Sequence[str]) -> Edit:
    """Add ids to, or remove them from, the list at ``key`` (partners, target_groups,
    districts, ...). Adding an id already listed changes nothing; removing one that
    is not listed is an error; a required list may not become empty."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from ruamel.yaml.comments import CommentedSeq

        current = data.get(key)
        if current is not None and not isinstance(current, CommentedSeq):
            raise EditError("not-a-list", f"'{key}' is {rt.show(current)}, not a list", [key])
        listed = [str(v) for v in current or []]
        wanted = list(dict.fromkeys(values))
        if add:
            new = [v for v in wanted if v not in listed]
            if not new:
                return []
            if current is None:
                rt.set_key(data, key, rt.node(new, indent=2), key_order(schema))
            else:
                for value in new:
                    rt.insert_item(current, len(current), rt.styled(value))
            return [f"{key}: added {', '.join(new)}"]
        missing = [v for v in wanted if v not in listed]
        if missing:
            names = ", ".join(f"'{v}'" for v in missing)
            has = f"it lists {', '.join(listed)}" if listed else "it lists none"
            verb = "is" if len(missing) == 1 else "are"
            raise EditError("not-listed", f"{names} {verb} not in '{key}' of this measure; {has}", [key])
        if current is None:  # nothing asked for, and nothing there
            return []
        if len(wanted) == len(listed) and key in schema.get("required", []):
            raise EditError(
                "last-entry", f"'{key}' needs at least one entry; add the new one first, then remove the old", [key]
            )
        lines = ""
        for value in wanted:
            lines += rt.remove_item(current, [str(v) for v in current].index(value))
        if not current:
            rt.remove_key(data, key, lines)
        return [f"{key}: removed {', '.join(wanted)}"]

    return edit


def add_budget(line: dict[str, Any]) -> Edit:
    """Add a budget line ``{year, planned, revised, spent, source, note}``, after the
    lines of earlier years; where a line for the same year and source exists, its
    values are updated instead (a second line would count the money twice)."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        budget = data.get("budget")
        label = f"budget {line.get('year')} ({line.get('source')})"
        if budget is None:
            rt.set_key(data, "budget", rt.node([ordered(line, schema, ["budget", 0])], indent=2), key_order(schema))
            return [f"{label} added"]
        if not isinstance(budget, CommentedSeq):
            raise EditError("not-a-list", f"'budget' is {rt.show(budget)}, not a list", ["budget"])
        for index, existing in enumerate(budget):
            same = isinstance(existing, CommentedMap) and rt.plain(existing.get("year")) == line.get("year")
            if same and rt.plain(existing.get("source")) == line.get("source"):
                changes = []
                for key, value in line.items():
                    changes += _assign(data, schema, ["budget", index, key], value)
                return [f"{label}: " + "; ".join(c.split("].", 1)[-1] for c in changes)] if changes else []
        position = len(budget)
        while position > 0 and _year(budget[position - 1]) > _year(line):
            position -= 1
        rt.insert_item(budget, position, rt.node(ordered(line, schema, ["budget", 0]), indent=4))
        return [f"{label} added"]

    return edit


def _year(line: Any) -> int:
    year = rt.plain(line.get("year")) if isinstance(line, dict) else None
    return year if isinstance(year, int) else 0


def record_actual(name: str, actual: float, year: int | None = None) -> Edit:
    """Record an indicator's actual value (Istwert). Without ``year`` the indicator
    must be unique by name; with it, the entry for that year is set, or, where the
    indicator has none for that year yet, a new entry (name and unit copied) added."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from integ_cli.suggest import did_you_mean

        indicators = data.get("indicators")
        entries = list(enumerate(indicators)) if isinstance(indicators, list) else []
        named = [(i, e) for i, e in entries if isinstance(e, dict) and rt.plain(e.get("name")) == name]
        if not named:
            names = list(dict.fromkeys(str(e.get("name")) for _, e in entries if isinstance(e, dict)))
            hint = did_you_mean(name, names) or (f"; it has {', '.join(names)}" if names else "; it has none")
            raise EditError("unknown-indicator", f"this measure has no indicator '{name}'{hint}", ["indicators"])
        if year is None and len(named) > 1:
            years = ", ".join(rt.show(e.get("year")) for _, e in named)
            raise EditError(
                "ambiguous-indicator", f"'{name}' is kept by year ({years}); say which with --year", ["indicators"]
            )
        chosen = [i for i, e in named if year is None or rt.plain(e.get("year")) == year]
        if chosen:
            return _assign(data, schema, ["indicators", chosen[0], "actual"], actual)
        template = named[-1][1]
        entry = {"name": name, "unit": rt.plain(template.get("unit")), "year": year, "actual": actual}
        rt.insert_item(indicators, named[-1][0] + 1, rt.node(ordered(entry, schema, ["indicators", 0]), indent=4))
        return [f"indicators: {name} {year} added, actual {rt.show(actual)}"]

    return edit
