"""The changes to vocabularies, action fields and the concept record in ``integ diff``
and ``integ changelog``, as text and Markdown (JSON carries the model as it is).

Each kind gets a heading (``Target groups:``), each entry a line (``renamed
junge-muetter → muetter  Junge Mütter``) with its changes below, and a removed or
renamed id that measures still name says how many and which, since those measures
now fail ``integ validate``. Ids and names come from the data and are made one
harmless line each.
"""

from __future__ import annotations

from collections.abc import Callable

from integ_cli.history.model import EntryDiff
from integ_cli.i18n import N_, _, ngettext
from integ_cli.render.changes import describe
from integ_cli.render.safe import one_line

#: Headings, by the kind of record (the model's ``vocabulary``).
HEADINGS = {
    "fields": N_("Action fields"),
    "target-groups": N_("Target groups"),
    "actors": N_("Actors"),
    "districts": N_("Districts"),
    "concept": N_("Concept record"),
}
#: What happened to an entry.
KINDS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed"), "renamed": N_("renamed")}
#: At most this many measure ids are named after a broken reference.
IDS_SHOWN = 10


def _head(entry: EntryDiff) -> str:
    """``junge-muetter → muetter  Junge Mütter``; the concept record by its title."""
    ident = one_line(entry.id)
    if entry.renamed_to is not None:
        ident = f"{ident} → {one_line(entry.renamed_to)}"
    name = one_line(entry.name)
    if not entry.id:
        return name
    return f"{ident}  {name}" if name and name != entry.id else ident


def broken_text(entry: EntryDiff) -> str | None:
    """Which measures still name the old id, or None."""
    if not entry.broken:
        return None
    shown = ", ".join(one_line(measure) for measure in entry.broken[:IDS_SHOWN])
    if len(entry.broken) > IDS_SHOWN:
        shown += ", …"
    return ngettext(
        "{n} measure still names '{id}': {measures}", "{n} measures still name '{id}': {measures}", len(entry.broken)
    ).format(n=len(entry.broken), id=one_line(entry.id), measures=shown)


def _groups(entries: list[EntryDiff]) -> list[tuple[str, list[EntryDiff]]]:
    by_kind: dict[str, list[EntryDiff]] = {}
    for entry in entries:
        by_kind.setdefault(entry.vocabulary, []).append(entry)
    return [(kind, by_kind[kind]) for kind in HEADINGS if kind in by_kind]


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def entry_lines(entries: list[EntryDiff]) -> list[str]:
    """Text lines: a heading per kind, an indented line per entry, its changes below."""
    width = max(len(_(kind)) for kind in KINDS.values()) + 1
    lines: list[str] = []
    for kind, group in _groups(entries):
        lines += ["", _(HEADINGS[kind]) + ":"]
        for entry in group:
            lines.append(f"  {_kind(entry.kind):<{width}} {_head(entry)}".rstrip())
            lines += [f"      {one_line(describe(change))}" for change in entry.changes]
            broken = broken_text(entry)
            if broken:
                lines.append("      " + _("Attention: {problem}").format(problem=broken))
    return lines


def entry_md(entries: list[EntryDiff], escape: Callable[[str], str]) -> list[str]:
    """Markdown: a level-3 heading per kind, a bullet per entry, its changes nested."""
    lines: list[str] = []
    for kind, group in _groups(entries):
        lines += ["", f"### {_(HEADINGS[kind])}", ""]
        for entry in group:
            lines.append(f"- **{_kind(entry.kind)}** {escape(_head(entry))}".rstrip())
            lines += [f"  - {escape(describe(change))}" for change in entry.changes]
            broken = broken_text(entry)
            if broken:
                lines.append("  - **" + escape(_("Attention: {problem}").format(problem=broken)) + "**")
    return lines
