"""What overdue and latest mean for milestones and status updates."""

from __future__ import annotations

import datetime as dt

from integ_cli.progress import latest_update, overdue_milestones, past


def test_a_partial_date_is_past_once_every_day_it_may_mean_is() -> None:
    assert not past("2025", dt.date(2025, 12, 31)) and past("2025", dt.date(2026, 1, 1))
    assert not past("2025-02", dt.date(2025, 2, 28)) and past("2025-02", dt.date(2025, 3, 1))
    assert not past(None, dt.date(2026, 1, 1)) and not past("2025-02-30", dt.date(2026, 1, 1))


def test_overdue_milestones_are_the_open_ones_earliest_first() -> None:
    data = {"milestones": [{"title": "B", "due": "2025-06"}, {"title": "A", "due": "2025"}, {"title": "C"}]}
    assert [(m.number, m.title) for m in overdue_milestones(data, dt.date(2026, 2, 1))] == [(2, "A"), (1, "B")]


def test_the_latest_update_is_the_last_of_the_latest_day() -> None:
    updates = [
        {"date": "2026-03-01", "note": "first"},
        {"date": "2026-05-01", "note": "same day, earlier"},
        {"date": "2026-05-01", "note": "same day, later"},
        {"date": "2026-04-01", "note": "written late"},
    ]
    assert latest_update({"updates": updates}) == updates[2]
    assert latest_update({}) is None
