"""The codelists as ``integ codes`` shows them: each code with its names and aliases.

``table`` (rich) and ``text`` (plain) have one row per code; ``json`` is a list of
objects with stable English keys (``list``, ``code``, ``de``, ``en``, ``short``,
``aliases``), a code without a German name having ``"de": null``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from integ_cli.codelists import Codelist
from integ_cli.i18n import N_, _
from integ_cli.render import grid
from integ_cli.render.grid import PLAIN, Display
from integ_cli.render.safe import in_strings

FORMATS = ("table", "text", "json")
#: Columns of ``table`` and ``text``: the German name, then the English one.
HEADERS = (N_("List"), N_("Code"), N_("Name"), N_("English"), N_("Also accepted"))


def render_codes(codelists: Iterable[Codelist], fmt: str, display: Display = PLAIN) -> str:
    """The codes of ``codelists``; a code the schema gives no German name shows its
    code as its name, marked, so the gap is seen."""
    lists = list(codelists)
    if fmt == "json":
        document = [
            {
                "list": codelist.key,
                "code": entry.code,
                "de": entry.names.get("de"),
                "en": entry.names.get("en"),
                "short": entry.short,
                "aliases": list(entry.aliases),
            }
            for codelist in lists
            for entry in codelist
        ]
        return in_strings(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    headers = [_(header) for header in HEADERS]
    rows = [
        [
            codelist.key,
            entry.code,
            entry.name() if entry.named else _("{code} (no German name in the schema)").format(code=entry.code),
            entry.names.get("en", ""),
            ", ".join(entry.aliases),
        ]
        for codelist in lists
        for entry in codelist
    ]
    if fmt == "table":
        return grid.rich_table(headers, rows, (), display, no_wrap={0, 1})
    return grid.plain(headers, rows)
