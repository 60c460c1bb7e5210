"""The fast path of :mod:`integ_cli.files.loading`: simple files parsed by a Rust parser.

Half of ``integ validate``'s time went into libyaml handing every event of every file
to Python to build a node tree (about 1.2 million objects for 10,000 measures), and
a fifth into turning those nodes into values. ``yaml-rs`` parses a file and builds its
values in Rust, four times faster than that. It reads YAML 1.2, though, not integ's
narrowed rules, and it keeps no positions. So it is used only where the answer cannot
differ from the composing loader's:

* A byte-level check (:func:`simple`: one translation of the file's bytes, then a few
  searches that start with rare bytes, all in C) sends to the composing loader every
  file that uses anything where the two could differ: tags, anchors and aliases,
  directives, document markers, complex keys, the reserved ``@`` and backtick,
  escapes but ``\\uXXXX`` (of a printable character), ``\\\\`` and ``\\"``, tabs,
  a lone carriage return, control characters and the line breaks only YAML 1.1 knows
  (NEL, U+2028/2029), a second byte order mark, block scalars that may be empty or
  end the file without a line feed (yaml-rs adds one), indentation or keep indicators
  on block scalars, nesting too deep for yaml-rs's stack, and number forms that YAML
  1.2 reads as numbers and integ as text (``007``, ``0x1F``, ``1_000``, ``1.``,
  numbers longer than ``MAX_NUMBER_DIGITS``). It errs on the side of the composing
  loader: a summary that says ``Kinder & Jugendliche`` goes there too, and is only
  slower.
* Plain scalars that both read as something else than text are the same for both:
  ``null``/``Null``/``NULL``/``~``/empty, ``true``/``True``/``TRUE``, the ``false``
  forms, decimal integers and floats. Tests compare the two typings on generated
  number forms and files.
* The values are then walked once (:func:`_size`): a key that is not text (``2024:``,
  ``true:``), an infinite or NaN float (``.inf``, ``1e999``: integ keeps their text),
  nesting of ``MAX_DEPTH`` or more, or more than ``MAX_NODES`` values send the file to
  the composing loader, which reports them as it always did.
* Any error of the Rust parser (a duplicate key, bad syntax) does too, so every
  problem is still told by the composing loader, with its line and column.

A document read here has no node tree; :class:`integ_cli.files.loading.Document`
composes one when a problem needs a position (a few records of thousands). Where
``yaml-rs`` is not installed (no wheel for the platform), every file takes the
composing loader.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from integ_cli.files.limits import MAX_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS


#: Each byte's class for one quick look at the whole file (:func:`simple`): "!" for a
#: byte that makes a file not simple (control characters, tabs), "0" for
#: one that may stand in a number, " " for most others; a byte that needs a closer look
#: is its own class, with a search of its own in :data:`_CLOSER`.
def _classes() -> bytes:
    table = bytearray(b" " * 256)
    for byte in b"-+.0123456789eE":
        table[byte] = ord("0")
    for byte in b"!&*@`?":
        table[byte] = ord("*")
    table[ord("[")] = table[ord("{")] = ord("[")  # flow collections, counted for their depth
    for byte in b"|>\r_\xc2\xe2\xef\\":
        table[byte] = byte
    for byte in [*range(0x0A), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]:
        table[byte] = ord("!")
    return bytes(table)


_CLASSES = _classes()
#: A run of number characters longer than integ reads as a number.
_LONG_NUMBER = b"0" * (MAX_NUMBER_DIGITS + 1)
#: A search for each class of byte that needs a closer look; each starts with that byte
#: (so it is fast) and runs only where the quick look found one.
_CLOSER = tuple(
    (trigger, re.compile(pattern))
    for trigger, pattern in (
        (b"*", rb"[!&*@`?](?<=[\n \[\]{},][!&*@`?])"),  # tags, anchors, aliases, reserved, complex keys
        (b"\r", rb"\r(?!\n)"),  # a carriage return that does not end a line with its line feed
        (b"\xc2", rb"\xc2[\x80-\x9f]"),  # C1 control characters, NEL (a line break in YAML 1.1)
        (b"\xe2", rb"\xe2\x80[\xa8\xa9]"),  # U+2028 and U+2029, line breaks in YAML 1.1 only
        (b"\xef", rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"),  # a second BOM, the non-characters U+FFFE/U+FFFF
        (b"_", rb"_(?:[0-9.]|(?<=[0-9.]_))"),  # digits grouped with underscores
    )
)
#: The escapes both parsers read alike and the loader accepts: ``\\``, ``\"`` and
#: ``\uXXXX`` of a character that is not a control character, a surrogate or U+FFFE/FFFF
#: (editors and emitters write umlauts so). Where any other backslash is left, the
#: file is not simple.
_ESCAPE = re.compile(rb'\\(?:[\\"]|u(?!00[0-1]|007[fF]|00[89]|[dD][89a-fA-F]|[fF]{3}[eEfF])[0-9a-fA-F]{4})')
#: Leading zeros and 0x/0o/0b where a scalar may start, with a sign or not: right after
#: a bracket, comma, colon (``{"a":07}``) or line feed, or after a space that follows
#: one of those, ``-``, ``?`` or another space. A space after other text is inside a
#: plain scalar (``+49 241 0000000``), where both parsers read text.
_ZERO = re.compile(
    rb"0[0-9A-Za-z_](?:(?<=[\[{,:\n]0.)|(?<=[\[{,:\n][-+]0.)|(?<=[ \[{,:?\n-] 0.)|(?<=[ \[{,:?\n-] [-+]0.))"
)
#: The same on the file's first line, which nothing precedes.
_ZERO_START = re.compile(rb" *[-+]?0[0-9A-Za-z_]")
#: ``1.`` and ``1.e5``: a digit and a dot with no digit after it, which is mostly prose
#: ("seit 2006."); where there is one, whether it is a whole scalar.
_DIGIT_DOT = re.compile(rb"\.(?![0-9])(?<=[0-9]\.)")
_NUMBER_DOT = re.compile(rb"(?:^|[:?-] |[\[{,])[ ]*[-+]?[0-9]+\.(?![0-9])", re.MULTILINE)
#: A block scalar's header (``|``, ``>-``, ...) at the end of its line, matched where
#: a ``|`` or ``>`` stands after a space or at a line's start.
_BLOCK = re.compile(rb"[|>][-+]?[ ]*(?:#[^\n]*)?(?=\n|\Z)")
#: A line's indent, counting the "- " of list items on it.
_INDENT = re.compile(rb"[ -]*")
#: A line with something on it, and its indent.
_FILLED = re.compile(rb"\n( *)[^ \n]")


#: What may follow ``|`` or ``>`` to make a block scalar's header with an indentation
#: indicator (``|2``, ``>-1``) or a keep indicator (``|+``).
_INDICATOR = b"0123456789+"


def _odd_block(text: bytes) -> bool:
    """Whether a block scalar in ``text`` may have an indentation or keep indicator
    (wherever a ``|`` or ``>`` is followed by one, even in text: such files are left to
    the composing loader), may be empty (its next line with something on it is not
    indented deeper than its header's line), or may end the file without a line feed.
    yaml-rs reads the last two with a line feed at the end, where YAML (and libyaml)
    reads none. One walk over the ``|`` and ``>`` of a file looks for all three."""
    found = False
    for indicator in (b"|", b">"):  # found with bytes.find: a regular expression's scan is slower
        at = text.find(indicator)
        while at >= 0:
            following = text[at + 1 : at + 3]
            if following and (following[0] in _INDICATOR or (following[0] == 45 and following[1:2].isdigit())):
                return True  # 45 is "-": a strip indicator before an indentation indicator
            header = _BLOCK.match(text, at) if at == 0 or text[at - 1] in b" \n" else None
            at = text.find(indicator, at + 1)
            if header is None:
                continue
            start = text.rfind(b"\n", 0, header.start()) + 1
            indent = _INDENT.match(text, start).end() - start  # type: ignore[union-attr]  # "*" always matches
            if header.start() == start + indent and text.endswith(b"- ", 0, header.start()):
                # A list item's own block scalar ("- >-"): its text may start one column
                # right of the dash; counting from after the dash's column keeps a
                # column of margin, and the usual "- >-" over text under it takes this path.
                indent -= 1
            filled = _FILLED.search(text, header.end())
            if filled is None or len(filled.group(1)) <= indent:
                return True
            found = True
    return found and not text.endswith(b"\n")


#: A line whose first character but spaces is ``#``: a comment, or text inside a block
#: or quoted scalar; in none of them does a token start.
_COMMENT_LINE = re.compile(rb"[ ]*#")


def _outside_comments(search: re.Pattern[bytes], raw: bytes) -> bool:
    """Whether ``search``, which looks for the start of a token (a tag, anchor, alias,
    reserved indicator, complex key or a number with a leading zero), finds one in
    ``raw`` on a line that does not start with ``#``. Comments say "05
    Nordrhein-Westfalen" or "`integ site`" where no token can start, in both parsers
    alike, and would otherwise send a whole file to the composing loader."""
    found = search.search(raw)
    while found is not None:
        if _COMMENT_LINE.match(raw, raw.rfind(b"\n", 0, found.start()) + 1) is None:
            return True
        found = search.search(raw, found.end())
    return False


def simple(raw: bytes) -> bool:
    """Whether ``raw`` (UTF-8, without BOM) uses nothing the Rust parser could read
    differently, and nests shallowly enough for it (deep nesting would overflow its stack)."""
    image = raw.translate(_CLASSES)
    if b"!" in image or _LONG_NUMBER in image:
        return False
    # The searches look at what precedes a line's start: the file's first line is
    # looked at on its own (copying the file to put a line feed before it costs more).
    if raw[:1] in b"!&*@`?%" or raw.startswith((b"---", b"...")) or _ZERO_START.match(raw) is not None:
        return False
    for trigger, closer in _CLOSER:
        if trigger in image and (_outside_comments(closer, raw) if trigger == b"*" else closer.search(raw) is not None):
            return False
    if b"\\" in image and b"\\" in _ESCAPE.sub(b"", raw):
        return False
    if _outside_comments(_ZERO, raw):
        return False
    if _DIGIT_DOT.search(raw) is not None and _NUMBER_DOT.search(raw) is not None:
        return False
    if (b"|" in image or b">" in image) and _odd_block(raw):
        return False
    # A block collection nests at most one level deeper per column of indent or "- "
    # (two for a list under a key), a flow collection one per bracket.
    room = (MAX_DEPTH - 3 - image.count(b"[")) // 2
    if room < 0 or _INDENT.match(raw).end() > room:  # type: ignore[union-attr]  # "*" always matches
        return False
    return _line_start(room).search(raw) is None


@functools.cache
def _line_start(room: int) -> re.Pattern[bytes]:
    """A line indented past ``room`` columns (of spaces and list items' "- "), or one
    that starts with a directive or a document marker: one search of the lines' starts
    for both. Compiled once for each room (most files have the same, as most hold no
    flow collection)."""
    return re.compile(rb"\n(?:[ -]{%d}|%%|---|\.\.\.)" % (room + 1))


#: The Rust parser, once imported (``False`` where it is not installed).
_parser: Any = None


class _NotSimple(Exception):
    """The walk found something the composing loader should report."""


def _loads() -> Any:
    """``yaml_rs.loads`` with duplicate keys an error, or ``False`` without yaml-rs;
    imported on the first file, so a command that reads no file never pays for it."""
    global _parser
    if _parser is None:
        try:
            import yaml_rs
        except ImportError:  # no wheel for this platform: the composing loader reads everything
            _parser = False
        else:
            policy = yaml_rs.DuplicateKeyPolicy.Error

            def parse(text: str) -> Any:
                return yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=policy)

            _parser = parse
    return _parser


def _size(value: Any, depth: int) -> int:
    """The number of values in the collection ``value`` (itself included), as the
    composing loader counts them; raises :class:`_NotSimple` for a key that is not text
    or for nesting the loader would refuse."""
    if depth >= MAX_DEPTH:
        raise _NotSimple
    count = 1
    if value.__class__ is dict:
        for key, item in value.items():
            if key.__class__ is not str:
                raise _NotSimple
            cls = item.__class__
            if cls is dict or cls is list:
                count += _size(item, depth + 1)
            else:
                count += 1
                if cls is float and item - item != 0.0:  # inf or nan: integ keeps their text
                    raise _NotSimple
    else:
        for item in value:
            cls = item.__class__
            if cls is dict or cls is list:
                count += _size(item, depth + 1)
            else:
                count += 1
                if cls is float and item - item != 0.0:
                    raise _NotSimple
    return count


def load(raw: bytes, text: str) -> tuple[bool, Any]:
    """``(True, data)`` where the file is simple and the Rust parser read it; else
    ``(False, None)``: the composing loader must read it. ``raw`` and ``text`` are the
    same file, checked UTF-8, as bytes and as text."""
    parse = _loads()
    if not parse or not simple(raw):
        return False, None
    try:
        data = parse(text)
    except Exception:  # a duplicate key, a syntax error...: the composing loader tells which
        return False, None
    cls = data.__class__
    if data is None:  # empty, or a null document: only the node tree tells which
        return False, None
    if cls is float and data - data != 0.0:
        return False, None
    if cls is dict or cls is list:
        try:
            if _size(data, 0) > MAX_NODES:
                return False, None
        except _NotSimple:
            return False, None
    return True, data
