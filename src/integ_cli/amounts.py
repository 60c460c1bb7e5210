"""What counts as an amount in a record: a number, where ``True`` is not one.

Its own small module because ``integ validate`` checks budget lines with it at every
start, and the report's model, where it was, costs more to import (its dataclasses)
than the check itself.
"""

from __future__ import annotations

from typing import Any

Number = int | float


def as_number(value: Any) -> Number | None:
    """``value`` where it is a number (``True`` is not one), else None."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
