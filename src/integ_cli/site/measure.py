"""One measure's page: every public field of the record, in the words of the site.

Shown: summary, goal, action fields, target groups, lead and partners, districts,
status, horizon, period, the council decision, budget lines with their funding
(programme, co-funding share, funding status; an amount not known yet as ``?`` with its
reason), staff posts, indicators with their progress, predecessor and successor, links,
and the date of the last change. Budget lines are summed as the report sums them
(:func:`integ_cli.report.budget.line_sums`, :func:`integ_cli.render.report.tables.planned_text`).
The record's ``notes`` and the remarks on budget lines and staff posts are internal
remarks and stay out. Names of fields, groups, districts and codes link to the lists of
measures that share them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from integ_cli.amounts import as_number
from integ_cli.i18n import N_, _, ngettext
from integ_cli.render import format as fmt
from integ_cli.render.report import labels as L
from integ_cli.render.report.tables import Style, planned_text
from integ_cli.report.budget import line_sums, staff_posts
from integ_cli.site.context import Site
from integ_cli.site.layout import definitions, esc, link, page, scrolling, section
from integ_cli.site.listings import code_path, district_path, field_path, group_path, measure_path

BUDGET_HEADERS = (N_("Year"), N_("Funding source"), N_("Planned"), N_("Revised"), N_("Spent"))
#: The funding programme's columns of the budget table, where a line names any of them.
FUNDING_HEADERS = {
    "programme": N_("Programme"),
    "co_funding_share": N_("Co-funding share"),
    "funding_status": N_("Funding status"),
}
STAFF_HEADERS = (N_("Year"), N_("Full-time equivalents"))
INDICATOR_HEADERS = (
    N_("Indicator"),
    N_("Unit"),
    N_("Year"),
    N_("Baseline"),
    N_("Target"),
    N_("Actual"),
    N_("Progress"),
)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def data_table(
    caption: str, headers: tuple[str, ...], rows: list[list[str]], numeric: set[int], foot: list[str] | None = None
) -> str:
    """A table of text cells with a caption and column headers, the first cell a row
    header; ``foot`` is a total row, drawn apart."""

    def cells(row: list[str], first: str) -> str:
        return "".join(
            f'<th scope="{first}">{esc(cell)}</th>'
            if i == 0
            else f"<td{' class=num' if i in numeric else ''}>{esc(cell)}</td>"
            for i, cell in enumerate(row)
        )

    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(_(h))}</th>' for i, h in enumerate(headers)
    )
    body = "".join(f"<tr>{cells(row, 'row')}</tr>" for row in rows)
    total = f"<tfoot><tr>{cells(foot, 'row')}</tr></tfoot>" if foot else ""
    return scrolling(
        caption,
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody>{total}</table>",
    )


def _budget(site: Site, lines: Sequence[Mapping[str, Any]]) -> str:
    """The budget lines with their funding, their sums, and why an amount is not known yet."""
    if not lines:
        return ""
    style = Style()
    funding = [key for key in FUNDING_HEADERS if any(key in line for line in lines)]

    def funded(line: Mapping[str, Any], key: str) -> str:
        value = line.get(key)
        if key == "co_funding_share":
            return fmt.percent(as_number(value)) if value is not None else ""
        if key == "funding_status":
            return site.code("funding-status", str(value)) if value else ""
        return str(value or "")

    rows = []
    for line in lines:
        amounts = line_sums([line])
        rows.append(
            [
                str(line.get("year", "")),
                site.code("source", str(line.get("source", ""))),
                *(funded(line, key) for key in funding),
                planned_text(amounts, style),
                planned_text(amounts, style, revised=True),
                style.money(amounts.spent),
            ]
        )
    first = 2 + len(funding)
    headers = (*BUDGET_HEADERS[:2], *(FUNDING_HEADERS[k] for k in funding), *BUDGET_HEADERS[2:])
    numeric = set(range(first, first + 3)) | (
        {2 + funding.index("co_funding_share")} if "co_funding_share" in funding else set()
    )
    total = line_sums(lines)
    foot = [_(L.TOTAL), *([""] * (first - 1)), planned_text(total, style), planned_text(total, style, True)]
    foot.append(style.money(total.spent))
    out = data_table(_("Budget lines"), headers, rows, numeric, foot if len(rows) > 1 else None)
    if any(as_number(line.get("planned")) is not None and "revised" not in line for line in lines):
        revised = _("Revised: where a line gives none, the planned amount stands.")
        out += f'<p class="note">{esc(revised)}</p>\n'
    unknown = [line for line in lines if isinstance(line.get("amount_unknown"), str)]
    if unknown:
        said = ngettext(
            "{n} budget line without an amount (amount not known yet; not in the sums, “?” in the tables).",
            "{n} budget lines without an amount (amount not known yet; not in the sums, “?” in the tables).",
            len(unknown),
        ).format(n=len(unknown))
        reasons = [
            _("amount of {year} ({source}) not known yet: {reason}").format(
                year=line.get("year", ""),
                source=site.code("source", str(line.get("source", ""))),
                reason=line["amount_unknown"],
            )
            for line in unknown
        ]
        out += f'<p class="note">{esc(said)}</p>\n' + _list([esc(reason) for reason in reasons]) + "\n"
    return out


def _staff(data: Mapping[str, Any]) -> str:
    """The measure's staff posts per year, in full-time equivalents."""
    rows = [[str(year), fmt.number(fte)] for year, fte in staff_posts(data).items()]
    return data_table(_("Staff posts (full-time equivalents)"), STAFF_HEADERS, rows, {1}) if rows else ""


def progress(item: Mapping[str, Any]) -> float | None:
    """The share of the way from the baseline (0 where none is given) to the target, as
    the report counts it; None where target or actual is missing or equals the start."""
    target, actual = as_number(item.get("target")), as_number(item.get("actual"))
    start = as_number(item.get("baseline")) or 0
    if target is None or actual is None or target == start:
        return None
    return (actual - start) / (target - start)


def _indicators(items: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        [
            str(item.get("name", "")),
            str(item.get("unit", "")),
            str(item.get("year", fmt.MISSING)),
            fmt.number(as_number(item.get("baseline"))),
            fmt.number(as_number(item.get("target"))),
            fmt.number(as_number(item.get("actual"))),
            fmt.percent(progress(item)),
        ]
        for item in items
    ]
    return data_table(_("Indicators"), INDICATOR_HEADERS, rows, {3, 4, 5, 6}) if rows else ""


def _decision(decision: Any) -> str:
    if not isinstance(decision, dict):
        return ""
    parts = [str(decision[key]) for key in ("body", "paper") if decision.get(key)]
    if decision.get("date"):
        parts.insert(1, fmt.date(str(decision["date"])))
    return esc(", ".join(parts))


def _links(value: Any) -> str:
    """The record's own links: the one place the site points outside itself."""
    items = [
        f'<a class="external" href="{esc(item["url"])}" rel="external noopener">'
        f"{esc(item.get('title') or item['url'])}</a>"
        for item in (value if isinstance(value, list) else [])
        if isinstance(item, dict) and isinstance(item.get("url"), str)
    ]
    return _list(items)


def measure_page(site: Site, measure_id: str) -> str:
    data = site.measures[measure_id]
    here = measure_path(measure_id)

    def measure_link(other: Any) -> str:
        """A public predecessor or successor, linked; an internal one is not named."""
        other = str(other or "")
        if other in site.measures:
            return link(here, measure_path(other), f"{site.measures[other].get('title', other)} ({other})")
        return ""

    field_id = str(data.get("field", ""))
    status, horizon = str(data.get("status", "")), str(data.get("horizon", ""))
    groups = [
        link(here, group_path(g), site.name("group", g)) if g in site.mains else esc(site.name("group", g))
        for g in _strings(data.get("target_groups"))
    ]
    districts = [link(here, district_path(d), site.name("district", d)) for d in _strings(data.get("districts"))]
    period = " – ".join(fmt.date(str(data[key])) for key in ("start", "end") if data.get(key))
    facts = definitions(
        [
            (_("Action field"), link(here, field_path(field_id), site.name("field", field_id))),
            (
                _("Further action fields"),
                ", ".join(esc(site.name("field", f)) for f in _strings(data.get("also_fields"))),
            ),
            (_("Target groups"), _list(groups)),
            (_("Lead"), esc(site.name("actor", str(data.get("lead", "")))) if data.get("lead") else ""),
            (_("Partners"), _list([esc(site.name("actor", a)) for a in _strings(data.get("partners"))])),
            (_("Districts"), _list(districts)),
            (_("Status"), link(here, code_path("status", status), site.code("status", status)) if status else ""),
            (_("Horizon"), link(here, code_path("horizon", horizon), site.code("horizon", horizon)) if horizon else ""),
            (_("Period"), esc(period)),
            (_("Council decision"), _decision(data.get("decision"))),
            (_("Replaces"), measure_link(data["supersedes"]) if data.get("supersedes") else ""),
            (_("Continued as"), measure_link(data["superseded_by"]) if data.get("superseded_by") else ""),
            (_("Last changed"), esc(fmt.date(str(data["updated"]))) if data.get("updated") else ""),
        ]
    )
    texts = "".join(
        section(heading, f"<p>{esc(data[key])}</p>\n")
        for key, heading in (("summary", _("Summary")), ("goal", _("Goal")))
        if data.get(key)
    )
    lines = [line for line in data.get("budget") or () if isinstance(line, dict)]
    indicators = [item for item in data.get("indicators") or () if isinstance(item, dict)]
    figures = _budget(site, lines) + _staff(data) + _indicators(indicators)
    links = _links(data.get("links"))
    shown_id = _("ID: {id}").format(id=measure_id)
    body = (
        f'<p class="id">{esc(shown_id)}</p>\n'
        + texts
        + section(_("Facts"), facts)
        + (section(_("Budget and indicators"), figures) if figures else "")
        + (section(_("Links"), links) if links else "")
    )
    title = str(data.get("title") or measure_id)
    return page(site.frame, here, title, body, illustrative=site.illustrative([measure_id]))
