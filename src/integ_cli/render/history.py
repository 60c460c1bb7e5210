"""The history of the catalogue as text, Markdown and JSON: ``integ diff``, ``changelog``, ``history``.

Changes read the way the integration unit talks about them: ``status: planned →
active``, ``budget 2026 (municipal) planned: 12.000 € → 15.000 €``, ``indicator
Teilnehmende (2025) actual: 35 → 41``. Amounts are written the German way (``.`` for
thousands, ``,`` for decimals; :mod:`integ_cli.render.format`). JSON carries the full
values and the paths of the core (``budget[2026 municipal].planned``), for scripts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from integ_cli.history.compare import ITEM_KEYS
from integ_cli.history.git import Commit
from integ_cli.history.model import Change, Changelog, Diff, Event, History, MeasureDiff, PathPart
from integ_cli.render import format as fmt

#: Budget values that are amounts of money.
AMOUNTS = frozenset({"planned", "revised", "spent"})
#: Longer text values are shortened in text and Markdown (JSON has them whole).
TEXT_WIDTH = 70
#: At most this many commits are listed under a changelog in text and Markdown.
COMMITS_SHOWN = 20


# --- values -------------------------------------------------------------------------------------------


def value_text(value: Any, key: str | None = None) -> str:
    """One value, short: lists joined, mappings as ``key value``, long text cut."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if key in AMOUNTS and isinstance(value, int | float):
        return fmt.money(value, cents=True)
    if isinstance(value, float):
        return fmt.number(value, decimals=6) if not value.is_integer() else str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k} {value_text(v, k)}" for k, v in value.items())
    text = " ".join(str(value).split())
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1].rstrip() + "…"


def _item(list_key: str, key: tuple[Any, ...]) -> str:
    """A list item by its natural key: ``budget 2026 (municipal)``, ``indicator Teilnehmende (2025)``."""
    number_suffix = ""
    if len(key) > len(ITEM_KEYS.get(list_key, key)):  # a repeated key carries a running number
        number_suffix, key = f" {key[-1]}", key[:-1]
    values = [value for value in key if value is not None]
    if list_key == "budget" and len(values) == 2:
        return f"budget {values[0]} ({values[1]}){number_suffix}"
    if list_key == "indicators" and values:
        name, *year = values
        return f"indicator {name}" + (f" ({year[0]})" if year else "") + number_suffix
    if list_key == "links":
        return "link " + " ".join(str(v) for v in values) + number_suffix
    return f"{list_key} " + " ".join(str(v) for v in values) + number_suffix


def label(parts: tuple[PathPart, ...]) -> str:
    """Where a change is, for people: ``status``, ``budget 2026 (municipal) planned``, ``decision.date``."""
    out = ""
    for index, part in enumerate(parts):
        if isinstance(part, tuple):
            out = _item(str(parts[index - 1]) if index else "", part)
        elif isinstance(part, int):
            out += f"[{part}]"
        elif out and isinstance(parts[index - 1], tuple):
            out += f" {part}"
        else:
            out += f".{part}" if out else part
    return out


def _id_list(before: list[Any], after: list[Any]) -> str:
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    words = [f"+ {value_text(item)}" for item in added] + [f"− {value_text(item)}" for item in removed]
    return "; ".join(words) if words else "order changed"


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
    before, after = _without_key(change.parts, change.before), _without_key(change.parts, change.after)
    if change.kind == "added":
        return f"{where}: added{',' if isinstance(after, dict) else ''} {value_text(after, key)}"
    if change.kind == "removed":
        return f"{where}: removed (was {value_text(before, key)})"
    if (
        isinstance(before, list)
        and isinstance(after, list)
        and not any(isinstance(v, dict | list) for v in (*before, *after))
    ):
        return f"{where}: {_id_list(before, after)}"
    return f"{where}: {value_text(before, key)} → {value_text(after, key)}"


def _facts(measure: MeasureDiff, keys: tuple[str, ...] = ("field", "status")) -> str:
    """What an added or removed measure was: its field and status."""
    record = measure.record or {}
    facts = [str(record[key]) for key in keys if isinstance(record.get(key), str)]
    return f"  ({', '.join(facts)})" if facts else ""


def _updated(measure: MeasureDiff) -> str | None:
    if measure.updated is None:
        return None
    return f"updated: {value_text(measure.updated[0])} → {value_text(measure.updated[1])}"


def _summary(diff: Diff) -> str:
    counts = [(diff.count(kind), kind) for kind in ("added", "removed", "changed")]
    return ", ".join(f"{count} {kind}" for count, kind in counts if count) or "no measure changed"


def to_json(model: Diff | Changelog | History) -> str:
    return json.dumps(model.as_dict(), ensure_ascii=False, indent=2) + "\n"


# --- text ---------------------------------------------------------------------------------------------


def _measure_lines(measure: MeasureDiff, indent: str, facts: tuple[str, ...] = ("field", "status")) -> list[str]:
    title = f"  {measure.title}" if measure.title else ""
    head = f"{indent}{measure.kind:<8} {measure.id}{title}"
    if measure.kind != "changed":
        return [head + _facts(measure, facts)]
    lines = [head]
    lines += [f"{indent}    {describe(change)}" for change in measure.changes]
    updated = _updated(measure)
    if updated:
        lines.append(f"{indent}    {updated}")
    return lines


def diff_text(diff: Diff) -> str:
    head = f"From {diff.before.label} to {diff.after.label}"
    if not diff.measures:
        return f"{head}: no measure changed.\n"
    lines = [f"{head}: {_summary(diff)}", ""]
    for measure in diff.measures:
        lines += _measure_lines(measure, "")
    return "\n".join(lines) + "\n"


def _commit_line(commit: Commit) -> str:
    return f"{commit.day}  {commit.short}  {commit.author}  {commit.subject}"


def changelog_text(log: Changelog) -> str:
    diff = log.diff
    lines = [
        f"Changes since {log.since}: from {diff.before.label} to {diff.after.label}",
        f"{len(log.commits)} commit{'s' if len(log.commits) != 1 else ''}; {_summary(diff)}",
    ]
    for group in log.groups():
        mark = "  (prioritised)" if group.field.prioritised else ""
        name = group.field.name if group.field.name == group.field.id else f"{group.field.name} ({group.field.id})"
        lines += ["", f"{name}{mark}"]
        for measure in group.measures:
            lines += _measure_lines(measure, "  ", ("status",))
    if log.commits:
        lines += ["", "Commits:"]
        lines += [f"  {_commit_line(commit)}" for commit in log.commits[:COMMITS_SHOWN]]
        if len(log.commits) > COMMITS_SHOWN:
            lines.append(f"  ... and {len(log.commits) - COMMITS_SHOWN} more (all with --format json)")
    return "\n".join(lines) + "\n"


def _event_lines(event: Event) -> list[str]:
    if event.kind == "format":
        return ["only formatting or comments, the data is the same"]
    if event.kind == "unreadable" and event.unreadable is not None:
        problem = event.unreadable.problem
        where = f" (line {problem.line})" if problem.line else ""
        return [f"the file is not valid here{where}: {problem.message}"]
    if event.measure is None or event.kind != "changed":
        facts = _facts(event.measure).strip() if event.measure else ""
        return [f"{event.kind} {facts}".rstrip()]
    lines = [describe(change) for change in event.measure.changes]
    updated = _updated(event.measure)
    return [*lines, updated] if updated else lines


def history_text(result: History) -> str:
    count = len(result.events)
    title = f"  {result.title}" if result.title else ""
    lines = [f"{result.id}{title}  ({result.file}): {count} commit{'s' if count != 1 else ''}"]
    for event in result.events:
        lines += ["", _commit_line(event.commit)]
        lines += [f"    {line}" for line in _event_lines(event)]
    return "\n".join(lines) + "\n"


# --- Markdown -----------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Text that Markdown shows as it is."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def _md_measure(measure: MeasureDiff, facts: tuple[str, ...] = ("field", "status")) -> list[str]:
    title = f" {md_escape(measure.title)}" if measure.title else ""
    lines = [f"- **{measure.kind}** `{measure.id}`{title}{md_escape(_facts(measure, facts))}"]
    if measure.kind == "changed":
        lines += [f"  - {md_escape(describe(change))}" for change in measure.changes]
        updated = _updated(measure)
        if updated:
            lines.append(f"  - {md_escape(updated)}")
    return lines


def diff_md(diff: Diff) -> str:
    lines = [f"## Changes from {md_escape(diff.before.label)} to {md_escape(diff.after.label)}", ""]
    lines.append(f"{_summary(diff)}.")
    if diff.measures:
        lines.append("")
        for measure in diff.measures:
            lines += _md_measure(measure)
    return "\n".join(lines) + "\n"


def changelog_md(log: Changelog) -> str:
    diff = log.diff
    lines = [
        f"## Changes since {log.since}",
        "",
        f"From {md_escape(diff.before.label)} to {md_escape(diff.after.label)}: "
        f"{len(log.commits)} commit{'s' if len(log.commits) != 1 else ''}; {_summary(diff)}.",
    ]
    for group in log.groups():
        mark = " (prioritised)" if group.field.prioritised else ""
        lines += ["", f"### {md_escape(group.field.name)}{mark}", ""]
        for measure in group.measures:
            lines += _md_measure(measure, ("status",))
    if log.commits:
        lines += ["", "### Commits", ""]
        for commit in log.commits[:COMMITS_SHOWN]:
            lines.append(f"- {commit.day} `{commit.short}` {md_escape(commit.author)}: {md_escape(commit.subject)}")
        if len(log.commits) > COMMITS_SHOWN:
            lines.append(f"- ... and {len(log.commits) - COMMITS_SHOWN} more")
    return "\n".join(lines) + "\n"


def history_md(result: History) -> str:
    title = f" {md_escape(result.title)}" if result.title else ""
    lines = [f"## History of `{result.id}`{title}"]
    for event in result.events:
        commit = event.commit
        lines += ["", f"### {commit.day} `{commit.short}` {md_escape(commit.author)}: {md_escape(commit.subject)}", ""]
        lines += [f"- {md_escape(line)}" for line in _event_lines(event)]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, dict[str, Callable[[Any], str]]] = {
    "diff": {"text": diff_text, "md": diff_md, "json": to_json},
    "changelog": {"text": changelog_text, "md": changelog_md, "json": to_json},
    "history": {"text": history_text, "md": history_md, "json": to_json},
}
