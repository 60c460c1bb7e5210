"""The concept as plain data: the municipality, its council decisions and its editions.

Real decisions and editions are often known only to the year or month ("adopted in
2014", "October 2006"), so their dates are :class:`PartialDate`\\ s, never a made-up
first of January. :func:`concept_from` builds the model from a record the schema has
accepted (:mod:`integ_cli.concept.load` checks it first).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from integ_cli.i18n import _
from integ_cli.patterns import PARTIAL_DATE

#: An edition's name: it becomes part of a git tag, so letters, digits and single
#: ``.``, ``-`` or ``_`` between them (the schema spells it the same way).
EDITION_NAME_PATTERN = "^[0-9A-Za-z]+([._-][0-9A-Za-z]+)*$"
EDITION_NAME = re.compile(EDITION_NAME_PATTERN)
#: ``30.06.2014`` or ``06.2014``: how German users type a date or a month.
_GERMAN = re.compile(r"(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})")


@functools.total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Dates sort by what is known, a less precise one before the more precise ones it
    contains (``2014`` < ``2014-06`` < ``2014-06-30`` < ``2014-07``). Whether one
    certainly lies before another is :meth:`before`: ``2014`` is not before
    ``2014-06``, since it may mean any day of that year.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")  # for programmers: parse() never builds one
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("no such month")  # parse() and from_typed() say it for people
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # ValueError for 2014-02-30

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``2014``, ``2014-06`` or ``2014-06-30`` (as the files write it); ValueError
        for anything else, or a month or day that does not exist."""
        return _parsed(text) if cls is PartialDate else cls._read(text)

    @classmethod
    def _read(cls, text: str) -> PartialDate:
        if not PARTIAL_DATE.fullmatch(text):
            raise ValueError(_("'{text}' is not a date written YYYY, YYYY-MM or YYYY-MM-DD").format(text=text))
        parts = [int(part) for part in text.split("-")]
        try:
            return cls(*parts)
        except ValueError:
            raise ValueError(_("'{text}' is not a real date").format(text=text)) from None

    @classmethod
    def from_typed(cls, text: str) -> PartialDate:
        """What a user types: the file's forms, and also ``30.06.2014`` or ``06.2014``."""
        german = _GERMAN.fullmatch(text.strip())
        if german is None:
            return cls.parse(text.strip())
        day, month, year = german.groups()
        try:
            return cls(int(year), int(month), int(day) if day else None)
        except ValueError:
            raise ValueError(_("'{text}' is not a real date").format(text=text)) from None

    @property
    def first(self) -> dt.date:
        """The earliest day the date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """The latest day the date may mean."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def before(self, other: PartialDate) -> bool:
        """True where every day this date may mean lies before every day ``other`` may."""
        if self.day is not None and other.day is not None:  # two days: no calendar needed
            return (self.year, self.month, self.day) < (other.year, other.month, other.day)
        return self.last < other.first

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        """As the files write it: ``2014``, ``2014-06``, ``2014-06-30``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


#: The dates read so far, by their text. The same few thousand days recur in every
#: repository's 10,000s of records (start, end, decisions), and reading one builds a
#: frozen dataclass and a calendar date: a date is immutable, so one is shared. Bounded,
#: as the texts come from files; a text that is no date is not kept (it raises).
_parsed = functools.lru_cache(maxsize=16_384)(PartialDate._read)


@dataclass(frozen=True, slots=True)
class Municipality:
    """Whose concept it is; ``kind`` is a code of the ``municipality-kind`` codelist."""

    name: str
    kind: str
    official_key: str | None = None
    state: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One committee's consultation of a paper before the decision (Beratungsfolge)."""

    body: str
    date: PartialDate | None = None
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision on a council paper; ``outcome`` is a code of the ``outcome`` codelist."""

    body: str
    date: PartialDate
    paper: str | None = None
    subject: str | None = None
    outcome: str | None = None
    consultation: tuple[Step, ...] = ()
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of action fields above them (Themenfeld)."""

    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of the concept; ``decision`` is the paper number of the decision
    that adopted it, ``tag`` the git tag that freezes its state."""

    name: str
    date: PartialDate
    title: str | None = None
    decision: str | None = None
    fields: tuple[str, ...] = ()
    themes: tuple[Theme, ...] = ()
    measures: int | None = None
    tag: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The edition as the file writes it (keys in the schema's order, none empty)."""
        record: dict[str, Any] = {"name": self.name, "title": self.title, "date": str(self.date)}
        record["decision"] = self.decision
        record["fields"] = list(self.fields) or None
        record["themes"] = [{"name": t.name, "fields": list(t.fields)} for t in self.themes] or None
        record.update(measures=self.measures, tag=self.tag, note=self.note)
        return {key: value for key, value in record.items() if value is not None}


@dataclass(frozen=True, slots=True)
class Concept:
    """The concept record of a repository (``data/concept.yaml``)."""

    municipality: Municipality
    title: str
    unit: str | None = None
    illustrative: bool = False
    decisions: tuple[Decision, ...] = ()
    editions: tuple[Edition, ...] = ()
    #: After how many days without an update a measure is stale (``attention``); None: a year.
    stale_after_days: int | None = None

    def decision(self, paper: str) -> Decision | None:
        """The decision on ``paper``, if the record has one."""
        return next((d for d in self.decisions if d.paper == paper), None)

    def edition(self, name: str) -> Edition | None:
        """The edition called ``name``, if the record has one."""
        return next((e for e in self.editions if e.name == name), None)

    def chronological(self) -> list[Edition]:
        """The editions by date (file order where two share one)."""
        return sorted(self.editions, key=lambda edition: edition.date)


def _date(value: Any) -> PartialDate | None:
    return PartialDate.parse(value) if isinstance(value, str) else None


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _step(data: Mapping[str, Any]) -> Step:
    return Step(data["body"], _date(data.get("date")), _text(data, "outcome"))


def _decision(data: Mapping[str, Any]) -> Decision:
    return Decision(
        body=data["body"],
        date=PartialDate.parse(data["date"]),
        paper=_text(data, "paper"),
        subject=_text(data, "subject"),
        outcome=_text(data, "outcome"),
        consultation=tuple(_step(step) for step in data.get("consultation", [])),
        url=_text(data, "url"),
    )


def _edition(data: Mapping[str, Any]) -> Edition:
    return Edition(
        name=data["name"],
        date=PartialDate.parse(data["date"]),
        title=_text(data, "title"),
        decision=_text(data, "decision"),
        fields=tuple(data.get("fields", [])),
        themes=tuple(Theme(theme["name"], tuple(theme["fields"])) for theme in data.get("themes", [])),
        measures=data.get("measures"),
        tag=_text(data, "tag"),
        note=_text(data, "note"),
    )


def concept_from(data: Mapping[str, Any]) -> Concept:
    """The model of a concept record the schema accepted; ValueError for a date that
    matches the pattern but does not exist (``2014-02-30``)."""
    place = data["municipality"]
    return Concept(
        municipality=Municipality(place["name"], place["kind"], _text(place, "official_key"), _text(place, "state")),
        title=data["title"],
        unit=_text(data, "unit"),
        illustrative=data.get("illustrative") is True,
        decisions=tuple(_decision(d) for d in data.get("decisions", [])),
        editions=tuple(_edition(e) for e in data.get("editions", [])),
        stale_after_days=(data.get("attention") or {}).get("stale_after_days"),
    )
