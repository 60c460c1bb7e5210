"""The report's model: plain dataclasses, what :mod:`integ_cli.report.build` fills in
and the renderers (``integ_cli.render.report``) draw. Its JSON form (``integ report
--format json``) is this model as it is, so a key that changes meaning raises
:data:`REPORT_VERSION`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integ_cli.amounts import Number

#: Version of the report model (the JSON format); raised when a key changes meaning.
REPORT_VERSION = 1


def number(value: float) -> Number:
    """A sum as it is reported: cents at most (no float noise), whole numbers as int."""
    if type(value) is int:  # most amounts: what rounding would give back, at a fraction of its cost
        return value
    value = round(value, 2)
    return int(value) if float(value).is_integer() else value


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
    #: The concept record says the data are invented examples (``illustrative: true``).
    illustrative: bool = False


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
    #: Lines in these sums whose amount is not known yet (``amount_unknown``): counted, not summed.
    unknown: int = 0


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
class StaffYear:
    """Staff posts of one year: full-time equivalents summed over the measures that have any."""

    year: int
    fte: Number
    measures: int


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
    #: Staff posts per year (the same year filter), oldest first.
    staff: list[StaffYear] = field(default_factory=list)


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
    #: The concept record's ``attention.stale_after_days``; None: stale after a year.
    stale_after_days: int | None = None


@dataclass(slots=True)
class UpdateRow:
    """A measure's latest status update (*Sachstand*): its day, the status from then on
    (None where the update did not change it) and its note."""

    id: str
    title: str
    field: str
    date: str
    status: str | None
    note: str
    #: How many updates the record holds (the latest included).
    updates: int


@dataclass(slots=True)
class UpdateSection:
    rows: list[UpdateRow]
    #: Measures of the report without any status update.
    without: int


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
    updates: UpdateSection
    report_version: int = REPORT_VERSION
    #: Display names the renderers need: field, target group and district ids -> names.
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The codelist values the report counts (``status``, ``horizon``, ``source``), in
    #: the order columns and legends show them, with their names.
    codes: dict[str, list[CodeName]] = field(default_factory=dict)
