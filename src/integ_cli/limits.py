"""Resource limits for reading data files.

A data repository is edited by many hands; these limits keep a single bad file from
exhausting memory or time. Each is far above what a real record needs (a measure is
1 to 3 KB, a few hundred values, nested four levels deep).
"""

from __future__ import annotations

#: Largest record file read, in bytes. Larger files are reported, not parsed.
MAX_FILE_BYTES = 2 * 1024 * 1024

#: Most values (scalars, lists, mappings) one file may expand to, counting every
#: expansion of a YAML alias. Stops "billion laughs" alias bombs.
MAX_NODES = 200_000

#: Deepest nesting of lists and mappings accepted in a record.
MAX_DEPTH = 64

#: Longest numeric literal read as a number; longer ones stay text (and the schema
#: then reports them), which also keeps Python's int-from-string limit out of reach.
MAX_NUMBER_DIGITS = 32
