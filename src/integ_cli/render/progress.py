"""A measure's decisions, milestones and latest status update, as ``integ show`` prints them.

The record keeps every update (its history of states and reasons); ``show`` prints the
latest and says how many there are, so a long history does not bury the measure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integ_cli.i18n import N_, _, ngettext
from integ_cli.progress import latest_update, milestones
from integ_cli.render import format as fmt
from integ_cli.render.names import Names
from integ_cli.render.safe import one_line

DECISIONS = N_("Decisions")
MILESTONES = N_("Milestones")
LATEST_UPDATE = N_("Latest update")


def when(value: Any) -> str:
    """A full or partial date as the reader writes it (``06.2026`` in German)."""
    return fmt.partial_date(value) if isinstance(value, str) else ""


def _decision(decision: dict[str, Any], names: Names) -> list[str]:
    outcome = names.code("outcome", decision.get("outcome")) if decision.get("outcome") else ""
    parts = [decision.get("body"), when(decision.get("date")), decision.get("paper"), outcome]
    lines = ["  " + one_line(", ".join(str(p) for p in parts if p))]
    for step in decision.get("consultation") or []:
        outcome = names.code("outcome", step.get("outcome")) if step.get("outcome") else ""
        shown = ", ".join(str(p) for p in (step.get("body"), when(step.get("date")), outcome) if p)
        lines.append("    " + _("consulted: {step}").format(step=one_line(shown)))
    return lines


def progress_lines(data: dict[str, Any], names: Names, bold: Callable[[str], str]) -> list[str]:
    """The lines for ``decisions``, ``milestones`` and ``updates`` of ``data``, which
    are taken out of it (the caller shows what is left as it is)."""
    out: list[str] = []
    decisions = data.pop("decisions", None)
    if decisions:
        out += ["", bold(_(DECISIONS) + ":")]
        for decision in decisions:
            out += _decision(decision, names)
    listed = milestones(data)
    data.pop("milestones", None)
    if listed:
        out += ["", bold(_(MILESTONES) + ":")]
        for milestone in listed:
            if milestone.done:
                state = _("done {date}").format(date=when(milestone.done))
            elif milestone.due:
                state = _("due {date}").format(date=when(milestone.due))
            else:
                state = _("open")
            note = f" – {milestone.note}" if milestone.note else ""
            out.append("  " + one_line(f"{milestone.number}. {milestone.title} ({state}){note}"))
    latest = latest_update(data)
    count = len(data.pop("updates", None) or [])
    if latest is not None:
        status = names.code("status", latest.get("status")) if latest.get("status") else ""
        head = ", ".join(p for p in (when(latest.get("date")), status) if p)
        out += ["", bold(_(LATEST_UPDATE) + ":") + f" {head}"]
        if latest.get("note"):
            out.append("  " + one_line(str(latest["note"])))
        if count > 1:
            out.append(
                "  " + ngettext("({n} update in the record)", "({n} updates in the record)", count).format(n=count)
            )
    return out
