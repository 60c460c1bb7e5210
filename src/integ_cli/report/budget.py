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
    from integ_cli.checking.measure import Measure
    from integ_cli.codelists import Codelist

Entries = Mapping[str, Mapping[str, Any]]


def _budget_lines(data: Mapping[str, Any], years: Iterable[int]) -> list[Mapping[str, Any]]:
    wanted = set(years)
    return [
        line
        for line in data.get("budget") or ()
        if isinstance(line, dict) and isinstance(line.get("year"), int) and (not wanted or line["year"] in wanted)
    ]


def budget_section(
    fields: Entries, measures: Sequence[Measure], order: Sequence[str], only_years: Sequence[int], sources: Codelist
) -> BudgetSection:
    """Amounts per field, year and funding source; sources in their codelist's order,
    any other source after them."""
    cells: dict[tuple[str, int, str], Amounts] = {}
    for measure in measures:
        for line in _budget_lines(measure.data, only_years):
            source = str(line.get("source", "other"))
            cells.setdefault((str(measure.data.get("field")), line["year"], source), Amounts()).add(line)
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
    only = sorted(set(only_years))
    return BudgetSection(years, shown, by_field, by_year, by_source, total, only, staff_years(measures, only))


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


def staff_years(measures: Sequence[Measure], only_years: Sequence[int]) -> list[StaffYear]:
    """Full-time equivalents per year over all measures, and how many measures have posts that year."""
    fte: dict[int, float] = {}
    counted: dict[int, int] = {}
    for measure in measures:
        for year, posts in staff_posts(measure.data, only_years).items():
            fte[year] = fte.get(year, 0) + posts
            counted[year] = counted.get(year, 0) + 1
    return [StaffYear(year, number(fte[year]), counted[year]) for year in sorted(fte)]
