"""The shapes of an id and of a date, as the schemas spell them and as the code checks them.

The JSON Schemas (``$defs.id`` and ``$defs.date``) and the code that checks an id or a
date before any schema is involved (a ``--since`` date, a measure id on the command
line, a new id, a spreadsheet cell) must agree, so both read the pattern from here;
a test holds the schemas to it.

Match with ``fullmatch``: Python's ``$`` also matches before a final newline, JSON
Schema's does not.
"""

from __future__ import annotations

import re

#: An id: ASCII lower-case letters and digits in words joined by single hyphens (``sprache-004``).
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
#: A date as the files write it, ``YYYY-MM-DD`` (whether the day exists is checked apart).
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: A date as precise as it is known: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (decisions, editions).
PARTIAL_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

ID = re.compile(ID_PATTERN)
DATE = re.compile(DATE_PATTERN)
PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)
