"""YAML syntax errors explained: which line to change, and what to write there instead.

libyaml names the grammar rule that failed ("mapping values are not allowed in this
context", "while scanning a quoted scalar") at the place where it gave up, which can be
many lines after the mistake: a quote left open on line 4 is reported where the next
quote closes it, on line 27. People who edit records by hand make a handful of mistakes
over and over (a colon in a title, a quote left open, a tab, ``title:Text``); this
module recognises them from libyaml's message and the file's text, points at the line
that needs the change and shows that line as it should read. Anything else keeps
libyaml's own words, behind the same ``YAML syntax error:`` and the same code.

The pure-Python ``SafeLoader`` (used where libyaml is missing) words some messages
differently; both wordings are recognised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from integ_cli.files.lines import INDICATORS, MISSING_SPACE, RECORD_LINE, indent, key_of, quote, quoted_line
from integ_cli.i18n import _
from integ_cli.problems import Problem

CODE = "yaml-syntax"


@dataclass(frozen=True, slots=True)
class _Error:
    """libyaml's error taken apart, with the file's lines: what it says, where it gave up
    (0-based, like libyaml's marks) and where the construct it was reading began."""

    problem: str
    context: str
    line: int
    column: int
    context_line: int | None
    context_column: int | None
    lines: list[str]

    def text(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""


@dataclass(frozen=True, slots=True)
class _Found:
    """An explanation: the line and column to change (0-based) and the reason."""

    line: int
    column: int
    reason: str


def _tab(error: _Error) -> _Found | None:
    """A tab in the indentation, or where YAML expects a space (after ``-`` or ``:``)."""
    line = error.text(error.line)
    lead = line[: len(line) - len(line.lstrip(" \t-"))]
    if "\t" not in lead and line[error.column : error.column + 1] != "\t":
        return None
    column = line.index("\t") if "\t" in line[: error.column + 1] else error.column
    return _Found(error.line, column, _("the line holds a tab where YAML expects spaces; indent with spaces, not tabs"))


def _open_quote(error: _Error, token: Any) -> _Found | None:
    """A quote left open: libyaml reached the end of the file inside it, or the next
    quote, lines further on, closed it (``token`` is the text it swallowed)."""
    if token is not None and token.start_mark.line < token.end_mark.line:
        opened, column, end = token.start_mark.line, token.start_mark.column, token.end_mark.line
        reason = _(
            "the quote {quote} opened on line {line} is not closed on that line, so YAML reads everything up to "
            "the next {quote}, on line {end}, as one text and gives up there; close it on line {line}: {fixed}"
        )
    elif "quoted scalar" in error.context and ("end of stream" in error.problem or "document" in error.problem):
        opened, column, end = error.context_line or 0, error.context_column or 0, error.line
        reason = _(
            "the quote {quote} opened on line {line} is never closed, so YAML reads on to the end of the file "
            "(line {end}) and gives up there; close it where the text ends: {fixed}"
        )
    else:
        return None
    mark = error.text(opened)[column : column + 1] or '"'
    fixed = error.text(opened).strip() + mark
    return _Found(opened, column, reason.format(quote=mark, line=opened + 1, end=end + 1, fixed=fixed))


def _escape(error: _Error) -> _Found | None:
    r"""A backslash in double quotes that starts no escape (``"C:\Users"``)."""
    opened = error.text(error.context_line or 0)[error.context_column or 0 :][:1]
    if "quoted scalar" not in error.context or error.context_line is None or opened != '"':
        return None
    reason = _(
        "inside double quotes a backslash starts an escape such as \\n; for text with backslashes "
        "(a Windows path) use single quotes: {fixed}"
    )
    fixed = quoted_line(error.text(error.context_line), plain=False)
    return _Found(error.context_line, error.context_column or 0, reason.format(fixed=fixed))


def _after_quote(error: _Error, token: Any) -> _Found | None:
    """Text after the closing quote on the same line: ``'Eltern's Kurs'``, ``"x" y``."""
    if token is None or token.end_mark.line != error.line:
        return None
    reason = _(
        "the text in quotes ends before the value does; put the whole value in one pair of quotes "
        "(inside '...' an apostrophe is written twice, ''): {fixed}"
    )
    fixed = quoted_line(error.text(error.line), plain=False)
    return _Found(error.line, token.start_mark.column, reason.format(fixed=fixed))


def _missing_space(line: int, text: str) -> _Found | None:
    """``title:Text``: YAML reads a colon as a separator only with a space after it."""
    found = MISSING_SPACE.fullmatch(text.rstrip())
    if found is None:
        return None
    value = found["value"]
    fixed = f"{found['lead'].lstrip()}{found['key']}: {quote(value) if value[0] in '#' + INDICATORS else value}"
    return _Found(line, found.end("key"), _("YAML needs a space after the colon; write {fixed}").format(fixed=fixed))


def _no_colon(line: int, text: str) -> _Found:
    reason = _(
        "the line {text} has no colon; write 'field: value' (with a space after the colon), "
        "or indent the line further if it continues the text of the line above"
    )
    return _Found(line, indent(text), reason.format(text=repr(text.strip())))


def _colon(error: _Error) -> _Found | None:
    """``mapping values are not allowed``: a colon and a space inside a value, either on
    the line of its key or on a line that YAML reads as more of a value from above."""
    if "mapping values are not allowed" not in error.problem:
        return None
    line = error.text(error.line)
    found = RECORD_LINE.fullmatch(line)
    if found is not None and found["key"] and found.start("value") <= error.column:
        reason = _(
            "a colon followed by a space inside the value of '{key}' makes YAML read a second field; "
            "put the text in quotes: {fixed}"
        )
        return _Found(error.line, error.column, reason.format(key=found["key"], fixed=quoted_line(line, plain=True)))
    above = [n for n in range(error.line - 1, -1, -1) if error.text(n).strip() and error.text(n).lstrip()[0] != "#"]
    owner = next((n for n in above if MISSING_SPACE.fullmatch(error.text(n).rstrip()) or key_of(error.text(n))), None)
    if owner is None:
        return _no_colon(above[0], error.text(above[0])) if above else None
    missing = _missing_space(owner, error.text(owner))
    if missing is not None:
        return missing
    reason = _(
        "this line is indented further than line {above}, so YAML reads it as more of the value of '{key}', "
        "where a colon followed by a space needs quotes; if '{name}' is a field of its own, indent it like "
        "'{key}'; if it is text, put the whole value of '{key}' in quotes"
    )
    name = found["key"] if found is not None and found["key"] else line.strip()
    return _Found(error.line, indent(line), reason.format(above=owner + 1, key=key_of(error.text(owner)), name=name))


def _simple_key(error: _Error) -> _Found | None:
    """``could not find expected ':'``: a line without ``key: value`` (``title:Text``)."""
    if "simple key" not in error.context or error.context_line is None:
        return None
    text = error.text(error.context_line)
    return _missing_space(error.context_line, text) or _no_colon(error.context_line, text)


def _documents(error: _Error) -> _Found | None:
    if "single document" not in error.context:
        return None
    reason = _(
        "the line '---' starts a second document, and a record file holds one record; remove the line, "
        "or move what follows it into a file of its own"
    )
    return _Found(error.line, error.column, reason)


def _flow(error: _Error) -> _Found | None:
    """A ``[`` or ``{`` without its closing bracket (or without commas between entries);
    reported where YAML gave up, naming the line of the bracket."""
    if "flow" not in error.context or "',' or" not in error.problem or error.context_line is None:
        return None
    opened = error.text(error.context_line)[error.context_column or 0 :][:1] or "["
    reason = _(
        "the '{open}' on line {line} has no matching '{close}'; close it, with commas between the entries"
    ).format(open=opened, close="}" if opened == "{" else "]", line=error.context_line + 1)
    return _Found(error.line, error.column, reason)


def _block(error: _Error) -> _Found | None:
    """A line that does not fit the list or the mapping it stands in: indentation."""
    line = error.text(error.line)
    start = line[error.column : error.column + 1]
    if error.column != indent(line) or not (start.isalnum() or start in "-_'\""):  # not a misplaced line
        return None
    if "block collection" in error.context:
        reason = _(
            "this line is indented like the list entries above it but is not one; start it with '- ' "
            "to add an entry, or indent it less if it is a field of its own"
        )
    elif "block mapping" in error.context and line.lstrip().startswith("-"):
        reason = _(
            "a list entry ('- ...') stands where a field is expected; write the field on a line of its own, "
            "ending in a colon, and indent its entries under it"
        )
    elif "block mapping" in error.context:
        reason = _(
            "this line is indented differently from the lines above it; the fields of one level start in the "
            "same column (count the spaces)"
        )
    else:
        return None
    return _Found(error.line, error.column, reason)


def _indicator(error: _Error) -> _Found | None:
    """A value starting with a character YAML reserves (``@``, `` ` ``, ``*``, ``&``, ``|``)."""
    if "undefined alias" in error.problem or "cannot start any token" in error.problem:
        line, column = error.line, error.column
    elif re.search(r"an anchor|an alias|block scalar|a directive", error.context) and error.context_line is not None:
        line, column = error.context_line, error.context_column or 0
    else:
        return None
    text = error.text(line)
    char = text[column : column + 1]
    value = RECORD_LINE.fullmatch(text.rstrip())
    if not char or char not in INDICATORS or value is None or value.start("value") != column:
        return None
    if not value["key"] and ": " in value["value"]:  # the character starts a field's name, not a value
        return None
    reason = _(
        "a value cannot begin with {char} unless it is in quotes (YAML gives {char} a meaning of its own there); "
        "write {fixed}"
    ).format(char=char, fixed=quoted_line(text, plain=True))
    return _Found(line, column, reason)


def _inline_list(error: _Error) -> _Found | None:
    """``horizon: - long``: a list entry on the line of its field."""
    key = key_of(error.text(error.line))
    if "sequence entries are not allowed" not in error.problem or not key:
        return None
    reason = _(
        "a list cannot start on the line of its field; write '{key}:' on a line of its own and each entry "
        "on a line below it, indented, as '- entry'"
    )
    return _Found(error.line, error.column, reason.format(key=key))


def _swallowing(loader: Callable[[bytes], Any], text: bytes, line: int, column: int) -> Any:
    """The quoted text YAML read last before ``line``/``column``, where it ends on that
    line: the text a quote left open swallowed, or one followed by more text."""
    last = None
    scanner = loader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if (token.start_mark.line, token.start_mark.column) >= (line, column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if last is None or last.style not in ("'", '"') or last.end_mark.line != line:
        return None
    return last


def _quotes(error: _Error, text: bytes, loader: Callable[[bytes], Any]) -> _Found | None:
    """Mistakes with quotes, found from the quoted text YAML read last before it gave up
    (in a mapping or list) or before the quote it could not finish."""
    if "block" in error.context:
        token = _swallowing(loader, text, error.line, error.column)
        return _open_quote(error, token) or _after_quote(error, token)
    if "quoted scalar" in error.context and error.context_line is not None:
        token = _swallowing(loader, text, error.context_line, error.context_column or 0)
        return _open_quote(error, token) or _escape(error)
    return None


#: The other explanations, each recognising its mistake from libyaml's words alone.
_EXPLAINERS = (_colon, _simple_key, _documents, _flow, _block, _indicator, _inline_list)


def explain(file: str, error: yaml.MarkedYAMLError, text: bytes, loader: Callable[[bytes], Any]) -> Problem:
    """The Problem to report for ``error``, raised by ``loader`` reading ``text``:
    explained where it is a common mistake, else in libyaml's words."""
    mark = error.problem_mark or error.context_mark
    detail = str(error.problem or error) + (f" ({error.context})" if error.context else "")
    if mark is None:
        return Problem(file, None, None, "", CODE, _("YAML syntax error: {reason}").format(reason=detail))
    context = error.context_mark
    found = _Error(
        str(error.problem or ""),
        str(error.context or ""),
        mark.line,
        mark.column,
        context.line if context is not None else None,
        context.column if context is not None else None,
        text.decode("utf-8").replace("\r\n", "\n").split("\n"),
    )
    explained = (
        _tab(found)
        or _quotes(found, text, loader)
        or next((e for e in (explainer(found) for explainer in _EXPLAINERS) if e is not None), None)
        or _Found(mark.line, mark.column, detail)
    )
    reason = _("YAML syntax error: {reason}").format(reason=explained.reason)
    return Problem(file, explained.line + 1, explained.column + 1, "", CODE, reason)
