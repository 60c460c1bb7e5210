"""Numbers, amounts and dates the way a reader of integ's language writes them.

German (the default): ``12.000`` for twelve thousand, ``1.234,5`` for a decimal,
``12.000 €`` for an amount, ``93 %`` and ``31.12.2025`` for a date. English
(``INTEG_LANG=en``): ``12,000``, ``1,234.5``, ``€12,000``, ``93%`` and the ISO date
``2025-12-31``. English is formatted the English way rather than the German one
because ``12.000`` reads as twelve to an English reader: a council document in
English must not change its amounts by a factor of a thousand. ISO dates are
unambiguous whatever the reader's country (``05/01/2026`` is not) and are what the
data files and ``--date`` use.

Files and machine formats (JSON, CSV) keep the plain values. Every renderer formats
through these functions, at the moment it renders (the language may switch in one
process, as the tests do), so the style of each language lives here alone.
"""

from __future__ import annotations

from integ_cli import i18n

#: What a missing value shows as in tables and reports.
MISSING = "–"


def _english() -> bool:
    return i18n.current() == "en"


def _local(text: str) -> str:
    """Python's ``1,234.5`` in the reader's style: German swaps the separators."""
    if _english():
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _half_up(value: float) -> int:
    """``value`` rounded to a whole number, halves away from zero (as people round money).
    Whole numbers stay exact (``value + 0.5`` would turn a large one into a float)."""
    if isinstance(value, int):
        return value
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def number(value: float | None, decimals: int = 2) -> str:
    """A number with thousands separators: ``12.000``, ``1.234,5`` (English ``12,000``,
    ``1,234.5``); at most ``decimals`` decimals (trailing zeros dropped); ``–`` for None."""
    if value is None:
        return MISSING
    if float(value).is_integer():
        return _local(f"{int(value):,}")
    return _local(f"{value:,.{decimals}f}".rstrip("0").rstrip("."))


def euros(value: float | None) -> str:
    """Whole euros without the sign: ``12.000`` (rounded half up); ``–`` for None."""
    return MISSING if value is None else _local(f"{_half_up(value):,}")


def _with_sign(amount: str, space: str) -> str:
    """The euro sign where the language puts it: after the amount in German, before
    it in English (``-€2,500``: the minus first)."""
    if not _english():
        return amount + space + "€"
    return "-€" + amount[1:] if amount.startswith("-") else "€" + amount


def money(value: float | None, space: str = " ", cents: bool = False) -> str:
    """An amount with the euro sign: ``12.000 €`` (English ``€12,000``), rounded to
    whole euros, or with ``cents`` the cents where there are any (``800,50 €``); ``–``
    for None. ``space`` goes between amount and sign in German (a no-break space where
    a line must not break there)."""
    if value is None:
        return MISSING
    if cents and not float(value).is_integer():
        return _with_sign(_local(f"{value:,.2f}"), space)
    return _with_sign(euros(value), space)


def millions(value: float, space: str = " ") -> str:
    """A short amount for a chart's axis: ``1,5 Mio. €`` (English ``€1.5m``), below a
    million as :func:`money`."""
    if value < 1_000_000:
        return money(value, space)
    amount = number(round(value / 1_000_000, 2))
    return f"€{amount}m" if _english() else f"{amount}{space}Mio.{space}€"


def percent(share: float | None, space: str = " ") -> str:
    """A share (0.93) as whole percent: ``93 %`` (English ``93%``); ``–`` for None."""
    if share is None:
        return MISSING
    return f"{_half_up(share * 100)}{'' if _english() else space}%"


def date(iso: str) -> str:
    """An ISO date (``2025-12-31``) as the reader writes it: ``31.12.2025`` in German,
    unchanged in English; anything else as it is."""
    if len(iso) == 10 and iso[4] == "-" and iso[7] == "-" and not _english():
        return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"
    return iso


def partial_date(text: str) -> str:
    """A date as precise as the record knows it (``2026``, ``2026-06``, ``2026-06-30``)
    as the reader writes it: ``2026``, ``06.2026``, ``30.06.2026`` in German (the forms
    integ takes as input); the record's own form in English."""
    if len(text) == len("2026-06") and text[4] == "-" and not _english():
        return f"{text[5:7]}.{text[0:4]}"
    return date(text)
