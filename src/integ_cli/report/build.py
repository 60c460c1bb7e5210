"""The report for the council: the catalogue aggregated into a plain model.

:func:`build_report` turns the measures a :class:`~integ_cli.query.Query` keeps into a
:class:`~integ_cli.report.model.Report` of dataclasses: no printing, no formatting. The renderers in
``integ_cli.render.report`` turn it into a terminal view, Markdown, HTML or JSON.

The sections and their rules:

* **fields**: measures per action field (by their main ``field``), prioritised fields
  first, then the others, each in concept order; by status and by horizon. ``also``
  counts measures naming the field among ``also_fields`` (not in the total). Without
  a field filter every field is listed, empty ones too.
* **matrix**: action field x main target group (``main: true`` in the vocabulary;
  the top-level groups where none is marked). A measure counts once for each main
  group it names itself or through a sub-group (``vorschulkinder`` counts for
  ``kinder-jugendliche``). ``other`` counts measures naming no group below a main one.
* **districts**: measures naming each district; city-wide entries apart. ``total``
  is what ``integ list --district ID`` finds (city-wide measures included).
* **budget**: per field (main field), year and funding source: ``planned`` (Ansatz),
  ``revised`` (fortgeschriebener Ansatz; where a line has none, its planned amount
  stands) and ``spent`` (Ist; ``None`` where no line of the group reports it). With
  a year filter only the budget lines of those years count. A line whose amount is not
  known yet (``amount_unknown``) adds nothing to the sums but is counted (``unknown``),
  so the report says what it does not know instead of showing a programme-funded
  measure as one without budget; staff posts (``staff``, full-time equivalents) are
  summed per year.
* **indicators**: each indicator with both a target and an actual value; ``progress``
  is the share of the way from the baseline (0 where there is none) to the target.
* **attention**: measures that need a look as of the report date
  (:mod:`integ_cli.report.attention`).
* **updates**: each measure's latest status update (*Sachstand*: date, status, note;
  :mod:`integ_cli.report.updates`).

``visibility: internal`` measures are left out unless ``internal`` is true.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from integ_cli import i18n
from integ_cli.amounts import as_number
from integ_cli.concept.load import is_illustrative, report_title
from integ_cli.fields import field_order, ranks
from integ_cli.hierarchy import descendants
from integ_cli.i18n import N_, _
from integ_cli.query import Query, selector
from integ_cli.report.attention import attention_of, attention_row
from integ_cli.report.budget import BudgetTally
from integ_cli.report.counts import DistrictTally, EntryCount, FieldCount, FieldTally
from integ_cli.report.model import (
    AttentionRow,
    CodeName,
    DistrictRow,
    DistrictSection,
    FieldRow,
    FieldSection,
    Filter,
    Group,
    Header,
    IndicatorRow,
    IndicatorSection,
    MatrixRow,
    MatrixSection,
    Reason,
    Report,
    UpdateRow,
)
from integ_cli.report.updates import update_row, update_section

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Keep
    from integ_cli.codelists import Codelist, Codelists
# --- building it --------------------------------------------------------------------------------------

Entries = Mapping[str, Mapping[str, Any]]

#: The report's title where the caller gives none.
TITLE = N_("Report on the integration concept")

#: Query attributes that are filters, with the vocabulary their values name.
_FILTERS = (
    ("fields", "fields"),
    ("prioritised", None),
    ("target_groups", "target-groups"),
    ("exact", None),
    ("actors", "actors"),
    ("lead_only", None),
    ("districts", "districts"),
    ("no_city_wide", None),
    ("statuses", None),
    ("horizons", None),
    ("years", None),
    ("text", None),
)


#: The keys of a measure the report reads (the sections and attention's reasons): the
#: command loads only these, sparing the long texts (tests/report/test_build.py checks
#: that the report is the same as from whole records).
REPORT_KEYS = (
    "id",
    "title",
    "field",
    "also_fields",
    "status",
    "horizon",
    "visibility",
    "target_groups",
    "districts",
    "lead",
    "budget",
    "staff",
    "indicators",
    "end",
    "updated",
    "milestones",
    "updates",
)


def is_internal(data: Mapping[str, Any]) -> bool:
    return data.get("visibility") == "internal"


def build_report(
    catalogue: Catalogue,
    query: Query,
    date: dt.date,
    *,
    internal: bool = False,
    title: str | None = None,
    stale_after_days: int | None = None,
) -> Report:
    """The report on the measures of ``catalogue`` (already filtered by ``query``)
    as of ``date``; internal measures only with ``internal``. The title (default: "Report
    on the integration concept") and the names of codes are in the language of the moment,
    so the model holds what the renderers show; ids and keys are the same in every language.

    Each record is read once, in id order, and every section takes what it needs of it
    (:class:`_Tally`): no record is kept decoded. :class:`ReportBuilder` builds the same
    report while the measures are scanned, keeping none."""
    tally = _Tally.of(catalogue, query, date, stale_after_days)
    for measure in sorted(catalogue.measures, key=lambda m: m.id):
        data = measure.read()
        if internal or not is_internal(data):
            tally.add(data)
    return _report(catalogue, query, tally, internal, title)


class ReportBuilder:
    """The report of :func:`build_report`, built while the measures are scanned: its
    :meth:`select` is the catalogue's Selector, and counts each kept record where it is
    checked (:attr:`~integ_cli.checking.measure.Keep.fold`): workers send the tallies of
    their runs, never the records, so a report on 100,000 measures holds no record.

    The records come in file order, not id order: every section sorts its rows by field
    and id, so the report is the same (sums of amounts with more than two decimals
    could differ in their last cent where two ids sort differently from their file
    names, or where the runs split them)."""

    def __init__(self, query: Query, date: dt.date, *, internal: bool = False) -> None:
        self.query, self.date, self.internal = query, date, internal
        self._tally: _Tally | None = None

    def select(self, catalogue: Catalogue) -> Keep:
        """The query's selection of the report's keys, counting each record into the tally;
        the concept record's ``stale_after_days`` counts for the attention section."""
        from integ_cli.checking.attention import stale_after_days
        from integ_cli.checking.measure import Keep

        chosen = selector(self.query, REPORT_KEYS)(catalogue)
        self._tally = _Tally.of(catalogue, self.query, self.date, stale_after_days(catalogue.root))
        fold = self._tally if self.internal else _Internal(self._tally)
        return replace(chosen if isinstance(chosen, Keep) else Keep(chosen), fold=fold)

    def report(self, catalogue: Catalogue, title: str | None = None) -> Report:
        """The report, once ``catalogue`` is loaded with :meth:`select`."""
        assert self._tally is not None, "the catalogue is loaded with select before the report is built"
        return _report(catalogue, self.query, self._tally, self.internal, title)


def _report(catalogue: Catalogue, query: Query, tally: _Tally, internal: bool, title: str | None) -> Report:
    """The report of what ``tally`` took of the measures."""
    fields = catalogue.fields
    codelists = catalogue.codelists
    groups = catalogue.vocabularies.get("target-groups", {})
    districts = catalogue.vocabularies.get("districts", {})
    order = field_order(fields, prioritised_first=True)
    header = Header(
        title or report_title(catalogue.root) or _(TITLE),
        tally.date.isoformat(),
        tally.measures,
        internal,
        _filters(query, catalogue, codelists),
        sum(1 for f in catalogue.invalid_files() if f.startswith("data/")),
        illustrative=is_illustrative(catalogue.root),
    )
    counts = {row.id: row for row in tally.fields.rows()}
    shown = [f for f in order if not query.fields or f in query.fields or counts[f].total]
    by_field = field_section(counts, tally.horizons, shown, codelists)
    budget = tally.budget.section(fields, order, codelists["source"])
    return Report(
        header=header,
        fields=by_field,
        matrix=tally.matrix.section(shown),
        districts=district_section(tally.districts.rows(), districts),
        budget=budget,
        indicators=indicator_section(tally.indicators, tally.incomplete, order),
        attention=attention_of(tally.attention, order, tally.stale_after_days),
        updates=update_section(tally.updates, order, tally.measures),
        names={
            "fields": {f: str(e.get("name", f)) for f, e in fields.items()},
            "target-groups": {g: str(e.get("name", g)) for g, e in groups.items()},
            "districts": {d: str(e.get("name", d)) for d, e in districts.items()},
        },
        codes={
            "status": _code_names(codelists["status"], by_field.by_status),
            "horizon": _code_names(codelists["horizon"], by_field.by_horizon),
            "source": _code_names(codelists["source"], budget.sources),
        },
    )


#: A row's fields in order, as a tuple (what :class:`_Tally` sends of it).
_INDICATOR_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(IndicatorRow)))
_UPDATE_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(UpdateRow)))


class _Tally:
    """What each section takes of the records, added one record at a time; a worker's
    tally of its run is merged into the command's (:class:`~integ_cli.checking.measure.Tally`).
    Runs are merged in file order, so every list holds its rows as one pass would."""

    def __init__(
        self,
        fields: Entries,
        codelists: Codelists,
        vocabularies: Mapping[str, Entries],
        years: Sequence[int],
        date: dt.date,
        stale_after_days: int | None,
    ) -> None:
        self._made = (fields, codelists, vocabularies, years, date, stale_after_days)
        self.date, self.stale_after_days = date, stale_after_days
        self.measures = 0
        self.fields = FieldTally(fields, codelists["status"])
        horizons = codelists["horizon"]
        self.horizons: dict[str, dict[str, int]] = {f: horizons.tally(()) for f in fields}
        self.matrix = _Matrix(fields, vocabularies.get("target-groups", {}))
        self.districts = DistrictTally(vocabularies.get("districts", {}))
        self.budget = BudgetTally(years)
        self.indicators: list[IndicatorRow] = []
        self.incomplete = 0
        self.attention: list[AttentionRow] = []
        self.updates: list[UpdateRow] = []

    @classmethod
    def of(cls, catalogue: Catalogue, query: Query, date: dt.date, stale_after_days: int | None) -> _Tally:
        return cls(catalogue.fields, catalogue.codelists, catalogue.vocabularies, query.years, date, stale_after_days)

    def __getstate__(self) -> dict[str, Any]:
        # What a worker sends back is what it counted: the vocabularies it was made
        # with are the command's already. Its rows go as tuples of their fields, which
        # the command loads several times faster than dataclasses' state.
        state = {key: value for key, value in self.__dict__.items() if key != "_made"}
        state["indicators"] = list(map(_INDICATOR_FIELDS, self.indicators))
        state["attention"] = [
            (row.id, row.title, row.field, row.status, [(r.code, r.detail) for r in row.reasons])
            for row in self.attention
        ]
        state["updates"] = list(map(_UPDATE_FIELDS, self.updates))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["indicators"] = list(itertools.starmap(IndicatorRow, state["indicators"]))
        state["attention"] = [
            AttentionRow(measure, title, field_id, status, list(itertools.starmap(Reason, reasons)))
            for measure, title, field_id, status, reasons in state["attention"]
        ]
        state["updates"] = list(itertools.starmap(UpdateRow, state["updates"]))
        self.__dict__.update(state)

    def empty(self) -> _Tally:
        return _Tally(*self._made)

    def add(self, data: Mapping[str, Any]) -> None:
        self.measures += 1
        self.fields.add(data)
        row = self.horizons.get(str(data.get("field")))
        horizon = data.get("horizon")
        if row is not None and isinstance(horizon, str):
            row[horizon] = row.get(horizon, 0) + 1
        self.matrix.add(data)
        self.districts.add(data)
        self.budget.add(data)
        self.incomplete += indicator_rows(data, self.indicators)
        attention = attention_row(data, self.date, self.stale_after_days)
        if attention is not None:
            self.attention.append(attention)
        update = update_row(data)
        if update is not None:
            self.updates.append(update)

    def merge(self, other: _Tally) -> None:
        self.measures += other.measures
        self.fields.merge(other.fields)
        for field_id, counts in other.horizons.items():
            _add_counts(self.horizons.setdefault(field_id, {}), counts)
        self.matrix.merge(other.matrix)
        self.districts.merge(other.districts)
        self.budget.merge(other.budget)
        self.indicators += other.indicators
        self.incomplete += other.incomplete
        self.attention += other.attention
        self.updates += other.updates


def _add_counts(counts: dict[str, int], more: Mapping[str, int]) -> None:
    """Add ``more`` to ``counts``, a value first met in ``more`` after those of ``counts``."""
    for key, count in more.items():
        counts[key] = counts.get(key, 0) + count


class _Internal:
    """A tally that leaves internal measures out (the report's default): what the
    workers count is what the report shows."""

    def __init__(self, tally: _Tally) -> None:
        self.tally = tally

    def empty(self) -> _Internal:
        return _Internal(self.tally.empty())

    def add(self, data: dict[str, Any]) -> None:
        if not is_internal(data):
            self.tally.add(data)

    def merge(self, other: _Internal) -> None:
        self.tally.merge(other.tally)


def _code_names(codelist: Codelist, codes: Iterable[str]) -> list[CodeName]:
    language = i18n.current()
    return [CodeName(code, codelist.name(code, language), codelist.short(code, language)) for code in codes]


#: Query attributes whose values are codes of a codelist.
_CODED = {"statuses": "status", "horizons": "horizon"}


def _filters(query: Query, catalogue: Catalogue, codelists: Codelists) -> list[Filter]:
    out: list[Filter] = []
    for key, kind in _FILTERS:
        value = getattr(query, key)
        if not value:
            continue
        values = [str(v) for v in value] if isinstance(value, tuple) else []
        if kind == "fields":
            names = [str(catalogue.fields.get(v, {}).get("name", v)) for v in values]
        elif kind is not None:
            entries = catalogue.vocabularies.get(kind, {})
            names = [str(entries.get(v, {}).get("name", v)) for v in values]
        elif key in _CODED:
            names = [codelists[_CODED[key]].name(v, i18n.current()) for v in values]
        else:
            names = list(values)
        out.append(Filter(key, values, names))
    return out


def field_section(
    counts: Mapping[str, FieldCount], horizons: Mapping[str, dict[str, int]], shown: Sequence[str], codelists: Codelists
) -> FieldSection:
    """Measures per field, status and horizon. Every status and horizon of the codelists
    gets a column, and so does any other value a measure has: the columns of a row always
    sum to its total."""
    statuses, horizons_list = codelists["status"], codelists["horizon"]
    status_keys = statuses.order(s for f in shown for s in counts[f].by_status)
    horizon_keys = horizons_list.order(h for f in shown for h in horizons[f])
    rows = [
        FieldRow(
            f,
            counts[f].name,
            counts[f].short_name,
            counts[f].prioritised,
            {s: counts[f].by_status.get(s, 0) for s in status_keys},
            {h: horizons[f].get(h, 0) for h in horizon_keys},
            counts[f].total,
            counts[f].also,
        )
        for f in shown
    ]
    by_status = {s: sum(r.by_status[s] for r in rows) for s in status_keys}
    by_horizon = {h: sum(r.by_horizon[h] for r in rows) for h in horizon_keys}
    return FieldSection(rows, by_status, by_horizon, sum(r.total for r in rows))


def main_groups(groups: Entries) -> list[str]:
    """The main target groups (``main: true``), in file order; where none is marked,
    the top-level groups."""
    marked = [g for g, entry in groups.items() if entry.get("main") is True]
    return marked or [g for g, entry in groups.items() if entry.get("parent") not in groups]


class _Matrix:
    """Action field x main target group, one record at a time. A row is counted for every
    field; the section shows those of the fields shown."""

    def __init__(self, fields: Entries, groups: Entries) -> None:
        self.groups = groups
        self.mains = main_groups(groups)
        self.below = {main: descendants(groups, [main]) for main in self.mains}
        self.rows = {f: MatrixRow(f, str(fields[f].get("name", f)), dict.fromkeys(self.mains, 0), 0, 0) for f in fields}
        self.totals = dict.fromkeys(self.mains, 0)
        self.other = self.total = 0

    def add(self, data: Mapping[str, Any]) -> None:
        row = self.rows.get(str(data.get("field")))
        named = set(data.get("target_groups") or ())
        hits = [main for main in self.mains if named & self.below[main]]
        for main in hits:
            self.totals[main] += 1
        self.other += not hits
        self.total += 1
        if row is not None:
            for main in hits:
                row.counts[main] += 1
            row.other += not hits
            row.total += 1

    def merge(self, other: _Matrix) -> None:
        for field_id, theirs in other.rows.items():
            row = self.rows[field_id]
            _add_counts(row.counts, theirs.counts)
            row.other += theirs.other
            row.total += theirs.total
        _add_counts(self.totals, other.totals)
        self.other += other.other
        self.total += other.total

    def section(self, shown: Sequence[str]) -> MatrixSection:
        groups = self.groups
        return MatrixSection(
            [Group(g, str(groups[g].get("name", g))) for g in self.mains],
            [self.rows[f] for f in shown if f in self.rows],
            self.totals,
            self.other,
            self.total,
        )


def district_section(counts: Sequence[EntryCount], districts: Entries) -> DistrictSection:
    rows = [DistrictRow(c.id, c.name, c.direct, c.total) for c in counts]
    city_wide = {d for d, entry in districts.items() if entry.get("city_wide") is True}
    return DistrictSection([r for r in rows if r.id not in city_wide], [r for r in rows if r.id in city_wide])


def indicator_rows(data: Mapping[str, Any], rows: list[IndicatorRow]) -> int:
    """Add a measure's indicators that have a target and an actual value to ``rows``;
    how many lack one of them."""
    incomplete = 0
    for item in data.get("indicators") or ():
        if not isinstance(item, dict):
            continue
        target, actual = as_number(item.get("target")), as_number(item.get("actual"))
        if target is None or actual is None:
            incomplete += 1
            continue
        baseline = as_number(item.get("baseline"))
        start = baseline or 0
        progress = None if target == start else round((actual - start) / (target - start), 4)
        reached = actual >= target if target >= start else actual <= target
        rows.append(
            IndicatorRow(
                str(data.get("id")),
                str(data.get("title", "")),
                str(data.get("field", "")),
                str(item.get("name", "")),
                str(item.get("unit", "")),
                item.get("year") if isinstance(item.get("year"), int) else None,
                baseline,
                target,
                actual,
                progress,
                reached,
            )
        )
    return incomplete


def indicator_section(rows: list[IndicatorRow], incomplete: int, order: Sequence[str]) -> IndicatorSection:
    """The rows in the order of the other sections: action fields, then ids (a measure's
    indicators as in its file: the sort is stable)."""
    rank = ranks(order)
    rows.sort(key=lambda r: (rank.get(r.field, len(rank)), r.measure))
    return IndicatorSection(rows, incomplete)
