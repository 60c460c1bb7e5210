"""What ``integ import`` tells the user: problems at their cells, the changes, a summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from integ_cli.spreadsheet.apply import Outcome
    from integ_cli.spreadsheet.read import CellProblem


def render_problems(problems: Sequence[CellProblem]) -> str:
    """One line per problem: ``Maßnahmen!F12 (Zielgruppen): unknown target group ...``."""
    return "".join(f"{problem}\n" for problem in problems)


def render_changes(outcome: Outcome, dry_run: bool) -> str:
    """One line per measure added or changed, with what changed; ids and files as
    written (or, with ``dry_run``, as they would be)."""
    lines = []
    for change in outcome.changes:
        if change.action == "add":
            verb = "would add" if dry_run else "added"
            title = f": {change.changes[0]}" if change.changes and change.changes[0] else ""
            lines.append(f"{verb} {change.measure_id} {change.rel}{title}")
        elif change.action == "change":
            verb = "would change" if dry_run else "changed"
            lines.append(f"{verb} {change.measure_id} {change.rel}")
            lines += [f"  {line}" for line in change.changes]
    return "".join(f"{line}\n" for line in lines)


def render_summary(outcome: Outcome, dry_run: bool) -> str:
    """``2 added, 1 changed, 27 unchanged`` (and that nothing was written, where so)."""
    counts = f"{outcome.count('add')} added, {outcome.count('change')} changed, {outcome.count('unchanged')} unchanged"
    if dry_run:
        return f"{counts} (dry run: nothing written)"
    return counts
