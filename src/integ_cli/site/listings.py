"""The lists of measures the site links to: one page per action field, main target group,
district, status and horizon, and per combination a count stands for.

Every number on the site is the length of one :class:`Listing` and links to its page,
so a reader can go from any figure to the measures behind it. The rules are the
report's (:mod:`integ_cli.report.build`): a measure counts for its main ``field``
(``also_fields`` apart), for each main target group it names itself or through a
sub-group, for each district it names; city-wide entries are districts of their own.
Paths are built from ids and codes only (ids never hold ``--``, so combinations cannot
collide with an id) and are the same in every language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from integ_cli.hierarchy import descendants
from integ_cli.report.build import main_groups

Entries = Mapping[str, Mapping[str, Any]]

#: The folder of the measures' pages, and the page listing every public measure.
MEASURES = "massnahmen/"
ALL = f"{MEASURES}index.html"


def measure_path(measure_id: str) -> str:
    return f"{MEASURES}{measure_id}.html"


def field_path(field_id: str, extra: str = "") -> str:
    """An action field's page, or with ``extra`` (``status-active``) one of its combinations."""
    return f"handlungsfelder/{field_id}{'--' + extra if extra else ''}.html"


def group_path(group_id: str) -> str:
    return f"zielgruppen/{group_id}.html"


def district_path(district_id: str, with_city_wide: bool = False) -> str:
    return f"stadtbezirke/{district_id}{'--mit-stadtweit' if with_city_wide else ''}.html"


def code_path(kind: str, code: str) -> str:
    """The page of one status or horizon code (``kind``: ``status`` or ``horizon``)."""
    return f"{'status' if kind == 'status' else 'zeithorizont'}/{code}.html"


@dataclass(slots=True)
class Listing:
    """One list page: what it is about (``kind`` and ``keys``, e.g. ``("field", "status")``
    and ``("sprache", "active")``) and the ids of its measures, in id order."""

    path: str
    kind: tuple[str, ...]
    keys: tuple[str, ...]
    measures: list[str] = field(default_factory=list)


class Listings(dict[str, Listing]):
    """Listings by path; :meth:`add` files a measure under a listing, creating it."""

    def add(self, path: str, kind: tuple[str, ...], keys: tuple[str, ...], measure_id: str) -> None:
        listing = self.get(path)
        if listing is None:
            listing = self[path] = Listing(path, kind, keys)
        listing.measures.append(measure_id)

    def count(self, path: str) -> int:
        """How many measures the listing at ``path`` has (0 where there is none)."""
        listing = self.get(path)
        return len(listing.measures) if listing else 0


def city_wide(districts: Entries) -> set[str]:
    return {d for d, entry in districts.items() if entry.get("city_wide") is True}


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def build_listings(
    measures: Iterable[Mapping[str, Any]], fields: Entries, groups: Entries, districts: Entries
) -> tuple[Listings, list[str]]:
    """The listings of ``measures`` (public ones, in id order) and the main target groups.
    Every action field, main target group and district has its page, an empty one too:
    it says what the entry is, and its name can always link there."""
    listings = Listings()
    mains = main_groups(groups)
    listings.update({field_path(f): Listing(field_path(f), ("field",), (f,)) for f in fields})
    listings.update({group_path(g): Listing(group_path(g), ("group",), (g,)) for g in mains})
    listings.update({district_path(d): Listing(district_path(d), ("district",), (d,)) for d in districts})
    below = {main: descendants(groups, [main]) for main in mains}
    whole_city = city_wide(districts)
    for data in measures:
        mid = str(data["id"])
        fid = str(data.get("field", ""))
        status, horizon = str(data.get("status", "")), str(data.get("horizon", ""))
        listings.add(ALL, ("all",), (), mid)
        listings.add(field_path(fid), ("field",), (fid,), mid)
        for other in _strings(data.get("also_fields")):
            listings.add(field_path(other, "weitere"), ("field", "also"), (other,), mid)
        if status:
            listings.add(code_path("status", status), ("status",), (status,), mid)
            listings.add(field_path(fid, f"status-{status}"), ("field", "status"), (fid, status), mid)
        if horizon:
            listings.add(code_path("horizon", horizon), ("horizon",), (horizon,), mid)
            listings.add(field_path(fid, f"zeithorizont-{horizon}"), ("field", "horizon"), (fid, horizon), mid)
        named = set(_strings(data.get("target_groups")))
        for main in mains:
            if named & below[main]:
                listings.add(group_path(main), ("group",), (main,), mid)
                listings.add(field_path(fid, f"zielgruppe-{main}"), ("field", "group"), (fid, main), mid)
        own = [d for d in _strings(data.get("districts")) if d in districts]
        for district in own:
            listings.add(district_path(district), ("district",), (district,), mid)
        serves = set(districts) - whole_city if set(own) & whole_city else set(own) - whole_city
        for district in sorted(serves):
            listings.add(district_path(district, True), ("district", "city-wide"), (district,), mid)
    return listings, mains
