"""Everything a page of the site is drawn from, gathered once per build.

:func:`site_context` keeps the public measures only (the report's visibility rule,
:func:`integ_cli.report.build.is_internal`), groups them into
:class:`~integ_cli.site.listings.Listings` and builds the report model for the
report's pages; the pages then only look things up here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integ_cli import i18n
from integ_cli.checking.attention import stale_after_days
from integ_cli.fields import field_order
from integ_cli.i18n import _
from integ_cli.query import Query
from integ_cli.report.build import TITLE, build_report, is_internal
from integ_cli.site.concept import Concept
from integ_cli.site.layout import Frame, esc
from integ_cli.site.listings import Listings, build_listings

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.codelists import Codelists
    from integ_cli.report.model import Report

Entries = Mapping[str, Mapping[str, Any]]


@dataclass(slots=True)
class Site:
    frame: Frame
    concept: Concept
    #: The public measures by id, in id order.
    measures: dict[str, dict[str, Any]]
    fields: Entries
    #: Action fields as the report orders them: prioritised first, then concept order.
    order: list[str]
    groups: Entries
    districts: Entries
    actors: Entries
    mains: list[str]
    listings: Listings
    codelists: Codelists
    report: Report
    #: Names already looked up: (codelist, code) -> name in the language of the build.
    _names: dict[tuple[str, str], str] = field(default_factory=dict)
    _entries: dict[str, tuple[str, str]] = field(default_factory=dict)

    def name(self, kind: str, entry_id: str) -> str:
        """The display name of a field, target group, district or actor (its id where unknown)."""
        entries = {"field": self.fields, "group": self.groups, "district": self.districts, "actor": self.actors}[kind]
        return str(entries.get(entry_id, {}).get("name") or entry_id)

    def code(self, kind: str, code: str) -> str:
        """The name of a status, horizon or funding source code in the language of the site."""
        key = (kind, code)
        if key not in self._names:
            codelist = self.codelists[kind]
            self._names[key] = codelist.name(code, i18n.current()) if code in codelist else code
        return self._names[key]

    def entry(self, measure_id: str) -> tuple[str, str]:
        """A measure as lists show it, escaped: its title, and its id, field and status.
        Made once per measure: a measure is on several lists, and 10,000 of them are."""
        found = self._entries.get(measure_id)
        if found is None:
            title = self.measures[measure_id].get("title") or measure_id
            found = self._entries[measure_id] = (esc(title), esc(self.meta(measure_id)))
        return found

    def meta(self, measure_id: str) -> str:
        """What a list says under a measure's title: its id, action field and status."""
        data = self.measures[measure_id]
        field_name = self.name("field", str(data.get("field", "")))
        return " · ".join([measure_id, field_name, self.code("status", str(data.get("status", "")))])

    def illustrative(self, ids: Iterable[str]) -> bool:
        """Whether any of these measures is example data (or the concept says its data is)."""
        return self.concept.illustrative or any(self.measures[m].get("illustrative") is True for m in ids)


def site_context(catalogue: Catalogue, concept: Concept, date: dt.date, *, internal: bool = False) -> Site:
    """The site of ``catalogue``'s public measures as of ``date``; with ``internal`` its
    internal measures too, and every page marked as not for publication."""
    public = sorted(
        (m.data for m in catalogue.measures if internal or not is_internal(m.data)), key=lambda d: str(d["id"])
    )
    groups = catalogue.vocabularies.get("target-groups", {})
    districts = catalogue.vocabularies.get("districts", {})
    listings, mains = build_listings(public, catalogue.fields, groups, districts)
    title = concept.title or _(TITLE)
    return Site(
        frame=Frame(title, date.isoformat(), internal),
        concept=concept,
        measures={str(d["id"]): d for d in public},
        fields=catalogue.fields,
        order=field_order(catalogue.fields, prioritised_first=True),
        groups=groups,
        districts=districts,
        actors=catalogue.vocabularies.get("actors", {}),
        mains=mains,
        listings=listings,
        codelists=catalogue.codelists,
        report=build_report(
            catalogue, Query(), date, internal=internal, title=title, stale_after_days=stale_after_days(catalogue.root)
        ),
    )
