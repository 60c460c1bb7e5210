"""An .xlsx workbook read as a stream, within the bounds of :mod:`integ_cli.files.limits`.

A workbook is a zip of XML parts. Only the parts the import needs are inflated (the
workbook, its relationships, styles, shared strings and the wanted sheets); their
bytes are counted as they come out of the zip, whatever sizes the zip declares, and
parsed as they come, keeping only filled cells: a sheet's rows as Excel and integ
write them by a regular expression (:meth:`.cells.SheetCells.take`), everything else
by expat (where a sheet holds anything else, all of it by expat). So a zip bomb, a cell at
``XFD1048576`` or a 2 GB string costs no more than the limits allow; openpyxl pads
every row to the sheet's declared width, and calamine allocates the whole rectangle
(it aborts the process on that one cell) and hands back a formula's cached value or
nothing, which cannot be told from a typed value (see ``benchmarks/README.md``).

What a sheet's cells hold, and which cells are past a limit, is :mod:`.cells`'s job.
Nothing here prints or exits: a file that is no readable workbook raises
:class:`WorkbookError`.
"""

from __future__ import annotations

import contextlib
import datetime
import marshal
import os
import posixpath
import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from integ_cli.files import limits
from integ_cli.i18n import _
from integ_cli.spreadsheet.cells import (
    EPOCH,
    Counter,
    Grid,
    SheetCells,
    Stop,
    cells_message,
    local,
    too_long,
    unescaped,
)

#: Bytes inflated at a time.
CHUNK = 1 << 20
#: Excel's built-in number formats that show a date or time.
DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
#: What the zip and compression modules raise for a broken or unsupported archive.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, ValueError)

Handler = Callable[..., None]


class WorkbookError(Exception):
    """The file is no workbook integ can read; the message says why."""


@dataclass(slots=True)
class Book:
    """The sheet names of a workbook, and the grids of the sheets asked for."""

    names: list[str]
    grids: dict[str, Grid]


def read_workbook(source: Any, titles: Collection[str], workers: tuple[Any, int] | None = None) -> Book:
    """The workbook at ``source`` (a path or binary file), with the sheets named in ``titles``.
    ``workers`` (a process pool and its size, where ``source`` is a path): the sheets
    after the first of ``titles`` are read in its processes meanwhile, and taken where
    they read as they would have here (see :meth:`_Reader.apart`); else all are read here."""
    import lzma
    import zlib

    try:
        with zipfile.ZipFile(source) as archive:
            if workers is not None and isinstance(source, str | os.PathLike):
                book = _Reader(archive).apart(os.fspath(source), list(titles), *workers)
                if book is not None:
                    return book
            return _Reader(archive).book(titles)
    except (*ZIP_ERRORS, zlib.error, lzma.LZMAError) as error:
        raise WorkbookError(str(error) or type(error).__name__) from None


#: What a worker process sends back of the sheets it read (:func:`_read_apart`): their
#: grids by title (:func:`_packed`), the bytes they took (declared or inflated, the
#: larger), the cells, and the size and checksum of each sheet's part (so the file read
#: is the same).
Apart = tuple[dict[str, Grid] | bytes, int, int, dict[str, tuple[int, int]]]


def _packed(grids: dict[str, Grid]) -> dict[str, Grid] | bytes:
    """The grids of the sheets a worker read, as it sends them: their rows marshalled
    where every cell is text, a number or a boolean (as in every export), else the grids
    themselves. The main process waits for them, and loads 100,000 budget rows from
    marshal's bytes in a fifth of the time pickle's objects take (0.08 s of 0.31 s, both
    sides); a date or an unreadable cell is no value marshal writes."""
    try:
        return marshal.dumps({title: grid.rows for title, grid in grids.items()})
    except ValueError:
        return grids


def _unpacked(sent: dict[str, Grid] | bytes) -> dict[str, Grid]:
    """The grids :func:`_packed` sent (none of them with an overflow: a worker whose
    sheets have one sends no grids)."""
    if isinstance(sent, bytes):
        return {title: Grid(rows) for title, rows in marshal.loads(sent).items()}
    return sent


def _read_apart(task: tuple[str, list[str]]) -> Apart | None:
    """Read the sheets ``titles`` of the workbook at ``path`` in a worker process; None
    where anything is not as in a plain workbook (a limit reached, an error): the
    main process then reads the whole workbook itself and says what."""
    from integ_cli.checking.scan import no_cyclic_gc

    path, titles = task
    try:
        with zipfile.ZipFile(path) as archive, no_cyclic_gc():  # 100,000s of rows, none of them cyclic
            reader = _Reader(archive)
            _names, sheets = reader.prelude(titles)
            charged, left = reader.charged, reader.counter.left
            grids = {title: reader.sheet(part, new) for title, part, new in sheets}
            parts = {part: _identity(archive.getinfo(part)) for _title, part, _new in sheets}
    except Exception:  # read again in the main process, which says what
        return None
    if any(grid.overflow for grid in grids.values()):
        return None
    return _packed(grids), reader.charged - charged, left - reader.counter.left, parts


class _Reader:
    """One archive's parts, inflated within one budget of bytes and cells."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.bytes_left = limits.MAX_SHEET_BYTES
        self.counter = Counter()
        #: The bytes of every part read, each its declared or its inflated size, the larger.
        self.charged = 0

    def book(self, titles: Collection[str]) -> Book:
        names, sheets = self.prelude(titles)
        return Book(names, {title: self.sheet(part, new) for title, part, new in sheets})

    def apart(self, path: str, titles: list[str], pool: Any, jobs: int) -> Book | None:
        """:meth:`book`, the sheets after the first of ``titles`` read in ``pool``'s
        processes (by :func:`_read_apart`, balanced by their sizes) while this one reads
        the first. None (nothing taken) unless every sheet read completely, and all of
        them, with what was read here, within the budget of bytes and cells of one
        workbook: then they are what reading them here would have given."""
        names, sheets = self.prelude(titles)
        here = [sheet for sheet in sheets if sheet[0] == titles[0]]
        shares: list[list[tuple[int, str]]] = [[] for _job in range(jobs)]
        for title, part, _new in sorted(
            (sheet for sheet in sheets if sheet[0] != titles[0]), key=lambda s: -self.archive.getinfo(s[1]).file_size
        ):
            share = min(shares, key=lambda share: sum(size for size, _title in share))
            share.append((self.archive.getinfo(part).file_size, title))
        pending = [
            pool.apply_async(_read_apart, ((path, [title for _s, title in share]),)) for share in shares if share
        ]
        try:
            grids = {title: self.sheet(part, new) for title, part, new in here}
        except WorkbookError:  # read again in the workbook's order, which says where it is first
            return None
        results = [result.get() for result in pending]
        for result in results:
            if result is None:
                return None
            found, charged, cells, parts = result
            if any(_identity(self.archive.getinfo(part)) != identity for part, identity in parts.items()):
                return None  # the file was replaced meanwhile
            grids.update(_unpacked(found))
            self.charged += charged
            self.counter.left -= cells
        if self.charged > limits.MAX_SHEET_BYTES or self.counter.left < 0 or any(g.overflow for g in grids.values()):
            return None
        return Book(names, {title: grids[title] for title, _part, _new in sheets})

    def prelude(self, titles: Collection[str]) -> tuple[list[str], list[tuple[str, str, Callable[[], SheetCells]]]]:
        """The workbook's sheet names, and the title, part and new cells of each sheet
        to read of ``titles`` (in the workbook's order), its shared strings and styles read."""
        workbook = self.relations("_rels/.rels").get("officeDocument", {}).get("", "xl/workbook.xml")
        sheets: list[tuple[str, str]] = []
        epoch = [EPOCH]

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local(name)
            if tag == "sheet":
                sheets.append((attrs.get("name", ""), next((v for k, v in attrs.items() if k.endswith("}id")), "")))
            elif tag == "workbookPr" and attrs.get("date1904") in ("1", "true"):
                epoch[0] = datetime.datetime(1904, 1, 1)

        self.parse(workbook, start)
        related = self.relations(workbook)
        strings = self.strings(next(iter(related.get("sharedStrings", {}).values()), None))
        dates = self.date_styles(next(iter(related.get("styles", {}).values()), None))
        parts = related.get("worksheet", {})
        wanted: dict[str, str] = {}
        for title, rid in sheets:
            if title in titles and title not in wanted:
                if rid not in parts:
                    raise WorkbookError(_("the sheet '{sheet}' has no part in the file").format(sheet=title))
                wanted[title] = parts[rid]

        def new() -> SheetCells:
            return SheetCells(self.counter, strings, dates, epoch[0])

        return [title for title, _rid in sheets], [(title, part, new) for title, part in wanted.items()]

    def sheet(self, part: str, new: Callable[[], SheetCells]) -> Grid:
        """A sheet's cells. Its rows are read by :meth:`SheetCells.take` where each is
        written as Excel and integ write them, and the rest of the part is checked by
        expat; where anything is not, the whole part is read again by expat's handlers,
        with the bytes and cells it had left before (the first way is only faster)."""
        budget = self.bytes_left, self.counter.left, self.charged
        cells = new()
        try:
            if self.quick(part, cells):
                return cells.grid
        except Stop:
            return cells.grid
        self.bytes_left, self.counter.left, self.charged = budget
        cells = new()
        with contextlib.suppress(Stop):
            self.parse(part, cells.start, cells.end, cells.data)
        return cells.grid

    def quick(self, part: str, cells: SheetCells) -> bool:
        """Read the sheet ``part`` into ``cells``: the rows of its ``<sheetData>`` by
        :meth:`SheetCells.take`, everything around them by expat (which refuses a DTD
        and broken XML, and finds no cell outside ``<sheetData>``). False (the cells
        incomplete) where the part is not UTF-8, or holds anything that is not plain
        XML to expat, or a row that ``take`` does not read."""
        import codecs

        decoder = codecs.getincrementaldecoder("utf-8")()
        skeleton = expat.ParserCreate(namespace_separator="}")
        skeleton.StartDoctypeDeclHandler = _no_dtd
        open_elements: list[str] = []
        stray = [False]

        def start(name: str, _attrs: dict[str, str]) -> None:
            tag = local(name)
            open_elements.append(tag)
            stray[0] = stray[0] or tag in _CELL_ELEMENTS

        skeleton.StartElementHandler = start
        skeleton.EndElementHandler = lambda _name: open_elements.pop()
        declared: list[str | None] = []  # the prefixes of the elements open, as declared
        skeleton.StartNamespaceDeclHandler = lambda prefix, _uri: declared.append(prefix)
        skeleton.EndNamespaceDeclHandler = declared.remove
        head, pending, state, first, prefixed = "", [""], "head", True, False
        try:
            for chunk in self.chunks(part):
                if first and not _utf8(chunk):
                    return False
                text, first = decoder.decode(chunk), False
                if state == "head":
                    head += text
                    found = _SHEET_DATA.search(head)
                    if found is None:
                        if len(head) > 4 * CHUNK:  # no sheet integ wrote or Excel writes
                            return False
                        continue
                    skeleton.Parse(head[: found.end()], False)
                    if stray[0] or found.group().endswith("/>") or open_elements[1:] != ["sheetData"]:
                        return False
                    state, text, prefixed = "rows", head[found.end() :], "x14ac" in declared
                if state == "rows":
                    # Rows are read once one ends in the text read (a row is never read in
                    # part), or the sheet's data ends: from where ``take`` stopped before.
                    window = pending[-1][-11:] + text
                    pending.append(text)
                    if "</row>" not in window and "</sheetData" not in window:
                        continue
                    rows = "".join(pending)
                    at = cells.take(rows, 0, prefixed)
                    end = _END.match(rows, at)
                    if end is None:
                        if "</row>" in rows[at:]:  # a whole row that take does not read
                            return False
                        pending = [rows[at:]]
                        continue
                    state, text = "tail", rows[end.start() :]
                if state == "tail":
                    skeleton.Parse(text, False)
            skeleton.Parse(decoder.decode(b"", True), True)
        except (expat.ExpatError, UnicodeDecodeError):
            return False
        return state == "tail" and not stray[0]

    def chunks(self, part: str) -> Iterator[bytes]:
        """The bytes of ``part``, inflated; WorkbookError past the budget of bytes."""
        try:
            info = self.archive.getinfo(part)
        except KeyError:
            raise WorkbookError(_("the part {part} is missing").format(part=part)) from None
        too_large = _(
            "{part} unpacks to more than {limit} bytes; integ reads at most that much of a workbook "
            "(setting INTEG_MAX_SHEET_BYTES)"
        ).format(part=part, limit=limits.shown(limits.MAX_SHEET_BYTES))
        if info.file_size > self.bytes_left:
            raise WorkbookError(too_large)
        inflated = 0
        with self.archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                self.bytes_left -= len(chunk)
                inflated += len(chunk)
                if self.bytes_left < 0:  # the zip declared less than it holds
                    raise WorkbookError(too_large)
                yield chunk
        self.charged += max(inflated, info.file_size)

    def parse(self, part: str, start: Handler, end: Handler | None = None, data: Handler | None = None) -> None:
        """Feed ``part`` to expat with these handlers; a DTD (which Excel never writes) is refused."""
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if data is not None:
            parser.CharacterDataHandler = data
        parser.StartDoctypeDeclHandler = _no_dtd
        try:
            for chunk in self.chunks(part):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise WorkbookError(f"{part}: {error}") from None

    def relations(self, part: str) -> dict[str, dict[str, str]]:
        """The parts ``part`` relates to: by type (its last word) and id, as paths in the zip."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, dict[str, str]] = {}
        if rels not in self.archive.NameToInfo:
            return found

        def start(tag: str, attrs: dict[str, str]) -> None:
            target = attrs.get("Target", "")
            if tag.endswith("Relationship") and target and attrs.get("TargetMode") != "External":
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                kind = attrs.get("Type", "").rsplit("/", 1)[-1]
                found.setdefault(kind, {})[attrs.get("Id", "")] = path
                found[kind].setdefault("", path)

        self.parse(rels, start)
        return found

    def strings(self, part: str | None) -> list[Any]:
        """The shared strings (a too long one as Unreadable)."""
        if part is None or part not in self.archive.NameToInfo:
            return []
        cells = SheetCells(self.counter, [], set(), EPOCH)
        table: list[Any] = []

        def end(name: str) -> None:
            tag = local(name)
            if tag == "si":
                if len(table) >= limits.MAX_SHEET_CELLS:  # a table of millions of tiny strings
                    raise WorkbookError(cells_message())
                table.append(unescaped(cells.text()) if cells.size <= limits.MAX_CELL_CHARS else too_long())
                cells.begin()
            else:
                cells.end(name)

        self.parse(part, cells.start, end, cells.data)
        return table

    def date_styles(self, part: str | None) -> set[int]:
        """The cell styles (their index) whose number format shows a date."""
        if part is None or part not in self.archive.NameToInfo:
            return set()
        custom: dict[str, str] = {}
        formats: list[str] = []
        inside = [0]

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local(name)
            if tag == "numFmt":
                custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                inside[0] += 1
            elif tag == "xf" and inside[0]:
                formats.append(attrs.get("numFmtId", "0"))

        def end(name: str) -> None:
            if name.endswith("cellXfs"):
                inside[0] -= 1

        self.parse(part, start, end)
        builtin = {str(number) for number in DATE_FORMATS}
        return {i for i, number in enumerate(formats) if number in builtin or _date_code(custom.get(number, ""))}


#: Where a sheet's rows begin (its ``<sheetData>``) and end.
_SHEET_DATA = re.compile("<sheetData(?:[ \t\n][^<>]*)?>")
_END = re.compile("[ \t\n]*</sheetData[ \t\n]*>")
#: The elements of cells, which only ``<sheetData>`` holds.
_CELL_ELEMENTS = frozenset({"row", "c", "v", "is", "t", "f"})
#: An XML declaration: its encoding, if it names one.
_DECLARATION = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _utf8(start: bytes) -> bool:
    """Whether a part whose first bytes are ``start`` is UTF-8 (as it says, or by default)."""
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start[:4]:
        return False
    if not start.startswith(b"<?xml"):
        return True
    declared = _DECLARATION.match(start[: start.find(b"?>") + 2])
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def _identity(info: zipfile.ZipInfo) -> tuple[int, int]:
    """A part's size and checksum, as its zip declares them."""
    return info.file_size, info.CRC


def _date_code(code: str) -> bool:
    """Whether a custom number format shows a date or time (a d, m, y, h or s outside quotes and brackets)."""
    import re

    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].', "", code)
    return bool(re.search(r"[dmyhsDMYHS]", plain))


def _no_dtd(*_args: Any) -> None:
    raise WorkbookError(_("it declares a DTD, which no spreadsheet program writes"))
