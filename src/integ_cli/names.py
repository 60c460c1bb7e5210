"""What people type for an entry, and the entry it means.

People know target groups, actors, districts and action fields by their German names
(``Mütter``, ``Volkshochschule Aachen``, ``Sprache``), files know them by id
(``junge-muetter``, ``vhs-aachen``). :func:`match_name` finds the id for either, the
same way wherever a name is typed (filters today; prompts and imports can call it
too): text is compared :func:`fold`-ed, so case and umlauts do not matter (``ü`` =
``ue``, ``ß`` = ``ss``).

1. the id itself, or the id or a name written differently (``Sprache`` -> ``sprache``);
2. else, where exactly one entry has a word starting with each word typed
   (``mütter`` -> ``junge-muetter``), that entry;
3. else nothing is taken, and the few entries meant most likely are offered.

A word shorter than :data:`MIN_PREFIX` must be a whole word: ``ag`` does not stand
for every entry with a word starting "ag".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: An entry's keys that hold its names (besides its id).
NAME_KEYS = ("name", "short_name")
#: The shortest typed word taken as the start of a longer one.
MIN_PREFIX = 3
#: At most this many entries are offered for a name that matches none (or several).
CANDIDATES = 3

Vocabulary = Mapping[str, Mapping[str, Any]]

#: Combining marks (accents) left over once a text is decomposed: é -> e, ç -> c.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Text as compared by the text filter and name matching: case-folded, ``ß`` as
    ``ss``, ``ä/ö/ü`` as ``ae/oe/ue`` (the German spelling without umlauts) and other
    accents dropped, so that ``muetter`` and ``Mütter``, ``strasse`` and ``Straße`` are equal."""
    if text.isascii():
        return text.lower()
    # Three replaces, not str.translate: translating to two characters goes a dict look-up
    # a character, and took most of the time of 'integ list -q' on a long-text catalogue.
    text = unicodedata.normalize("NFC", text).casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (``Kinder und Jugendliche`` -> kinder, und, jugendliche;
    ids split at their hyphens)."""
    return _WORD.findall(fold(text))


def names_of(entry: Mapping[str, Any]) -> list[str]:
    """The names an entry has (its ``name``, a field's ``short_name``)."""
    return [value for key in NAME_KEYS if isinstance(value := entry.get(key), str) and value.strip()]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The entry typed text means (``id``), or, where it means none or several, the
    ids it may have meant, likeliest first (``candidates``; empty where nothing is near)."""

    id: str | None
    candidates: tuple[str, ...] = ()


def _starts(typed: list[str], entry_words: list[str]) -> int | None:
    """How many typed words are only the start of a word of the entry (fewer: a better
    match), or None where one typed word starts none of them."""
    partial = 0
    for word in typed:
        if word in entry_words:
            continue
        if len(word) < MIN_PREFIX or not any(each.startswith(word) for each in entry_words):
            return None
        partial += 1
    return partial


def match_name(vocabulary: Vocabulary, text: str) -> NameMatch:
    """The id ``text`` stands for in ``vocabulary`` (id -> entry), by the rules of this
    module's docstring."""
    if text in vocabulary:
        return NameMatch(text)
    typed = words(text)
    if not typed:
        return NameMatch(None)
    spelled = [
        entry_id
        for entry_id, entry in vocabulary.items()
        if any(words(name) == typed for name in (entry_id, *names_of(entry)))
    ]
    if len(spelled) == 1:
        return NameMatch(spelled[0])
    if spelled:
        return NameMatch(None, tuple(spelled[:CANDIDATES]))
    ranked: list[tuple[int, int, str]] = []
    for entry_id, entry in vocabulary.items():
        entry_words = [word for name in (entry_id, *names_of(entry)) for word in words(name)]
        partial = _starts(typed, entry_words)
        if partial is not None:
            ranked.append((partial, len(entry_words), entry_id))
    if len(ranked) == 1:
        return NameMatch(ranked[0][2])
    if ranked:
        return NameMatch(None, tuple(entry_id for *_, entry_id in sorted(ranked)[:CANDIDATES]))
    return NameMatch(None, tuple(_near(vocabulary, " ".join(typed))))


def _near(vocabulary: Vocabulary, typed: str) -> list[str]:
    """Ids whose id or name is spelt close to ``typed`` (a typing error), best first."""
    from integ_cli.suggest import closest

    spellings: dict[str, str] = {}
    for entry_id, entry in vocabulary.items():
        for name in (entry_id, *names_of(entry)):
            spellings.setdefault(" ".join(words(name)), entry_id)
    found: list[str] = []
    for spelling in closest(typed, spellings, limit=CANDIDATES * 2):
        if spellings[spelling] not in found:
            found.append(spellings[spelling])
    return found[:CANDIDATES]


def resolve_name(vocabulary: Vocabulary, text: str) -> str | None:
    """The id of the one entry of ``vocabulary`` that ``text`` names (its id, or its
    name in any case, with or without umlauts, or the start of its words); None where
    it names none or several (:func:`match_name` says which it may have meant)."""
    return match_name(vocabulary, text).id
