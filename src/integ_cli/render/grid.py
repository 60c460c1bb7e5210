"""One grid of text cells, three renderings: a framed table for the terminal (rich's
look), a plain space-aligned table for pipes, and a Markdown table.

A grid is headers plus rows of strings; ``right`` names the columns to align right
(numbers). Every cell is made one harmless line (:func:`integ_cli.render.safe.one_line`):
a line break, a control character or a workflow command in the data shows as an escape,
whichever of the three renderings. The terminal table is drawn here as rich draws one
(:func:`frame_lines`, also the report's tables), without importing rich: rich measured and
rendered each cell as an object, seconds for a table of 10,000 rows.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from integ_cli.render.safe import one_line

Row = Sequence[str]


@dataclass(frozen=True, slots=True)
class Display:
    """Where output goes: colour (ANSI codes) or not, how many columns wide, and for
    CSV whether a spreadsheet (cells that would run as formulas guarded, the default)
    or a script (``csv_raw``: every cell as it is) reads it."""

    colour: bool = False
    columns: int | None = None
    csv_raw: bool = False


PLAIN = Display()


#: Characters whose width is not one column: combining marks and East Asian wide
#: ranges. Text without them (nearly all German text) is measured by len() alone.
_NOT_ONE_COLUMN = re.compile(
    "[\u0300-\u036f\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u2e80-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe20-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0010ffff]"
)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters count two,
    combining marks (a decomposed umlaut's dots) none."""
    if text.isascii() or not _NOT_ONE_COLUMN.search(text):
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def pieces(texts: Iterable[str], size: int) -> Iterator[str]:
    """``texts`` joined ``size`` at a time: few writes to stdout, and never the whole text."""
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def plain(headers: Row, rows: Sequence[Row], right: Collection[int] = ()) -> str:
    """Columns separated by two spaces, headers in capitals, no colour and no frame:
    stable for ``grep``, ``sort`` and ``less``. Trailing blanks are stripped."""
    cells = [[one_line(c) for c in row] for row in rows]
    return "".join(plain_lines([h.upper() for h in headers], cells, right))


def plain_lines(headers: Row, rows: Collection[Row], right: Collection[int] = ()) -> Iterator[str]:
    """:func:`plain`'s lines, one at a time, of cells already made one line each
    (``rows`` is read twice: for the columns' widths, then to write them)."""
    widths = [width(header) for header in headers]
    for row in rows:
        for i, cell in enumerate(row):
            cells = len(cell) if cell.isascii() else width(cell)  # width() of ASCII, without the call
            if cells > widths[i]:
                widths[i] = cells
    aligned = [i in right for i in range(len(widths))]
    for row in itertools.chain([headers], rows):
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - (len(cell) if cell.isascii() else width(cell)))
            parts.append(pad + cell if aligned[i] else cell + pad)
        yield "  ".join(parts).rstrip() + "\n"


def _escape_markdown(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def markdown(headers: Row, rows: Sequence[Row], right: Collection[int] = ()) -> str:
    """A GitHub-flavoured Markdown table; pipes (and backslashes) in cells are escaped."""
    return markdown_head(headers, right) + "".join(markdown_line(row) for row in rows)


def markdown_head(headers: Row, right: Collection[int] = ()) -> str:
    """The first two lines of a Markdown table: the headers and the alignment row."""
    return (
        "| "
        + " | ".join(_escape_markdown(h) for h in headers)
        + " |\n| "
        + " | ".join("---:" if i in right else "---" for i in range(len(headers)))
        + " |\n"
    )


def markdown_line(row: Row) -> str:
    """One row of a Markdown table (a line of its own: a table's rows need no widths)."""
    return "| " + " | ".join(_escape_markdown(c) for c in row) + " |\n"


def rich_table(
    headers: Row,
    rows: Sequence[Row],
    right: Collection[int] = (),
    display: Display = PLAIN,
    *,
    no_wrap: Collection[int] = (),
    ratios: dict[int, int] | None = None,
) -> str:
    """The terminal table (rich's default look: heavy rules in the header, light ones
    between columns): colour only when ``display.colour`` (otherwise not one escape
    code), at most ``display.columns`` wide (default 100). ``no_wrap`` columns keep
    their width; with ``ratios`` the table takes the whole width and those columns
    share what the others leave, in these proportions."""
    cells = [[one_line(c) for c in row] for row in rows]
    return "".join(rich_table_lines(headers, cells, right, display, no_wrap=no_wrap, ratios=ratios))


def rich_table_lines(
    headers: Row,
    rows: Collection[Row],
    right: Collection[int] = (),
    display: Display = PLAIN,
    *,
    no_wrap: Collection[int] = (),
    ratios: dict[int, int] | None = None,
) -> Iterator[str]:
    """:func:`rich_table` in pieces (:func:`frame_lines`), of cells already made one line each."""
    columns = [
        Column(header, right=i in right, no_wrap=i in no_wrap, ratio=(ratios or {}).get(i))
        for i, header in enumerate(headers)
    ]
    styles = Styles(header=sgr("1")) if display.colour else NO_STYLES
    return frame_lines(columns, rows, display.columns or 100, expand=bool(ratios), styles=styles)


@dataclass(frozen=True, slots=True)
class Box:
    """The characters of a framed table without its outer edge: the rule between the
    header's cells and between the body's cells, and the horizontal rules under the
    header and above a footer (each with the character where it crosses a column rule)."""

    head: str
    body: str
    head_rule: str
    head_cross: str
    foot_rule: str
    foot_cross: str


#: rich's default box: heavy rules in and under the header, light ones in the body.
HEAVY_HEAD = Box("┃", "│", "━", "╇", "─", "┼")
#: rich's ``box.SIMPLE``: no column rules, a light line under the header and above the footer.
SIMPLE = Box(" ", " ", "─", "─", "─", "─")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a framed table: right-aligned (numbers) or not; ``no_wrap`` keeps
    its cells on one line; ``ratio`` shares out the width an expanded table has left;
    ``min_width`` is the narrowest it may get (its padding not counted)."""

    header: str
    right: bool = False
    no_wrap: bool = False
    ratio: int | None = None
    min_width: int | None = None
    footer: str = ""


Paint = Callable[[str], str]


def unpainted(text: str) -> str:
    """The painter of a display without colour: the text as it is."""
    return text


@dataclass(frozen=True, slots=True)
class Styles:
    """How a framed table colours its parts: each a function from a drawn piece of
    text to the same text with ANSI codes (identity when the display has no colour).
    ``cells`` maps a column's index to the painter of its body cells."""

    header: Paint = unpainted
    footer: Paint = unpainted
    title: Paint = unpainted
    cells: Mapping[int, Paint] = field(default_factory=dict)


def sgr(code: str) -> Paint:
    """A painter wrapping text in the ANSI select-graphic-rendition ``code`` ("1" bold)."""
    return lambda text: f"\x1b[{code}m{text}\x1b[0m" if text else text


NO_STYLES = Styles()


# The drawing below follows rich's Table (rich.table, rich._ratio, rich._wrap) step by
# step: the same column widths, wrapping and frame, so integ's tables look as rich drew
# them, without rich measuring and rendering every cell as an object (seconds for a
# table of 10,000 rows; this takes a fraction of one). tests/render/test_grid.py
# compares the two on random tables.

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def _chop(word: str, size: int) -> list[str]:
    """``word`` cut into pieces at most ``size`` columns wide (rich's chop_cells)."""
    pieces: list[list[str]] = [[]]
    used = 0
    for char in word:
        cells = width(char)
        if used + cells > size:
            pieces.append([char])
            used = cells
        else:
            pieces[-1].append(char)
            used += cells
    return ["".join(piece) for piece in pieces]


def _breaks(text: str, size: int) -> list[int]:
    """Where ``text`` breaks to fit ``size`` columns: between words, and inside a word
    longer than a line (rich's divide_line with overflow "fold")."""
    positions: list[int] = []
    used = 0
    measure = len if text.isascii() else width  # an ASCII text's words: len(), without width()'s test
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = measure(word.rstrip())
        if size - used >= length:
            used += measure(word)
        elif length > size:
            pieces = _chop(word, size)
            for number, piece in enumerate(pieces, 1):
                if start:
                    positions.append(start)
                if number == len(pieces):
                    used = width(piece)
                else:
                    start += len(piece)
        elif used and start:
            positions.append(start)
            used = measure(word)
    return positions


def crop(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` columns; a wide character cut in half leaves a
    blank (rich's set_cell_size)."""
    if size >= 0 and text.isascii():  # one column a character: the first ``size``
        return text[:size]
    cells = width(text)
    if cells <= size:
        return text
    while cells > size:
        text = text[:-1]
        cells = width(text)
    return text + " " * (size - cells)


def wrap(text: str, size: int) -> list[str]:
    """A paragraph as rich prints one: each line broken between words to at most
    ``size`` columns (a word longer than a line folded), nothing padded."""
    return [line for part in text.split("\n") for line in _lines(part, size, pad=False)]


def _lines(text: str, size: int, right: bool = False, no_wrap: bool = False, *, pad: bool = True) -> list[str]:
    """A cell's text as lines of exactly ``size`` columns, or at most that many without
    ``pad`` (rich's Text.wrap)."""
    cells = width(text)
    if cells <= size and not pad:
        return [text]
    if cells <= size and (not right or not text.endswith(" ")):
        return [" " * (size - cells) + text if right else text + " " * (size - cells)]
    pieces = [text]
    if not no_wrap:
        cuts = [0, *_breaks(text, size), len(text)]
        pieces = [text[a:b] for a, b in itertools.pairwise(cuts)]
    lines = []
    measure = len if text.isascii() else width
    for piece in pieces:
        excess = len(piece) - size
        trailing = _TRAILING_SPACE.search(piece) if excess > 0 else None
        if trailing is not None:
            piece = piece[: len(piece) - min(len(trailing.group(0)), excess)]
        if right:
            piece = crop(piece.rstrip(), size)
            piece = " " * (size - measure(piece)) + piece
        else:
            piece = crop(piece, size)
            piece += " " * (size - measure(piece)) if pad else ""
        lines.append(piece)
    return lines


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            share = min(most, round(ratio * total / total_ratio))
            result.append(value - share)
            total -= share
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    if minimums:
        ratios = [ratio if least else 0 for ratio, least in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    result = []
    for ratio, least in zip(ratios, minimums or [0] * len(ratios), strict=True):
        share = max(least, math.ceil(ratio * total / total_ratio)) if total_ratio > 0 else total
        result.append(share)
        total_ratio -= ratio
        total -= share
    return result


def _collapse(widths: list[int], wrappable: list[bool], most: int) -> list[int]:
    """Narrow the widest wrappable columns until the table fits ``most`` columns."""
    total = sum(widths)
    excess = total - most
    if not any(wrappable):
        return widths
    while total and excess > 0:
        widest = max(w for w, wraps in zip(widths, wrappable, strict=True) if wraps)
        second = max(w if wraps and w != widest else 0 for w, wraps in zip(widths, wrappable, strict=True))
        ratios = [1 if w == widest and wraps else 0 for w, wraps in zip(widths, wrappable, strict=True)]
        if not any(ratios) or not widest - second:
            break
        widths = _reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        total = sum(widths)
        excess = total - most
    return widths


@dataclass(slots=True)
class _Measured:
    """A column's content: its longest word and its widest cell, in columns."""

    word: int
    cell: int


def _measure(content: _Measured, pad: int, most: int, least: int | None) -> tuple[int, int]:
    """The narrowest and widest a column can be, padding included, in ``most`` columns."""
    if most < 1:
        return 0, 0
    if most - pad < 1:
        low, high = most, most
    else:
        low, high = min(content.word, most - pad), min(content.cell, most - pad)
        low, high = (0, 0) if high < 1 else (low + pad, high + pad)
    if least is not None:
        low, high = max(low, least + pad), max(high, least + pad)
    return low, high


def _widths(columns: Sequence[Column], content: list[_Measured], pads: list[int], most: int, expand: bool) -> list[int]:
    """Each column's width, padding included (rich's Table._calculate_column_widths)."""
    ranges = [_measure(c, p, most, col.min_width) for c, p, col in zip(content, pads, columns, strict=True)]
    widths = [high or 1 for _, high in ranges]
    ratios = [col.ratio or 0 for col in columns if col.ratio is not None]
    if expand and any(ratios):
        fixed = [0 if col.ratio is not None else high for (_, high), col in zip(ranges, columns, strict=True)]
        least = [1 + p for p, col in zip(pads, columns, strict=True) if col.ratio is not None]
        shares = iter(_distribute(most - sum(fixed), ratios, least))
        widths = [
            f + next(shares) if col.ratio is not None else w for f, w, col in zip(fixed, widths, columns, strict=True)
        ]
    total = sum(widths)
    if total > most:
        widths = _collapse(widths, [not col.no_wrap for col in columns], most)
        total = sum(widths)
        if total > most:
            widths = _reduce(total - most, [1] * len(widths), widths, widths)
            total = sum(widths)
        # Measured again in their new widths, columns may get narrower still; rich
        # then leaves the room they free (its table width is the sum before this).
        widths = [
            _measure(c, p, w, col.min_width)[1] for c, p, w, col in zip(content, pads, widths, columns, strict=True)
        ]
    if total < most and expand:
        widths = [w + extra for w, extra in zip(widths, _distribute(most - total, widths), strict=True)]
    return widths


#: How many wrapped cells (and widths of cells that are not ASCII) a table keeps, to
#: draw and measure a repeated one once: bounded, however long the table.
WRAPPED = 8192


def frame_lines(
    columns: Sequence[Column],
    rows: Collection[Row],
    columns_wide: int,
    *,
    box: Box = HEAVY_HEAD,
    collapse_padding: bool = False,
    expand: bool = False,
    footer: bool = False,
    title: str | None = None,
    styles: Styles = NO_STYLES,
) -> Iterator[str]:
    """A table framed as rich frames one (without the outer edge), at most
    ``columns_wide`` wide: a column's cells padded by a blank either side (only on the
    right with ``collapse_padding``), long cells wrapped between words; the header
    under ``title``, the rows, with ``footer`` the columns' footers under a rule.

    In pieces: the title and header, then each row's lines (``rows`` is read twice:
    once to measure the columns, once to draw them), so a long table is written as it
    is drawn; join them for the whole table."""
    count = len(columns)
    pads = [(0 if i == 0 or collapse_padding else 1) + (0 if i == count - 1 else 1) for i in range(count)]
    lefts = [0 if i == 0 or collapse_padding else 1 for i in range(count)]
    head = [c.header for c in columns]
    foot = [[c.footer for c in columns]] if footer else []
    widest, words = [0] * count, [0] * count
    # Cells are measured twice (here and when drawn); those that are not ASCII (bars,
    # umlauts) repeat, and up to WRAPPED of them are measured once. ASCII ones by len().
    known: dict[str, int] = {}
    for row in itertools.chain([head], rows, foot):
        for i, cell in enumerate(row):
            ascii = cell.isascii()
            if ascii:
                cells = len(cell)
            else:
                cells = known.get(cell, -1)
                if cells < 0:
                    cells = width(cell)
                    if len(known) < WRAPPED:
                        known[cell] = cells
            if cells > widest[i]:
                widest[i] = cells
            if cells > words[i]:  # a longer word than the column's longest so far?
                longest = max(map(len if ascii else width, cell.split()), default=cells)
                if longest > words[i]:
                    words[i] = longest
    content = [_Measured(word, cell) for word, cell in zip(words, widest, strict=True)]
    most = max(columns_wide - (count - 1), 0)
    widths = _widths(columns, content, pads, most, expand)
    # Columns' minimum widths can make the table wider than the display, which then
    # shows only its first ``columns_wide`` columns, as a terminal does (and rich).
    starts = [sum(widths[:i]) + i for i in range(count)]
    seen = [max(0, min(w, columns_wide - start)) for w, start in zip(widths, starts, strict=True)]
    shown_count = sum(1 for start in starts if start <= columns_wide and (start == 0 or start - 1 < columns_wide))
    cut = sum(widths) + count - 1 > columns_wide
    if title:
        lines = _lines(title, sum(widths) + count - 1, False, False)
        yield "".join(styles.title(crop(line, columns_wide) if cut else line) + "\n" for line in lines)
    inners = [w - p for w, p in zip(widths, pads, strict=True)]
    aligned = [c.right for c in columns]
    edges = [(" " * lefts[i], " " * (pads[i] - lefts[i])) for i in range(count)]
    painters = [styles.cells.get(i) for i in range(count)]
    wrapped: dict[tuple[int, str], list[str]] = {}  # a column's cells that wrap repeat (titles, hints)

    def drawn(part: str, row: Row) -> str:
        """One row's lines: each cell wrapped to its column, padded, cropped where the
        table is cut, painted, and the shorter cells filled with blank lines."""
        out: list[str] = []
        blocks = []
        for i, cell in enumerate(row):
            column = columns[i]
            inner = inners[i]
            cells = len(cell) if cell.isascii() else known.get(cell, -1)
            if cells < 0:
                cells = width(cell)
            if inner < 1:
                blocks.append([" " * widths[i]])
            elif 0 <= cells <= inner and not (column.right and cell.endswith(" ")):  # fits: what _lines gives
                left, right = edges[i]
                pad = " " * (inner - cells)
                blocks.append([left + (pad + cell if column.right else cell + pad) + right])
            else:
                block = wrapped.get((i, cell))
                if block is None:
                    left, right = edges[i]
                    block = [left + line + right for line in _lines(cell, inner, column.right, column.no_wrap)]
                    if len(wrapped) < WRAPPED:
                        wrapped[(i, cell)] = block
                blocks.append(block)
        height = max(len(lines) for lines in blocks)
        shown = []
        for i, lines in enumerate(blocks[:shown_count]):
            if cut and seen[i] < widths[i]:
                lines = [crop(line, seen[i]) for line in lines]
            paint = styles.header if part == "header" else styles.footer if part == "footer" else painters[i]
            if paint is not None:
                lines = [paint(line) for line in lines]
            if len(lines) < height:
                blank = [" " * seen[i]] * (height - len(lines))
                lines = blank + lines if part == "header" else lines + blank
            shown.append(lines)
        if part == "footer":
            rule = box.foot_cross.join(box.foot_rule * w for w in widths)
            out.append((rule[:columns_wide] if cut else rule) + "\n")
        divider = box.head if part == "header" else box.body
        out += [divider.join(line) + "\n" for line in zip(*shown, strict=True)]
        if part == "header":
            rule = box.head_cross.join(box.head_rule * w for w in widths)
            out.append((rule[:columns_wide] if cut else rule) + "\n")
        return "".join(out)

    yield drawn("header", head)
    # Most body rows fit their columns on one line: such a row is each cell padded to
    # its width, drawn here without wrapping (what _lines gives a cell that fits).
    # Cells that need wrapping, and a table cut at the display's edge, take drawn().
    fits = not cut and min(inners, default=1) >= 1
    for row in rows:
        if fits:
            pieces = []
            for i, cell in enumerate(row):
                inner = inners[i]
                cells = len(cell) if cell.isascii() else known.get(cell, -1)
                if cells < 0:
                    cells = width(cell)
                if cells > inner or (aligned[i] and cell.endswith(" ")):
                    break
                left, right = edges[i]
                padded = left + (" " * (inner - cells) + cell if aligned[i] else cell + " " * (inner - cells)) + right
                paint = painters[i]
                pieces.append(padded if paint is None else paint(padded))
            else:
                yield box.body.join(pieces) + "\n"
                continue
        yield drawn("body", row)
    for row in foot:
        yield drawn("footer", row)
