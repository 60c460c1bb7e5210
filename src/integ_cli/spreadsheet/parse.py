"""Cell contents into record values, and the comparison that leaves unchanged cells alone.

A cell is read by its column's kind (from the schema, :mod:`.layout`): lists split at
commas, semicolons or line breaks; true/false also as WAHR/FALSCH or ja/nein; numbers
also German (``12.000,50 €``) and dates also as ``TT.MM.JJJJ``, read by
:mod:`integ_cli.authoring.parse` as on the command line, or as the date cell Excel
makes of a typed date; a drop-down's value by its codelist (German or English name,
alias or code). Excel hands back ``2025.0`` for a typed ``2025`` and
``datetime`` for dates, so :func:`same` compares what a cell means, not its type.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from integ_cli.i18n import _
from integ_cli.spreadsheet.cells import Unreadable
from integ_cli.spreadsheet.layout import BOOLEAN, DATE, ENUM, ID_KIND, INTEGER, LIST, NUMBER, TEXT, Column, split_list
from integ_cli.spreadsheet.read import blank

if TYPE_CHECKING:
    from integ_cli.codelists import Codelist

#: Kinds of cell whose text is the value as it is.
_TEXT = frozenset({TEXT, ID_KIND})
_TRUE = {"true", "wahr", "ja", "yes", "x", "1"}
_FALSE = {"false", "falsch", "nein", "no", "0"}


def parse(column: Column, raw: Any) -> Any:
    """The value a cell stands for, by the column's kind; None for an empty cell.
    ValueError (with a message for the user) where the cell cannot be read."""
    if raw is None:
        return None
    kind = column.kind
    if kind in _TEXT and type(raw) is str:  # most cells: taken first, as a workbook has 100,000s
        return raw.replace("\r\n", "\n").strip() or None
    if type(raw) is int and kind in (INTEGER, NUMBER):  # the next most: a number cell
        return raw
    if type(raw) is float and kind == NUMBER:  # an amount with cents: kept as it is, as _number keeps it
        return raw
    if isinstance(raw, Unreadable):  # a formula, an error value, too long a text
        raise ValueError(raw.message)
    if blank(raw):
        return None
    if kind == LIST:
        return split_list(text(raw))
    if kind == BOOLEAN:
        if isinstance(raw, bool):
            return raw
        lowered = text(raw).lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise ValueError(_("'{value}' is not true or false (write true/false or WAHR/FALSCH)").format(value=text(raw)))
    if kind in (INTEGER, NUMBER):
        return _number(raw, kind == INTEGER)
    if kind == DATE:
        if isinstance(raw, datetime.datetime):
            return raw.date().isoformat()
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        from integ_cli.authoring.parse import parse_date, parse_partial_date

        typed = re.sub(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$", r"\1", text(raw))
        try:
            return parse_date(typed)
        except ValueError as error:  # a start, end or decision known to the year or month only
            try:
                return parse_partial_date(typed)
            except ValueError:
                raise error from None
    if kind == ENUM and column.codelist is not None:  # a name the list does not know is left for validation
        codelist, typed = column.codelist, text(raw)
        known = _RESOLVED.get((id(codelist), typed))
        if known is not None and known[0] is codelist:
            return known[1]
        code = codelist.resolve(typed) or typed
        if len(_RESOLVED) < 10_000:
            _RESOLVED[id(codelist), typed] = (codelist, code)
        return code
    return text(raw)


#: What a drop-down's cell text stands for, by its codelist and the text: a few dozen
#: spellings recur in every row of a sheet. Each entry holds its codelist, so that the
#: codelist's id is not another's while the entry is there. Bounded.
_RESOLVED: dict[tuple[int, str], tuple[Codelist, str]] = {}


def text(raw: Any) -> str:
    """A cell as the text a person typed (``2025.0`` → ``2025``, a date cell → ISO)."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).replace("\r\n", "\n").strip()


def _number(raw: Any, whole: bool) -> int | float:
    from integ_cli.authoring.parse import parse_amount

    if isinstance(raw, (bool, datetime.date, datetime.time)):
        raise ValueError(_("'{text}' is not a number").format(text=text(raw)))
    if isinstance(raw, int | float):
        value: int | float = raw
    else:
        value = parse_amount(text(raw))
    if isinstance(value, float) and value.is_integer() and whole:
        value = int(value)
    if whole and not isinstance(value, int):
        raise ValueError(_("'{value}' is not a whole number").format(value=text(raw)))
    return value


def empty(value: Any) -> bool:
    """Whether a value stands for "not given" (the key is left out or removed)."""
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


#: Types whose values compare as they are (or, text, once line ends and blanks are evened out).
_EXACT = frozenset({str, int, float, type(None)})
#: Types of which two equal values are always :func:`same` (checked where :func:`same`
#: would be called for 100,000s of cells, to call it only for the rest).
SAME_WHEN_EQUAL = frozenset({*_EXACT, bool})


def same(value: Any, current: Any) -> bool:
    """Whether a cell's value equals the record's current value as far as the
    spreadsheet can tell (so the cell is left alone)."""
    kind = type(value)
    if kind is type(current) and kind in _EXACT:  # most cells, compared first: an import compares 100,000s
        return value == current or (
            kind is str and value.replace("\r\n", "\n").strip() == current.replace("\r\n", "\n").strip()
        )
    if empty(value) and empty(current):
        return True
    if isinstance(value, bool) or isinstance(current, bool):
        return isinstance(value, bool) and isinstance(current, bool) and value == current
    if isinstance(value, str) and isinstance(current, str):
        return value.replace("\r\n", "\n").strip() == current.replace("\r\n", "\n").strip()
    if isinstance(value, int | float) and isinstance(current, int | float):
        return value == current
    if isinstance(value, list) and isinstance(current, list):
        return len(value) == len(current) and all(same(v, c) for v, c in zip(value, current, strict=True))
    if isinstance(value, str) and isinstance(current, int | float):
        return value == str(current)
    return bool(value == current)
