"""One measure's page: every public field of the record, in the words of the site.

Shown: summary, goal, action fields, target groups, lead and partners, districts,
status, horizon, period, the council decision, budget lines, indicators with their
progress, predecessor and successor, links, and the date of the last change. The
record's ``notes`` are internal remarks and stay out. Names of fields, groups,
districts and codes link to the lists of measures that share them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from integ_cli.amounts import as_number
from integ_cli.i18n import N_, _
from integ_cli.render import format as fmt
from integ_cli.site.context import Site
from integ_cli.site.layout import definitions, esc, link, page, scrolling, section
from integ_cli.site.listings import code_path, district_path, field_path, group_path, measure_path

BUDGET_HEADERS = (N_("Year"), N_("Funding source"), N_("Planned"), N_("Revised"), N_("Spent"))
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


def data_table(caption: str, headers: tuple[str, ...], rows: list[list[str]], numeric: set[int]) -> str:
    """A table of text cells with a caption and column headers, the first cell a row header."""
    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(_(h))}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{esc(cell)}</th>'
            if i == 0
            else f"<td{' class=num' if i in numeric else ''}>{esc(cell)}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return scrolling(
        caption, f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _budget(site: Site, lines: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        [
            str(line.get("year", "")),
            site.code("source", str(line.get("source", ""))),
            fmt.money(as_number(line.get("planned"))),
            fmt.money(as_number(line.get("revised"))),
            fmt.money(as_number(line.get("spent"))),
        ]
        for line in lines
    ]
    return data_table(_("Budget lines"), BUDGET_HEADERS, rows, {2, 3, 4}) if rows else ""


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
    figures = _budget(site, lines) + _indicators(indicators)
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
