"""Finding measures: the search page and its prebuilt index.

Without JavaScript the search page is a page of filters, links to the prebuilt lists
by action field, main target group, district, status and horizon, each with its count.
Where JavaScript runs, ``static/search.js`` shows a search box over the same page and
filters the index's entries as the reader types; the index is a script file of the
site (``static/search-index.js``), so it loads from ``file://`` too and nothing is
requested from anywhere else.
"""

from __future__ import annotations

import json

from integ_cli.i18n import _
from integ_cli.site.context import Site
from integ_cli.site.layout import INDEX_SCRIPT, SCRIPT, SEARCH, count, esc, link, page, section
from integ_cli.site.listings import code_path, district_path, field_path, group_path, measure_path


def search_index(site: Site) -> str:
    """The index the search script reads: per measure its page, title and searchable text."""
    entries = [
        {
            "u": measure_path(mid),
            "t": str(data.get("title") or mid),
            "m": site.meta(mid),
            "s": " ".join(str(data.get(key) or "") for key in ("id", "title", "summary", "goal")).lower(),
        }
        for mid, data in site.measures.items()
    ]
    text = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.INTEG_INDEX = {text};\n"


def _filter_list(site: Site, here: str, items: list[tuple[str, str]]) -> str:
    rows = "".join(
        f"<li>{link(here, path, label)} ({count(here, path, site.listings.count(path))})</li>"
        for path, label in items
        if site.listings.count(path)
    )
    return f'<ul class="filters">{rows}</ul>\n'


def search_page(site: Site) -> str:
    here = SEARCH
    filters = [
        (_("By action field"), [(field_path(f), site.name("field", f)) for f in site.order]),
        (_("By main target group"), [(group_path(g), site.name("group", g)) for g in site.mains]),
        (_("By district"), [(district_path(d), site.name("district", d)) for d in site.districts]),
        (_("By status"), [(code_path("status", c), site.code("status", c)) for c in site.codelists["status"].codes]),
        (
            _("By horizon"),
            [(code_path("horizon", c), site.code("horizon", c)) for c in site.codelists["horizon"].codes],
        ),
    ]
    label, found = _("Search the measures"), _("Measures found: {n}")
    search = (
        f'<form class="search" role="search" hidden>'
        f'<label for="suchbegriff">{esc(label)}</label>'
        f'<input id="suchbegriff" type="search" autocomplete="off">'
        f'<p id="treffer" role="status" aria-live="polite"></p>'
        f'<ol class="measures" id="ergebnisse"></ol></form>\n'
    )
    templates = f'<template id="vorlagen" data-found="{esc(found)}"></template>\n'
    body = search + templates + "".join(section(heading, _filter_list(site, here, items)) for heading, items in filters)
    return page(
        site.frame,
        here,
        _("Search and filters"),
        body,
        illustrative=site.illustrative(site.measures),
        scripts=(INDEX_SCRIPT, SCRIPT),
    )
