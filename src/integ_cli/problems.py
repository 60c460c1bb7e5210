"""The one record every check produces: a Problem.

Every output format (text, JSON, GitHub annotations, JUnit) renders the same list of
Problems, so a problem is plain data and knows nothing about how it is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

#: Characters a message must not carry as they are: control characters (a terminal
#: would obey them) and invisible or direction-changing ones (they hide or reorder
#: text, so a quoted value would not read as what the file holds). Shown as \\uXXXX.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _visible(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Severity(str, Enum):
    """How bad a problem is: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file.

    ``file`` is relative to the repository root where the file lies inside it (POSIX
    separators, so output is the same on every platform); ``line`` and ``column`` are
    1-based and ``None`` where the problem has no position (e.g. a file that cannot be
    read). ``path`` locates the value inside the record (``budget[0].year``; empty for
    the whole record). ``code`` is stable and documented, for scripts and suppressions.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # Messages quote values from the files; keep what they quote harmless to show.
        for name in ("file", "path", "message"):
            value = getattr(self, name)
            if _UNSAFE.search(value):
                object.__setattr__(self, name, _visible(value))

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, so output reads top to bottom."""
        return (self.file, self.line or 0, self.column or 0, self.code)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of a problem (documented in the README)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


def format_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """Render a path inside a record the way users read it: ``budget[0].year``."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(str(part))
    return "".join(out)
