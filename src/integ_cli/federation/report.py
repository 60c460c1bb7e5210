"""The federation's report: every city side by side, and all of them together, in the
shared vocabulary.

Each city's part (:class:`CityReport`) is worked out in that city's worker process
from the same rows the export writes (:func:`integ_cli.tables.rows.measure_tables`,
with the federation file's mapping applied), counted batch by batch as they are made
(:class:`CityTally`), so the report and the tables cannot disagree and a city's
records are never all held: measures per action field (their main ``field``),
measures per main target group (a measure counts once for each main group it names
itself or through a sub-group, the roll-up of the ``ancestors`` table), budget per
year and funding source, and the attention counts of ``integ report``
(:func:`integ_cli.report.attention.reasons`). The main process only stacks the cities
and adds them up (:func:`federation_report`); a city's measures never travel.

Ids, keys and amounts are the same in every language; names of funding sources are in
the language of the moment, as in ``integ report``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from integ_cli.report.attention import ATTENTION, reasons
from integ_cli.tables.columns import names
from integ_cli.tables.rows import Tables

ZERO = Decimal(0)
#: Version of the JSON layout; raised when a key changes meaning or goes away.
REPORT_VERSION = 1


@dataclass(slots=True)
class CountRow:
    """Measures of one city (``municipality`` ``None``: of all cities) for one id."""

    municipality: str | None
    city: str | None
    id: str
    name: str
    measures: int


@dataclass(slots=True)
class BudgetRow:
    """The budget of one city (or of all) in one year from one funding source, EUR.
    ``revised`` is the planned amount where a line has no revised one; ``spent`` is
    ``None`` where no line reports it."""

    municipality: str | None
    city: str | None
    year: int | None
    source: str
    source_name: str
    planned: Decimal
    revised: Decimal
    spent: Decimal | None


@dataclass(slots=True)
class AttentionRow:
    """How many measures of one city (or of all) need a look for one reason."""

    municipality: str | None
    city: str | None
    reason: str
    measures: int


@dataclass(slots=True)
class CityReport:
    """One city's part of the report, built in its worker process."""

    municipality: str
    city: str
    revision: str | None
    measures: int
    fields: list[CountRow] = field(default_factory=list)
    target_groups: list[CountRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    attention: list[AttentionRow] = field(default_factory=list)


@dataclass(slots=True)
class FederationReport:
    """The report over every city: each city's rows, then the totals (rows without a
    municipality)."""

    name: str | None
    date: str
    cities: list[CityReport]
    measures: int
    fields: list[CountRow]
    target_groups: list[CountRow]
    budget: list[BudgetRow]
    attention: list[AttentionRow]
    report_version: int = REPORT_VERSION


def _column(table: str, rows: Sequence[tuple[Any, ...]], column: str) -> Iterable[Any]:
    position = names(table).index(column)
    return (row[position] for row in rows)


def _named(tables: Tables, table: str) -> dict[str, str]:
    """Id -> name of a vocabulary table's entries, in the tables' order."""
    ids, labels = _column(table, tables[table], "id"), _column(table, tables[table], "name")
    return {i: n or i for i, n in zip(ids, labels, strict=True)}


def _main_groups(tables: Tables) -> dict[str, set[str]]:
    """Target group -> the main groups it is or lies below."""
    main = {
        i
        for i, flag in zip(
            _column("target_groups", tables["target_groups"], "id"),
            _column("target_groups", tables["target_groups"], "main"),
            strict=True,
        )
        if flag
    }
    mains: dict[str, set[str]] = {}
    index = names("ancestors")
    for row in tables["ancestors"]:
        if row[index.index("vocabulary")] == "target_groups" and row[index.index("ancestor")] in main:
            mains.setdefault(row[index.index("id")], set()).add(row[index.index("ancestor")])
    return mains


def _order(key: tuple[int | None, str]) -> tuple[bool, int, str]:
    """Budget rows by year (a line without one last), then funding source."""
    return key[0] is None, key[0] or 0, key[1]


class CityTally:
    """One city's part of the report, counted as the rows of its measures come, a batch
    at a time (:func:`integ_cli.tables.rows.measure_tables`), so a city of 100,000
    measures is never held: the names, the main groups and their roll-up come from the
    vocabularies' rows (``vocabularies``), given first; the attention reasons from the
    data of each measure whose rows are made (:meth:`look`)."""

    def __init__(self, vocabularies: Tables, date: dt.date) -> None:
        self.date = date
        self.fields = _named(vocabularies, "fields")
        self.groups = _named(vocabularies, "target_groups")
        self.mains = _main_groups(vocabularies)
        self.measures = 0
        self.by_field: Counter[str] = Counter()
        self.by_group: Counter[str] = Counter()
        self.attention: Counter[str] = Counter()
        #: (year, funding source) -> planned, revised, spent (None where no line reports it).
        self.budget: dict[tuple[int | None, str], tuple[Decimal, Decimal, Decimal | None]] = {}

    def add(self, tables: Tables) -> None:
        """Count the rows of a batch of measures (each measure's rows all in one batch)."""
        ids = list(_column("measures", tables["measures"], "id"))
        self.measures += len(ids)
        self.by_field.update(_column("measures", tables["measures"], "field"))
        named: dict[str, set[str]] = {}
        index = names("links")
        relation, measure, target = index.index("relation"), index.index("measure_id"), index.index("target")
        for row in tables["links"]:
            if row[relation] == "target_group":
                named.setdefault(row[measure], set()).update(self.mains.get(row[target], ()))
        self.by_group.update(group for each in ids for group in named.get(each, ()))
        index = names("budget_lines")
        year, source = index.index("year"), index.index("source")
        planned, revised, spent = index.index("planned"), index.index("revised"), index.index("spent")
        for row in tables["budget_lines"]:
            key = (row[year], row[source] or "")
            so_far, so_far_revised, so_far_spent = self.budget.get(key, (ZERO, ZERO, None))
            amount, now_revised, now_spent = row[planned] or ZERO, row[revised], row[spent]
            self.budget[key] = (
                so_far + amount,
                so_far_revised + (amount if now_revised is None else now_revised),
                so_far_spent if now_spent is None else (so_far_spent or ZERO) + now_spent,
            )

    def look(self, data: Mapping[str, Any]) -> None:
        """Count the reasons ``data`` (a measure shown) needs a look for, as ``integ report``."""
        self.attention.update({r.code for r in reasons(data, self.date)})

    def report(self, municipality: str, city: str, revision: str | None, sources: Mapping[str, str]) -> CityReport:
        """The city's part, the funding sources named by ``sources`` (code -> name)."""
        head = (municipality, city)
        fields, by_field = self.fields, self.by_field
        field_rows = [
            CountRow(*head, f, fields.get(f, f), by_field[f]) for f in [*fields, *sorted(set(by_field) - set(fields))]
        ]
        main = set().union(*self.mains.values())
        group_rows = [CountRow(*head, g, n, self.by_group[g]) for g, n in self.groups.items() if g in main]
        budget = [
            BudgetRow(*head, year, source, sources.get(source, source), planned, revised, spent)
            for (year, source), (planned, revised, spent) in sorted(
                self.budget.items(), key=lambda item: _order(item[0])
            )
        ]
        attention = [AttentionRow(*head, code, self.attention.get(code, 0)) for code in ATTENTION]
        return CityReport(municipality, city, revision, self.measures, field_rows, group_rows, budget, attention)


def _count_totals(rows: Iterable[CountRow]) -> list[CountRow]:
    totals: dict[str, CountRow] = {}
    for row in rows:
        total = totals.setdefault(row.id, CountRow(None, None, row.id, row.name, 0))
        total.measures += row.measures
    return list(totals.values())


def _budget_totals(rows: Iterable[BudgetRow]) -> list[BudgetRow]:
    totals: dict[tuple[int | None, str], BudgetRow] = {}
    for row in rows:
        key = (row.year, row.source)
        total = totals.setdefault(key, BudgetRow(None, None, *key, row.source_name, Decimal(0), Decimal(0), None))
        total.planned += row.planned
        total.revised += row.revised
        if row.spent is not None:
            total.spent = (total.spent or Decimal(0)) + row.spent
    return [totals[key] for key in sorted(totals, key=_order)]


def federation_report(name: str | None, date: dt.date, cities: list[CityReport]) -> FederationReport:
    """The cities in the federation file's order, and their totals per shared id."""
    attention: Counter[str] = Counter()
    for city in cities:
        attention.update({row.reason: row.measures for row in city.attention})
    return FederationReport(
        name,
        date.isoformat(),
        cities,
        sum(city.measures for city in cities),
        _count_totals(row for city in cities for row in city.fields),
        _count_totals(row for city in cities for row in city.target_groups),
        _budget_totals(row for city in cities for row in city.budget),
        [AttentionRow(None, None, code, attention[code]) for code in ATTENTION],
    )
