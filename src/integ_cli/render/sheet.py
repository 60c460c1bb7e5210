"""What ``integ import`` tells the user, in integ's language: problems at their cells,
the changes, a summary. The cells' values are quoted as they are in the sheet, so each
line is made harmless (:func:`integ_cli.render.safe.one_line`): a cell holding a line
break and a workflow command shows it as an escape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from integ_cli.i18n import _
from integ_cli.render.safe import one_line

if TYPE_CHECKING:
    from integ_cli.spreadsheet.apply import Outcome
    from integ_cli.spreadsheet.read import CellProblem


def render_problems(problems: Sequence[CellProblem]) -> str:
    """One line per problem: ``Maßnahmen!F12 (Zielgruppen): unknown target group ...``."""
    return "".join(f"{one_line(str(problem))}\n" for problem in problems)


def render_changes(outcome: Outcome, dry_run: bool) -> str:
    """One line per measure added or changed, with what changed; ids and files as
    written (or, with ``dry_run``, as they would be)."""
    lines = []
    for change in outcome.changes:
        if change.action == "add":
            added = _("would add {id} {file}") if dry_run else _("added {id} {file}")
            title = f": {change.changes[0]}" if change.changes and change.changes[0] else ""
            lines.append(one_line(added.format(id=change.measure_id, file=change.rel) + title))
        elif change.action == "change":
            changed = _("would change {id} {file}") if dry_run else _("changed {id} {file}")
            lines.append(one_line(changed.format(id=change.measure_id, file=change.rel)))
            lines += [f"  {one_line(line)}" for line in change.changes]
    return "".join(f"{line}\n" for line in lines)


def render_summary(outcome: Outcome, dry_run: bool) -> str:
    """``2 added, 1 changed, 27 unchanged`` (and that nothing was written, where so)."""
    counts = _("{added} added, {changed} changed, {unchanged} unchanged").format(
        added=outcome.count("add"), changed=outcome.count("change"), unchanged=outcome.count("unchanged")
    )
    if dry_run:
        return _("{counts} (dry run: nothing written)").format(counts=counts)
    return counts
