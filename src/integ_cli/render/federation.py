"""The federation's report (:mod:`integ_cli.federation.report`) as Markdown, HTML or JSON.

Markdown and HTML are for people: every section is one table whose rows name the city
and its municipality key, the rows of all cities together last. Labels are English
message ids translated where they are shown (German by default), numbers and dates in
the same language; data is escaped (:func:`~integ_cli.render.safe.one_line` in
Markdown, :func:`~integ_cli.render.safe.html_text` in HTML). JSON is the model as it
is, for other tools: ids and English keys, amounts in EUR as numbers, the same in every
language but the funding sources' names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from decimal import Decimal

from integ_cli.federation.report import AttentionRow, BudgetRow, CountRow, FederationReport
from integ_cli.i18n import N_, _, ngettext
from integ_cli.render import format as fmt
from integ_cli.render.grid import markdown
from integ_cli.render.report.labels import ATTENTION
from integ_cli.render.safe import html_text, in_strings, one_line
from integ_cli.tables.write import plain

TITLE = N_("Report on the federation")
ALL_CITIES = N_("All cities")
CITY, KEY, MEASURES = N_("City"), N_("Key"), N_("Measures")
SECTIONS = (
    (N_("Cities"), (CITY, KEY, N_("Revision"), MEASURES)),
    (N_("Measures by action field"), (CITY, KEY, N_("Action field"), N_("ID"), MEASURES)),
    (
        N_("Measures by main target group (sub-groups included)"),
        (CITY, KEY, N_("Main target group"), N_("ID"), MEASURES),
    ),
    (
        N_("Budget by year and funding source"),
        (CITY, KEY, N_("Year"), N_("Funding source"), N_("Planned"), N_("Revised"), N_("Spent")),
    ),
    (N_("Needs attention"), (CITY, KEY, N_("Reason"), MEASURES)),
)
#: Columns aligned right in each section: the numbers.
RIGHT = ({3}, {4}, {4}, {2, 4, 5, 6}, {3})

Table = tuple[str, tuple[str, ...], list[list[str]], set[int]]


def _who(municipality: str | None, city: str | None) -> list[str]:
    return [city or "", municipality or ""] if municipality is not None else [_(ALL_CITIES), ""]


def _money(value: Decimal | None) -> str:
    return fmt.money(None if value is None else float(value), cents=True)


def _counts(rows: Sequence[CountRow]) -> list[list[str]]:
    return [[*_who(r.municipality, r.city), r.name, r.id, fmt.number(r.measures)] for r in rows]


def _budget(rows: Sequence[BudgetRow]) -> list[list[str]]:
    return [
        [
            *_who(r.municipality, r.city),
            str(r.year),
            r.source_name,
            _money(r.planned),
            _money(r.revised),
            _money(r.spent),
        ]
        for r in rows
    ]


def _attention(rows: Sequence[AttentionRow]) -> list[list[str]]:
    return [[*_who(r.municipality, r.city), _(ATTENTION[r.reason]), fmt.number(r.measures)] for r in rows]


def tables(report: FederationReport) -> list[Table]:
    """Every section: its title, headers, rows of text and right-aligned columns."""
    cities = [[c.city, c.municipality, c.revision or "", fmt.number(c.measures)] for c in report.cities]
    every = report.cities
    bodies = [
        [*cities, [*_who(None, None), "", fmt.number(report.measures)]],
        _counts([r for c in every for r in c.fields] + report.fields),
        _counts([r for c in every for r in c.target_groups] + report.target_groups),
        _budget([r for c in every for r in c.budget] + report.budget),
        _attention([r for c in every for r in c.attention] + report.attention),
    ]
    return [
        (_(title), tuple(_(h) for h in headers), body, right)
        for (title, headers), body, right in zip(SECTIONS, bodies, RIGHT, strict=True)
    ]


def _title(report: FederationReport) -> str:
    return report.name or _(TITLE)


def _meta(report: FederationReport) -> str:
    cities = ngettext("{n} city", "{n} cities", len(report.cities)).format(n=len(report.cities))
    return _("As of {date}: {cities}, {measures} measures, in the vocabulary the federation file maps onto.").format(
        date=fmt.date(report.date), cities=cities, measures=fmt.number(report.measures)
    )


def render_md(report: FederationReport) -> str:
    parts = [f"# {one_line(_title(report))}\n\n{_meta(report)}\n"]
    for title, headers, rows, right in tables(report):
        parts.append(f"\n## {title}\n\n" + markdown(headers, rows, right))
    return "".join(parts)


def _html_table(headers: Sequence[str], rows: list[list[str]], right: set[int]) -> str:
    def cells(tag: str, row: Sequence[str]) -> str:
        return "".join(
            f'<{tag} class="num">{html_text(c)}</{tag}>' if i in right else f"<{tag}>{html_text(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    body = "".join(f"<tr>{cells('td', row)}</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{cells('th', headers)}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


CSS = (
    "body { font: 10pt/1.45 Arial, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1a202c; }\n"
    "h1, h2 { color: #1f4e79; } table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }\n"
    "th, td { border-bottom: 1px solid #cbd5e0; padding: 0.2rem 0.4rem; text-align: left; }\n"
    "td.num, th.num { text-align: right; }\n"
)


def render_html(report: FederationReport) -> str:
    """One self-contained HTML file (inline CSS, nothing loaded from elsewhere)."""
    from integ_cli import i18n

    title = html_text(_title(report))
    parts = [
        f'<!DOCTYPE html>\n<html lang="{i18n.current()}">\n<head>\n<meta charset="utf-8" />\n',
        f"<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        f"<h1>{title}</h1>\n<p>{html_text(_meta(report))}</p>\n",
    ]
    for heading, headers, rows, right in tables(report):
        parts.append(f"<h2>{html_text(heading)}</h2>\n" + _html_table(headers, rows, right))
    return "".join([*parts, "</body>\n</html>\n"])


def render_json(report: FederationReport) -> str:
    """The model as it is, ``report_version`` first; amounts as numbers."""
    data = asdict(report)
    version = data.pop("report_version")
    text = json.dumps({"report_version": version, **data}, ensure_ascii=False, indent=2, default=plain)
    return in_strings(text) + "\n"


RENDERERS: dict[str, Callable[[FederationReport], str]] = {"md": render_md, "html": render_html, "json": render_json}
