"""The start page and the list pages: every figure on them links to the list it counts.

A list page names what its measures share (an action field, a main target group with
its sub-groups, a district, a status, a horizon, or a combination of two) and lists
them in one ``ol.measures``, so the length of that list is the number that linked to
it. A district's page lists the measures naming it and links the ones serving the
whole city apart.
"""

from __future__ import annotations

from integ_cli.i18n import N_, _, ngettext
from integ_cli.render import format as fmt
from integ_cli.site.context import Site
from integ_cli.site.layout import REPORT, SEARCH, START, count, definitions, esc, link, page, rel, scrolling, section
from integ_cli.site.listings import (
    ALL,
    MEASURES,
    Listing,
    city_wide,
    code_path,
    district_path,
    field_path,
    group_path,
)

TOTAL = N_("Total")


def measure_list(site: Site, here: str, ids: list[str]) -> str:
    """The measures ``ids`` as a list of links, each with its id, field and status."""
    items = []
    folder = rel(here, MEASURES)
    for mid in ids:
        title, meta = site.entry(mid)
        items.append(f'<li><a href="{folder}{mid}.html">{title}</a> <span class="meta">{meta}</span></li>')
    if not items:
        return "<p>" + esc(_("No public measure.")) + "</p>\n"
    return f'<ol class="measures">{"".join(items)}</ol>\n'


def linked_table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    """A table whose cells are ready markup (names and linked counts); numbers right-aligned."""
    head = "".join(f'<th scope="col"{" class=num" if i else ""}>{esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(f'<th scope="row">{c}</th>' if i == 0 else f'<td class="num">{c}</td>' for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return scrolling(
        caption, f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def field_rows(site: Site, here: str, kind: str) -> tuple[list[str], list[list[str]]]:
    """Action fields by ``kind`` (``status`` or ``horizon``): headers and rows of linked
    counts; by status also the measures naming the field as a further one (“also”)."""
    codes = list(site.codelists[kind].codes)
    extra = "status" if kind == "status" else "zeithorizont"
    also = kind == "status"
    headers = [_("Action field"), *(site.code(kind, c) for c in codes), _(TOTAL), *([_("also")] if also else [])]
    rows = []
    for f in site.order:
        combined = [field_path(f, f"{extra}-{c}") for c in codes]
        further = [count(here, field_path(f, "weitere"), site.listings.count(field_path(f, "weitere")))]
        rows.append(
            [
                link(here, field_path(f), site.name("field", f)),
                *(count(here, path, site.listings.count(path)) for path in combined),
                count(here, field_path(f), site.listings.count(field_path(f))),
                *(further if also else []),
            ]
        )
    rows.append(
        [
            esc(_(TOTAL)),
            *(count(here, code_path(kind, c), site.listings.count(code_path(kind, c))) for c in codes),
            count(here, ALL, site.listings.count(ALL)),
            *([""] if also else []),
        ]
    )
    return headers, rows


def start_page(site: Site) -> str:
    here, concept, listings = START, site.concept, site.listings
    active = code_path("status", "active")
    figures = [
        (_("Public measures"), count(here, ALL, listings.count(ALL))),
        (site.code("status", "active"), count(here, active, listings.count(active))),
        (_("Action fields"), esc(fmt.number(len(site.order)))),
        (_("Planned in total"), esc(fmt.money(site.report.budget.total.planned))),
    ]
    kpis = "".join(f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>" for label, value in figures)
    about = definitions(
        [
            (_("Municipality"), esc(concept.municipality or "")),
            (_("Current edition"), esc(concept.edition or "")),
            (_("Adopted"), esc(fmt.date(concept.edition_date)) if concept.edition_date else ""),
            (_("Council decision"), esc(concept.decision or "")),
        ]
    )
    intro = f"<p>{esc(concept.about)}</p>\n" if concept.about else ""
    headers, rows = field_rows(site, here, "status")
    groups = [
        [link(here, group_path(g), site.name("group", g)), count(here, group_path(g), listings.count(group_path(g)))]
        for g in site.mains
    ]
    body = (
        intro
        + about
        + section(_("Key figures"), f'<dl class="kpi">{kpis}</dl>\n')
        + section(_("Action fields"), linked_table(_("Measures per action field by status"), headers, rows))
        + section(
            _("Main target groups"),
            linked_table(
                _("Measures per main target group (sub-groups included)"),
                [_("Main target group"), _("Measures")],
                groups,
            ),
        )
        + section(_("Districts"), district_table(site, here))
        + section(
            _("Find and read more"),
            "<ul><li>"
            + link(here, SEARCH, _("Search and filters"))
            + "</li><li>"
            + link(here, REPORT, _("Report with charts"))
            + "</li></ul>\n",
        )
    )
    return page(site.frame, here, site.frame.site_title, body, illustrative=site.illustrative(site.measures))


def district_table(site: Site, here: str) -> str:
    rows = []
    whole_city = city_wide(site.districts)
    for d in [d for d in site.districts if d not in whole_city] + sorted(whole_city):
        own, served = district_path(d), district_path(d, True)
        cells = [link(here, own, site.name("district", d))]
        cells.append(count(here, own, site.listings.count(own)))
        cells.append(count(here, served, site.listings.count(served)) if d not in whole_city else esc(_("city-wide")))
        rows.append(cells)
    headers = [_("District"), _("Measures in the district"), _("with city-wide")]
    return linked_table(_("Measures per district"), headers, rows)


def _title(site: Site, listing: Listing) -> str:
    keys, kind = listing.keys, listing.kind
    if kind == ("all",):
        return _("All public measures")
    if kind == ("status",):
        return _("Status: {status}").format(status=site.code("status", keys[0]))
    if kind == ("horizon",):
        return _("Horizon: {horizon}").format(horizon=site.code("horizon", keys[0]))
    if kind[0] == "group":
        return site.name("group", keys[0])
    if kind[0] == "district":
        name = site.name("district", keys[0])
        return _("{district}, with the city-wide measures").format(district=name) if len(kind) > 1 else name
    name = site.name("field", keys[0])
    titles = {
        "also": _("{field}: measures naming it as a further action field"),
        "status": _("{field}: status {value}"),
        "horizon": _("{field}: horizon {value}"),
        "group": _("{field}: main target group {value}"),
    }
    if len(kind) == 1:
        return name
    value = site.name("group", keys[1]) if kind[1] == "group" else site.code(kind[1], keys[1]) if len(keys) > 1 else ""
    return titles[kind[1]].format(field=name, value=value)


def _intro(site: Site, listing: Listing) -> str:
    here, kind, keys = listing.path, listing.kind, listing.keys
    entries = {"field": site.fields, "group": site.groups, "district": site.districts}.get(kind[0], {})
    described = entries.get(keys[0], {}).get("description") if len(kind) == 1 and entries else None
    text = f"<p>{esc(described)}</p>\n" if described else ""
    if kind == ("group",):
        text += "<p>" + esc(_("Measures for its sub-groups are included.")) + "</p>\n"
    if kind == ("field",):
        also = field_path(keys[0], "weitere")
        if site.listings.count(also):
            text += "<p>" + link(here, also, _("Measures naming this action field as a further one")) + "</p>\n"
    served = district_path(keys[0], True) if kind == ("district",) else ""
    if served and site.listings.count(served):
        text += "<p>" + link(here, served, _("With the measures for the whole city")) + "</p>\n"
    return text


def listing_page(site: Site, listing: Listing) -> str:
    n = len(listing.measures)
    summary = ngettext("{n} measure", "{n} measures", n).format(n=fmt.number(n))
    body = (
        _intro(site, listing)
        + f'<p class="count">{esc(summary)}</p>\n'
        + measure_list(site, listing.path, listing.measures)
    )
    return page(site.frame, listing.path, _title(site, listing), body, illustrative=site.illustrative(listing.measures))
