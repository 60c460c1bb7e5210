"""The CSV integ writes and the CSV it reads back, in one place.

Written (``integ list --format csv``, ``integ export --format csv``): what a German
office's Excel opens with a double click: UTF-8 with a byte order mark (without it
Excel reads Windows-1252 and garbles umlauts), ``;`` between cells (German Excel's list
separator, as ``,`` is the decimal comma), CRLF line ends, cells quoted where needed
(RFC 4180). Python reads it back with
``csv.DictReader(open(path, encoding="utf-8-sig", newline=""), delimiter=";")``.
Numbers are plain (``12000.5``) unless a decimal comma is asked for (``integ export
--format csv --decimal-comma``: ``12000,5``, which a German Excel reads as a number
where it would take ``12000.5`` for text or a date). The point is the default: the
CSV is a machine format, the same in every language, read by scripts as well as by
Excel; the workbook (.xlsx) is the way for Excel, its numbers need no separator at
all. No thousands separators either way: ``integ import`` reads both forms back.

Read (``integ import``): whatever Excel saves: UTF-8 with or without a BOM, UTF-16
("Unicode Text"), else Windows-1252; ``;``, ``,`` or a tab between cells.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

DELIMITER = ";"
LINE_END = "\r\n"
BOM = "\ufeff"
#: Where a reader guesses the separator, it chooses among these (German Excel's first).
DELIMITERS = (";", ",", "\t")


#: The characters that make a cell quoted (:func:`quote`), besides blanks at its ends.
_QUOTED = re.compile('[;,"\r\n]')


def quote(text: str) -> str:
    """One cell: quoted where a spreadsheet could split or trim it (the delimiter,
    commas for readers that guess ``,``, quotes, line breaks, surrounding blanks)."""
    if _QUOTED.search(text) is not None or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def number(value: int | float, decimal_comma: bool = False) -> str:
    """A number as a CSV cell: ``12000.5``, or ``12000,5`` with ``decimal_comma``;
    never a thousands separator."""
    written = str(value)
    return written.replace(".", ",") if decimal_comma and isinstance(value, float) else written


#: A cell a spreadsheet would read as a formula: one of OWASP's starting characters,
#: possibly after quotes (a cell already guarded, which must be told apart on import).
_FORMULA = re.compile("'*[=+\\-@\t\r]")
#: The first characters of every cell :data:`_FORMULA` matches: the others (nearly all
#: cells) need no match.
_FORMULA_STARTS = frozenset("'=+-@\t\r")
#: A number as :func:`number` writes it (``-5``, ``-12000.5``, ``-12000,5``, ``-1e-05``):
#: a spreadsheet reads it as the number it is, so it is not guarded.
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def defuse(cell: str) -> str:
    """``cell`` as text a spreadsheet does not run: a ``'`` before a leading ``=``,
    ``+``, ``-``, ``@``, tab or CR (and before quotes that precede one); numbers as
    they are."""
    if _FORMULA.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """What :func:`defuse` was given: the one ``'`` it put before a formula's start
    taken away; every other cell as it is."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def write_rows(rows: Iterable[Sequence[str]], raw: bool = False) -> str:
    """The CSV text of ``rows`` (the header first), BOM included; each cell
    :func:`defuse`-d, unless ``raw``."""
    return BOM + "".join(write_row(row, raw) for row in rows)


def write_row(row: Sequence[str], raw: bool = False) -> str:
    """One line of :func:`write_rows`, without the BOM: what ``integ list`` writes of
    each record. Only a cell that starts like a formula goes to :func:`defuse` (``integ
    list -f csv`` writes 27 cells a record)."""
    if raw:
        return DELIMITER.join([quote(cell) for cell in row]) + LINE_END
    starts = _FORMULA_STARTS
    return DELIMITER.join([quote(defuse(cell) if cell[:1] in starts else cell) for cell in row]) + LINE_END


def decode(raw: bytes) -> str:
    """CSV text as Excel writes it: UTF-8 (with or without BOM), UTF-16 with a BOM
    ("Unicode Text"), else Windows-1252. ValueError for bytes that are no text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise ValueError("it holds NUL bytes, so it is not a text CSV file; save it from Excel as 'CSV UTF-8'")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """``;`` (German Excel), ``,`` or a tab: whichever the header line uses most."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else DELIMITER


def read_rows(raw: bytes) -> list[list[str | None]]:
    """The cells of a CSV file, row by row (None for an empty cell), each
    :func:`restore`-d; ValueError where the bytes are no text."""
    text = decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return [[restore(cell) if cell != "" else None for cell in row] for row in reader]
