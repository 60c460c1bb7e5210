"""The report's sections as tables of text cells: what the terminal, Markdown and HTML
renderers have in common.

:func:`sections` turns a :class:`~integ_cli.report.model.Report` into a list of
:class:`Section`, each with its tables (headers, rows, total rows, numeric columns)
and notes, every label translated and every number formatted in the report's language
(:mod:`integ_cli.render.format`). Each renderer then draws the same tables its own
way; the HTML adds its charts. ``compact`` tables are for a terminal: short field names
and headers, amounts without the euro sign (a note says so), indicators named by
measure id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from integ_cli.i18n import _, ngettext
from integ_cli.render import format as fmt
from integ_cli.render.report import labels as L
from integ_cli.report.model import Amounts, CodeName, Report, StaffYear


@dataclass(slots=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    #: Columns aligned right (numbers).
    right: set[int] = field(default_factory=set)
    #: Total rows, drawn apart from the others.
    foot: list[list[str]] = field(default_factory=list)
    caption: str | None = None
    #: Columns holding bars (only where bars were asked for).
    bars: set[int] = field(default_factory=set)


#: How many texts :func:`remembered` keeps: a table's repeated cells, not all of a long one's.
REMEMBERED = 4096


def remembered(escape: Callable[[str], str]) -> Callable[[str], str]:
    """``escape`` remembering what it gave for up to :data:`REMEMBERED` texts. A table's
    cells repeat (numbers, units, names, statuses) and an escape costs several calls a
    cell: for the report's long tables, tens of thousands of cells."""
    found: dict[str, str] = {}

    def escaped(text: str) -> str:
        shown = found.get(text)
        if shown is None:
            shown = escape(text)
            if len(found) < REMEMBERED:
                found[text] = shown
        return shown

    return escaped


@dataclass(slots=True)
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Style:
    """How the tables are drawn: ``bars`` adds bar columns, ``space`` goes between a
    number and its unit, ``compact`` fits a terminal."""

    bars: bool = False
    space: str = " "
    compact: bool = False

    def money(self, value: float | None) -> str:
        return fmt.euros(value) if self.compact else fmt.money(value, self.space)


#: Characters of the stacked status bar (terminal), given to the statuses in their
#: codelist's order: told apart without colour, and reused only past eight statuses.
STATUS_CHARS = ("░", "█", "▓", "▒", "·", "▚", "▞", "◦")
BAR_WIDTH = 16


def status_chars(report: Report) -> dict[str, str]:
    """Each status of the report and the character of its segment in the status bar."""
    return {c.code: STATUS_CHARS[i % len(STATUS_CHARS)] for i, c in enumerate(report.codes["status"])}


def _heading(code: CodeName, style: Style) -> str:
    return code.short if style.compact else code.name


def _namer(report: Report, style: Style) -> Callable[[str, str], str]:
    """How a field is named: its full name, or (compact) its short name where it has one."""
    shorts = {row.id: row.short_name for row in report.fields.rows if row.short_name}

    def name(field_id: str, full: str) -> str:
        return shorts.get(field_id, full) if style.compact else full

    return name


def _status_bar(by_status: dict[str, int], maximum: int, chars: dict[str, str]) -> str:
    if maximum <= 0:
        return ""
    text = ""
    done = 0.0
    for status, char in chars.items():
        # Cumulative rounding: the segments add up to the bar of the total.
        end = done + by_status.get(status, 0) / maximum * BAR_WIDTH
        text += char * (round(end) - round(done))
        done = end
    return text


def _with_bars(table: Table, header: str, cells: list[str]) -> Table:
    """``table`` with one more column of bars (``cells``, one per row; blank in the foot)."""
    table.headers.append(header)
    table.bars = {len(table.headers) - 1}
    for row, cell in zip(table.rows, cells, strict=True):
        row.append(cell)
    for row in table.foot:
        row.append("")
    return table


def fields_section(report: Report, style: Style) -> Section:
    part = report.fields
    name = _namer(report, style)
    statuses, horizons = report.codes["status"], report.codes["horizon"]
    headers = [
        _("Action field"),
        *(_heading(s, style) for s in statuses),
        *(_heading(h, style) for h in horizons),
        _(L.TOTAL),
        _("also"),
    ]
    rows = [
        [
            name(row.id, row.name) + (" *" if row.prioritised else ""),
            *(str(row.by_status.get(s.code, 0)) for s in statuses),
            *(str(row.by_horizon.get(h.code, 0)) for h in horizons),
            str(row.total),
            str(row.also),
        ]
        for row in part.rows
    ]
    foot = [
        _(L.TOTAL),
        *(str(part.by_status.get(s.code, 0)) for s in statuses),
        *(str(part.by_horizon.get(h.code, 0)) for h in horizons),
        str(part.total),
        "",
    ]
    table = Table(headers, rows, set(range(1, len(headers))), [foot])
    notes = [
        _(
            "* prioritised action field. Counted by the main action field; “also”: measures that name the "
            "field as a further one (not in the total)."
        )
    ]
    abbreviated = [f"{s.short} {s.name}" for s in statuses if s.short != s.name]
    abbreviated_horizons = [f"{h.short} {h.name}" for h in horizons if h.short != h.name]
    if style.compact and (abbreviated or abbreviated_horizons):  # English has no short forms
        notes.append(
            _("Status: {statuses}; horizon: {horizons}.").format(
                statuses=", ".join(abbreviated), horizons=", ".join(abbreviated_horizons)
            )
        )
    if style.bars:
        maximum = max((row.total for row in part.rows), default=0)
        chars = status_chars(report)
        _with_bars(table, _("Distribution"), [_status_bar(row.by_status, maximum, chars) for row in part.rows])
        legend = ", ".join(f"{chars[s.code]} {s.name}" for s in statuses)
        notes.append(_("Distribution: {legend}.").format(legend=legend))
    return Section("fields", _(L.SECTIONS["fields"]), [table], notes)


def matrix_section(report: Report, style: Style) -> Section:
    part = report.matrix
    name = _namer(report, style)
    other = part.other > 0
    headers = [_("Action field"), *(g.name for g in part.groups), *([_(L.OTHER_GROUPS)] if other else []), _(L.TOTAL)]
    rows = [
        [
            name(row.field, row.name),
            *(str(row.counts[g.id]) for g in part.groups),
            *([str(row.other)] if other else []),
            str(row.total),
        ]
        for row in part.rows
    ]
    foot = [
        [
            _(L.TOTAL),
            *(str(part.totals[g.id]) for g in part.groups),
            *([str(part.other)] if other else []),
            str(part.total),
        ]
    ]
    notes = [
        _(
            "A measure counts for every main target group it names itself or through a sub-group (preschool "
            "children, for instance, for children and young people); the total counts each measure once."
        )
    ]
    return Section("matrix", _(L.SECTIONS["matrix"]), [Table(headers, rows, set(range(1, len(headers))), foot)], notes)


def districts_section(report: Report, style: Style) -> Section:
    part = report.districts
    headers = [_("District"), _("Measures in the district"), _("with city-wide")]
    table = Table(headers, [[row.name, str(row.measures), str(row.total)] for row in part.rows], {1, 2})
    if style.bars:
        maximum = max((row.measures for row in part.rows), default=0)
        _with_bars(table, "", [L.bar(row.measures, maximum, BAR_WIDTH) for row in part.rows])
    notes = [
        ngettext(
            "{name}: {n} measure for the whole city; it serves every district and is counted in “with city-wide”.",
            "{name}: {n} measures for the whole city; they serve every district and are counted in “with city-wide”.",
            row.measures,
        ).format(name=row.name, n=row.measures)
        for row in part.city_wide
    ]
    return Section("districts", _(L.SECTIONS["districts"]), [table] if part.rows else [], notes)


def planned_text(amounts: Amounts | None, style: Style, revised: bool = False) -> str:
    """The planned (or revised) sum; ``+ ?`` after it where some of its lines have no
    amount yet, only ``?`` where none has one (a programme not yet decided is not 0 €).
    The site's measure pages write a measure's budget lines with it too."""
    if amounts is None:
        return style.money(None)
    value = amounts.revised if revised else amounts.planned
    if not amounts.unknown:
        return style.money(value)
    return _("{amount} + ?").format(amount=style.money(value)) if value else "?"


def _money_cells(amounts: Amounts, style: Style) -> list[str]:
    return [planned_text(amounts, style), planned_text(amounts, style, revised=True), style.money(amounts.spent)]


def budget_section(report: Report, style: Style) -> Section:
    part = report.budget
    name = _namer(report, style)
    section = Section("budget", _(L.SECTIONS["budget"]))
    if not part.years:
        section.notes.append(_("No budget lines."))
        _staff(part.staff, section)
        return section
    money = [_(label) for label in L.MONEY.values()]
    foot = [_(L.TOTAL), *(planned_text(y.total, style) for y in part.by_year), *_money_cells(part.total, style)]
    # 1. Field x year (planned), with the field's totals.
    headers = [_("Action field"), *(str(y) for y in part.years), *money]
    rows = []
    for item in part.by_field:
        years = {y.year: y.total for y in item.by_year}
        rows.append(
            [
                name(item.field, item.name),
                *(planned_text(years.get(y), style) for y in part.years),
                *_money_cells(item.total, style),
            ]
        )
    right = set(range(1, len(headers)))
    section.tables.append(Table(headers, rows, right, [foot], _("Planned by action field and year")))
    # 2. Funding source x year (planned), with the source's totals.
    rows = []
    for source in part.sources:
        by_year = {y.year: y.by_source[source] for y in part.by_year if source in y.by_source}
        rows.append(
            [
                L.code_names(report, "source").get(source, source),
                *(planned_text(by_year.get(y), style) for y in part.years),
                *_money_cells(part.by_source[source], style),
            ]
        )
    caption = _("Planned by funding source and year")
    table = Table([_("Funding source"), *headers[1:]], rows, right, [list(foot)], caption)
    section.tables.append(table)
    explained = _(
        "Planned: the original budget; revised: the revised budget (where none is given, the planned one "
        "stands); spent: the money spent (– where not reported). Assigned by the main action field."
    )
    section.notes.append(_("Amounts in euros.") + " " + explained if style.compact else explained)
    if part.total.unknown:
        unknown = ngettext(
            "{n} budget line without an amount (amount not known yet; not in the sums, “?” in the tables).",
            "{n} budget lines without an amount (amount not known yet; not in the sums, “?” in the tables).",
            part.total.unknown,
        )
        section.notes.append(unknown.format(n=part.total.unknown))
    if part.only_years:
        only = ", ".join(str(y) for y in part.only_years)
        section.notes.append(_("Only budget lines of the years {years}.").format(years=only))
    _staff(part.staff, section)
    return section


def _staff(staff: list[StaffYear], section: Section) -> None:
    """The staff posts per year, as a table of the budget section (nothing where none are given)."""
    if staff:
        rows = [[str(item.year), fmt.number(item.fte), str(item.measures)] for item in staff]
        headers = [_(header) for header in L.STAFF_HEADERS]
        section.tables.append(Table(headers, rows, {1, 2}, caption=_("Staff posts (full-time equivalents)")))


def indicators_section(report: Report, style: Style) -> Section:
    part = report.indicators
    section = Section("indicators", _(L.SECTIONS["indicators"]))
    headers = [_(header) for header in (L.COMPACT_INDICATOR_HEADERS if style.compact else L.INDICATOR_HEADERS)]
    rows = []
    for row in part.rows:
        what = (
            [row.measure, f"{row.name} ({row.unit})"]
            if style.compact
            else [f"{row.measure} {row.title}", row.name, row.unit]
        )
        rows.append(
            [
                *what,
                str(row.year) if row.year is not None else "",
                fmt.number(row.baseline) if row.baseline is not None else "",
                fmt.number(row.target),
                fmt.number(row.actual),
                fmt.percent(row.progress, style.space) + (" ✓" if row.reached else ""),
            ]
        )
    if rows:
        first = len(headers) - 5
        table = Table(headers, rows, set(range(first, len(headers))))
        if style.bars:
            _with_bars(table, "", [L.bar(min(max(row.progress or 0, 0), 1), 1, 10) for row in part.rows])
        section.tables.append(table)
    else:
        section.notes.append(_("No indicator with a target and an actual value."))
    section.notes.append(
        _("Progress: the share of the way from the baseline (0 where none is given) to the target; ✓ target reached.")
    )
    if part.incomplete:
        incomplete = ngettext(
            "{n} more indicator without a target or an actual value.",
            "{n} more indicators without a target or an actual value.",
            part.incomplete,
        )
        section.notes.append(incomplete.format(n=part.incomplete))
    return section


def updates_section(report: Report, style: Style) -> Section:
    """Each measure's latest status update (*Sachstand*): date, status from then on, note."""
    part = report.updates
    name = _namer(report, style)
    section = Section("updates", _(L.SECTIONS["updates"]))
    fields = report.names.get("fields", {})
    statuses = L.code_names(report, "status")
    rows = [
        [
            row.id,
            row.title,
            name(row.field, fields.get(row.field, row.field)),
            fmt.date(row.date),
            statuses.get(row.status, row.status) if row.status else fmt.MISSING,
            row.note,
        ]
        for row in part.rows
    ]
    if rows:
        section.tables.append(Table([_(header) for header in L.UPDATE_HEADERS], rows))
        section.notes.append(
            _(
                "The latest of the dated status updates each measure keeps (integ status, integ update); status: "
                "the status from that day on (– where the update did not change it)."
            )
        )
    if part.without:
        without = ngettext(
            "{n} measure without a status update.", "{n} measures without a status update.", part.without
        )
        section.notes.append(without.format(n=part.without))
    return section


def attention_section(report: Report, style: Style) -> Section:
    part = report.attention
    days = part.stale_after_days
    name = _namer(report, style)
    section = Section("attention", _(L.SECTIONS["attention"]))
    fields = report.names.get("fields", {})
    statuses = L.code_names(report, "status")
    reason_text = L.reason_texts(days)
    rows = [
        [
            row.id,
            row.title,
            name(row.field, fields.get(row.field, row.field)),
            statuses.get(row.status, row.status),
            "; ".join(reason_text(r) for r in row.reasons),
        ]
        for row in part.rows
    ]
    if rows:
        section.tables.append(Table([_(header) for header in L.ATTENTION_HEADERS], rows))
        counts = [L.labelled(L.attention_label(code, days), str(n)) for code, n in part.counts.items() if n]
        section.notes.append("; ".join(counts) + ".")
    else:
        section.notes.append(_("No measure needs attention."))
    reference = fmt.date(report.header.date)
    if days is None:
        explained = _(
            "Reference date {date}; not updated: planned, active and suspended measures whose last change "
            "(updated) is more than a year ago. Dropped measures are not listed."
        ).format(date=reference)
    else:
        explained = ngettext(
            "Reference date {date}; not updated: planned, active and suspended measures whose last change "
            "(updated) is more than {n} day ago. Dropped measures are not listed.",
            "Reference date {date}; not updated: planned, active and suspended measures whose last change "
            "(updated) is more than {n} days ago. Dropped measures are not listed.",
            days,
        ).format(date=reference, n=days)
    section.notes.append(explained)
    return section


def sections(report: Report, style: Style = Style()) -> list[Section]:
    """Every section of the report as tables, drawn in ``style`` (the site's pages use
    them all at once)."""
    return list(each_section(report, style))


def each_section(report: Report, style: Style = Style()) -> Iterator[Section]:
    """Every section of the report as tables, drawn in ``style``, each built when the
    renderer asks for it: a renderer writes a section and lets its tables go before the
    next is built (at 100,000 measures the indicator and attention tables hold millions
    of cells)."""
    for build in (
        fields_section,
        matrix_section,
        districts_section,
        budget_section,
        indicators_section,
        updates_section,
        attention_section,
    ):
        yield build(report, style)
