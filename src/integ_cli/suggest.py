"""'Did you mean ...?' for misspelt ids, keys and option values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from integ_cli.i18n import _

#: At most this many known values are listed where none is close to what was typed.
LISTED = 10


def closest(word: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Known values close to ``word``, best first (substring matches count as close)."""
    import difflib

    candidates = list(known)
    lowered = word.lower()
    matches = difflib.get_close_matches(lowered, candidates, n=limit, cutoff=0.6)
    for candidate in candidates:
        if len(matches) >= limit:
            break
        if candidate not in matches and len(lowered) >= 3 and (lowered in candidate or candidate in lowered):
            matches.append(candidate)
    return matches


def suggestion(matches: Sequence[str], names: Mapping[str, str] | None = None) -> str:
    """The hint for values a user may have meant: ``"; did you mean 'vhs-aachen'
    (Volkshochschule Aachen)?"`` (each with its name where ``names`` gives one that
    differs from it), or empty where there are none."""
    if not matches:
        return ""
    shown = [
        _("'{value}' ({name})").format(value=match, name=names[match])
        if names and names.get(match) and names[match] != match
        else f"'{match}'"
        for match in matches
    ]
    return _("; did you mean {choices}?").format(choices=_(" or ").join(shown))


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A short hint such as ``"; did you mean 'jugendliche'?"``, or empty."""
    return suggestion(closest(word, known))


def known_values(known: Sequence[str]) -> str:
    """The hint where nothing is close: ``"; known: a, b, c"`` (the first :data:`LISTED`)."""
    if not known:
        return _("; none is known")
    shown = ", ".join(known[:LISTED]) + (", ..." if len(known) > LISTED else "")
    return _("; known: {values}").format(values=shown)
