"""The report's status updates (*Sachstand*): each measure's latest update.

A record keeps every update, oldest first (its history of states and reasons); the
report, like ``integ show``, names the latest (:func:`integ_cli.progress.latest_update`,
one home for what "latest" means) and how many the record holds. Measures are in the
order of the other sections: action fields as the report orders them, then ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from integ_cli.fields import ranks
from integ_cli.progress import latest_update
from integ_cli.report.model import UpdateRow, UpdateSection

if TYPE_CHECKING:
    from integ_cli.checking.measure import Measure


def update_section(measures: Sequence[Measure], order: Sequence[str]) -> UpdateSection:
    """The latest update of each measure that has one; how many have none."""
    rank = ranks(order)
    rows: list[UpdateRow] = []
    for measure in measures:
        data = measure.data
        latest = latest_update(data)
        if latest is None:
            continue
        status = latest.get("status")
        rows.append(
            UpdateRow(
                str(data.get("id")),
                str(data.get("title", "")),
                str(data.get("field", "")),
                str(latest.get("date", "")),
                status if isinstance(status, str) else None,
                str(latest.get("note", "")),
                sum(1 for item in data.get("updates") or () if isinstance(item, dict)),
            )
        )
    rows.sort(key=lambda r: (rank.get(r.field, len(rank)), r.id))
    return UpdateSection(rows, len(measures) - len(rows))
