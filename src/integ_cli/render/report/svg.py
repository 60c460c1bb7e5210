"""The HTML report's charts, as inline SVG: no script, no fonts, no links.

Each function returns one ``<svg>`` element as text (XML-well-formed, every text
escaped) that scales with the page (``viewBox``). Numbers are shown as labels, so a
chart reads in black and white too; ``<title>`` elements give the exact values on
hover. The charts: measures per action field by status (:func:`status_chart`), the
budget per year by funding source with what was spent (:func:`budget_chart`), and
the small bars in table cells for indicator progress and districts.
"""

from __future__ import annotations

import math

from integ_cli.i18n import _
from integ_cli.render import format as fmt
from integ_cli.render.safe import html_text as escape
from integ_cli.report.model import BudgetSection, CodeName, FieldSection

#: Colours of the statuses and the funding sources, given in their codelists' order
#: (distinct in print, as light as text allows); a list longer than its palette
#: reuses it from the start.
#: How the charts look, wherever a page shows them (the report's HTML, the site's
#: stylesheet); only a sparkline's size differs between the printed report and the screen.
CHART_STYLE = """\
svg.chart { display: block; width: 100%; height: auto; font-size: 11px; }
svg.chart text { fill: #1a202c; }
svg.chart text.legend, svg.chart text.axis { fill: #4a5568; font-size: 10px; }
svg.chart text.value { font-weight: 600; }
svg.chart line.grid { stroke: #e2e8f0; stroke-width: 1; }
svg.chart line.spent { stroke: #111; stroke-width: 2.5; }
svg.spark line.target { stroke: #1a202c; stroke-width: 1.5; }
"""
STATUS_COLOURS = ("#9ecae1", "#2b6cb0", "#38a169", "#ed8936", "#a0aec0", "#805ad5", "#d53f8c", "#d69e2e")
SOURCE_COLOURS = ("#2b6cb0", "#dd6b20", "#805ad5", "#38a169", "#d69e2e", "#d53f8c", "#718096", "#9ecae1", "#4a5568")


def colours(codes: list[CodeName], palette: tuple[str, ...]) -> dict[str, str]:
    """Each code and its colour: the palette's colours in the codes' order."""
    return {code.code: palette[i % len(palette)] for i, code in enumerate(codes)}


NBSP = "\u00a0"
WIDTH = 720


def _num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros (stable bytes)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    extra = f' class="{cls}"' if cls else ""
    return f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _rect(x: float, y: float, w: float, h: float, fill: str, title: str | None = None) -> str:
    shape = f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" fill="{fill}"'
    return shape + (f"><title>{escape(title)}</title></rect>" if title else " />")


def _svg(height: float, label: str, body: list[str], width: float = WIDTH) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {_num(width)} {_num(height)}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _legend(items: list[tuple[str, str]], y: float, x: float = 0) -> tuple[list[str], float]:
    """Colour boxes with labels in rows; returns the markup and the height used."""
    out: list[str] = []
    cx, cy = x, y
    for label, colour in items:
        width = 18 + len(label) * 6.2 + 16
        if cx + width > WIDTH and cx > x:
            cx, cy = x, cy + 18
        out.append(_rect(cx, cy, 11, 11, colour))
        out.append(_text(cx + 16, cy + 9.5, label, cls="legend"))
        cx += width
    return out, cy - y + 18


def status_chart(part: FieldSection, names: dict[str, str], statuses: list[CodeName]) -> str:
    """Horizontal stacked bars: each action field's measures by status, total at the end."""
    label_w, right, row_h, bar_h = 150, 40, 24, 15
    fill = colours(statuses, STATUS_COLOURS)
    legend, top = _legend([(s.name, fill[s.code]) for s in statuses], 0)
    top += 6
    maximum = max((row.total for row in part.rows), default=0) or 1
    scale = (WIDTH - label_w - right) / maximum
    body = legend
    for n, row in enumerate(part.rows):
        y = top + n * row_h
        name = names.get(row.id) or row.name
        body.append(_text(label_w - 8, y + bar_h - 3.5, name + (" *" if row.prioritised else ""), anchor="end"))
        x = float(label_w)
        for status in statuses:
            count = row.by_status.get(status.code, 0)
            if count:
                title = f"{row.name}: {count} {status.name}"
                body.append(_rect(x, y, count * scale, bar_h, fill[status.code], title))
                x += count * scale
        body.append(_text(x + 5, y + bar_h - 3.5, str(row.total), cls="value"))
    height = top + len(part.rows) * row_h
    return _svg(height, _("Measures per action field by status"), body)


def _nice_step(maximum: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) for about ``ticks`` grid lines."""
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)


def budget_chart(part: BudgetSection, sources: list[CodeName]) -> str:
    """Vertical bars per year, stacked by funding source (planned), the total above each
    bar and a black mark where what was spent is known."""
    if not part.by_year:
        return ""
    fill = colours(sources, SOURCE_COLOURS)
    name = {s.code: s.name for s in sources}
    items = [(name.get(s, s), fill.get(s, SOURCE_COLOURS[-1])) for s in part.sources]
    legend, top = _legend([*items, (_("Spent (paid out)"), "#111")], 0)
    axis_w, plot_h, bottom = 92, 220, 22
    top += 22
    peak = max(max(y.total.planned, y.total.spent or 0) for y in part.by_year)
    step = _nice_step(peak) if peak > 0 else 1
    ceiling = step * math.ceil(peak / step) if peak > 0 else 1
    scale = plot_h / ceiling
    body = legend
    base = top + plot_h
    for k in range(round(ceiling / step) + 1):
        y = base - k * step * scale
        body.append(f'<line x1="{axis_w}" y1="{_num(y)}" x2="{WIDTH}" y2="{_num(y)}" class="grid" />')
        body.append(_text(axis_w - 6, y + 4, fmt.millions(k * step, NBSP), anchor="end", cls="axis"))
    slot = (WIDTH - axis_w) / len(part.by_year)
    bar_w = min(80.0, slot * 0.6)
    for n, year in enumerate(part.by_year):
        x = axis_w + n * slot + (slot - bar_w) / 2
        y = base
        for source in part.sources:
            amounts = year.by_source.get(source)
            if amounts is None or amounts.planned <= 0:
                continue
            h = amounts.planned * scale
            y -= h
            title = _("{year}, {source}: {amount} planned").format(
                year=year.year, source=name.get(source, source), amount=fmt.money(amounts.planned, NBSP)
            )
            body.append(_rect(x, y, bar_w, h, fill.get(source, SOURCE_COLOURS[-1]), title))
        top_y = y
        if year.total.spent is not None:
            sy = base - year.total.spent * scale
            top_y = min(y, sy)
            spent = _("{year}: {amount} spent").format(year=year.year, amount=fmt.money(year.total.spent, NBSP))
            body.append(
                f'<line x1="{_num(x - 6)}" y1="{_num(sy)}" x2="{_num(x + bar_w + 6)}" y2="{_num(sy)}" class="spent">'
                f"<title>{escape(spent)}</title></line>"
            )
        body.append(_text(x + bar_w / 2, top_y - 7, fmt.money(year.total.planned, NBSP), anchor="middle", cls="value"))
        body.append(_text(x + bar_w / 2, base + 16, str(year.year), anchor="middle", cls="axis"))
    return _svg(base + bottom, _("Budget per year by funding source (planned)"), body)


def progress_bar(progress: float | None, reached: bool) -> str:
    """A small bar for a table cell: 0 to 150 % of the way, a mark at 100 % (the target)."""
    width, height, full = 96, 12, 64
    share = max(0.0, min(progress or 0.0, 1.5))
    colour = "#38a169" if reached else "#2b6cb0"
    label = _("{share} of the way to the target").format(share=fmt.percent(progress, NBSP))
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<rect x="0" y="2" width="{full}" height="8" fill="#e2e8f0" />'
        f'<rect x="0" y="2" width="{_num(share * full)}" height="8" fill="{colour}" />'
        f'<line x1="{full}" y1="0" x2="{full}" y2="{height}" class="target" />'
        "</svg>"
    )


def district_bar(own: int, total: int, maximum: int) -> str:
    """A small bar for a table cell: the district's own measures, then the city-wide ones."""
    width, height = 120, 12
    scale = width / maximum if maximum else 0
    label = _("{own} in the district, {city_wide} city-wide").format(own=own, city_wide=total - own)
    return (
        f'<svg class="spark wide" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<rect x="0" y="2" width="{_num(own * scale)}" height="8" fill="#2b6cb0" />'
        f'<rect x="{_num(own * scale)}" y="2" width="{_num((total - own) * scale)}" height="8" fill="#bee3f8" />'
        "</svg>"
    )
