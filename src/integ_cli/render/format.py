"""Numbers, amounts and dates the way a German reader writes them.

Everything a person reads (reports, tables, the history of changes) shows ``12.000``
for twelve thousand, ``1.234,5`` for a decimal, ``12.000 €`` for an amount and
``31.12.2025`` for a date; files and machine formats (JSON, CSV) keep the plain values.
Every renderer formats through these functions, so the German style lives in one place
and a change of style (or, one day, of language) is made here once.
"""

from __future__ import annotations

#: What a missing value shows as in tables and reports.
MISSING = "–"


def _german(text: str) -> str:
    """Swap Python's ``1,234.5`` into the German ``1.234,5``."""
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _half_up(value: float) -> int:
    """``value`` rounded to a whole number, halves away from zero (as people round money).
    Whole numbers stay exact (``value + 0.5`` would turn a large one into a float)."""
    if isinstance(value, int):
        return value
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def number(value: float | None, decimals: int = 2) -> str:
    """A number with thousands points and a decimal comma: ``12.000``, ``1.234,5``; at
    most ``decimals`` decimals (trailing zeros dropped); ``–`` for None."""
    if value is None:
        return MISSING
    if float(value).is_integer():
        return _german(f"{int(value):,}")
    return _german(f"{value:,.{decimals}f}".rstrip("0").rstrip("."))


def euros(value: float | None) -> str:
    """Whole euros without the sign: ``12.000`` (rounded half up); ``–`` for None."""
    return MISSING if value is None else _german(f"{_half_up(value):,}")


def money(value: float | None, space: str = " ", cents: bool = False) -> str:
    """An amount with the euro sign: ``12.000 €``, rounded to whole euros, or with
    ``cents`` the cents where there are any (``800,50 €``); ``–`` for None. ``space``
    goes before the sign (a no-break space where a line must not break there)."""
    if value is None:
        return MISSING
    if cents and not float(value).is_integer():
        return _german(f"{value:,.2f}") + space + "€"
    return euros(value) + space + "€"


def percent(share: float | None, space: str = " ") -> str:
    """A share (0.93) as whole percent: ``93 %``; ``–`` for None."""
    return MISSING if share is None else f"{_half_up(share * 100)}{space}%"


def date(iso: str) -> str:
    """An ISO date (``2025-12-31``) as Germans write it: ``31.12.2025``; anything else
    as it is."""
    if len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"
    return iso
