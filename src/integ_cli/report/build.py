"""The report for the council: the catalogue aggregated into a plain model.

:func:`build_report` turns the measures a :class:`~integ_cli.query.Query` keeps into a
:class:`Report` of dataclasses: no printing, no formatting. The renderers in
``integ_cli.render.report_*`` turn it into a terminal view, Markdown, HTML or JSON.

The sections and their rules:

* **fields**: measures per action field (by their main ``field``), prioritised fields
  first, then the others, each in concept order; by status and by horizon. ``also``
  counts measures naming the field among ``also_fields`` (not in the total). Without
  a field filter every field is listed, empty ones too.
* **matrix**: action field x main target group (``main: true`` in the vocabulary;
  the top-level groups where none is marked). A measure counts once for each main
  group it names itself or through a sub-group (``vorschulkinder`` counts for
  ``kinder-jugendliche``). ``other`` counts measures naming no group below a main one.
* **districts**: measures naming each district; city-wide entries apart. ``total``
  is what ``integ list --district ID`` finds (city-wide measures included).
* **budget**: per field (main field), year and funding source: ``planned`` (Ansatz),
  ``revised`` (fortgeschriebener Ansatz; where a line has none, its planned amount
  stands) and ``spent`` (Ist; ``None`` where no line of the group reports it). With
  a year filter only the budget lines of those years count.
* **indicators**: each indicator with both a target and an actual value; ``progress``
  is the share of the way from the baseline (0 where there is none) to the target.
* **attention**: measures that need a look, relative to the report date (dropped
  measures are left out): ``overdue`` (active, end date passed), ``no-indicator``,
  ``no-budget``, ``no-lead``, ``stale`` (planned, active or suspended and not
  updated for more than a year, or without an ``updated`` date).

``visibility: internal`` measures are left out unless ``internal`` is true.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integ_cli.fields import field_order
from integ_cli.hierarchy import descendants
from integ_cli.query import Query
from integ_cli.report.counts import district_counts, field_counts

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue, Measure
    from integ_cli.codelists import Codelist, Codelists

#: Version of the report model (the JSON format); raised when a key changes meaning.
REPORT_VERSION = 1
#: Reasons a measure is on the attention list, in the order they are shown.
ATTENTION = ("overdue", "no-indicator", "no-budget", "no-lead", "stale")
#: Statuses of measures that are over: neither overdue nor stale (every other status,
#: a city's own ones too, is expected to be kept up to date). ``dropped`` measures
#: need no attention at all.
CLOSED = ("completed", "dropped")

Number = int | float


def _number(value: float) -> Number:
    """A sum as it is reported: cents at most (no float noise), whole numbers as int."""
    value = round(value, 2)
    return int(value) if float(value).is_integer() else value


def _as_number(value: Any) -> Number | None:
    """``value`` where it is a number (``True`` is not one), else None."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# --- the model ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Filter:
    """One filter the report was made with: ``key`` as in :class:`Query`, values and their names."""

    key: str
    values: list[str]
    names: list[str]


@dataclass(slots=True)
class Header:
    title: str
    date: str
    measures: int
    internal: bool
    filters: list[Filter]
    #: Record files skipped as invalid (run ``integ validate``); the report may be incomplete.
    invalid_files: int


@dataclass(slots=True)
class FieldRow:
    id: str
    name: str
    short_name: str | None
    prioritised: bool
    by_status: dict[str, int]
    by_horizon: dict[str, int]
    total: int
    also: int


@dataclass(slots=True)
class FieldSection:
    rows: list[FieldRow]
    by_status: dict[str, int]
    by_horizon: dict[str, int]
    total: int


@dataclass(slots=True)
class Group:
    id: str
    name: str


@dataclass(slots=True)
class MatrixRow:
    field: str
    name: str
    #: Main group id -> measures of this field for it (sub-groups rolled up).
    counts: dict[str, int]
    other: int
    total: int


@dataclass(slots=True)
class MatrixSection:
    groups: list[Group]
    rows: list[MatrixRow]
    totals: dict[str, int]
    other: int
    total: int


@dataclass(slots=True)
class DistrictRow:
    id: str
    name: str
    #: Measures naming this district.
    measures: int
    #: Measures serving it: its own plus the city-wide ones (each once).
    total: int


@dataclass(slots=True)
class DistrictSection:
    rows: list[DistrictRow]
    city_wide: list[DistrictRow]


@dataclass(slots=True)
class Amounts:
    planned: Number = 0
    revised: Number = 0
    spent: Number | None = None

    def add(self, line: Mapping[str, Any]) -> None:
        planned = _as_number(line.get("planned"))
        planned = 0 if planned is None else planned
        revised = _as_number(line.get("revised"))
        spent = _as_number(line.get("spent"))
        self.planned = _number(self.planned + planned)
        self.revised = _number(self.revised + (planned if revised is None else revised))
        if spent is not None:
            self.spent = _number((self.spent or 0) + spent)


@dataclass(slots=True)
class YearBudget:
    year: int
    total: Amounts
    by_source: dict[str, Amounts]


@dataclass(slots=True)
class FieldBudget:
    field: str
    name: str
    total: Amounts
    by_year: list[YearBudget]


@dataclass(slots=True)
class BudgetSection:
    years: list[int]
    sources: list[str]
    by_field: list[FieldBudget]
    by_year: list[YearBudget]
    by_source: dict[str, Amounts]
    total: Amounts
    #: The years budget lines were limited to (the report's year filter), or empty.
    only_years: list[int]


@dataclass(slots=True)
class IndicatorRow:
    measure: str
    title: str
    field: str
    name: str
    unit: str
    year: int | None
    baseline: Number | None
    target: Number
    actual: Number
    #: Share of the way from the baseline (0 where none) to the target; None where they are equal.
    progress: float | None
    reached: bool


@dataclass(slots=True)
class IndicatorSection:
    rows: list[IndicatorRow]
    #: Indicators lacking a target or an actual value (not in ``rows``).
    incomplete: int


@dataclass(slots=True)
class Reason:
    code: str
    #: A date that explains it (the end date, the last update), or None.
    detail: str | None = None


@dataclass(slots=True)
class AttentionRow:
    id: str
    title: str
    field: str
    status: str
    reasons: list[Reason]


@dataclass(slots=True)
class AttentionSection:
    rows: list[AttentionRow]
    counts: dict[str, int]


@dataclass(slots=True)
class CodeName:
    """A codelist value as the report shows it: its name, and a short form for narrow columns."""

    code: str
    name: str
    short: str


@dataclass(slots=True)
class Report:
    header: Header
    fields: FieldSection
    matrix: MatrixSection
    districts: DistrictSection
    budget: BudgetSection
    indicators: IndicatorSection
    attention: AttentionSection
    report_version: int = REPORT_VERSION
    #: Display names the renderers need: field, target group and district ids -> names.
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The codelist values the report counts (``status``, ``horizon``, ``source``), in
    #: the order columns and legends show them, with their names.
    codes: dict[str, list[CodeName]] = field(default_factory=dict)


# --- building it --------------------------------------------------------------------------------------

Entries = Mapping[str, Mapping[str, Any]]

#: Query attributes that are filters, with the vocabulary their values name.
_FILTERS = (
    ("fields", "fields"),
    ("prioritised", None),
    ("target_groups", "target-groups"),
    ("exact", None),
    ("actors", "actors"),
    ("lead_only", None),
    ("districts", "districts"),
    ("no_city_wide", None),
    ("statuses", None),
    ("horizons", None),
    ("years", None),
    ("text", None),
)


def is_internal(data: Mapping[str, Any]) -> bool:
    return data.get("visibility") == "internal"


def build_report(
    catalogue: Catalogue,
    query: Query,
    date: dt.date,
    *,
    internal: bool = False,
    title: str = "Bericht zum Integrationskonzept",
) -> Report:
    """The report on the measures of ``catalogue`` (already filtered by ``query``)
    as of ``date``; internal measures only with ``internal``."""
    measures = sorted(
        (m for m in catalogue.measures if internal or not is_internal(m.data)),
        key=lambda m: str(m.data.get("id", "")),
    )
    fields = catalogue.fields
    codelists = catalogue.codelists
    groups = catalogue.vocabularies.get("target-groups", {})
    districts = catalogue.vocabularies.get("districts", {})
    order = field_order(fields, prioritised_first=True)
    header = Header(
        title,
        date.isoformat(),
        len(measures),
        internal,
        _filters(query, catalogue, codelists),
        sum(1 for f in catalogue.invalid_files() if f.startswith("data/")),
    )
    shown = [f for f in order if not query.fields or f in query.fields or _has(measures, f)]
    by_field = field_section(fields, measures, shown, codelists)
    budget = budget_section(fields, measures, order, query.years, codelists["source"])
    return Report(
        header=header,
        fields=by_field,
        matrix=matrix_section(fields, groups, measures, shown),
        districts=district_section(districts, measures),
        budget=budget,
        indicators=indicator_section(measures, order),
        attention=attention_section(measures, order, date),
        names={
            "fields": {f: str(e.get("name", f)) for f, e in fields.items()},
            "target-groups": {g: str(e.get("name", g)) for g, e in groups.items()},
            "districts": {d: str(e.get("name", d)) for d, e in districts.items()},
        },
        codes={
            "status": _code_names(codelists["status"], by_field.by_status),
            "horizon": _code_names(codelists["horizon"], by_field.by_horizon),
            "source": _code_names(codelists["source"], budget.sources),
        },
    )


def _code_names(codelist: Codelist, codes: Iterable[str]) -> list[CodeName]:
    return [CodeName(code, codelist.name(code), codelist.short(code)) for code in codes]


def _has(measures: Sequence[Measure], field_id: str) -> bool:
    return any(m.data.get("field") == field_id for m in measures)


#: Query attributes whose values are codes of a codelist.
_CODED = {"statuses": "status", "horizons": "horizon"}


def _filters(query: Query, catalogue: Catalogue, codelists: Codelists) -> list[Filter]:
    out: list[Filter] = []
    for key, kind in _FILTERS:
        value = getattr(query, key)
        if not value:
            continue
        values = [str(v) for v in value] if isinstance(value, tuple) else []
        if kind == "fields":
            names = [str(catalogue.fields.get(v, {}).get("name", v)) for v in values]
        elif kind is not None:
            entries = catalogue.vocabularies.get(kind, {})
            names = [str(entries.get(v, {}).get("name", v)) for v in values]
        elif key in _CODED:
            names = [codelists[_CODED[key]].name(v) for v in values]
        else:
            names = list(values)
        out.append(Filter(key, values, names))
    return out


def field_section(
    fields: Entries, measures: Sequence[Measure], shown: Sequence[str], codelists: Codelists
) -> FieldSection:
    """Measures per field, status and horizon. Every status and horizon of the codelists
    gets a column, and so does any other value a measure has: the columns of a row always
    sum to its total."""
    statuses, horizons_list = codelists["status"], codelists["horizon"]
    counts = {row.id: row for row in field_counts(fields, measures, statuses)}
    horizons: dict[str, dict[str, int]] = {f: horizons_list.tally(()) for f in fields}
    for measure in measures:
        row = horizons.get(str(measure.data.get("field")))
        horizon = measure.data.get("horizon")
        if row is not None and isinstance(horizon, str):
            row[horizon] = row.get(horizon, 0) + 1
    status_keys = statuses.order(s for f in shown for s in counts[f].by_status)
    horizon_keys = horizons_list.order(h for f in shown for h in horizons[f])
    rows = [
        FieldRow(
            f,
            counts[f].name,
            counts[f].short_name,
            counts[f].prioritised,
            {s: counts[f].by_status.get(s, 0) for s in status_keys},
            {h: horizons[f].get(h, 0) for h in horizon_keys},
            counts[f].total,
            counts[f].also,
        )
        for f in shown
    ]
    by_status = {s: sum(r.by_status[s] for r in rows) for s in status_keys}
    by_horizon = {h: sum(r.by_horizon[h] for r in rows) for h in horizon_keys}
    return FieldSection(rows, by_status, by_horizon, sum(r.total for r in rows))


def main_groups(groups: Entries) -> list[str]:
    """The main target groups (``main: true``), in file order; where none is marked,
    the top-level groups."""
    marked = [g for g, entry in groups.items() if entry.get("main") is True]
    return marked or [g for g, entry in groups.items() if entry.get("parent") not in groups]


def matrix_section(
    fields: Entries, groups: Entries, measures: Sequence[Measure], shown: Sequence[str]
) -> MatrixSection:
    mains = main_groups(groups)
    below = {main: descendants(groups, [main]) for main in mains}
    rows = {f: MatrixRow(f, str(fields[f].get("name", f)), dict.fromkeys(mains, 0), 0, 0) for f in shown if f in fields}
    totals = dict.fromkeys(mains, 0)
    other = total = 0
    for measure in measures:
        row = rows.get(str(measure.data.get("field")))
        named = set(measure.data.get("target_groups") or ())
        hits = [main for main in mains if named & below[main]]
        for main in hits:
            totals[main] += 1
        other += not hits
        total += 1
        if row is not None:
            for main in hits:
                row.counts[main] += 1
            row.other += not hits
            row.total += 1
    return MatrixSection(
        [Group(g, str(groups[g].get("name", g))) for g in mains], list(rows.values()), totals, other, total
    )


def district_section(districts: Entries, measures: Sequence[Measure]) -> DistrictSection:
    rows = [DistrictRow(c.id, c.name, c.direct, c.total) for c in district_counts(districts, measures)]
    city_wide = {d for d, entry in districts.items() if entry.get("city_wide") is True}
    return DistrictSection([r for r in rows if r.id not in city_wide], [r for r in rows if r.id in city_wide])


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
            _merge(found.setdefault(key[2], Amounts()), cells[key])
            _merge(total, cells[key])
        return YearBudget(year, total, {s: found[s] for s in shown if s in found})

    by_field: list[FieldBudget] = []
    for field_id in order:
        keys = [k for k in cells if k[0] == field_id]
        if not keys:
            continue
        per_year = [year_budget(y, [k for k in keys if k[1] == y]) for y in years if any(k[1] == y for k in keys)]
        total = Amounts()
        for item in per_year:
            _merge(total, item.total)
        by_field.append(FieldBudget(field_id, str(fields.get(field_id, {}).get("name", field_id)), total, per_year))
    by_year = [year_budget(y, [k for k in cells if k[1] == y]) for y in years]
    by_source = {s: Amounts() for s in shown}
    total = Amounts()
    for key, amounts in cells.items():
        _merge(by_source[key[2]], amounts)
        _merge(total, amounts)
    return BudgetSection(years, shown, by_field, by_year, by_source, total, sorted(set(only_years)))


def _merge(target: Amounts, other: Amounts) -> None:
    target.planned = _number(target.planned + other.planned)
    target.revised = _number(target.revised + other.revised)
    if other.spent is not None:
        target.spent = _number((target.spent or 0) + other.spent)


def _position(order: Sequence[str]) -> dict[str, int]:
    return {field_id: index for index, field_id in enumerate(order)}


def indicator_section(measures: Sequence[Measure], order: Sequence[str]) -> IndicatorSection:
    rank = _position(order)
    rows: list[IndicatorRow] = []
    incomplete = 0
    ordered = sorted(measures, key=lambda m: (rank.get(str(m.data.get("field")), len(rank)), str(m.data.get("id"))))
    for measure in ordered:
        data = measure.data
        for item in data.get("indicators") or ():
            if not isinstance(item, dict):
                continue
            target, actual = _as_number(item.get("target")), _as_number(item.get("actual"))
            if target is None or actual is None:
                incomplete += 1
                continue
            baseline = _as_number(item.get("baseline"))
            start = baseline or 0
            progress = None if target == start else round((actual - start) / (target - start), 4)
            reached = actual >= target if target >= start else actual <= target
            rows.append(
                IndicatorRow(
                    str(data.get("id")),
                    str(data.get("title", "")),
                    str(data.get("field", "")),
                    str(item.get("name", "")),
                    str(item.get("unit", "")),
                    item.get("year") if isinstance(item.get("year"), int) else None,
                    baseline,
                    target,
                    actual,
                    progress,
                    reached,
                )
            )
    return IndicatorSection(rows, incomplete)


def year_before(date: dt.date) -> dt.date:
    """The same day one year earlier (28 February for a 29 February)."""
    try:
        return date.replace(year=date.year - 1)
    except ValueError:
        return date.replace(year=date.year - 1, day=28)


def reasons(data: Mapping[str, Any], date: dt.date) -> list[Reason]:
    """Why a measure needs attention as of ``date`` (empty: it does not)."""
    status = data.get("status")
    if status == "dropped":
        return []
    found: list[Reason] = []
    end = data.get("end")
    if status == "active" and isinstance(end, str) and end < date.isoformat():
        found.append(Reason("overdue", end))
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
        elif updated < year_before(date).isoformat():
            found.append(Reason("stale", updated))
    return found


def attention_section(measures: Sequence[Measure], order: Sequence[str], date: dt.date) -> AttentionSection:
    rank = _position(order)
    rows: list[AttentionRow] = []
    for measure in measures:
        data = measure.data
        found = reasons(data, date)
        if found:
            rows.append(
                AttentionRow(
                    str(data.get("id")),
                    str(data.get("title", "")),
                    str(data.get("field", "")),
                    str(data.get("status", "")),
                    found,
                )
            )
    rows.sort(key=lambda r: (rank.get(r.field, len(rank)), r.id))
    counts = {code: sum(1 for r in rows if any(x.code == code for x in r.reasons)) for code in ATTENTION}
    return AttentionSection(rows, counts)
