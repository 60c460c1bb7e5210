"""'Did you mean ...?' for misspelt ids, keys and option values."""

from __future__ import annotations

from collections.abc import Iterable


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


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A short hint such as ``"; did you mean 'jugendliche'?"``, or empty."""
    matches = closest(word, known)
    if not matches:
        return ""
    return "; did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
