"""The attention list (*Handlungsbedarf*): measures that need a look as of a date.

Reasons, in the order they are shown (:data:`ATTENTION`): ``overdue`` (active and the
end date passed), ``milestone`` (an open milestone past its due date),
``no-indicator``, ``no-budget``, ``no-lead``, ``stale`` (not over and not updated for
more than a year, or the ``attention.stale_after_days`` of the concept record, or
without an ``updated`` date). Dropped measures
need no attention at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from integ_cli.fields import ranks
from integ_cli.progress import overdue_milestones, past
from integ_cli.report.model import AttentionRow, AttentionSection, Reason

#: Reasons a measure is on the attention list, in the order they are shown.
ATTENTION = ("overdue", "milestone", "no-indicator", "no-budget", "no-lead", "stale")
#: Statuses of measures that are over: neither overdue nor stale (every other status,
#: a city's own ones too, is expected to be kept up to date). ``dropped`` measures
#: need no attention at all.
CLOSED = ("completed", "dropped")


#: The keys of a measure the attention list reads (the rows and :func:`reasons`):
#: ``integ attention`` loads only these (tests/cli/test_attention.py checks that the
#: list is the same as from whole records).
ATTENTION_KEYS = (
    "id",
    "title",
    "field",
    "status",
    "visibility",
    "end",
    "milestones",
    "indicators",
    "budget",
    "lead",
    "updated",
)


def year_before(date: dt.date) -> dt.date:
    """The same day one year earlier (28 February for a 29 February)."""
    try:
        return date.replace(year=date.year - 1)
    except ValueError:
        return date.replace(year=date.year - 1, day=28)


def stale_before(date: dt.date, stale_after_days: int | None = None) -> dt.date:
    """The day before which a last update is stale as of ``date``: one year earlier,
    or ``stale_after_days`` earlier where the concept record sets it (``attention``)."""
    return year_before(date) if stale_after_days is None else date - dt.timedelta(days=stale_after_days)


@cache
def _stale_before_iso(date: dt.date, stale_after_days: int | None) -> str:
    """:func:`stale_before` as an ISO date, worked out once per report, not per record."""
    return stale_before(date, stale_after_days).isoformat()


def reasons(data: Mapping[str, Any], date: dt.date, stale_after_days: int | None = None) -> list[Reason]:
    """Why a measure needs attention as of ``date`` (empty: it does not)."""
    status = data.get("status")
    if status == "dropped":
        return []
    found: list[Reason] = []
    end = data.get("end")
    if status == "active" and past(end, date):
        found.append(Reason("overdue", end))
    late = overdue_milestones(data, date) if status not in CLOSED else []
    if late:
        found.append(Reason("milestone", late[0].due))
    if not data.get("indicators"):
        found.append(Reason("no-indicator"))
    if not data.get("budget"):
        found.append(Reason("no-budget"))
    if not data.get("lead"):
        found.append(Reason("no-lead"))
    if status not in CLOSED:
        updated = data.get("updated")
        if not isinstance(updated, str):
            found.append(Reason("stale"))
        elif updated < _stale_before_iso(date, stale_after_days):
            found.append(Reason("stale", updated))
    return found


def attention_row(data: Mapping[str, Any], date: dt.date, stale_after_days: int | None = None) -> AttentionRow | None:
    """One measure's row of the attention list; None where it needs no attention."""
    found = reasons(data, date, stale_after_days)
    if not found:
        return None
    return AttentionRow(
        str(data.get("id")), str(data.get("title", "")), str(data.get("field", "")), str(data.get("status", "")), found
    )


def attention_of(
    rows: list[AttentionRow], order: Sequence[str], stale_after_days: int | None = None
) -> AttentionSection:
    """The section of these rows (action fields in ``order``, then ids) and its counts."""
    rank = ranks(order)
    rows.sort(key=lambda r: (rank.get(r.field, len(rank)), r.id))
    counts = {code: sum(1 for r in rows if any(x.code == code for x in r.reasons)) for code in ATTENTION}
    return AttentionSection(rows, counts, stale_after_days)
