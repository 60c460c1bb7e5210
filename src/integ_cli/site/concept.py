"""What the site says about the concept itself: its title, municipality, current edition
and decision, and the city's entries for the accessibility statement.

Read from ``data/concept.yaml`` where the repository has one, as plain YAML through
the repository's safe loader; this small adapter is the one place that knows the
record's shape, so it can give way to the concept package once that is in place.
Without the record (or where it cannot be read) the site uses the report's title.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integ_cli.files.loading import LoadProblem, load_document

#: Where the concept record lives in a data repository.
CONCEPT_FILE = "data/concept.yaml"


@dataclass(slots=True)
class Concept:
    """The concept as the site shows it; ``None`` where the record says nothing."""

    title: str | None = None
    municipality: str | None = None
    about: str | None = None
    edition: str | None = None
    edition_date: str | None = None
    decision: str | None = None
    illustrative: bool = False
    #: The accessibility statement's one-line entries (``status``, ``date``, ``contact``,
    #: ``email``, ``phone``, ``enforcement``, ``enforcement_url``), as the city fills them in.
    accessibility: dict[str, str] = field(default_factory=dict)
    #: The statement's list of content that is not accessible.
    not_accessible: tuple[str, ...] = ()


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


def _last(value: Any) -> Mapping[str, Any]:
    items = [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
    return items[-1] if items else {}


def _decision_text(decision: Mapping[str, Any]) -> str | None:
    parts = [_text(decision.get(key)) for key in ("body", "date", "paper")]
    shown = [part for part in parts if part]
    return ", ".join(shown) or None


def concept_from(data: Mapping[str, Any]) -> Concept:
    """The site's view of a concept record's data."""
    municipality = data.get("municipality")
    edition = _last(data.get("editions"))
    accessibility = data.get("accessibility")
    accessibility = accessibility if isinstance(accessibility, dict) else {}
    barriers = accessibility.get("not_accessible")
    return Concept(
        title=_text(data.get("title")),
        municipality=_text(municipality.get("name")) if isinstance(municipality, dict) else None,
        about=_text(data.get("source")),
        edition=_text(edition.get("title")) or _text(edition.get("name")),
        edition_date=_text(edition.get("date")),
        decision=_decision_text(_last(data.get("decisions"))),
        illustrative=data.get("illustrative") is True,
        accessibility={str(k): str(v) for k, v in accessibility.items() if _text(v)},
        not_accessible=tuple(str(item) for item in barriers if _text(item)) if isinstance(barriers, list) else (),
    )


def read_concept(root: Path) -> Concept:
    """The concept of the repository at ``root``; an empty one where it has no readable record."""
    path = root / CONCEPT_FILE
    try:
        document = load_document(path.read_bytes(), CONCEPT_FILE)
    except (OSError, LoadProblem):
        return Concept()
    data = document.data if document is not None else None
    return concept_from(data) if isinstance(data, dict) else Concept()
