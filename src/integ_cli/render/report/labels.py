"""What the report's human formats (terminal, Markdown, HTML) share: German labels.

The report is written for the council, so its headings and labels are German; the
JSON model keeps ids and English keys. Numbers and dates are formatted the German way
by :mod:`integ_cli.render.format`. Every label lives here, so a translation is one
dictionary away.
"""

from __future__ import annotations

from integ_cli.render.format import date
from integ_cli.report.model import Filter, Header, Reason, Report

ATTENTION = {
    "overdue": "Enddatum überschritten, noch laufend",
    "no-indicator": "keine Kennzahl",
    "no-budget": "kein Budget",
    "no-lead": "keine Federführung",
    "stale": "seit über einem Jahr nicht aktualisiert",
}
FILTER = {
    "fields": "Handlungsfeld",
    "prioritised": "nur priorisierte Handlungsfelder",
    "target_groups": "Zielgruppe",
    "exact": "Zielgruppen und Akteure exakt",
    "actors": "Akteur",
    "lead_only": "nur Federführung",
    "districts": "Stadtbezirk",
    "no_city_wide": "ohne stadtweite Maßnahmen",
    "statuses": "Status",
    "horizons": "Zeithorizont",
    "years": "Jahr",
    "text": "Suchtext",
}
SECTIONS = {
    "fields": "Maßnahmen nach Handlungsfeld",
    "matrix": "Handlungsfelder und Hauptzielgruppen",
    "districts": "Maßnahmen nach Stadtbezirk",
    "budget": "Budget",
    "indicators": "Kennzahlen: Ist und Ziel",
    "attention": "Handlungsbedarf",
}
OTHER_GROUPS = "ohne Hauptzielgruppe"
TOTAL = "Summe"
MONEY = {"planned": "Ansatz", "revised": "fortgeschr. Ansatz", "spent": "Ist"}


def code_names(report: Report, key: str) -> dict[str, str]:
    """Code -> name for one of the report's codelists (``status``, ``horizon``, ``source``)."""
    return {code.code: code.name for code in report.codes.get(key, [])}


def filter_text(item: Filter) -> str:
    label = FILTER.get(item.key, item.key)
    if not item.values:
        return label
    shown = [f"„{v}“" for v in item.values] if item.key == "text" else item.names
    return f"{label}: {' oder '.join(shown)}"


def header_lines(header: Header) -> list[str]:
    """The lines under the title: date, scope, filters, internal records, invalid files."""
    count = f"{header.measures} Maßnahme{'n' if header.measures != 1 else ''}"
    lines = [f"Stand: {date(header.date)} · {count}"]
    if header.filters:
        lines.append("Auswahl: " + "; ".join(filter_text(f) for f in header.filters))
    if header.internal:
        lines.append("Enthält interne Maßnahmen (visibility: internal) – nicht zur Veröffentlichung.")
    else:
        lines.append("Nur öffentliche Maßnahmen; interne Maßnahmen sind nicht enthalten.")
    if header.invalid_files:
        files = f"{header.invalid_files} ungültige Datei{'en' if header.invalid_files != 1 else ''}"
        lines.append(f"Achtung: {files} übergangen (integ validate zeigt die Fehler).")
    return lines


def reason_text(reason: Reason) -> str:
    label = ATTENTION.get(reason.code, reason.code)
    if reason.detail and reason.code == "overdue":
        return f"{label} (Ende {date(reason.detail)})"
    if reason.code == "stale":
        return f"{label} (zuletzt {date(reason.detail)})" if reason.detail else "ohne Aktualisierungsdatum"
    return label


def bar(value: float, maximum: float, width: int = 20) -> str:
    """A bar of block characters, ``value / maximum`` of ``width`` long (eighths included)."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[rest]
