"""The report's sections as pages of the site, each chart followed by the table it shows.

The report model and its tables come from the report core (:mod:`integ_cli.report.build`,
:mod:`integ_cli.render.report.tables`) and the charts from its SVG renderer, unchanged:
each SVG carries a ``<title>`` and is followed by its numbers as a table. Where a
section counts measures (action fields, target groups, districts) the site's own
tables stand in for the report's, so that every count links to its measures; amounts,
indicators, the latest status updates and the attention list are the report's tables,
their measure ids linked to the measures' pages.
"""

from __future__ import annotations

import re
from dataclasses import replace

from integ_cli.i18n import _
from integ_cli.render.report import svg
from integ_cli.render.report.html import table
from integ_cli.render.report.tables import Section, Style, sections
from integ_cli.site.context import Site
from integ_cli.site.layout import REPORT, count, esc, link, page, scrolling
from integ_cli.site.listings import field_path, group_path, measure_path
from integ_cli.site.pages import TOTAL, district_table, field_rows, linked_table


def report_path(key: str) -> str:
    return f"bericht/{key}.html"


def _figure(chart: str, caption: str) -> str:
    return f"<figure>{chart}<figcaption>{esc(caption)}</figcaption></figure>\n" if chart else ""


def _matrix(site: Site, here: str) -> str:
    headers = [_("Action field"), *(site.name("group", g) for g in site.mains), _(TOTAL)]
    rows = [
        [
            link(here, field_path(f), site.name("field", f)),
            *(
                count(here, field_path(f, f"zielgruppe-{g}"), site.listings.count(field_path(f, f"zielgruppe-{g}")))
                for g in site.mains
            ),
            count(here, field_path(f), site.listings.count(field_path(f))),
        ]
        for f in site.order
    ]
    rows.append(
        [esc(_(TOTAL)), *(count(here, group_path(g), site.listings.count(group_path(g))) for g in site.mains), ""]
    )
    return linked_table(_("Action field and main target group"), headers, rows)


def _body(site: Site, part: Section) -> str:
    here, report = report_path(part.key), site.report
    if part.key == "fields":
        names = {row.id: row.short_name or row.name for row in report.fields.rows}
        chart = svg.status_chart(report.fields, names, report.codes["status"]) if report.fields.total else ""
        status = field_rows(site, here, "status")
        horizon = field_rows(site, here, "horizon")
        return (
            _figure(chart, _("The chart's numbers are in the table below."))
            + linked_table(_("Measures per action field by status"), *status)
            + linked_table(_("Measures per action field by horizon"), *horizon)
        )
    if part.key == "matrix":
        return _matrix(site, here)
    if part.key == "districts":
        return district_table(site, here)
    chart = svg.budget_chart(report.budget, report.codes["source"]) if part.key == "budget" else ""
    tables = "".join(
        scrolling(t.caption or part.title, table(replace(t, caption=t.caption or part.title))) for t in part.tables
    )
    if part.key in ("updates", "attention"):  # each row names a measure by its id: link its page

        def linked(match: re.Match[str]) -> str:
            mid = match.group(1)
            return f'<th scope="row">{link(here, measure_path(mid), mid)}</th>' if mid in site.measures else match[0]

        tables = re.sub(r'<th scope="row">([a-z0-9-]+)</th>', linked, tables)
    return _figure(chart, _("The chart's numbers are in the tables below.")) + tables


def report_pages(site: Site) -> dict[str, str]:
    """The report's start page and one page per section, by site path."""
    parts = sections(site.report, Style(space=svg.NBSP))
    illustrative = site.illustrative(site.measures)
    pages = {}
    for part in parts:
        notes = "".join(f'<p class="note">{esc(note)}</p>\n' for note in part.notes)
        here = report_path(part.key)
        pages[here] = page(site.frame, here, part.title, _body(site, part) + notes, illustrative=illustrative)
    items = "".join(f"<li>{link(REPORT, report_path(p.key), p.title)}</li>" for p in parts)
    intro = "<p>" + esc(_("The report on the public measures, one page per section.")) + "</p>\n"
    pages[REPORT] = page(site.frame, REPORT, _("Report"), intro + f"<ul>{items}</ul>\n", illustrative=illustrative)
    return pages
