"""The editions of the concept as ``integ edition list`` shows them.

``table`` (rich) and ``text`` (plain columns) have one row per edition, oldest first;
``json`` is one object with stable English keys: the concept's ``title``,
``municipality``, ``illustrative`` and its ``editions``, each with every value of
the file (dates as the file writes them, ``2006-10``) and ``tag_found``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from integ_cli.concept.editions import Listed
from integ_cli.concept.model import Concept, PartialDate
from integ_cli.i18n import N_, _
from integ_cli.render import grid
from integ_cli.render.format import MISSING, partial_date
from integ_cli.render.grid import PLAIN, Display

FORMATS = ("table", "text", "json")
HEADERS = (N_("Edition"), N_("Date"), N_("Decision"), N_("Action fields"), N_("Tag"))


def shown_date(date: PartialDate) -> str:
    """A date as precise as it is known, as the reader writes it: ``20.06.2018``,
    ``06.2018`` or ``2018`` in German; as the file writes it (ISO) in English."""
    return partial_date(str(date))


def _tag(listed: Listed) -> str:
    tag = listed.edition.tag
    if tag is None:
        return MISSING
    if listed.tag_found is False:
        return _("{tag} (not in git)").format(tag=tag)
    return tag


def _json(concept: Concept, editions: Sequence[Listed]) -> str:
    place = concept.municipality
    document: dict[str, Any] = {
        "title": concept.title,
        "municipality": {"name": place.name, "kind": place.kind, "official_key": place.official_key},
        "illustrative": concept.illustrative,
        "editions": [{**listed.edition.as_dict(), "tag_found": listed.tag_found} for listed in editions],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_editions(concept: Concept, editions: Sequence[Listed], fmt: str, display: Display = PLAIN) -> str:
    """The editions of ``concept`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return _json(concept, editions)
    rows = [
        [
            listed.edition.name,
            shown_date(listed.edition.date),
            listed.edition.decision or MISSING,
            ", ".join(listed.edition.fields) or MISSING,
            _tag(listed),
        ]
        for listed in editions
    ]
    headers = [_(header) for header in HEADERS]
    if fmt == "table":
        return grid.rich_table(headers, rows, (), display, no_wrap={0, 1})
    return grid.plain(headers, rows)
