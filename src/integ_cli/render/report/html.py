"""The report as one self-contained HTML file, for the screen and for printing on A4.

Inline CSS, charts as inline SVG (:mod:`integ_cli.render.report.svg`); no script, no
fonts, images or links to anything outside the file, so it opens offline and can be
mailed or committed as it is. Every text from the data is escaped. The markup is
also well-formed XML (void elements closed, attributes quoted, numeric character
references only), so XML tools can read it. ``@page`` sets A4 with margins; tables
repeat their header on each page and rows do not break across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from integ_cli import i18n
from integ_cli.i18n import _
from integ_cli.render import format as fmt
from integ_cli.render.report import labels as L
from integ_cli.render.report import svg
from integ_cli.render.report.tables import REMEMBERED, Section, Style, Table, each_section, remembered
from integ_cli.render.safe import html_text as escape
from integ_cli.report.model import Report

CSS = """
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { color: #1a202c; background: #fff; font: 10pt/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { max-width: 75rem; margin: 0 auto; padding: 10mm 1rem 12mm; }
header.report { border-bottom: 2pt solid #1f4e79; padding-bottom: 3mm; margin-bottom: 5mm; }
h1 { font-size: 20pt; line-height: 1.2; color: #1f4e79; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; color: #1f4e79; border-bottom: 0.75pt solid #1f4e79; padding-bottom: 1mm;
  margin: 8mm 0 3mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
p.meta { color: #4a5568; }
p.warning { color: #9c4221; font-weight: 600; }
p.note { font-size: 8.5pt; color: #4a5568; }
nav ol { margin: 0; padding-left: 5mm; columns: 2; font-size: 9pt; }
nav a, nav a:visited { color: #1f4e79; text-decoration: none; }
dl.kpi { display: flex; flex-wrap: wrap; gap: 3mm; margin: 4mm 0; }
dl.kpi div { flex: 1 1 26mm; border: 0.75pt solid #cbd5e0; border-top: 2.5pt solid #1f4e79; padding: 2mm 3mm; }
dl.kpi dt { font-size: 8pt; color: #4a5568; }
dl.kpi dd { margin: 0; font-size: 14pt; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
div.table { max-width: 100%; overflow-x: auto; margin: 1mm 0 2.5mm; }
div.table:focus { outline: 2px solid #1f4e79; outline-offset: 2px; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
caption { text-align: left; font-weight: 600; padding-bottom: 1mm; }
th, td { padding: 1mm 1.4mm; border-bottom: 0.5pt solid #e2e8f0; text-align: left; vertical-align: top; }
thead th { border-bottom: 1pt solid #1a202c; vertical-align: bottom; font-weight: 600; hyphens: auto; }
tfoot td { border-top: 1pt solid #1a202c; border-bottom: none; font-weight: 700; }
tfoot { display: table-row-group; }
tbody th { font-weight: 500; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.id { white-space: nowrap; font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; }
figure { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
svg.spark { display: inline-block; width: 24mm; height: 3mm; vertical-align: middle; }
svg.spark.wide { width: 30mm; }
section { margin-bottom: 4mm; }
footer { margin-top: 8mm; border-top: 0.5pt solid #cbd5e0; padding-top: 2mm; font-size: 8pt; color: #4a5568; }
@media (max-width: 36rem) { nav ol { columns: 1; } }
@media print { body { max-width: none; padding: 0; } nav { display: none; } div.table { overflow: visible; } }
""".strip()

Extra = tuple[str, list[str]]


def _cell(tag: str, text: str, numeric: bool, attrs: str = "") -> str:
    cls = ' class="num"' if numeric else ""
    return f"<{tag}{cls}{attrs}>{escape(text)}</{tag}>"


def table(part: Table, extra: Extra | None = None, shade: Callable[[int, int], float] | None = None) -> str:
    """An HTML table: header, body, total rows as ``tfoot`` (see :func:`table_parts`)."""
    return "".join(table_parts(part, extra, shade))


def table_parts(
    part: Table, extra: Extra | None = None, shade: Callable[[int, int], float] | None = None
) -> Iterator[str]:
    """An HTML table in pieces, a row at a time: header, body, total rows as ``tfoot``.
    ``extra`` adds a column of ready markup (a header and one cell per body row, e.g. SVG
    bars); ``shade`` gives a body cell's background strength from 0 to 1 (a heat map)."""
    head = "".join(_cell("th", h, i in part.right, ' scope="col"') for i, h in enumerate(part.headers))
    if extra:
        head += f'<th scope="col">{escape(extra[0])}</th>'
    caption = f"<caption>{escape(part.caption)}</caption>" if part.caption else ""
    yield f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>"
    escaped = remembered(escape)
    for r, row in enumerate(part.rows):
        cells = []
        for c, text in enumerate(row):
            strength = shade(r, c) if shade else 0.0
            style = f' style="background: rgba(43, 108, 176, {strength:.2f})"' if strength > 0 else ""
            cls = ' class="num"' if c in part.right else ""
            if c:
                cells.append(f"<td{cls}{style}>{escaped(text)}</td>")
            else:
                cells.append(f'<th{cls}{style} scope="row">{escaped(text)}</th>')
        if extra:
            cells.append(f"<td>{extra[1][r]}</td>")
        yield "<tr>" + "".join(cells) + "</tr>"
    foot = [
        "<tr>"
        + "".join(_cell("td", t, i in part.right) for i, t in enumerate(row))
        + ("<td></td>" if extra else "")
        + "</tr>"
        for row in part.foot
    ]
    yield "</tbody>" + (f"<tfoot>{''.join(foot)}</tfoot>" if foot else "") + "</table>"


def boxed(markup: Iterable[str], label: str) -> Iterator[str]:
    """A table (in pieces) in a box of its own that scrolls sideways where the screen is
    narrower than the table (a phone), so the page itself never does; focusable and named
    after the table, so a keyboard can scroll it and a screen reader names it."""
    yield f'<div class="table" role="region" tabindex="0" aria-label="{escape(label)}">'
    yield from markup
    yield "</div>"


def _table(part: Table, section: Section, **options: Any) -> Iterator[str]:
    return boxed(table_parts(part, **options), part.caption or section.title)


def _notes(section: Section) -> str:
    return "".join(f'<p class="note">{escape(note)}</p>' for note in section.notes)


def _figure(chart: str) -> str:
    return f"<figure>{chart}</figure>" if chart else ""


def _tables(section: Section, **options: Any) -> Iterator[str]:
    for part in section.tables:
        yield from _table(part, section, **options)


def _fields(report: Report, section: Section) -> Iterator[str]:
    names = {row.id: row.short_name or row.name for row in report.fields.rows}
    chart = svg.status_chart(report.fields, names, report.codes["status"]) if report.fields.total else ""
    yield _figure(chart)
    yield from _tables(section)


def _matrix(report: Report, section: Section) -> Iterator[str]:
    part = report.matrix
    peak = max((v for row in part.rows for v in [*row.counts.values(), row.other]), default=0)
    groups = len(part.groups) + (1 if part.other else 0)

    def shade(r: int, c: int) -> float:
        if not peak or not 1 <= c <= groups:
            return 0.0
        row = part.rows[r]
        value = row.counts[part.groups[c - 1].id] if c <= len(part.groups) else row.other
        return round(0.6 * value / peak, 2)

    return _tables(section, shade=shade)


def _districts(report: Report, section: Section) -> Iterator[str]:
    rows = report.districts.rows
    peak = max((row.total for row in rows), default=0)
    bars = [svg.district_bar(row.measures, row.total, peak) for row in rows]
    legend = _("Bars: dark the measures in the district, light the city-wide ones.")
    yield from _tables(section, extra=("", bars))
    yield f'<p class="note">{escape(legend)}</p>' if rows else ""


def _budget(report: Report, section: Section) -> Iterator[str]:
    yield _figure(svg.budget_chart(report.budget, report.codes["source"]))
    yield from _tables(section)


def _indicators(report: Report, section: Section) -> Iterator[str]:
    drawn: dict[tuple[float | None, bool], str] = {}  # the same share draws the same bar
    bars = []
    for row in report.indicators.rows:
        key = (row.progress, row.reached)
        bar = drawn.get(key)
        if bar is None:
            bar = svg.progress_bar(*key)
            if len(drawn) < REMEMBERED:
                drawn[key] = bar
        bars.append(bar)
    legend = _("Course: the way from the baseline to the target (line: the target; shown up to {share}).")
    yield from _tables(section, extra=(_("Course"), bars))
    if bars:
        yield f'<p class="note">{escape(legend.format(share=fmt.percent(1.5)))}</p>'


def _ids_first(_report: Report, section: Section) -> Iterator[str]:
    """Tables whose row headers are measure ids (set in a monospace font)."""
    for piece in _tables(section):
        yield piece.replace('<th scope="row">', '<th scope="row" class="id">')


_BODIES: dict[str, Callable[[Report, Section], Iterator[str]]] = {
    "fields": _fields,
    "matrix": _matrix,
    "districts": _districts,
    "budget": _budget,
    "indicators": _indicators,
    "updates": _ids_first,
    "attention": _ids_first,
}


def _kpis(report: Report) -> str:
    indicators = report.indicators.rows
    # "active" is the one status with a key figure: the measures under way.
    active = L.code_names(report, "status").get("active", "active")
    reached = _("{reached} of {total}").format(reached=sum(r.reached for r in indicators), total=len(indicators))
    figures = [
        (_("Measures"), fmt.number(report.header.measures)),
        (_("of which {status}").format(status=active), fmt.number(report.fields.by_status.get("active", 0))),
        (_("Planned in total"), fmt.money(report.budget.total.planned, svg.NBSP)),
        (_("Spent in total"), fmt.money(report.budget.total.spent, svg.NBSP)),
        (_("Indicators with the target reached"), reached),
        (_("Measures needing attention"), fmt.number(len(report.attention.rows))),
    ]
    items = "".join(f"<div><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>" for label, value in figures)
    return f'<dl class="kpi">{items}</dl>'


def render_html(report: Report) -> Iterator[str]:
    """The page in pieces, a section written before the next is built."""
    header = report.header
    lines = L.header_lines(header)
    meta = "".join(f'<p class="{"warning" if line.warning else "meta"}">{escape(line.text)}</p>' for line in lines)
    toc = "".join(f'<li><a href="#{key}">{escape(_(title))}</a></li>' for key, title in L.SECTIONS.items())
    title = _("{title} – as of {date}").format(title=header.title, date=fmt.date(header.date))
    footer = _("Made with integ from the YAML files of the data repository, as of {date}.").format(
        date=fmt.date(header.date)
    )
    yield (
        "<!DOCTYPE html>\n"
        f'<html lang="{i18n.current()}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n{svg.CHART_STYLE}</style>\n</head>\n<body>\n"
        f'<header class="report"><h1>{escape(header.title)}</h1>{meta}</header>\n'
        f"{_kpis(report)}\n<nav><ol>{toc}</ol></nav>\n"
    )
    for s in each_section(report, Style(space=svg.NBSP)):
        yield f'<section id="{s.key}"><h2>{escape(s.title)}</h2>'
        yield from _BODIES[s.key](report, s)
        yield f"{_notes(s)}</section>\n"
    yield f"<footer>{escape(footer)}</footer>\n</body>\n</html>\n"
