"""What the catalogue hands a command: valid measures (:class:`Measure`), and how a
command says which it wants (a :data:`Predicate`, a :class:`Keep` or a :data:`Selector`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue

#: Decides, for a valid measure's data, whether a command wants the record.
Predicate = Callable[[dict[str, Any]], bool]
#: Makes of a kept record (its file, its data) the text sent in its place (:class:`Keep`).
Shape = Callable[[str, dict[str, Any]], str]


class Tally(Protocol):
    """What a command that only sums its records (a report, an overview) counts of them,
    where they are checked (:attr:`Keep.fold`). A worker's tally is pickled back to the
    command's process, so it holds plain data and what it counted, nothing more."""

    def add(self, data: dict[str, Any]) -> None:
        """Count one kept record's data (with :attr:`Keep.keys`)."""

    def empty(self) -> Tally:
        """A tally like this one with nothing counted: a worker's, for its run of files."""

    def merge(self, other: Any) -> None:
        """Add what ``other`` (an :meth:`empty` tally of this one, since counted) counted."""


@dataclass(frozen=True, slots=True)
class Keep:
    """Which valid measures a command wants: ``test`` decides on a record's data.

    ``needles`` is an optional pre-test on a file's bytes that spares parsing the
    files a query cannot match (parsing is most of what a record costs): each group
    lists strings one of which a matching record's file must contain, such as the
    ids of the wanted target group and its sub-groups. A YAML value equals an id only
    if the id's characters stand in the file, unless an escape sequence spells them;
    so a file with a backslash, or one that is not UTF-8 (it gets its problem
    reported), is always parsed.

    ``keys``, where given, are the only keys of a record the command reads: kept
    records carry just these, so workers encode, and the command decodes, a fraction
    of each record (an overview needs two or three of a measure's twenty keys).

    ``take``, where given, receives each kept record as it arrives, in file order, in
    the command's process, and the catalogue keeps none: a command that aggregates (a
    report, the attention list) or writes its records as they come holds a worker's
    batch at a time instead of the whole repository.

    ``shape``, where given, is the text a kept record becomes before it is sent, from its
    file and its data (with ``keys``): a command that writes each record in a format of
    its own (``integ list``) has the workers write it, on every core, and receives the
    text as it was written (:attr:`Measure.text`), neither encoded nor decoded again.

    ``batch``, where given, is the most files a worker checks before it sends what it
    kept, in place of :data:`~integ_cli.checking.scan.CHUNK_LIMIT`: a command whose
    shaped records are large (an export's rows, twice a record's size) keeps the batches
    that wait in the workers and in its own process small.

    ``fold``, where given, counts each kept record where it is checked, and nothing is
    kept or taken: one process adds the records to ``fold`` itself; a worker adds its
    run's to an :meth:`~Tally.empty` tally and sends that, merged into ``fold`` in file
    order. A report then costs its process the merging of a few tallies, not the
    decoding and counting of every record on one core.
    """

    test: Predicate
    needles: tuple[tuple[bytes, ...], ...] = ()
    keys: frozenset[str] | None = None
    take: Callable[[Measure], None] | None = None
    shape: Shape | None = None
    batch: int | None = None
    fold: Tally | None = None

    def may_match(self, raw: bytes) -> bool:
        """False only where the file certainly holds no record ``test`` accepts."""
        if not self.needles or b"\\" in raw:
            return True
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return all(any(needle in raw for needle in group) for group in self.needles)


#: Builds the test once the vocabularies are read (a query for a parent target group
#: needs the hierarchy to know which sub-groups it covers): a Predicate or a Keep.
Selector = Callable[["Catalogue"], "Predicate | Keep"]


def select_all(_catalogue: Catalogue) -> Predicate:
    """A Selector that keeps every valid measure."""
    return lambda _data: True


def select_keys(keys: Iterable[str]) -> Selector:
    """A Selector that keeps every valid measure with only ``keys`` (see :class:`Keep`)."""
    wanted = Keep(lambda _data: True, keys=frozenset(keys))
    return lambda _catalogue: wanted


#: How a record is written as JSON, in worker processes and by ``--format json``. No
#: check for cycles: a record is what a file held, and the loader refuses an alias inside
#: its own anchor (``yaml-recursive-alias``), so none has one; the check was a fifth of
#: the time of encoding each record.
encode_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


class Measure:
    """A valid measure as read from its file (``file`` relative to the repository).

    Records kept by worker processes travel as JSON text: json's C encoder and decoder
    are several times faster than pickling the dicts, and a command that prints JSON
    (``integ list --format json``) writes the text as it came, never decoding it.
    ``data`` decodes on first use and keeps the data instead of the text; ``read``
    decodes without keeping, for a single pass. A record shaped by :attr:`Keep.shape`
    is only its ``text``.
    """

    __slots__ = ("_data", "_json", "file", "text")

    def __init__(
        self, file: str, data: dict[str, Any] | None = None, *, json_text: str | None = None, text: str | None = None
    ) -> None:
        if (data is not None) + (json_text is not None) + (text is not None) != 1:
            raise TypeError("a Measure takes its data, its JSON text or its shaped text")
        self.file = file
        self._data = data
        self._json = json_text
        #: The text :attr:`Keep.shape` made of the record; None for a record as it is.
        self.text = text

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            # Decoded, the text goes: a command holding 100,000 records holds each once
            # (``json`` writes it again, the same text, should it be asked for).
            self._data, self._json = json.loads(self._json), None  # type: ignore[arg-type]
        return self._data

    def read(self) -> dict[str, Any]:
        """The record's data without keeping it decoded: for one pass over many records
        (a list being written), so that only their compact JSON text stays in memory."""
        return self._data if self._data is not None else json.loads(self._json)  # type: ignore[arg-type]

    @property
    def id(self) -> str:
        """The measure's id, known without decoding: a valid record's id is its file's
        name without ``.yaml`` (``integ validate`` checks that)."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".yaml")

    @property
    def json(self) -> str:
        """The record as one line of JSON (``encode_json``)."""
        if self._json is None:
            self._json = encode_json(self._data)
        return self._json

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Measure) and (self.file, self.data) == (other.file, other.data)

    # Equal by value, and mutable: not hashable.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Measure(file={self.file!r}, data={self.data!r})"
