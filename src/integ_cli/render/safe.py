r"""Data made safe to stand in a line of text output: the one place that decides it.

integ prints values from the data files, from spreadsheets and from git (titles, ids,
file names, commit subjects) into lines that people read on a terminal and that CI
systems parse. A value must not be able to start a line of its own or steer what
reads it: a line break followed by ``::error file=...::`` is a GitHub Actions workflow
command (the runner trims leading blanks, so an indented line counts too), an ESC
starts a terminal escape sequence, a bidi override reorders what is shown, a
zero-width character hides itself. :func:`one_line` shows each such character as an
escape, visibly:

* ``\n``, ``\r`` and ``\t`` as these two characters, everything else as ``\uXXXX``
  (``\u001b`` for ESC, ``\u2028``, ``\u202e``). It is the spelling YAML's double quotes
  use, so the escape is what one writes in the record to get the character, and it is
  the spelling problem messages already use (:class:`integ_cli.problems.Problem`);
  plain ASCII, so any terminal, log viewer and font shows it.
* ``::`` as ``:\u003a`` and ``##[`` as ``#\u0023[``: GitHub reads ``::`` at the start
  of a line and the older ``##[command]`` anywhere in one. Wrapping text (``integ
  show``) or folding a table cell can put any part of a value at the start of a line,
  so the sequence is broken wherever it is in the value.

A backslash in the data stays as it is. Machine formats keep their own escaping:
:func:`in_strings` finishes what ``json.dumps`` and YAML leave, :func:`html_text` is the
same for HTML, CSV and the ``github`` format are written by their own rules.
"""

from __future__ import annotations

import re

#: Characters shown as escapes: C0 and C1 controls and DEL; invisible characters and
#: the ones that change the direction of text (soft hyphen, Arabic letter mark, zero
#: width ones, line and paragraph separator, bidi embeddings, overrides and isolates,
#: word joiners, byte order mark, interlinear annotation); surrogates and the two
#: non-characters, which no output encoding or XML file can hold. The C0 controls are
#: apart: ``json.dumps`` and YAML's double quotes escape them themselves.
_C0 = "\x00-\x1f"
_OTHERS = (
    "\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff"
)
_UNSAFE = re.compile(f"[{_C0}{_OTHERS}]|::|##\\[")
_IN_STRINGS = re.compile(f"[{_OTHERS}]|::|##\\[")
#: The characters alone: a character class is searched several times faster than the
#: alternation above, so clean text (nearly all) is recognised by it and ``in``.
_UNSAFE_CHARS = re.compile(f"[{_C0}{_OTHERS}]")
_OTHER_CHARS = re.compile(f"[{_OTHERS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "::": ":\\u003a", "##[": "#\\u0023["}


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    return _NAMED.get(found) or f"\\u{ord(found):04x}"


def _clean(text: str, chars: re.Pattern[str]) -> bool:
    """Whether ``text`` holds none of ``chars`` and neither sequence: nearly every value.
    Every character of ``chars`` is one Python does not count as printable, so a
    printable text (umlauts and all) needs no search."""
    if "::" in text or "##[" in text:
        return False
    return text.isprintable() or chars.search(text) is None


def escape(text: str) -> str:
    """``text`` with every character (and sequence) of the module docstring shown as an
    escape; nothing else changes. For one line of a longer text (:func:`text_lines`)."""
    return text if _clean(text, _UNSAFE_CHARS) else _UNSAFE.sub(_escaped, text)


def one_line(text: str) -> str:
    """``text`` as one harmless line for text output: line breaks at either end dropped
    (a folded YAML scalar's last one is no content), the rest :func:`escape`-d. Blanks
    stay: an overview indents its hierarchy with them."""
    return escape(text.strip("\r\n"))


def text_lines(text: str) -> list[str]:
    """A text of several lines (a summary, notes) as its lines, each :func:`escape`-d:
    its own line breaks stay line breaks, which integ writes, everything else shows."""
    return [escape(line) for line in text.strip("\n").split("\n")]


def in_strings(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) or YAML text whose strings
    that :func:`needs_escape` are double-quoted, with what those formats leave raw
    written as their ``\\uXXXX`` escapes: the same data to a parser, harmless on a
    terminal and in a CI log. Only strings can hold these characters and sequences, and
    both formats read ``\\u0023`` inside double quotes as ``#``."""
    return text if _clean(text, _OTHER_CHARS) else _IN_STRINGS.sub(_escaped, text)


_IN_HTML = re.compile(f"[\\x00-\\x08\\x0b-\\x1f{_OTHERS}]|[\\n\\r]|##\\[")
_HTML_NAMED = {"\n": "&#10;", "\r": "&#13;", "##[": "#&#35;["}


def html_text(text: str) -> str:
    """``text`` for HTML (the report): ``html.escape``-d, its line breaks and ``##[`` as
    character references, which a browser shows exactly as before but which keep the
    data from starting a line of the file (printed in a CI log, it is read line by line
    too); every other character of the module docstring shown as an escape, as in text."""
    import html  # only here: text output, the most common, never needs it

    escaped = html.escape(text)
    if _clean(escaped, _UNSAFE_CHARS):
        return escaped
    return _IN_HTML.sub(lambda m: _HTML_NAMED.get(m.group()) or f"\\u{ord(m.group()):04x}", escaped)


def needs_escape(text: str) -> bool:
    """Whether :func:`escape` would change ``text``."""
    return not _clean(text, _UNSAFE_CHARS)
