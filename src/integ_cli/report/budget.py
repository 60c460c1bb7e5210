"""The report's budget section: amounts per field, year and funding source, what is
not known, and staff posts.

Amounts are summed as :class:`~integ_cli.report.model.Amounts` (``planned``, ``revised``
where given else planned, ``spent`` where reported). A line whose amount is not known
yet (``amount_unknown``) adds nothing to the sums but is counted (``Amounts.unknown``), so the
report says what it does not know; its year and source still appear. Staff posts
(``staff``: full-time equivalents per year) are summed per year. A year filter limits
budget lines and staff posts alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.report.model import (
    Amounts,
    BudgetSection,
    FieldBudget,
    Number,
    StaffYear,
    YearBudget,
    as_number,
    number,
)

if TYPE_CHECKING:
    from integ_cli.codelists import Codelist

Entries = Mapping[str, Mapping[str, Any]]


def _budget_lines(data: Mapping[str, Any], years: Iterable[int]) -> list[Mapping[str, Any]]:
    wanted = set(years)
    return [
        line
        for line in data.get("budget") or ()
        if isinstance(line, dict) and isinstance(line.get("year"), int) and (not wanted or line["year"] in wanted)
    ]


class BudgetTally:
    """The budget section's sums, one record at a time (the report reads each record
    once, for all its sections): amounts per field, year and funding source, and staff
    posts per year; a year filter limits budget lines and staff posts alike."""

    def __init__(self, only_years: Sequence[int]) -> None:
        self.only_years = only_years
        self.only = sorted(set(only_years))
        self.cells: dict[tuple[str, int, str], Amounts] = {}
        self.fte: dict[int, float] = {}
        self.counted: dict[int, int] = {}

    def add(self, data: Mapping[str, Any]) -> None:
        cells = self.cells
        field_id = str(data.get("field"))
        for line in _budget_lines(data, self.only_years):
            key = (field_id, line["year"], str(line.get("source", "other")))
            amounts = cells.get(key)
            if amounts is None:
                amounts = cells[key] = Amounts()
            amounts.add(line)
        for year, posts in staff_posts(data, self.only).items():
            self.fte[year] = self.fte.get(year, 0) + posts
            self.counted[year] = self.counted.get(year, 0) + 1

    def merge(self, other: BudgetTally) -> None:
        """Add what ``other`` (a tally with the same year filter) counted: amounts are
        summed in cents (:func:`~integ_cli.report.model.number`), so the sums are the
        same whichever way the records were split."""
        for key, amounts in other.cells.items():
            self.cells.setdefault(key, Amounts()).merge(amounts)
        for year, posts in other.fte.items():
            self.fte[year] = self.fte.get(year, 0) + posts
            self.counted[year] = self.counted.get(year, 0) + other.counted[year]

    def section(self, fields: Entries, order: Sequence[str], sources: Codelist) -> BudgetSection:
        """Amounts per field, year and funding source; sources in their codelist's
        order, any other source after them."""
        cells = self.cells
        years = sorted({year for _, year, _ in cells})
        shown = sources.order(source for _, _, source in cells)

        def year_budget(year: int, keys: Iterable[tuple[str, int, str]]) -> YearBudget:
            found: dict[str, Amounts] = {}
            total = Amounts()
            for key in keys:
                found.setdefault(key[2], Amounts()).merge(cells[key])
                total.merge(cells[key])
            return YearBudget(year, total, {s: found[s] for s in shown if s in found})

        by_field: list[FieldBudget] = []
        for field_id in order:
            keys = [k for k in cells if k[0] == field_id]
            if not keys:
                continue
            per_year = [year_budget(y, [k for k in keys if k[1] == y]) for y in years if any(k[1] == y for k in keys)]
            total = Amounts()
            for item in per_year:
                total.merge(item.total)
            by_field.append(FieldBudget(field_id, str(fields.get(field_id, {}).get("name", field_id)), total, per_year))
        by_year = [year_budget(y, [k for k in cells if k[1] == y]) for y in years]
        by_source = {s: Amounts() for s in shown}
        total = Amounts()
        for key, amounts in cells.items():
            by_source[key[2]].merge(amounts)
            total.merge(amounts)
        staff = [StaffYear(year, number(self.fte[year]), self.counted[year]) for year in sorted(self.fte)]
        return BudgetSection(years, shown, by_field, by_year, by_source, total, self.only, staff)


def line_sums(lines: Iterable[Mapping[str, Any]]) -> Amounts:
    """The sums of some budget lines (one measure's, say), by the report's rules."""
    total = Amounts()
    for line in lines:
        total.add(line)
    return total


def staff_posts(data: Mapping[str, Any], only_years: Sequence[int] = ()) -> dict[int, Number]:
    """One measure's full-time equivalents per year (lines of one year summed), oldest first."""
    fte: dict[int, float] = {}
    for item in data.get("staff") or ():
        posts = as_number(item.get("fte")) if isinstance(item, dict) else None
        year = item.get("year") if isinstance(item, dict) else None
        if posts is None or not isinstance(year, int) or (only_years and year not in only_years):
            continue
        fte[year] = fte.get(year, 0) + posts
    return {year: number(fte[year]) for year in sorted(fte)}
