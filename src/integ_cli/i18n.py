"""The language integ speaks, and gettext translations of every message a person reads.

Message ids in the source are English; ``locale/de/LC_MESSAGES/integ.po`` translates them,
English needs no catalog. The language is chosen once per process by :func:`language`:
``INTEG_LANG``, else the locale where it names German or English, else German (integ's
users are a German city's staff, so a bare ``C`` locale still gets German).

Typer marks its own strings ("Options", "Commands", "Error", "Aborted!") with the stdlib's
``gettext.gettext``, which picks its language from the environment on every call and finds
no catalog for them in any case. :func:`setup` therefore points ``gettext.gettext`` at
integ's ``typer`` catalog, in integ's language, before Typer is imported (Typer binds the
function at import). Nothing is written to the environment: git and the editor that integ
starts see the user's locale (or the one integ sets for them) unchanged.

Command help is English in the source and translated when it is shown: a command's
docstring, an option's ``N_()``-marked ``help=`` and the help panels' names are read
through :func:`_` as the help is built (:mod:`integ_cli.cli.click_text`), so a later
:func:`setup` changes the next help; :mod:`integ_cli.i18n_extract` puts them in the
catalog. Typer's module constants ("Options", "Error") are refreshed there too.

Only the stdlib is imported here: the catalogs are compiled ``.mo`` files shipped in the
package, and a message is looked up in the file as it is asked for (:class:`Compiled`)
rather than the whole catalog decoded at start-up.
"""

from __future__ import annotations

import gettext as _stdlib
import os
import re
import struct
from collections.abc import Mapping
from functools import cache
from pathlib import Path

#: The gettext domain of integ's own messages.
DOMAIN = "integ"
#: The domain holding German for the strings Typer marks with the stdlib's ``gettext``.
TYPER_DOMAIN = "typer"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

#: Where the locale is named, most specific first (POSIX: the first one set decides).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None


def _named_language(value: str) -> str | None:
    """``de``, ``de_DE.UTF-8``, ``en-GB`` -> the language it names, if integ speaks it."""
    code = re.split(r"[_.@-]", value.strip().lower(), maxsplit=1)[0]
    return code if code in LANGUAGES else None


def language(environ: Mapping[str, str] = os.environ) -> str:
    """The language asked for: ``INTEG_LANG`` (anything but German or English there means
    German), else the effective locale if it names German or English, else German."""
    asked = environ.get("INTEG_LANG", "")
    if asked:
        return _named_language(asked) or DEFAULT_LANGUAGE
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:  # the first one set is the locale, even when it is C or POSIX
            return _named_language(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


class Compiled(_stdlib.NullTranslations):
    """A compiled catalog (``.mo``) whose messages are looked up as they are asked for.

    The stdlib's ``GNUTranslations`` decodes every message of the file into a dict when
    it is opened: for integ's 1,100 messages that took 2.5 ms, more than half of what
    ``integ --version`` adds to Typer's start-up, to translate a few. The ``.mo`` format
    keeps the message ids sorted (``pybabel compile`` and ``msgfmt`` both sort them), so
    a message is found by bisecting the ids in the file's bytes. The catalogs are UTF-8
    and use the plural rule ``n != 1`` (tests/test_i18n.py checks both)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        if data[:4] == _MO_MAGIC.to_bytes(4, "little"):
            self._order = "<"
        elif data[:4] == _MO_MAGIC.to_bytes(4, "big"):
            self._order = ">"
        else:
            raise ValueError("not a compiled gettext catalog (.mo)")
        self._data = data
        self._count, self._originals, self._translations = struct.unpack_from(self._order + "3I", data, 8)
        #: Messages already looked up: a report asks for the same few thousands of times
        #: (a status name a row), and a bisection costs some microseconds each.
        self._found: dict[str, str | None] = {}

    def _entry(self, table: int, index: int) -> bytes:
        length, offset = struct.unpack_from(self._order + "2I", self._data, table + 8 * index)
        return self._data[offset : offset + length]

    def _find(self, message: str) -> str | None:
        try:
            return self._found[message]
        except KeyError:
            found = self._bisect(message)
        if len(self._found) < _REMEMBERED:  # bounded, whatever text is passed in
            self._found[message] = found
        return found

    def _bisect(self, message: str) -> str | None:
        key = message.encode("utf-8")
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            probe = self._entry(self._originals, middle)
            if probe < key:
                low = middle + 1
            elif probe > key:
                high = middle
            else:
                return self._entry(self._translations, middle).decode("utf-8") or None
        return None

    def gettext(self, message: str) -> str:
        return self._find(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self._find(f"{msgid1}\0{msgid2}")
        if found is None:
            return msgid1 if n == 1 else msgid2
        forms = found.split("\0")
        return forms[0 if n == 1 else min(1, len(forms) - 1)]


#: How many looked-up messages a catalog remembers (integ has fewer than 2,000).
_REMEMBERED = 8192
#: The first four bytes of a ``.mo`` file, as a number in the byte order it was written in.
_MO_MAGIC = 0x950412DE


@cache
def catalog(domain: str, lang: str) -> _stdlib.NullTranslations:
    """The compiled catalog of ``domain`` in ``lang``; English is the source language and
    needs none (a missing catalog falls back to English rather than failing a command)."""
    if lang == "en":
        return _stdlib.NullTranslations()
    try:
        return Compiled((LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo").read_bytes())
    except (OSError, ValueError, struct.error):
        return _stdlib.NullTranslations()


def current() -> str:
    """The language of this process: the one :func:`setup` chose, else :func:`language`."""
    return _chosen or language()


def _typer_gettext(message: str) -> str:
    """What Typer calls as ``gettext``: its strings from integ's ``typer`` catalog."""
    return catalog(TYPER_DOMAIN, current()).gettext(message)


def setup(lang: str | None = None) -> str:
    """Choose the language for this process (default: :func:`language`) and route Typer's
    strings through integ's catalog. Call it before ``typer`` is imported: Typer evaluates
    some strings at import (its help panel titles). Calling it again switches the language
    of everything translated afterwards (tests use that); returns the language chosen."""
    global _chosen
    _chosen = lang or language()
    _stdlib.gettext = _typer_gettext
    return _chosen


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet: for text defined at
    import time (a module constant), translated with :func:`_` where it is shown."""
    return message


def _(message: str) -> str:
    """``message`` (an English message id) in the language of this process."""
    return catalog(DOMAIN, current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for ``count``, in the language of this
    process (German and English both have two forms: one, and everything else)."""
    return catalog(DOMAIN, current()).ngettext(singular, plural, count)
