"""Resource limits for reading data files.

A data repository is edited by many hands; these limits keep a single bad file from
exhausting memory or time. Each is far above what a real record needs (a measure is
1 to 3 KB, a few hundred values, nested four levels deep; a state's catalogue holds
up to 100,000 measures).

Each limit can be changed for one run with an environment variable named after it
(``INTEG_MAX_FILE_BYTES=8000000 integ validate``), e.g. to check a file once that a
generator made too large. Values that are not positive whole numbers are ignored.
Limits are read when integ starts.
"""

from __future__ import annotations

import os

from integ_cli.i18n import current


def _setting(name: str, default: int) -> int:
    """The limit ``name``: ``$INTEG_<name>`` where that is a positive whole number, else ``default``."""
    value = os.environ.get(f"INTEG_{name}", "").strip().replace("_", "")
    return int(value) if value.isdigit() and 0 < int(value) < 10**18 else default


def shown(count: int) -> str:
    """A limit, or a count measured against one, as the messages' reader writes numbers:
    ``200,000`` in English, ``200.000`` in German."""
    grouped = f"{count:,}"
    return grouped.replace(",", ".") if current() == "de" else grouped


#: Largest record file read, in bytes. Larger files are reported, not parsed.
MAX_FILE_BYTES = _setting("MAX_FILE_BYTES", 2 * 1024 * 1024)

#: Most values (scalars, lists, mappings) one file may expand to, counting every
#: expansion of a YAML alias. Stops "billion laughs" alias bombs.
MAX_NODES = _setting("MAX_NODES", 200_000)

#: Deepest nesting of lists and mappings accepted in a record. (libyaml itself
#: refuses more than 1,000 levels before integ sees them; values are built
#: recursively, so a setting above 250 counts as 250.)
MAX_DEPTH = min(_setting("MAX_DEPTH", 64), 250)

#: Longest numeric literal read as a number; longer ones stay text (and the schema
#: then reports them), which also keeps Python's int-from-string limit (4,300
#: digits) out of reach: a setting above 4,000 counts as 4,000.
MAX_NUMBER_DIGITS = min(_setting("MAX_NUMBER_DIGITS", 32), 4000)

#: Most measure files (and, separately, action field files) a repository may hold;
#: files beyond it, in name order, are reported and not read.
MAX_RECORDS = _setting("MAX_RECORDS", 500_000)

#: Largest record, in bytes and in values, that the edit commands change. Editing
#: keeps comments and layout with ruamel.yaml, which is pure Python and, on a file of
#: tens of thousands of values, takes minutes; reading and validating have no such cost.
MAX_EDIT_BYTES = _setting("MAX_EDIT_BYTES", 256 * 1024)
MAX_EDIT_VALUES = _setting("MAX_EDIT_VALUES", 5_000)

#: The names of the limits, for documentation and tests.
NAMES = (
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_RECORDS",
    "MAX_EDIT_BYTES",
    "MAX_EDIT_VALUES",
)

# Spreadsheet import (``integ import``). A workbook is a zip of XML parts that may
# unpack to thousands of times its size, and a sheet may claim a million rows for one
# cell; the import reads its parts as a stream and stops at these bounds. A city's
# catalogue of a few hundred measures fills a few thousand cells.

#: Most bytes read from a workbook's parts, unpacked (all parts together), and the
#: largest CSV file read. Stops zip bombs: the bytes are counted as they are inflated.
#: Text read is kept, so this bounds memory too (an export of 10,000 measures unpacks to 32 MB).
MAX_SHEET_BYTES = _setting("MAX_SHEET_BYTES", 128 * 1024 * 1024)

#: Highest row number and column number read on a sheet; a cell beyond either is
#: reported at its place. Rows: Excel's own last row, 1,048,576 (a row costs nothing
#: until its cells count against MAX_SHEET_CELLS); Excel ends at column XFD, 16,384.
MAX_SHEET_ROWS = _setting("MAX_SHEET_ROWS", 1_048_576)
MAX_SHEET_COLUMNS = _setting("MAX_SHEET_COLUMNS", 200)

#: Most filled cells (and shared strings) read from one workbook or CSV file: about
#: 100 bytes of memory each.
MAX_SHEET_CELLS = _setting("MAX_SHEET_CELLS", 1_000_000)

#: Longest text read from one cell, in characters: Excel's own limit.
MAX_CELL_CHARS = _setting("MAX_CELL_CHARS", 32_767)

#: The names of the spreadsheet limits, for documentation and tests.
SHEET_NAMES = ("MAX_SHEET_BYTES", "MAX_SHEET_ROWS", "MAX_SHEET_COLUMNS", "MAX_SHEET_CELLS", "MAX_CELL_CHARS")
