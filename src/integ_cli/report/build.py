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

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli import i18n
from integ_cli.concept.load import is_illustrative, report_title
from integ_cli.fields import field_order, ranks
from integ_cli.hierarchy import descendants
from integ_cli.i18n import N_, _
from integ_cli.query import Query
from integ_cli.report.attention import attention_section
from integ_cli.report.budget import budget_section
from integ_cli.report.counts import district_counts, field_counts
from integ_cli.report.model import (
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
    Report,
    as_number,
)
from integ_cli.report.updates import update_section

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Measure
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
    so the model holds what the renderers show; ids and keys are the same in every language."""
    measures = sorted(
        (m for m in catalogue.measures if internal or not is_internal(m.data)),
        key=lambda m: str(m.data.get("id", "")),
    )
    fields = catalogue.fields
    codelists = catalogue.codelists
    groups = catalogue.vocabularies.get("target-groups", {})
    districts = catalogue.vocabularies.get("districts", {})
    order = field_order(fields, prioritised_first=True)
    header = Header(
        title or report_title(catalogue.root) or _(TITLE),
        date.isoformat(),
        len(measures),
        internal,
        _filters(query, catalogue, codelists),
        sum(1 for f in catalogue.invalid_files() if f.startswith("data/")),
        illustrative=is_illustrative(catalogue.root),
    )
    shown = [f for f in order if not query.fields or f in query.fields or _has(measures, f)]
    by_field = field_section(fields, measures, shown, codelists)
    budget = budget_section(fields, measures, order, query.years, codelists["source"])
    return Report(
        header=header,
        fields=by_field,
        matrix=matrix_section(fields, groups, measures, shown),
        districts=district_section(districts, measures),
        budget=budget,
        indicators=indicator_section(measures, order),
        attention=attention_section(measures, order, date, stale_after_days),
        updates=update_section(measures, order),
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


def _code_names(codelist: Codelist, codes: Iterable[str]) -> list[CodeName]:
    language = i18n.current()
    return [CodeName(code, codelist.name(code, language), codelist.short(code, language)) for code in codes]


def _has(measures: Sequence[Measure], field_id: str) -> bool:
    return any(m.data.get("field") == field_id for m in measures)


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
    fields: Entries, measures: Sequence[Measure], shown: Sequence[str], codelists: Codelists
) -> FieldSection:
    """Measures per field, status and horizon. Every status and horizon of the codelists
    gets a column, and so does any other value a measure has: the columns of a row always
    sum to its total."""
    statuses, horizons_list = codelists["status"], codelists["horizon"]
    counts = {row.id: row for row in field_counts(fields, measures, statuses)}
    horizons: dict[str, dict[str, int]] = {f: horizons_list.tally(()) for f in fields}
    for measure in measures:
        row = horizons.get(str(measure.data.get("field")))
        horizon = measure.data.get("horizon")
        if row is not None and isinstance(horizon, str):
            row[horizon] = row.get(horizon, 0) + 1
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


def matrix_section(
    fields: Entries, groups: Entries, measures: Sequence[Measure], shown: Sequence[str]
) -> MatrixSection:
    mains = main_groups(groups)
    below = {main: descendants(groups, [main]) for main in mains}
    rows = {f: MatrixRow(f, str(fields[f].get("name", f)), dict.fromkeys(mains, 0), 0, 0) for f in shown if f in fields}
    totals = dict.fromkeys(mains, 0)
    other = total = 0
    for measure in measures:
        row = rows.get(str(measure.data.get("field")))
        named = set(measure.data.get("target_groups") or ())
        hits = [main for main in mains if named & below[main]]
        for main in hits:
            totals[main] += 1
        other += not hits
        total += 1
        if row is not None:
            for main in hits:
                row.counts[main] += 1
            row.other += not hits
            row.total += 1
    return MatrixSection(
        [Group(g, str(groups[g].get("name", g))) for g in mains], list(rows.values()), totals, other, total
    )


def district_section(districts: Entries, measures: Sequence[Measure]) -> DistrictSection:
    rows = [DistrictRow(c.id, c.name, c.direct, c.total) for c in district_counts(districts, measures)]
    city_wide = {d for d, entry in districts.items() if entry.get("city_wide") is True}
    return DistrictSection([r for r in rows if r.id not in city_wide], [r for r in rows if r.id in city_wide])


def indicator_section(measures: Sequence[Measure], order: Sequence[str]) -> IndicatorSection:
    rank = ranks(order)
    rows: list[IndicatorRow] = []
    incomplete = 0
    ordered = sorted(measures, key=lambda m: (rank.get(str(m.data.get("field")), len(rank)), str(m.data.get("id"))))
    for measure in ordered:
        data = measure.data
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
    return IndicatorSection(rows, incomplete)
