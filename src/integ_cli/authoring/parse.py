"""Values as staff type them: numbers, amounts and dates (the one home of reading them),
and the keys and values of ``integ set``.

The command line (``integ budget --planned``, ``integ set``, ``integ changelog --since``),
the ``integ add`` dialogue and the spreadsheet import all read typed values here, so a
value means the same everywhere. Files keep ISO dates and plain numbers; what people
type may be German:

* **Dates**: ``31.12.2025`` (also ``1.9.2025``) or ``2025-12-31``; two-digit years are
  refused (``31.12.25`` could be 1925 or 2025).
* **Numbers and amounts**: ``12000``, ``12000,50``, ``12000.50``, ``12.000``,
  ``12.000,50``, ``12 000``; amounts also with ``€`` or ``EUR`` (``12.000 €``).
  A dot followed by exactly three digits (and no more) is a thousands separator, as
  in German: ``12.000`` is twelve thousand, ``12.5`` and ``12.50`` are twelve and a
  half. A comma is the decimal comma: ``12,5`` is twelve and a half. Where a comma
  and dots are both used, the comma is the decimal one (``1.234,5``); the English
  ``1,234.50`` is read too, the dot being last. Refused, since it could mean either:
  a comma followed by exactly three digits and nothing else (``12,000``: twelve, as a
  German reads it, or twelve thousand, as an English one does); ``12000`` or ``12,0000``
  says which.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from integ_cli.i18n import _
from integ_cli.patterns import DATE, PARTIAL_DATE_PATTERN

#: A date the German way: day, month, four-digit year.
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
#: A currency sign or word before or after an amount.
_CURRENCY = re.compile(r"^(?:€|EUR)|(?:€|EUR)$", re.IGNORECASE)
#: Blanks people put between thousands (also the narrow and non-breaking ones Excel uses).
_BLANKS = re.compile(r"[\s\u00a0\u202f]")
#: German: dots between groups of three digits, an optional decimal comma.
_GERMAN_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
#: English: commas between groups of three digits, a decimal point.
_ENGLISH_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")
#: Twelve or twelve thousand: a lone comma before exactly three digits.
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3},\d{3}")


def parse_date(text: str) -> str:
    """A date as typed (``31.12.2025`` or ``2025-12-31``), as the files keep it: ISO
    ``2025-12-31``. ValueError, with what to write instead, where it is no date."""
    written = text.strip()
    german = _GERMAN_DATE.fullmatch(written)
    if german:
        day, month, year = german.groups()
        written = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        if not DATE.fullmatch(written):
            raise ValueError
        datetime.date.fromisoformat(written)
    except ValueError:
        raise ValueError(
            _("'{text}' is not a date: write it as DD.MM.YYYY or YYYY-MM-DD, e.g. 31.12.2025").format(text=text.strip())
        ) from None
    return written


def parse_partial_date(text: str) -> str:
    """A date known to the year, month or day as typed (``2014``, ``06.2014``,
    ``30.06.2014`` or ISO), as the files keep it; ValueError saying what to write."""
    from integ_cli.concept.model import PartialDate

    try:
        return str(PartialDate.from_typed(text))
    except ValueError:
        raise ValueError(
            _("'{text}' is not a date: write it as YYYY, MM.YYYY, DD.MM.YYYY or YYYY-MM-DD, e.g. 06.2014").format(
                text=text.strip()
            )
        ) from None


def parse_amount(text: str) -> int | float:
    """An amount in EUR as typed: a number (see :func:`parse_number`), with or
    without ``€`` or ``EUR`` (``12.000 €``, ``EUR 12000,50``)."""
    return parse_number(_CURRENCY.sub("", text.strip()), text)


def parse_number(text: str, shown: str | None = None) -> int | float:
    """A number as typed (``38``, ``-2``, ``0,75``, ``12.000``, ``12.000,50``); whole
    numbers stay integers. ``shown`` is what the message quotes (the text as typed)."""
    shown = (shown if shown is not None else text).strip()
    cleaned = _BLANKS.sub("", text)
    if _AMBIGUOUS.fullmatch(cleaned):
        large = cleaned.replace(",", "")
        raise ValueError(
            _("'{text}' could be read two ways: write {large} for {large}, or {fraction} for the fraction").format(
                text=shown, large=large, fraction=cleaned + "0"
            )
        )
    if _GERMAN_GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _ENGLISH_GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(_("'{text}' is not a number").format(text=shown)) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(_("'{text}' is not a number").format(text=shown))
    return int(value) if value.is_integer() and "e" not in cleaned.lower() else value


def parse_share(text: str) -> float:
    """A share as typed (``90 %``, ``90%``, ``0,9``, ``0.9``) as the files keep it: a
    fraction from 0 to 1. ValueError, with what to write, for anything else (``90``
    without a per-cent sign is refused: it could mean 90 % or a typing error)."""
    written = text.strip()
    percent = written.endswith("%")
    number = parse_number(written[:-1] if percent else written, written)
    share = number / 100 if percent else number
    if not 0 <= share <= 1:
        raise ValueError(_("'{text}' is not a share: write it as 90 % or 0,9").format(text=written))
    return float(share)


# --- integ set KEY=VALUE ------------------------------------------------------------------


#: A number with German thousands dots (``12.000``), which YAML would read as 12.0.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_KEY_PART = re.compile(r"([A-Za-z0-9_-]+)|\[(\d+)\]")


def parse_key(text: str) -> list[str | int]:
    """``decision.paper`` → ["decision", "paper"]; ``budget[0].spent`` (or
    ``budget.0.spent``) → ["budget", 0, "spent"]. ValueError where malformed."""
    parts: list[str | int] = []
    position = 0
    for match in _KEY_PART.finditer(text):
        if match.start() != position:
            break
        name, index = match.groups()
        parts.append(int(index) if index is not None else int(name) if name.isdigit() else name)
        position = match.end()
        if position < len(text) and text[position] == ".":
            position += 1
    if not parts or position != len(text) or isinstance(parts[0], int) or text.endswith("."):
        raise ValueError(
            _("'{key}' is not a key; write e.g. status, decision.paper or budget[0].spent").format(key=text)
        )
    return parts


def parse_value(text: str) -> Any:
    """A value given on the command line, read by the loader's rules: numbers,
    true/false, ``[a, b]`` lists and ``{k: v}`` mappings; yes/no, dates and anything
    else stay text. Empty (or null) means "remove". ValueError for a broken list."""
    from integ_cli.files.loading import LoadProblem, load_document

    stripped = text.strip()
    if not stripped:
        return None
    try:
        document = load_document(stripped.encode("utf-8"), "<value>")
    except LoadProblem as error:
        if stripped[0] in "[{\"'":
            raise ValueError(
                _("cannot read the value {value}: {reason}").format(value=stripped, reason=error.problem.message)
            ) from None
        return stripped
    value = document.data if document is not None else None
    if isinstance(value, float) and _GROUPED.fullmatch(stripped):
        return stripped  # 12.000 is twelve thousand to a German: typed() reads it by the schema
    if isinstance(value, (dict, list)) and stripped[0] not in "[{":
        return stripped  # 'title=Sprachcafé: offen' means text, not a mapping
    if isinstance(value, str) and stripped[0] not in "\"'" and value != stripped:
        return stripped  # a '#' started a YAML comment; the user meant the text
    return value


def typed(schema: dict[str, Any], path: Sequence[str | int], value: Any) -> Any:
    """``value`` as the schema wants it at ``path`` where it is text typed the German
    way: a date (``31.12.2025`` → ``2025-12-31``) or a number (``12.000,50`` →
    12000.5), read as :func:`parse_date` and :func:`parse_number` do. Anything else is left as it
    is, for validation to judge. ValueError where a date or number cannot be read."""
    from integ_cli.checking.schema import subschema

    if not isinstance(value, str):
        return value
    node = subschema(schema, path)
    if node.get("format") == "date":
        return parse_date(value)
    if node.get("pattern") == PARTIAL_DATE_PATTERN:
        return parse_partial_date(value)
    if node.get("type") in ("number", "integer"):
        return parse_number(value)
    return value
