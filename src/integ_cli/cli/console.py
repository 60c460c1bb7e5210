"""Where output goes and how it looks: colour on a terminal only, NO_COLOR honoured."""

from __future__ import annotations

import os
from typing import TextIO


def use_colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"
