"""Analysts' queries: which measures match, and in which order.

A :class:`Query` holds the filters. Different filters must all hold (AND); the
values of one filter are alternatives (OR): ``target_groups=("kinder",
"junge-muetter")`` finds measures for either group. The rules:

* target groups: a group also matches measures for any of its sub-groups (the
  hierarchy in ``data/target-groups.yaml``), unless ``exact``.
* actors: the lead or a partner, unless ``lead_only``; an organisation also matches
  its sub-organisations (``parent`` in ``data/actors.yaml``), unless ``exact``.
* fields: the measure's ``field`` or one of its ``also_fields``; ``prioritised``
  keeps measures with at least one prioritised field in the same sense.
* districts: a measure naming one of them or one of their sub-areas (``parent`` in
  ``data/districts.yaml``: Stadtteile, Sozialräume) unless ``exact``, or naming a
  city-wide entry (``city_wide: true``) since it serves every district, unless
  ``no_city_wide``. ``no_city_wide`` alone drops the city-wide measures.
* years: see :func:`runs_in`.
* text: see :func:`fold` and :func:`text_matcher`.

Values may be typed as names (``-t mütter``, ``--status laufend``): :func:`selector`
resolves them (:mod:`integ_cli.query_values`) and raises :class:`UnknownValues` for
those that name nothing as soon as the vocabularies are known, before any measure is read. Nothing here prints or
exits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from integ_cli.fields import position
from integ_cli.hierarchy import descendants
from integ_cli.names import fold as fold
from integ_cli.query_values import UnknownValues, resolved

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Keep, Measure, Predicate, Selector, Shape
    from integ_cli.codelists import Codelist

#: Sort keys; a leading ``-`` sorts descending (``-budget``: largest first).
SORT_KEYS = ("id", "title", "field", "status", "start", "budget")

Vocabularies = Mapping[str, Mapping[str, Mapping[str, Any]]]
Fields = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Query:
    """Filters, order and limit of one query (empty filters keep every measure)."""

    target_groups: tuple[str, ...] = ()
    exact: bool = False
    fields: tuple[str, ...] = ()
    prioritised: bool = False
    actors: tuple[str, ...] = ()
    lead_only: bool = False
    districts: tuple[str, ...] = ()
    no_city_wide: bool = False
    statuses: tuple[str, ...] = ()
    horizons: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    text: tuple[str, ...] = ()
    sort: str = "id"
    limit: int | None = None


def selector(
    query: Query, keys: Iterable[str] | None = None, shape: Callable[[Catalogue], Shape] | None = None
) -> Selector:
    """The catalogue Selector for ``query``; it raises :class:`UnknownValues` once the
    vocabularies are read, before measures are. With ``keys``, the kept records carry
    only these keys (the filters still see whole records); with ``shape``, they are
    what the shape it makes of the catalogue gives (:class:`~integ_cli.checking.measure.Keep`)."""

    def select(catalogue: Catalogue) -> Keep:
        found, unknown = resolved(query, catalogue.fields, catalogue.vocabularies, catalogue.codelists)
        if unknown:
            raise UnknownValues(unknown)
        chosen = keep(found, catalogue.fields, catalogue.vocabularies)
        if keys is not None:
            chosen = replace(chosen, keys=frozenset(keys))
        return chosen if shape is None else replace(chosen, shape=shape(catalogue))

    return select


def _any_of(key: str, wanted: set[str]) -> Predicate:
    def test(data: dict[str, Any]) -> bool:
        value = data.get(key)
        if isinstance(value, list):
            return any(item in wanted for item in value)
        return value in wanted

    return test


def _fields_of(wanted: set[str]) -> Predicate:
    return lambda data: data.get("field") in wanted or any(f in wanted for f in data.get("also_fields") or ())


def _actors_of(wanted: set[str], lead_only: bool) -> Predicate:
    def test(data: dict[str, Any]) -> bool:
        if data.get("lead") in wanted:
            return True
        return not lead_only and any(a in wanted for a in data.get("partners") or ())

    return test


def _not_city_wide(city_wide: set[str]) -> Predicate:
    return lambda data: not any(d in city_wide for d in data.get("districts") or ())


def _in_years(years: tuple[int, ...]) -> Predicate:
    return lambda data: any(runs_in(data, year) for year in years)


def keep(query: Query, fields: Fields, vocabularies: Vocabularies) -> Keep:
    """The per-record test for ``query`` (values are assumed known), with the ids a
    matching file must contain (one of each filter's), so that files that cannot
    match are not parsed."""
    from integ_cli.checking.measure import Keep

    tests: list[Predicate] = []
    needles: list[set[str]] = []

    def any_of(key: str, wanted: set[str]) -> None:
        tests.append(_any_of(key, wanted))
        needles.append(wanted)

    if query.target_groups:
        groups = vocabularies.get("target-groups", {})
        any_of("target_groups", set(query.target_groups) if query.exact else descendants(groups, query.target_groups))
    for wanted_fields in ([set(query.fields)] if query.fields else []) + (
        [{f for f, entry in fields.items() if entry.get("prioritised") is True}] if query.prioritised else []
    ):
        tests.append(_fields_of(wanted_fields))
        needles.append(wanted_fields)
    if query.actors:
        actors = vocabularies.get("actors", {})
        wanted_actors = set(query.actors) if query.exact else descendants(actors, query.actors)
        tests.append(_actors_of(wanted_actors, query.lead_only))
        needles.append(wanted_actors)
    districts = vocabularies.get("districts", {})
    city_wide = {d for d, entry in districts.items() if entry.get("city_wide") is True}
    if query.districts:
        areas = set(query.districts) if query.exact else descendants(districts, query.districts)
        any_of("districts", areas | (set() if query.no_city_wide else city_wide))
    elif query.no_city_wide:
        tests.append(_not_city_wide(city_wide))
    if query.statuses:
        any_of("status", set(query.statuses))
    if query.horizons:
        any_of("horizon", set(query.horizons))
    if query.years:
        tests.append(_in_years(query.years))
    if query.text:
        tests.append(text_matcher(query.text))
    return Keep(
        lambda data: all(test(data) for test in tests),
        tuple(tuple(sorted(value.encode() for value in group)) for group in needles),
    )


def runs_in(data: Mapping[str, Any], year: int) -> bool:
    """Whether a measure runs in ``year``.

    The period is ``start`` to ``end``, by calendar year, both ends included. A
    missing ``end`` means open-ended (as the schema defines it): running from the
    start year on. A missing ``start`` with an ``end`` means running up to the end
    year. A measure with neither date runs in the years it has budget lines for
    (money planned for a year is the only evidence of when it runs); with no dates
    and no budget it matches no year.
    """
    start, end = data.get("start"), data.get("end")
    if isinstance(start, str) or isinstance(end, str):
        first = int(start[:4]) if isinstance(start, str) else None
        last = int(end[:4]) if isinstance(end, str) else None
        return (first is None or first <= year) and (last is None or year <= last)
    return any(isinstance(line, dict) and line.get("year") == year for line in data.get("budget") or ())


#: The keys the text filter searches.
TEXT_KEYS = ("title", "summary", "goal", "tags")


def searchable(data: Mapping[str, Any]) -> str:
    """The folded text of a measure that the text filter searches."""
    parts: list[str] = []
    for key in TEXT_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(v for v in value if isinstance(v, str))
    return fold("\n".join(parts))


def text_matcher(texts: Iterable[str]) -> Predicate:
    """Matches a measure where, for one of ``texts``, every word of it occurs
    (folded, as a part of a word) in the title, summary, goal or tags."""
    alternatives = [fold(text).split() for text in texts]

    def test(data: dict[str, Any]) -> bool:
        haystack = searchable(data)
        return any(all(word in haystack for word in words) for words in alternatives)

    return test


def planned_total(data: Mapping[str, Any]) -> float:
    """Sum of ``planned`` over all budget lines (0 without a budget). A loop, not ``sum``
    of a generator: every row of a listing's table sums its lines (a third less time)."""
    total: float = 0
    for line in data.get("budget") or ():
        if isinstance(line, dict):
            total += line.get("planned") or 0
    return total


def _title_key(data: Mapping[str, Any]) -> str:
    # "„Mama lernt Deutsch“" sorts under M: leading quotes and dashes do not count.
    title = fold(str(data.get("title", "")))
    return title.lstrip("\"'„“”‚‘’«»‹›–—-([ ")


def sort_key(key: str, fields: Fields, statuses: Codelist) -> Callable[[Mapping[str, Any]], Any]:
    """The sort key function (of a record's data) for one of :data:`SORT_KEYS` (without
    ``-``); statuses sort in their codelist's order (the life cycle)."""
    keys: dict[str, Callable[[Mapping[str, Any]], Any]] = {
        "id": lambda data: data.get("id", ""),
        "title": _title_key,
        "field": lambda data: (position(fields.get(data.get("field", ""), {})), data.get("field", "")),
        "status": lambda data: statuses.position(data.get("status")),
        "start": lambda data: data.get("start") or "",
        "budget": planned_total,
    }
    return keys[key]


def sort_measures(measures: Iterable[Measure], sort: str, fields: Fields, statuses: Codelist) -> list[Measure]:
    """The measures in ``sort`` order, ties by id (:func:`ordered`). Each record is read
    once for its key and not kept decoded (:meth:`Measure.read`)."""
    by_id = sorted(measures, key=_id)
    if sort == "id":
        return by_id
    of = sort_key(sort.removeprefix("-"), fields, statuses)
    keyed = [(of(data), bool(data.get("start")), m) for m in by_id for data in (m.read(),)]
    return [m for _key, _dated, m in ordered(keyed, sort)]


_T = TypeVar("_T")


def ordered(keyed: list[tuple[Any, bool, _T]], sort: str) -> list[tuple[Any, bool, _T]]:
    """Entries (sort key, has a start date, record), in id order, in ``sort`` order: ties
    stay in id order; records without a start date come last when sorting by start, in
    either direction."""
    descending = sort.startswith("-")
    if sort.removeprefix("-") == "start":
        dated = [entry for entry in keyed if entry[1]]
        return sorted(dated, key=lambda entry: entry[0], reverse=descending) + [e for e in keyed if not e[1]]
    # sorted() is stable also with reverse=True, so ties stay in id order.
    return sorted(keyed, key=lambda entry: entry[0], reverse=descending)


def in_id_order(runs: Iterable[list[Measure]], known: Container[str]) -> Iterator[Measure]:
    """The records of ``runs`` (each run in file order, the runs in order) in id order,
    each as soon as no record still to come can go before it; ``known`` are the ids of
    all measure files.

    File order is id order but where one id is the start of another up to a hyphen:
    ``x-1.yaml`` comes before ``x.yaml`` ('-' sorts before '.'), id ``x`` before ``x-1``.
    So a record waits while the file of such a start of its id exists and is still to
    come (after the last record received); the records after it wait with it. The
    pending records are held with their ids, and whether a start is a known id is
    looked up once a start (a field's id, nearly always): this runs in the process that
    writes the list, on every record, while the workers wait for it."""
    pending: list[tuple[str, Measure]] = []
    starts: dict[str, bool] = {}
    for kept in runs:
        if not kept:
            continue
        pending += [(measure.id, measure) for measure in kept]
        pending.sort(key=_first)
        last = kept[-1].file.rsplit("/", 1)[-1]
        ready = 0
        for measure_id, _measure in pending:
            if _waits(measure_id, last, known, starts):
                break
            ready += 1
        for _measure_id, measure in pending[:ready]:
            yield measure
        del pending[:ready]
    for _measure_id, measure in pending:
        yield measure


def _id(measure: Measure) -> str:
    return measure.id


def _first(pair: tuple[str, Measure]) -> str:
    return pair[0]


def _waits(measure_id: str, last: str, known: Container[str], starts: dict[str, bool]) -> bool:
    """Whether a measure with a start of ``measure_id`` (up to a hyphen) may still come:
    its file exists and sorts after ``last``, the file name of the last record received.
    ``starts`` remembers which starts are known ids."""
    start = measure_id.find("-")
    while start != -1:
        before = measure_id[:start]
        exists = starts.get(before)
        if exists is None:
            exists = starts[before] = before in known
        if exists and f"{before}.yaml" > last:
            return True
        start = measure_id.find("-", start + 1)
    return False


def listing_shape(sort: str, fields: Fields, statuses: Codelist, item: Callable[[str, dict[str, Any]], str]) -> Shape:
    """What a worker sends of a record for a listing in ``sort`` order (one of
    :data:`SORT_KEYS`, maybe with ``-``): its text as ``item`` writes it, sent as it is;
    where the order is not by id, after a first line with what the order needs of it,
    its sort key and whether it has a start date (as JSON, which holds no line break).
    So the listing holds one text a record, and decodes no more than the keys."""
    key = sort.removeprefix("-")
    if sort == "id":
        return item
    from integ_cli.checking.measure import encode_json

    of = sort_key(key, fields, statuses)
    return lambda file, data: f"{encode_json([of(data), bool(data.get('start'))])}\n{item(file, data)}"


class Listed:
    """The items of a listing (records shaped by :func:`listing_shape`, in id order) in
    ``sort`` order, at most ``limit``. By id, each goes on as it comes; in another order
    only the keys and texts are held until the last has come. ``total`` counts the
    records, listed or not, once the items are through."""

    def __init__(self, measures: Iterable[Measure], sort: str, limit: int | None = None) -> None:
        self.measures = measures
        self.sort = sort
        self.limit = limit
        self.total = 0

    def __iter__(self) -> Iterator[str]:
        limit = self.limit
        if self.sort == "id":
            for measure in self.measures:
                self.total += 1
                if limit is None or self.total <= limit:
                    yield measure.text or ""
            return
        keyed: list[tuple[Any, bool, str]] = []
        for measure in self.measures:
            head, _line, text = (measure.text or "").partition("\n")
            key, dated = json.loads(head)
            keyed.append((key, dated, text))
        self.total = len(keyed)
        yield from [text for _key, _dated, text in ordered(keyed, self.sort)][:limit]
