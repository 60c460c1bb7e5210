"""Progress of a measure as its record keeps it: milestones, and dated status updates.

One home for what "overdue" and "latest" mean, so the attention list, ``integ show``
and the authoring commands agree. Dates are
:class:`~integ_cli.concept.model.PartialDate`\\ s: a milestone due "2025" is overdue
only once 2025 is over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from integ_cli.concept.model import PartialDate


def partial(value: Any) -> PartialDate | None:
    """``value`` as a PartialDate, or None where it is none (the checks report that)."""
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None


def past(value: Any, date: dt.date) -> bool:
    """Whether the (partial) date ``value`` is over on ``date``: every day it may mean
    lies before ``date`` (``2025`` is past only from 1 January 2026)."""
    known = partial(value)
    return known is not None and known.last < date


@dataclass(frozen=True, slots=True)
class Milestone:
    """One milestone of a measure, with its place in the list (1 = first)."""

    number: int
    title: str
    due: str | None
    done: str | None
    note: str | None


def milestones(data: Mapping[str, Any]) -> list[Milestone]:
    """The milestones of a valid measure, in file order."""
    items = data.get("milestones")
    return [
        Milestone(number, str(item.get("title", "")), item.get("due"), item.get("done"), item.get("note"))
        for number, item in enumerate(items if isinstance(items, list) else [], 1)
        if isinstance(item, dict)
    ]


def overdue_milestones(data: Mapping[str, Any], date: dt.date) -> list[Milestone]:
    """The open milestones whose due date is over on ``date``, earliest due first."""
    late = [m for m in milestones(data) if m.done is None and past(m.due, date)]
    return sorted(late, key=lambda m: partial(m.due) or PartialDate(1))


def latest_update(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The most recent status update (the last of those with the latest date)."""
    items = [item for item in data.get("updates") or [] if isinstance(item, dict)]
    if not items:
        return None
    return max(reversed(items), key=lambda item: str(item.get("date", "")))
