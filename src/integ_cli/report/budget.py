"""The report's budget section: amounts per field, year and funding source, what is
not known, and staff posts.

Amounts are summed in whole cents (exact, in any order) and reported as
:class:`~integ_cli.report.model.Amounts` (``planned``, ``revised`` where given else
planned, ``spent`` where reported). A line whose amount is not known yet
(``amount_unknown``) adds nothing to the sums but is counted (``Amounts.unknown``), so the
report says what it does not know; its year and source still appear. Staff posts
(``staff``: full-time equivalents per year) are summed per year. A year filter limits
budget lines and staff posts alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.amounts import as_number
from integ_cli.report.model import (
    Amounts,
    BudgetSection,
    FieldBudget,
    Number,
    StaffYear,
    YearBudget,
    number,
)

if TYPE_CHECKING:
    from integ_cli.codelists import Codelist

Entries = Mapping[str, Mapping[str, Any]]


#: Floats from this size on are whole numbers (a double's 52-bit fraction): in cents
#: exactly, where ``value * 100`` could overflow.
_WHOLE_FLOATS = 2.0**52


def cents(value: Any) -> int | None:
    """An amount (:func:`~integ_cli.amounts.as_number`) in whole cents, a fraction of a
    cent rounded half to even; None where ``value`` is not a number. Summed as integers,
    the budget's sums are exact, and the same however the records were split among the
    workers (float sums could differ in their last bits by the order of adding)."""
    kind = type(value)
    if kind is int:
        return value * 100
    if kind is not float:
        number = as_number(value)
        if number is None:
            return None
        value = float(number)
    return int(value) * 100 if abs(value) >= _WHOLE_FLOATS else round(value * 100)


def euros(amount: int) -> Number:
    """Cents as the report shows a sum: whole euros as int, else euros and cents."""
    return amount // 100 if amount % 100 == 0 else amount / 100


class _Sums:
    """One cell's sums in cents, what :class:`~integ_cli.report.model.Amounts` reports:
    planned, revised (where a line has none, its planned amount), spent (None until a
    line reports it), and the lines whose amount is not known yet (counted, not summed)."""

    __slots__ = ("planned", "revised", "spent", "unknown")

    def __init__(self) -> None:
        self.planned = self.revised = self.unknown = 0
        self.spent: int | None = None

    def add(self, line: Mapping[str, Any]) -> None:
        planned = cents(line.get("planned"))
        if planned is None:
            self.unknown += 1
            planned = 0
        revised = cents(line.get("revised"))
        spent = cents(line.get("spent"))
        self.planned += planned
        self.revised += planned if revised is None else revised
        if spent is not None:
            self.spent = (self.spent or 0) + spent

    def merge(self, other: _Sums) -> None:
        self.planned += other.planned
        self.revised += other.revised
        self.unknown += other.unknown
        if other.spent is not None:
            self.spent = (self.spent or 0) + other.spent

    def amounts(self) -> Amounts:
        spent = None if self.spent is None else euros(self.spent)
        return Amounts(euros(self.planned), euros(self.revised), spent, self.unknown)

    def __getstate__(self) -> tuple[int, int, int | None, int]:
        return self.planned, self.revised, self.spent, self.unknown

    def __setstate__(self, state: tuple[int, int, int | None, int]) -> None:
        self.planned, self.revised, self.spent, self.unknown = state


class BudgetTally:
    """The budget section's sums, one record at a time (the report reads each record
    once, for all its sections): amounts per field, year and funding source, and staff
    posts per year; a year filter limits budget lines and staff posts alike. Amounts
    are summed in cents (:func:`cents`)."""

    def __init__(self, only_years: Sequence[int]) -> None:
        self.only_years = only_years
        self.only = sorted(set(only_years))
        self.wanted = set(only_years)
        self.cells: dict[tuple[str, int, str], _Sums] = {}
        self.fte: dict[int, float] = {}
        self.counted: dict[int, int] = {}

    def add(self, data: Mapping[str, Any]) -> None:
        cells, wanted = self.cells, self.wanted
        field_id = str(data.get("field"))
        for line in data.get("budget") or ():
            if not isinstance(line, dict):
                continue
            year = line.get("year")
            if not isinstance(year, int) or (wanted and year not in wanted):
                continue
            key = (field_id, year, str(line.get("source", "other")))
            sums = cells.get(key)
            if sums is None:
                sums = cells[key] = _Sums()
            sums.add(line)
        if data.get("staff"):
            for year, posts in staff_posts(data, self.only).items():
                self.fte[year] = self.fte.get(year, 0) + posts
                self.counted[year] = self.counted.get(year, 0) + 1

    def merge(self, other: BudgetTally) -> None:
        """Add what ``other`` (a tally with the same year filter) counted: cents, so the
        sums are the same whichever way the records were split."""
        for key, sums in other.cells.items():
            mine = self.cells.get(key)
            if mine is None:
                mine = self.cells[key] = _Sums()
            mine.merge(sums)
        for year, posts in other.fte.items():
            self.fte[year] = self.fte.get(year, 0) + posts
            self.counted[year] = self.counted.get(year, 0) + other.counted[year]

    def section(self, fields: Entries, order: Sequence[str], sources: Codelist) -> BudgetSection:
        """Amounts per field, year and funding source; sources in their codelist's
        order, any other source after them."""
        cells = self.cells
        years = sorted({year for _, year, _ in cells})
        shown = sources.order(source for _, _, source in cells)

        def summed(keys: Iterable[tuple[str, int, str]]) -> _Sums:
            total = _Sums()
            for key in keys:
                total.merge(cells[key])
            return total

        def year_budget(year: int, keys: list[tuple[str, int, str]]) -> tuple[YearBudget, _Sums]:
            total = summed(keys)
            found = {s: summed(k for k in keys if k[2] == s) for s in shown if any(k[2] == s for k in keys)}
            return YearBudget(year, total.amounts(), {s: found[s].amounts() for s in found}), total

        by_field: list[FieldBudget] = []
        for field_id in order:
            keys = [k for k in cells if k[0] == field_id]
            if not keys:
                continue
            per_year = [year_budget(y, [k for k in keys if k[1] == y]) for y in years if any(k[1] == y for k in keys)]
            total = _Sums()
            for _, sums in per_year:
                total.merge(sums)
            name = str(fields.get(field_id, {}).get("name", field_id))
            by_field.append(FieldBudget(field_id, name, total.amounts(), [item for item, _ in per_year]))
        by_year = [year_budget(y, [k for k in cells if k[1] == y])[0] for y in years]
        by_source = {s: summed(k for k in cells if k[2] == s).amounts() for s in shown}
        staff = [StaffYear(year, number(self.fte[year]), self.counted[year]) for year in sorted(self.fte)]
        return BudgetSection(years, shown, by_field, by_year, by_source, summed(cells).amounts(), self.only, staff)


def line_sums(lines: Iterable[Mapping[str, Any]]) -> Amounts:
    """The sums of some budget lines (one measure's, say), by the report's rules."""
    total = _Sums()
    for line in lines:
        total.add(line)
    return total.amounts()


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
