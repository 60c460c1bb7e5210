"""The entries of a vocabulary file (target groups, actors, districts), by id.

Three readers need them: the catalogue (which validates the file first), the
authoring dialogue (which offers them as choices) and shell completion (which must
answer within a key press, so it reads the one file it needs without any schema).
All take the entries the same way: a list under ``entries``, each a mapping with a
text ``id``; anything else is left out here and reported by ``integ validate``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.files.reading import read_limited

Entries = dict[str, dict[str, Any]]


def entries(data: Any) -> Entries:
    """The entries of a vocabulary file's content, id -> entry, in file order (of two
    entries with one id, the later one)."""
    found = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(found, list):
        return {}
    return {entry["id"]: entry for entry in found if isinstance(entry, dict) and isinstance(entry.get("id"), str)}


def read_entries(path: Path) -> Entries:
    """The entries of the vocabulary file at ``path``, without a schema check; none
    where the file cannot be read or parsed."""
    try:
        document = load_document(read_limited(path, path.name), path.name)
    except (OSError, LoadProblem):
        return {}
    return entries(document.data) if document is not None else {}
