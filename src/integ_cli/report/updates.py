"""The report's status updates (*Sachstand*): each measure's latest update.

A record keeps every update, oldest first (its history of states and reasons); the
report, like ``integ show``, names the latest (:func:`integ_cli.progress.latest_update`,
one home for what "latest" means) and how many the record holds. Measures are in the
order of the other sections: action fields as the report orders them, then ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from integ_cli.fields import ranks
from integ_cli.progress import latest_update
from integ_cli.report.model import UpdateRow, UpdateSection


def update_row(data: Mapping[str, Any]) -> UpdateRow | None:
    """A measure's latest update; None where it has none."""
    latest = latest_update(data)
    if latest is None:
        return None
    status = latest.get("status")
    return UpdateRow(
        str(data.get("id")),
        str(data.get("title", "")),
        str(data.get("field", "")),
        str(latest.get("date", "")),
        status if isinstance(status, str) else None,
        str(latest.get("note", "")),
        sum(1 for item in data.get("updates") or () if isinstance(item, dict)),
    )


def update_section(rows: list[UpdateRow], order: Sequence[str], measures: int) -> UpdateSection:
    """The latest updates of ``measures`` measures (``rows``: those that have one)."""
    rank = ranks(order)
    rows.sort(key=lambda r: (rank.get(r.field, len(rank)), r.id))
    return UpdateSection(rows, measures - len(rows))
