"""The history of the catalogue as text, Markdown and JSON: ``integ diff``, ``changelog``, ``history``.

Everything but JSON is in integ's language (the Markdown goes into council papers):
headings, what happened to a measure (and to the vocabularies, action fields and
concept record: :mod:`integ_cli.render.history_entries`), the changes as :mod:`integ_cli.render.changes`
describes them (``status: planned → active``; ``Status: planned → active`` in German),
commit dates as :mod:`integ_cli.render.format` writes them. JSON carries the full
values, the English kinds and the paths of the core (``budget[2026 municipal].planned``),
for scripts. Titles, ids, commit authors and subjects and the changed values come from
the data and from git, so each is made one harmless line (:mod:`integ_cli.render.safe`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from integ_cli.history.git import Commit
from integ_cli.history.model import Changelog, Diff, Event, History, MeasureDiff
from integ_cli.history.snapshot import Side
from integ_cli.i18n import N_, _, ngettext
from integ_cli.render import format as fmt
from integ_cli.render.changes import describe, value_text
from integ_cli.render.field_labels import label as field_label
from integ_cli.render.history_entries import entry_lines, entry_md
from integ_cli.render.safe import escape, in_strings, one_line

#: At most this many commits are listed under a changelog in text and Markdown.
COMMITS_SHOWN = 20
#: What happened to a measure (the model's English ``kind``), and how often.
KINDS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
COUNTS = {"added": N_("{n} added"), "removed": N_("{n} removed"), "changed": N_("{n} changed")}


def _facts(measure: MeasureDiff, keys: tuple[str, ...] = ("field", "status")) -> str:
    """What an added or removed measure was: its field and status."""
    record = measure.record or {}
    facts = [one_line(record[key]) for key in keys if isinstance(record.get(key), str)]
    return f"  ({', '.join(facts)})" if facts else ""


def _updated(measure: MeasureDiff) -> str | None:
    if measure.updated is None:
        return None
    before, after = (value_text(value, "updated") for value in measure.updated)
    return one_line(f"{field_label('updated')}: {before} → {after}")


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def _summary(diff: Diff) -> str:
    counts = [(diff.count(kind), kind) for kind in COUNTS]
    measures = ", ".join(_(COUNTS[kind]).format(n=count) for count, kind in counts if count) or _("no measure changed")
    if not diff.entries:
        return measures
    others = ngettext(
        "{n} change to the vocabularies, action fields or concept record",
        "{n} changes to the vocabularies, action fields or concept record",
        len(diff.entries),
    ).format(n=len(diff.entries))
    return f"{measures}; {others}"


def _side(side: Side) -> str:
    """A side as its label says; the working tree (no commit) in integ's language."""
    return one_line(side.label) if side.commit is not None else _("the working tree")


def _commits(count: int) -> str:
    return ngettext("{n} commit", "{n} commits", count).format(n=count)


def to_json(model: Diff | Changelog | History) -> str:
    return in_strings(json.dumps(model.as_dict(), ensure_ascii=False, indent=2)) + "\n"


# --- text ---------------------------------------------------------------------------------------------


def _measure_lines(measure: MeasureDiff, indent: str, facts: tuple[str, ...] = ("field", "status")) -> list[str]:
    title = f"  {one_line(measure.title)}" if measure.title else ""
    width = max(len(_(kind)) for kind in KINDS.values()) + 1
    head = f"{indent}{_kind(measure.kind):<{width}} {one_line(measure.id)}{title}"
    if measure.kind != "changed":
        return [head + _facts(measure, facts)]
    lines = [head]
    lines += [f"{indent}    {one_line(describe(change))}" for change in measure.changes]
    updated = _updated(measure)
    if updated:
        lines.append(f"{indent}    {updated}")
    return lines


def diff_text(diff: Diff) -> str:
    before, after = _side(diff.before), _side(diff.after)
    if not diff.measures and not diff.entries:
        return _("From {before} to {after}: no measure changed.").format(before=before, after=after) + "\n"
    lines = [_("From {before} to {after}: {summary}").format(before=before, after=after, summary=_summary(diff))]
    lines += entry_lines(diff.entries)
    indent = "  " if diff.entries else ""
    if diff.measures:
        lines += ["", _("Measures") + ":"] if diff.entries else [""]
    for measure in diff.measures:
        lines += _measure_lines(measure, indent)
    return "\n".join(lines) + "\n"


def _commit_line(commit: Commit) -> str:
    return f"{fmt.date(commit.day)}  {commit.short}  {one_line(commit.author)}  {one_line(commit.subject)}"


def _more(count: int) -> str:
    return _("... and {n} more").format(n=count - COMMITS_SHOWN)


def _first_day(log: Changelog) -> str:
    """The day of the state a changelog starts from, as integ writes dates."""
    commit = log.diff.before.commit
    return fmt.date(commit.day) if commit is not None else ""


def changelog_text(log: Changelog) -> str:
    diff = log.diff
    since = _("Changes since {date}: from {before} to {after}")
    if log.edition is not None:
        since = _("Changes since the edition {edition} of {date}: from {before} to {after}")
    elif log.from_first:
        since = _("Changes since the first state of {first} (no commit before {date}): from {before} to {after}")
    lines = [
        since.format(
            date=fmt.date(log.since),
            first=_first_day(log),
            edition=one_line(log.edition or ""),
            before=_side(diff.before),
            after=_side(diff.after),
        ),
        f"{_commits(len(log.commits))}; {_summary(diff)}",
    ]
    lines += entry_lines(diff.entries)
    for group in log.groups():
        mark = "  " + _("(prioritised)") if group.field.prioritised else ""
        name = group.field.name if group.field.name == group.field.id else f"{group.field.name} ({group.field.id})"
        lines += ["", f"{one_line(name)}{mark}"]
        for measure in group.measures:
            lines += _measure_lines(measure, "  ", ("status",))
    if log.commits:
        lines += ["", _("Commits") + ":"]
        lines += [f"  {_commit_line(commit)}" for commit in log.commits[:COMMITS_SHOWN]]
        if len(log.commits) > COMMITS_SHOWN:
            lines.append("  " + _("{more} (all with --format json)").format(more=_more(len(log.commits))))
    return "\n".join(lines) + "\n"


def _event_lines(event: Event) -> list[str]:
    if event.kind == "format":
        return [_("only formatting or comments, the data is the same")]
    if event.kind == "unreadable" and event.unreadable is not None:
        problem = event.unreadable.problem
        if problem.line:
            return [
                _("the file is not valid here (line {line}): {message}").format(
                    line=problem.line, message=one_line(problem.message)
                )
            ]
        return [_("the file is not valid here: {message}").format(message=one_line(problem.message))]
    if event.measure is None or event.kind != "changed":
        facts = _facts(event.measure).strip() if event.measure else ""
        return [f"{_kind(event.kind)} {facts}".rstrip()]
    lines = [one_line(describe(change)) for change in event.measure.changes]
    updated = _updated(event.measure)
    return [*lines, updated] if updated else lines


def history_text(result: History) -> str:
    title = f"  {one_line(result.title)}" if result.title else ""
    lines = [f"{one_line(result.id)}{title}  ({one_line(result.file)}): {_commits(len(result.events))}"]
    for event in result.events:
        lines += ["", _commit_line(event.commit)]
        lines += [f"    {line}" for line in _event_lines(event)]
    return "\n".join(lines) + "\n"


# --- Markdown -----------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Text that Markdown shows as it is, on one line."""
    text = escape(text)
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def _md_measure(measure: MeasureDiff, facts: tuple[str, ...] = ("field", "status")) -> list[str]:
    title = f" {md_escape(measure.title)}" if measure.title else ""
    lines = [f"- **{_kind(measure.kind)}** `{one_line(measure.id)}`{title}{md_escape(_facts(measure, facts))}"]
    if measure.kind == "changed":
        lines += [f"  - {md_escape(describe(change))}" for change in measure.changes]
        updated = _updated(measure)
        if updated:
            lines.append(f"  - {md_escape(updated)}")
    return lines


def _md_sides(text: str, diff: Diff, **values: str) -> str:
    """``text`` with the diff's sides filled in, escaped for Markdown."""
    return text.format(before=md_escape(_side(diff.before)), after=md_escape(_side(diff.after)), **values)


def diff_md(diff: Diff) -> str:
    lines = ["## " + _md_sides(_("Changes from {before} to {after}"), diff), ""]
    lines.append(f"{_summary(diff)}.")
    lines += entry_md(diff.entries, md_escape)
    if diff.measures:
        lines += ["", "### " + _("Measures"), ""] if diff.entries else [""]
        for measure in diff.measures:
            lines += _md_measure(measure)
    return "\n".join(lines) + "\n"


def _md_commit(commit: Commit) -> str:
    return f"{fmt.date(commit.day)} `{commit.short}` {md_escape(commit.author)}: {md_escape(commit.subject)}"


def _heading(log: Changelog) -> str:
    if log.edition is not None:
        return _("Changes since the edition {edition} of {date}").format(
            edition=md_escape(log.edition), date=fmt.date(log.since)
        )
    if log.from_first:
        return _("Changes since the first state of {first} (no commit before {date})").format(
            first=_first_day(log), date=fmt.date(log.since)
        )
    return _("Changes since {date}").format(date=fmt.date(log.since))


def changelog_md(log: Changelog) -> str:
    diff = log.diff
    summary = _("From {before} to {after}: {commits}; {summary}.")
    lines = [
        "## " + _heading(log),
        "",
        _md_sides(summary, diff, commits=_commits(len(log.commits)), summary=_summary(diff)),
    ]
    lines += entry_md(diff.entries, md_escape)
    for group in log.groups():
        mark = " " + _("(prioritised)") if group.field.prioritised else ""
        lines += ["", f"### {md_escape(group.field.name)}{mark}", ""]
        for measure in group.measures:
            lines += _md_measure(measure, ("status",))
    if log.commits:
        lines += ["", "### " + _("Commits"), ""]
        lines += [f"- {_md_commit(commit)}" for commit in log.commits[:COMMITS_SHOWN]]
        if len(log.commits) > COMMITS_SHOWN:
            lines.append(f"- {_more(len(log.commits))}")
    return "\n".join(lines) + "\n"


def history_md(result: History) -> str:
    title = f" {md_escape(result.title)}" if result.title else ""
    lines = ["## " + _("History of {measure}").format(measure=f"`{one_line(result.id)}`") + title]
    for event in result.events:
        lines += ["", f"### {_md_commit(event.commit)}", ""]
        lines += [f"- {md_escape(line)}" for line in _event_lines(event)]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, dict[str, Callable[[Any], str]]] = {
    "diff": {"text": diff_text, "md": diff_md, "json": to_json},
    "changelog": {"text": changelog_text, "md": changelog_md, "json": to_json},
    "history": {"text": history_text, "md": history_md, "json": to_json},
}
