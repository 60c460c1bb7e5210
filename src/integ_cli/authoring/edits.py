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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from integ_cli.authoring import roundtrip as rt
from integ_cli.authoring.parse import parse_key, parse_value, typed
from integ_cli.authoring.roundtrip import FOLD_WIDTH, EditError, RoundTrip, render_new
from integ_cli.checking.schema import subschema
from integ_cli.i18n import _, ngettext
from integ_cli.problems import format_path

__all__ = [
    "FOLD_WIDTH",
    "Edit",
    "EditError",
    "Edited",
    "RoundTrip",
    "apply",
    "parse_key",
    "parse_value",
    "render_new",
    "touch",
]

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


def assign(path: Path_, value: Any) -> Edit:
    """Set the value at ``path`` (mappings on the way are created); None removes it.
    Dates and numbers typed the German way are read by the schema (:func:`typed`)."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        try:
            wanted = typed(schema, path, value)
        except ValueError as error:
            raise EditError("unreadable-value", str(error), path) from None
        return _assign(data, schema, path, wanted)

    return edit


def _assign(data: Any, schema: dict[str, Any], path: Path_, value: Any) -> list[str]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if path[0] == "id":
        raise EditError("id-change", _("the id equals the file name and cannot be changed"), ["id"])
    shown_path = format_path(path)
    node = data
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        where = format_path(path[:depth]) or _("the record")
        if isinstance(node, CommentedMap):
            if isinstance(part, int):
                raise EditError(
                    "not-a-list",
                    _("'{where}' is a mapping, not a list; there is no [{index}]").format(where=where, index=part),
                    path[:depth],
                )
            if last or part not in node:
                old = node.get(part)
                if value is None:
                    if part not in node:
                        return []
                    rt.remove_key(node, part)
                    return [_removed(shown_path, old)]
                new: Any = value
                for inner in reversed(path[depth + 1 :]):
                    if isinstance(inner, int):
                        raise EditError(
                            "no-such-item",
                            _("'{where}' has no '{key}' list to index").format(where=where, key=part),
                            path[:depth],
                        )
                    new = {inner: new}
                if rt.plain(old) == value:
                    return []
                new_node = rt.node(ordered(new, schema, path[: depth + 1]), old, old is None, 2 * (depth + 1))
                rt.set_key(node, part, new_node, key_order(schema, path[:depth]))
                return [_changed(shown_path, old, value)]
            node = node[part]
        elif isinstance(node, CommentedSeq):
            if not isinstance(part, int) or not -len(node) <= part < len(node):
                raise EditError(
                    "no-such-item",
                    _("'{where}' is a list of {count}; there is no item {index}").format(
                        where=where, count=len(node), index=repr(part)
                    ),
                    path[:depth],
                )
            if last:
                old = node[part]
                if value is None:
                    rt.remove_item(node, part % len(node))
                    return [_removed(shown_path, old)]
                if rt.plain(old) == value:
                    return []
                node[part] = rt.node(ordered(value, schema, path), old, False, 2 * len(path))
                return [_changed(shown_path, old, value)]
            node = node[part]
        else:
            raise EditError(
                "not-a-mapping",
                _("'{where}' is {value}, which has no '{key}' in it").format(
                    where=where, value=rt.show(node), key=part
                ),
                path[:depth],
            )
    return []  # pragma: no cover - the loop always returns


def _removed(path: str, old: Any) -> str:
    return _("{path} removed (was {old})").format(path=path, old=rt.show(old))


def _changed(path: str, old: Any, new: Any) -> str:
    return _("{path}: {old} → {new}").format(path=path, old=rt.show(old), new=rt.show(new))


def _not_a_list(key: str, value: Any) -> EditError:
    return EditError("not-a-list", _("'{key}' is {value}, not a list").format(key=key, value=rt.show(value)), [key])


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
            raise _not_a_list(key, current)
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
            return [_("{key}: added {ids}").format(key=key, ids=", ".join(new))]
        missing = [v for v in wanted if v not in listed]
        if missing:
            names = ", ".join(f"'{v}'" for v in missing)
            message = (
                ngettext(
                    "{ids} is not in '{key}' of this measure; it lists {listed}",
                    "{ids} are not in '{key}' of this measure; it lists {listed}",
                    len(missing),
                )
                if listed
                else ngettext(
                    "{ids} is not in '{key}' of this measure; it lists none",
                    "{ids} are not in '{key}' of this measure; it lists none",
                    len(missing),
                )
            )
            raise EditError("not-listed", message.format(ids=names, key=key, listed=", ".join(listed)), [key])
        if current is None:  # nothing asked for, and nothing there
            return []
        if len(wanted) == len(listed) and key in schema.get("required", []):
            raise EditError(
                "last-entry",
                _("'{key}' needs at least one entry; add the new one first, then remove the old").format(key=key),
                [key],
            )
        lines = ""
        for value in wanted:
            lines += rt.remove_item(current, [str(v) for v in current].index(value))
        if not current:
            rt.remove_key(data, key, lines)
        return [_("{key}: removed {ids}").format(key=key, ids=", ".join(wanted))]

    return edit


def add_budget(line: dict[str, Any]) -> Edit:
    """Add a budget line ``{year, planned, revised, spent, source, note}``, after the
    lines of earlier years; where a line for the same year and source exists, its
    values are updated instead (a second line would count the money twice)."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        budget = data.get("budget")
        label = _("budget {year} ({source})").format(year=line.get("year"), source=line.get("source"))
        added = _("{line} added").format(line=label)
        if budget is None:
            rt.set_key(data, "budget", rt.node([ordered(line, schema, ["budget", 0])], indent=2), key_order(schema))
            return [added]
        if not isinstance(budget, CommentedSeq):
            raise _not_a_list("budget", budget)
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
        return [added]

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
            if did_you_mean(name, names):
                message = _("this measure has no indicator '{name}'{hint}").format(
                    name=name, hint=did_you_mean(name, names)
                )
            elif names:
                message = _("this measure has no indicator '{name}'; it has {names}").format(
                    name=name, names=", ".join(names)
                )
            else:
                message = _("this measure has no indicator '{name}'; it has none").format(name=name)
            raise EditError("unknown-indicator", message, ["indicators"])
        if year is None and len(named) > 1:
            years = ", ".join(rt.show(e.get("year")) for _, e in named)
            raise EditError(
                "ambiguous-indicator",
                _("'{name}' is kept by year ({years}); say which with --year").format(name=name, years=years),
                ["indicators"],
            )
        chosen = [i for i, e in named if year is None or rt.plain(e.get("year")) == year]
        if chosen:
            return _assign(data, schema, ["indicators", chosen[0], "actual"], actual)
        template = named[-1][1]
        entry = {"name": name, "unit": rt.plain(template.get("unit")), "year": year, "actual": actual}
        rt.insert_item(indicators, named[-1][0] + 1, rt.node(ordered(entry, schema, ["indicators", 0]), indent=4))
        return [
            _("indicators: {name} {year} added, actual {actual}").format(name=name, year=year, actual=rt.show(actual))
        ]

    return edit
