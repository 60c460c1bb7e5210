"""A catalogue as the rows of the related tables of :mod:`integ_cli.tables.columns`.

Plain values only: text, ``int``, ``bool``, ``float``, :class:`~datetime.date` for
dates and :class:`~decimal.Decimal` for euro amounts, ``None`` where a record says
nothing. Rows are tuples in the tables' column order (a state's catalogue has a
million budget and link rows; tuples keep them small).

Internal measures (``visibility: internal``) are left out with everything that hangs
on them, unless asked for: the rule of ``integ report``
(:func:`integ_cli.report.build.is_internal`).

A federation maps a city's own ids of action fields and target groups onto shared ones
(:class:`IdMap`); the rows then carry the shared ids, and ``vocabulary_map`` says
which local id became which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from integ_cli.hierarchy import Entries
from integ_cli.report.build import is_internal
from integ_cli.tables.columns import TABLES

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Measure

Row = tuple[Any, ...]
Tables = dict[str, list[Row]]
CENT = Decimal("0.01")
#: The measure lists that become ``links`` rows: key in the record -> relation.
RELATIONS = {
    "also_fields": "also_field",
    "target_groups": "target_group",
    "partners": "partner",
    "districts": "district",
    "tags": "tag",
}
#: The measure lists whose ids a federation may map, and the vocabulary table they name.
MAPPED = {"also_fields": "fields", "target_groups": "target_groups"}
#: The vocabularies with a hierarchy, as ``ancestors`` names them, and their file's kind.
HIERARCHIES = {"target_groups": "target-groups", "actors": "actors"}


@dataclass(frozen=True, slots=True)
class Origin:
    """What every row starts with: the municipality's key and the revision."""

    municipality: str
    revision: str | None


@dataclass(slots=True)
class IdMap:
    """A city's ids mapped onto shared ones: vocabulary table (``fields``,
    ``target_groups``) -> local id -> shared id (see the module docstring)."""

    ids: dict[str, dict[str, str]] = field(default_factory=dict)

    def __call__(self, table: str, value: Any) -> Any:
        return self.ids.get(table, {}).get(value, value) if isinstance(value, str) else value


def date(value: Any) -> dt.date | None:
    """An ISO date string as a date (a valid record holds nothing else; anything else is none)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def amount(value: Any) -> Decimal | None:
    """An amount in euros, to the cent."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return Decimal(str(value)).quantize(CENT)
    except InvalidOperation:
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


#: The text keys of a budget line that say how it is funded, in their columns' order.
FUNDING_KEYS = ("amount_unknown", "programme", "funding_status")


def _items(data: Mapping[str, Any], key: str) -> list[Any]:
    found = data.get(key)
    return found if isinstance(found, list) else []


def measure_rows(tables: Tables, head: Row, data: Mapping[str, Any], file: str, mapped: IdMap) -> None:
    """Add one measure's rows (the measure, its budget lines, indicators, staff posts,
    links) to ``tables``."""
    measure_id = data.get("id")
    found = data.get("decision")
    decision: Mapping[str, Any] = found if isinstance(found, dict) else {}
    tables["measures"].append(
        (
            *head,
            measure_id,
            *(_text(data.get(key)) for key in ("title", "summary", "goal")),
            mapped("fields", _text(data.get("field"))),
            *(_text(data.get(key)) for key in ("lead", "status", "horizon")),
            date(data.get("start")),
            date(data.get("end")),
            _text(data.get("visibility")) or "public",
            _text(decision.get("body")),
            date(decision.get("date")),
            _text(decision.get("paper")),
            _text(data.get("supersedes")),
            _text(data.get("superseded_by")),
            date(data.get("updated")),
            bool(data.get("illustrative")),
            file,
        )
    )
    for line, item in enumerate(_items(data, "budget"), 1):
        if isinstance(item, dict):
            amounts = (amount(item.get(key)) for key in ("planned", "revised", "spent"))
            row = (_integer(item.get("year")), *amounts, _text(item.get("source")), _text(item.get("note")))
            funding = (*(_text(item.get(key)) for key in FUNDING_KEYS), _number(item.get("co_funding_share")))
            tables["budget_lines"].append((*head, measure_id, line, *row, *funding))
    for line, item in enumerate(_items(data, "staff"), 1):
        if isinstance(item, dict):
            staff = (_integer(item.get("year")), _number(item.get("fte")), _text(item.get("note")))
            tables["staff"].append((*head, measure_id, line, *staff))
    for line, item in enumerate(_items(data, "indicators"), 1):
        if isinstance(item, dict):
            values = [_number(item.get(key)) for key in ("baseline", "target", "actual")]
            texts = (_text(item.get("name")), _text(item.get("unit")))
            tables["indicators"].append((*head, measure_id, line, *texts, _integer(item.get("year")), *values))
    links = tables["links"]
    for key, relation in RELATIONS.items():
        table = MAPPED.get(key, "")
        links.extend((*head, measure_id, relation, mapped(table, v), None) for v in _items(data, key) if _text(v))
    for item in _items(data, "links"):
        if isinstance(item, dict) and _text(item.get("url")):
            links.append((*head, measure_id, "url", item["url"], _text(item.get("title"))))


def ancestors(entries: Entries) -> Iterable[tuple[str, str, int]]:
    """``(id, ancestor, distance)`` for every entry and everything above it (itself at 0);
    an unknown parent ends the line, a cycle is followed once round."""
    for entry_id in entries:
        seen: set[str] = set()
        current: Any = entry_id
        distance = 0
        while isinstance(current, str) and current in entries and current not in seen:
            seen.add(current)
            yield entry_id, current, distance
            current = entries[current].get("parent")
            distance += 1


def _unique(rows: Iterable[Row]) -> list[Row]:
    """Rows once each, in order (mapping two local entries onto one shared id repeats rows)."""
    return list(dict.fromkeys(rows))


def vocabulary_rows(tables: Tables, head: Row, catalogue: Catalogue, mapped: IdMap) -> None:
    """Add the rows of the action fields, the vocabularies, their ancestors and the mapping."""
    seen: set[tuple[str, Any]] = set()

    def add(table: str, row: Row) -> None:
        key = (table, row[0])
        if key not in seen:  # two local entries mapped onto one shared id: the first is kept
            seen.add(key)
            tables[table].append((*head, *row))

    for data in catalogue.fields.values():
        add(
            "fields",
            (
                mapped("fields", data.get("id")),
                _text(data.get("name")),
                _text(data.get("short_name")),
                _integer(data.get("order")),
                _flag(data.get("prioritised")),
                _text(data.get("description")),
                _text(data.get("working_group")),
            ),
        )
    vocabularies = catalogue.vocabularies

    def described(table: str, entry_id: str, entry: Mapping[str, Any]) -> Row:
        return (mapped(table, entry_id), _text(entry.get("name")), _text(entry.get("description")))

    for entry_id, entry in vocabularies.get("target-groups", {}).items():
        parent = mapped("target_groups", _text(entry.get("parent")))
        add("target_groups", (*described("target_groups", entry_id, entry), bool(entry.get("main")), parent))
    for entry_id, entry in vocabularies.get("actors", {}).items():
        more = (_text(entry.get("kind")), _text(entry.get("parent")), _text(entry.get("url")))
        add("actors", (*described("actors", entry_id, entry), *more))
    for entry_id, entry in vocabularies.get("districts", {}).items():
        add("districts", (*described("districts", entry_id, entry), bool(entry.get("city_wide"))))
    for table, kind in HIERARCHIES.items():
        found = ((mapped(table, a), mapped(table, b), n) for a, b, n in ancestors(vocabularies.get(kind, {})))
        tables["ancestors"].extend(_unique((*head, table, *row) for row in found))
    for table, ids in sorted(mapped.ids.items()):
        tables["vocabulary_map"].extend((*head, table, local, shared) for local, shared in sorted(ids.items()))


def empty() -> Tables:
    """Every table, without rows."""
    return {name: [] for name in TABLES}


#: How many measures' rows are built and handed on together (a Parquet row group of
#: each table): as many as a worker checks before it sends them
#: (:data:`integ_cli.checking.scan.CHUNK_LIMIT`). At 100,000 measures, batches of 5,000
#: took the command's process about 40 MB more; batches of 1,000 make the files about
#: 14 % larger than one row group would. The memory is the limit that counts.
BATCH = 1000


def vocabulary_tables(catalogue: Catalogue, origin: Origin, mapping: IdMap | None = None) -> Tables:
    """The rows of the action fields, the vocabularies, their ancestors and the mapping."""
    tables = empty()
    vocabulary_rows(tables, (origin.municipality, origin.revision), catalogue, mapping or IdMap())
    return tables


def measure_tables(
    measures: Iterable[Measure],
    origin: Origin,
    *,
    internal: bool = False,
    mapping: IdMap | None = None,
    size: int = BATCH,
    each: Callable[[Mapping[str, Any]], object] | None = None,
) -> Iterator[Tables]:
    """The rows of ``measures`` (in the order given), ``size`` measures at a time: each
    record is decoded for its rows and let go, and a batch's rows go once the next is asked
    for, so a command that writes them as they come holds one batch. ``each`` is called
    with the data of every record whose rows are made (a federation's report counts from
    it what the rows do not tell), so no record is decoded twice."""
    head = (origin.municipality, origin.revision)
    mapped = mapping or IdMap()
    tables, count = empty(), 0
    for measure in measures:
        data = measure.read()
        if internal or not is_internal(data):
            measure_rows(tables, head, data, measure.file, mapped)
            if each is not None:
                each(data)
        count += 1
        if count == size:
            yield tables
            tables, count = empty(), 0
    if count:
        yield tables
