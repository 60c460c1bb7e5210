"""What the report's human formats (terminal, Markdown, HTML) share: its labels.

The report is written for the council, so it is German by default and English with
``INTEG_LANG=en``: every label here is an English message id (marked with ``N_``),
translated where it is shown, so the language is the one of the moment the report is
rendered. The JSON model keeps ids and English keys. Numbers and dates are formatted
in the same language by :mod:`integ_cli.render.format`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integ_cli.i18n import N_, _, ngettext
from integ_cli.render.format import date
from integ_cli.report.model import Filter, Header, Reason, Report

ATTENTION = {
    "overdue": N_("end date passed, still active"),
    "milestone": N_("milestone overdue"),
    "no-indicator": N_("no indicator"),
    "no-budget": N_("no budget"),
    "no-lead": N_("no lead"),
    "stale": N_("not updated for over a year"),
}
FILTER = {
    "fields": N_("Action field"),
    "prioritised": N_("prioritised action fields only"),
    "target_groups": N_("Target group"),
    "exact": N_("target groups and actors exactly"),
    "actors": N_("Actor"),
    "lead_only": N_("lead only"),
    "districts": N_("District"),
    "no_city_wide": N_("without city-wide measures"),
    "statuses": N_("Status"),
    "horizons": N_("Horizon"),
    "years": N_("Year"),
    "text": N_("Search text"),
}
SECTIONS = {
    "fields": N_("Measures by action field"),
    "matrix": N_("Action fields and main target groups"),
    "districts": N_("Measures by district"),
    "budget": N_("Budget"),
    "indicators": N_("Indicators: actual and target"),
    "updates": N_("Latest status updates"),
    "attention": N_("Needs attention"),
}
#: What a report, ``show`` and an export say where the concept record marks the data as invented.
ILLUSTRATIVE = N_("Example data: invented measures and amounts.")
OTHER_GROUPS = N_("no main target group")
TOTAL = N_("Total")
MONEY = {"planned": N_("Planned"), "revised": N_("Revised"), "spent": N_("Spent")}
#: Headers of the indicator table, in full and (compact) for a terminal.
INDICATOR_HEADERS = (
    N_("Measure"),
    N_("Indicator"),
    N_("Unit"),
    N_("Year"),
    N_("Baseline"),
    N_("Target"),
    N_("Actual"),
    N_("Progress"),
)
COMPACT_INDICATOR_HEADERS = (
    N_("Measure"),
    N_("Indicator (unit)"),
    N_("Year"),
    N_("Base"),
    N_("Target"),
    N_("Actual"),
    N_("reached"),
)
STAFF_HEADERS = (N_("Year"), N_("Full-time equivalents"), N_("Measures"))
ATTENTION_HEADERS = (N_("ID"), N_("Measure"), N_("Action field"), N_("Status"), N_("Note"))
#: Headers of the status updates table: the measure, then its latest update.
UPDATE_HEADERS = (N_("ID"), N_("Measure"), N_("Action field"), N_("Date"), N_("Status"), N_("Latest update"))


@dataclass(frozen=True, slots=True)
class Line:
    """A line under the report's title; ``warning`` ones stand out (the report may be incomplete)."""

    text: str
    warning: bool = False


def code_names(report: Report, key: str) -> dict[str, str]:
    """Code -> name for one of the report's codelists (``status``, ``horizon``, ``source``)."""
    return {code.code: code.name for code in report.codes.get(key, [])}


def labelled(label: str, value: str) -> str:
    """``label: value``, as the language writes it."""
    return _("{label}: {value}").format(label=label, value=value)


def filter_text(item: Filter) -> str:
    label = _(FILTER[item.key]) if item.key in FILTER else item.key
    if not item.values:
        return label
    shown = [_("“{text}”").format(text=v) for v in item.values] if item.key == "text" else item.names
    return labelled(label, _(" or ").join(shown))


def measures(count: int) -> str:
    """``5 Maßnahmen``, ``1 Maßnahme``."""
    return ngettext("{n} measure", "{n} measures", count).format(n=count)


def header_lines(header: Header) -> list[Line]:
    """The lines under the title: that the data are invented (where the concept says so),
    date, scope, filters, internal records, invalid files."""
    lines = [Line(_(ILLUSTRATIVE), warning=True)] if header.illustrative else []
    lines += [Line(_("As of {date} · {measures}").format(date=date(header.date), measures=measures(header.measures)))]
    if header.filters:
        lines.append(Line(_("Selection: {filters}").format(filters="; ".join(filter_text(f) for f in header.filters))))
    if header.internal:
        lines.append(Line(_("Includes internal measures (visibility: internal) – not for publication.")))
    else:
        lines.append(Line(_("Public measures only; internal measures are not included.")))
    if header.invalid_files:
        skipped = ngettext(
            "Attention: {n} invalid file skipped (integ validate shows the errors).",
            "Attention: {n} invalid files skipped (integ validate shows the errors).",
            header.invalid_files,
        )
        lines.append(Line(skipped.format(n=header.invalid_files), warning=True))
    return lines


def attention_label(code: str, stale_after_days: int | None = None) -> str:
    """What the attention list calls a reason; ``stale`` with the days the concept
    record sets (``attention.stale_after_days``), where it sets any."""
    if code == "stale" and stale_after_days is not None:
        return ngettext("not updated for over {n} day", "not updated for over {n} days", stale_after_days).format(
            n=stale_after_days
        )
    return _(ATTENTION[code]) if code in ATTENTION else code


def reason_texts(stale_after_days: int | None = None) -> Callable[[Reason], str]:
    """What the attention list says of a reason, remembered per reason and date: a
    list of 10,000s of rows names a handful of reasons and a few hundred dates, and
    looking each text up in the catalog again was most of the time the list took."""
    said: dict[tuple[str, str | None], str] = {}

    def text(reason: Reason) -> str:
        key = (reason.code, reason.detail)
        found = said.get(key)
        if found is None:
            found = said[key] = _reason_text(reason, stale_after_days)
        return found

    return text


def _reason_text(reason: Reason, stale_after_days: int | None) -> str:
    label = attention_label(reason.code, stale_after_days)
    if reason.detail and reason.code == "overdue":
        return _("{reason} (end {date})").format(reason=label, date=date(reason.detail))
    if reason.detail and reason.code == "milestone":
        from integ_cli.render.progress import when

        return _("{reason} (due {date})").format(reason=label, date=when(reason.detail))
    if reason.code == "stale":
        if reason.detail:
            return _("{reason} (last {date})").format(reason=label, date=date(reason.detail))
        return _("no date of the last update")
    return label


def bar(value: float, maximum: float, width: int = 20) -> str:
    """A bar of block characters, ``value / maximum`` of ``width`` long (eighths included)."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[rest]
