"""Numbers as staff type them on the command line and in the dialogue.

Files keep plain numbers; what is typed may use a decimal comma. Thousands separators
are refused, since ``12.000`` could mean twelve or twelve thousand.
"""

from __future__ import annotations

import re


def parse_amount(text: str) -> int | float:
    """An amount in EUR as typed: ``12000``, ``12000.50`` or ``12000,50``. Thousands
    separators are refused (``12.000`` could be twelve or twelve thousand)."""
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"[0-9]{1,3}([.,][0-9]{3})+", cleaned):
        plain = cleaned.replace(".", "").replace(",", "")
        raise ValueError(f"'{text}': write amounts without thousands separators, e.g. {plain}")
    return parse_number(cleaned.replace(",", "."), text)


def parse_number(text: str, shown: str | None = None) -> int | float:
    """A number as typed (``38``, ``-2``, ``0.75``); whole numbers stay integers."""
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"'{shown or text}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"'{shown or text}' is not a number")
    return int(value) if value.is_integer() and "e" not in text.lower() else value
