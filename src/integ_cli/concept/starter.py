"""The concept record a new city's repository starts with (for ``integ init --city``).

Only what the city's name says is written: the municipality and the concept's title.
Its kind defaults to a city; decisions and editions are left for the city to add
(``integ edition new`` adds an edition), so nothing in the file is invented.
"""

from __future__ import annotations

from integ_cli.authoring.roundtrip import render_new

#: First line of the file: the schema hint for editors (yaml-language-server).
SCHEMA_HINT = "# yaml-language-server: $schema=../schemas/concept.schema.json"


def starter_text(city: str, kind: str = "city") -> str:
    """The text of ``data/concept.yaml`` for a new repository of ``city`` (a name
    ``integ init`` has checked); ``kind`` is a code of the ``municipality-kind`` list."""
    record = {
        "schema_version": 1,
        "municipality": {"name": city, "kind": kind},
        "title": f"Integrationskonzept {city}",
    }
    return render_new(record, SCHEMA_HINT)
