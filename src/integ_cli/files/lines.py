"""One line of a record as people write it: ``key: value``, ``- entry``, its indentation.

Explaining a YAML mistake means showing the line as it should read, so the explanations
take lines apart (:data:`RECORD_LINE`), recognise ``key:value`` with the space missing
(:data:`MISSING_SPACE`) and put a value in the quotes it needs (:func:`quote`). These are
patterns over text, not a YAML parser: they read the lines YAML could not.
"""

from __future__ import annotations

import re

#: A line of a record: indentation and list dashes, an optional ``key:`` and a value.
RECORD_LINE = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?:(?P<key>[^\s#'\"\[\]{},&*!|>%@`-][^:#]*?):(?:[ \t]+|$))?(?P<value>.*)"
)
#: ``key:value``: a key, a colon and text right after it (the space is missing).
MISSING_SPACE = re.compile(r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s:].*)")
#: The characters YAML reads as something other than text at the start of a value.
INDICATORS = "@`&*|>%!"


def quote(text: str) -> str:
    """``text`` as a quoted YAML value: in double quotes, or in single quotes (a ``'``
    in it doubled) where it holds a ``"`` or a backslash, which double quotes escape."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _unquoted(value: str) -> str:
    """A value without the one pair of quotes around it, if it has one."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def quoted_line(line: str, plain: bool) -> str:
    """``line`` with its value in quotes, without its indentation (it is shown in a
    message). A ``plain`` value ends where a comment (`` #``) begins; the comment is kept
    after the quotes."""
    found = RECORD_LINE.fullmatch(line.rstrip())
    assert found is not None  # every part of the pattern may be empty
    value, comment = found["value"], ""
    if plain and " #" in value:
        value, comment = value.split(" #", 1)
        comment = " #" + comment
    key = found["key"]
    return found["lead"].lstrip() + (f"{key}: " if key else "") + quote(_unquoted(value.rstrip())) + comment


def key_of(line: str) -> str | None:
    """The key a line starts (``None`` for a list entry or a line of text)."""
    found = RECORD_LINE.fullmatch(line.rstrip())
    return found["key"] if found is not None else None


def indent(line: str) -> int:
    """How many spaces the line starts with."""
    return len(line) - len(line.lstrip(" "))
