"""The report's sections as tables of text cells: what the terminal, Markdown and HTML
renderers have in common.

:func:`sections` turns a :class:`~integ_cli.report.Report` into a list of
:class:`Section`, each with its tables (headers, rows, total rows, numeric columns)
and notes, every number already formatted the German way. Each renderer then draws
the same tables its own way; the HTML adds its charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from integ_cli.query import HORIZONS, STATUSES
from integ_cli.render import report_labels as L
from integ_cli.report import Amounts, BudgetSection, Report


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


@dataclass(slots=True)
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: Characters of the stacked status bar (terminal): one per status, told apart without colour.
STATUS_CHARS = {"planned": "░", "active": "█", "completed": "▓", "suspended": "▒", "dropped": "·"}
BAR_WIDTH = 20


def _field_name(name: str, prioritised: bool) -> str:
    return f"{name} *" if prioritised else name


def _namer(report: Report, short: bool) -> Callable[[str, str], str]:
    """How a field is named in the tables: its full name, or (``short``, for the
    terminal's narrow columns) its short name where it has one."""
    shorts = {row.id: row.short_name for row in report.fields.rows if row.short_name}

    def name(field_id: str, full: str) -> str:
        return shorts.get(field_id, full) if short else full

    return name


def _status_bar(by_status: dict[str, int], maximum: int) -> str:
    if maximum <= 0:
        return ""
    text = ""
    done = 0.0
    for status in STATUSES:
        # Cumulative rounding: the segments add up to the bar of the total.
        end = done + by_status.get(status, 0) / maximum * BAR_WIDTH
        text += STATUS_CHARS[status] * (round(end) - round(done))
        done = end
    return text


def fields_section(report: Report, bars: bool, short: bool = False) -> Section:
    part = report.fields
    name = _namer(report, short)
    short = {s: L.STATUS[s] for s in STATUSES}
    headers = ["Handlungsfeld", *short.values(), *(L.HORIZON[h] for h in HORIZONS), L.TOTAL, "weitere"]
    numbers = set(range(1, len(headers)))
    maximum = max((row.total for row in part.rows), default=0)
    rows = []
    for row in part.rows:
        cells = [
            _field_name(name(row.id, row.name), row.prioritised),
            *(str(row.by_status[s]) for s in STATUSES),
            *(str(row.by_horizon[h]) for h in HORIZONS),
            str(row.total),
            str(row.also),
        ]
        if bars:
            cells.append(_status_bar(row.by_status, maximum))
        rows.append(cells)
    foot = [
        L.TOTAL,
        *(str(part.by_status[s]) for s in STATUSES),
        *(str(part.by_horizon[h]) for h in HORIZONS),
        str(part.total),
        "",
    ]
    table = Table(headers, rows, numbers, [foot + ([""] if bars else [])])
    if bars:
        table.headers.append("Verteilung")
        table.bars = {len(headers) - 1}
    notes = [
        "* priorisiertes Handlungsfeld. Gezählt nach dem Haupt-Handlungsfeld; "
        "„weitere“: Maßnahmen, die das Feld zusätzlich nennen (nicht in der Summe)."
    ]
    if bars:
        notes.append("Verteilung: " + ", ".join(f"{STATUS_CHARS[s]} {L.STATUS[s]}" for s in STATUSES) + ".")
    return Section("fields", L.SECTIONS["fields"], [table], notes)


def matrix_section(report: Report, short: bool = False) -> Section:
    part = report.matrix
    name = _namer(report, short)
    other = part.other > 0
    headers = ["Handlungsfeld", *(g.name for g in part.groups), *([L.OTHER_GROUPS] if other else []), L.TOTAL]
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
            L.TOTAL,
            *(str(part.totals[g.id]) for g in part.groups),
            *([str(part.other)] if other else []),
            str(part.total),
        ]
    ]
    notes = [
        "Eine Maßnahme zählt bei jeder Hauptzielgruppe, die sie selbst oder über eine Untergruppe nennt "
        "(z. B. Kinder im Vorschulalter bei Kinder und Jugendliche); die Summe zählt jede Maßnahme einmal."
    ]
    return Section("matrix", L.SECTIONS["matrix"], [Table(headers, rows, set(range(1, len(headers))), foot)], notes)


def districts_section(report: Report, bars: bool) -> Section:
    part = report.districts
    maximum = max((row.total for row in part.rows), default=0)
    headers = ["Stadtbezirk", "Maßnahmen im Bezirk", "mit stadtweiten"]
    rows = []
    for row in part.rows:
        cells = [row.name, str(row.measures), str(row.total)]
        if bars:
            cells.append(L.bar(row.measures, maximum, BAR_WIDTH))
        rows.append(cells)
    table = Table(headers, rows, {1, 2})
    if bars:
        table.headers.append("")
        table.bars = {3}
    notes = [
        f"{row.name}: {row.measures} Maßnahme{'n' if row.measures != 1 else ''} für die ganze Stadt; "
        "sie dienen jedem Stadtbezirk und sind in „mit stadtweiten“ enthalten."
        for row in part.city_wide
    ]
    return Section("districts", L.SECTIONS["districts"], [table], notes)


def _money_cells(amounts: Amounts, space: str) -> list[str]:
    return [L.money(amounts.planned, space), L.money(amounts.revised, space), L.money(amounts.spent, space)]


def budget_section(report: Report, bars: bool, space: str, short: bool = False) -> Section:
    part: BudgetSection = report.budget
    name = _namer(report, short)
    section = Section("budget", L.SECTIONS["budget"])
    if not part.years:
        section.notes.append("Keine Budgetzeilen.")
        return section
    money = list(L.MONEY.values())
    # 1. Field x year (planned), with the field's totals.
    headers = ["Handlungsfeld", *(str(y) for y in part.years), *money]
    rows = []
    for item in part.by_field:
        years = {y.year: y.total.planned for y in item.by_year}
        rows.append(
            [
                name(item.field, item.name),
                *(L.money(years.get(y), space) for y in part.years),
                *_money_cells(item.total, space),
            ]
        )
    foot = [[L.TOTAL, *(L.money(y.total.planned, space) for y in part.by_year), *_money_cells(part.total, space)]]
    caption = "Ansatz nach Handlungsfeld und Jahr"
    section.tables.append(Table(headers, rows, set(range(1, len(headers))), foot, caption))
    # 2. Year x funding source (planned), with the year's totals.
    headers = ["Jahr", *(L.SOURCE.get(s, s) for s in part.sources), *money]
    maximum = max((y.total.planned for y in part.by_year), default=0)
    rows = []
    for year in part.by_year:
        cells = [
            str(year.year),
            *(L.money(year.by_source[s].planned, space) if s in year.by_source else "–" for s in part.sources),
            *_money_cells(year.total, space),
        ]
        if bars:
            cells.append(L.bar(year.total.planned, maximum, BAR_WIDTH))
        rows.append(cells)
    foot = [
        [L.TOTAL, *(L.money(part.by_source[s].planned, space) for s in part.sources), *_money_cells(part.total, space)]
    ]
    table = Table(headers, rows, set(range(1, len(headers))), [foot[0] + ([""] if bars else [])])
    table.caption = "Ansatz nach Jahr und Mittelherkunft"
    if bars:
        table.headers.append("")
        table.bars = {len(headers)}
    section.tables.append(table)
    section.notes.append(
        "Ansatz: ursprünglicher Haushaltsansatz; fortgeschr. Ansatz: fortgeschriebener Ansatz "
        "(ohne Angabe gilt der Ansatz); Ist: ausgegebene Mittel (– wo nicht gemeldet). "
        "Zugeordnet nach dem Haupt-Handlungsfeld."
    )
    if part.only_years:
        section.notes.append("Nur Budgetzeilen der Jahre " + ", ".join(str(y) for y in part.only_years) + ".")
    return section


def indicators_section(report: Report, bars: bool, space: str) -> Section:
    part = report.indicators
    section = Section("indicators", L.SECTIONS["indicators"])
    headers = ["Maßnahme", "Kennzahl", "Einheit", "Jahr", "Ausgangswert", "Ziel", "Ist", "Zielerreichung"]
    rows = []
    for row in part.rows:
        reached = L.percent(row.progress, space) + (" ✓" if row.reached else "")
        cells = [
            f"{row.measure} {row.title}",
            row.name,
            row.unit,
            str(row.year) if row.year is not None else "",
            L.number(row.baseline) if row.baseline is not None else "",
            L.number(row.target),
            L.number(row.actual),
            reached,
        ]
        if bars:
            cells.append(L.bar(min(max(row.progress or 0, 0), 1), 1, 10))
        rows.append(cells)
    if rows:
        table = Table(headers, rows, {3, 4, 5, 6, 7})
        if bars:
            table.headers.append("")
            table.bars = {8}
        section.tables.append(table)
    else:
        section.notes.append("Keine Kennzahl mit Ziel- und Istwert.")
    section.notes.append(
        "Zielerreichung: Anteil des Wegs vom Ausgangswert (ohne Angabe 0) zum Zielwert; ✓ Ziel erreicht."
    )
    if part.incomplete:
        section.notes.append(f"{part.incomplete} weitere Kennzahl(en) ohne Ziel- oder Istwert.")
    return section


def attention_section(report: Report) -> Section:
    part = report.attention
    section = Section("attention", L.SECTIONS["attention"])
    fields = report.names.get("fields", {})
    rows = [
        [row.id, row.title, fields.get(row.field, row.field), L.STATUS.get(row.status, row.status),
         "; ".join(L.reason_text(r) for r in row.reasons)]
        for row in part.rows
    ]  # fmt: skip
    if rows:
        section.tables.append(Table(["ID", "Maßnahme", "Handlungsfeld", "Status", "Hinweis"], rows))
        counts = [f"{L.ATTENTION[code]}: {n}" for code, n in part.counts.items() if n]
        section.notes.append("; ".join(counts) + ".")
    else:
        section.notes.append("Keine Maßnahme mit Handlungsbedarf.")
    section.notes.append(
        f"Stichtag {L.date(report.header.date)}; nicht aktualisiert: geplante, laufende und ausgesetzte "
        "Maßnahmen, deren letzte Änderung (updated) über ein Jahr zurückliegt. Verworfene Maßnahmen "
        "sind nicht aufgeführt."
    )
    return section


def sections(report: Report, *, bars: bool = False, space: str = " ", short: bool = False) -> list[Section]:
    """Every section of the report as tables; ``bars`` adds bar columns (terminal),
    ``space`` goes between a number and its unit (a no-break space in HTML), ``short``
    names fields by their short names (narrow terminal columns)."""
    return [
        fields_section(report, bars, short),
        matrix_section(report, short),
        districts_section(report, bars),
        budget_section(report, bars, space, short),
        indicators_section(report, bars, space),
        attention_section(report),
    ]
