"""A measure's dates and what happened to it: start and end, decisions, milestones and
status updates, checked where the schema cannot (the day exists, the end does not come
before the start, the file says the schema_version its keys need).

Dates are :class:`~integ_cli.concept.model.PartialDate`\\ s: the real world often knows
only that a measure was decided "in 2014" or began "in June 2019", so comparisons ask
whether one date *certainly* lies before the other (``2014`` is not before ``2014-06``).
"""

from __future__ import annotations

from typing import Any

from integ_cli.concept.model import PartialDate
from integ_cli.files.loading import Document, locate
from integ_cli.i18n import _
from integ_cli.patterns import PARTIAL_DATE
from integ_cli.problems import Problem, format_path

#: The newest ``schema_version`` of each record kind that has more than the first.
NEWEST_VERSION = {"measure": 2}
#: Keys a measure file may use only from schema_version 2 on.
VERSION_2_KEYS = ("decisions", "milestones", "updates", "staff")
#: Keys of a budget line that are new in schema_version 2 (an unknown amount, funding programmes).
VERSION_2_BUDGET_KEYS = ("amount_unknown", "programme", "co_funding_share", "funding_status")
_BUDGET_KEYS_2 = frozenset(VERSION_2_BUDGET_KEYS)
#: Keys of a measure whose value is a date known to the year, month or day.
_DATED = ("start", "end")
_START, _END = ["start"], ["end"]

Path_ = list[str | int]


def newest_version(kind: str, default: int) -> int:
    """The newest schema_version integ reads for records of ``kind`` (``default`` for
    the kinds that have one version only)."""
    return NEWEST_VERSION.get(kind, default)


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _decisions(data: dict[str, Any]) -> list[tuple[Path_, dict[str, Any]]]:
    """Each decision with its path: the single ``decision`` of schema_version 1, or those listed."""
    found: list[tuple[Path_, dict[str, Any]]] = []
    if isinstance(data.get("decision"), dict):
        found.append((["decision"], data["decision"]))
    found += [(["decisions", index], item) for index, item in _items(data, "decisions")]
    return found


def dates(data: dict[str, Any]) -> list[tuple[Path_, str]]:
    """Every partial date of a measure (start, end, decisions, consultations, milestones).

    A list, made once for all the rules of :func:`check_timeline`: most measures have
    two or three dates, and a generator of generators cost more than the rules."""
    found: list[tuple[Path_, str]] = [([key], data[key]) for key in _DATED if isinstance(data.get(key), str)]
    if "decision" in data or "decisions" in data:
        for path, decision in _decisions(data):
            if isinstance(decision.get("date"), str):
                found.append(([*path, "date"], decision["date"]))
            for number, step in _items(decision, "consultation"):
                if isinstance(step.get("date"), str):
                    found.append(([*path, "consultation", number, "date"], step["date"]))
    if "milestones" in data:
        for index, milestone in _items(data, "milestones"):
            for key in ("due", "done"):
                if isinstance(milestone.get(key), str):
                    found.append((["milestones", index, key], milestone[key]))
    return found


def _needs_version_2(data: dict[str, Any], found: list[tuple[Path_, str]]) -> tuple[Path_, str] | None:
    """The first place in a version-1 file that needs version 2, and why (``None``:
    none); ``found`` are its :func:`dates`."""
    for key in VERSION_2_KEYS:
        if key in data:
            return [key], _("'{key}' is new in schema_version 2").format(key=key)
    budget = data.get("budget")
    for index, line in enumerate(budget if isinstance(budget, list) else ()):
        if isinstance(line, dict) and not _BUDGET_KEYS_2.isdisjoint(line):
            key = next(key for key in line if key in _BUDGET_KEYS_2)  # in file order: the first one is named
            return ["budget", index, key], _("'{key}' is new in schema_version 2").format(key=key)
    for path, value in found:
        # A partial date's pattern matches 4, 7 or 10 characters; only 10 are a whole date.
        if len(value) < 10 and PARTIAL_DATE.fullmatch(value):
            message = _("a date known only to the year or month ('{value}') is new in schema_version 2")
            return path, message.format(value=value)
    for key in ("status", "horizon"):
        if data.get(key) == "unknown":
            return [key], _("'{key}: unknown' is new in schema_version 2").format(key=key)
    return None


def check_timeline(file: str, doc: Document) -> list[Problem]:
    """The date, decision and version rules of one measure."""
    data = doc.data
    problems: list[Problem] = []

    def add(path: Path_, code: str, message: str) -> None:
        line, column = locate(doc.root, path)
        problems.append(Problem(file, line, column, format_path(path), code, message))

    found = dates(data)
    if data.get("schema_version") == 1 and (needed := _needs_version_2(data, found)) is not None:
        where, why = needed
        add(where, "needs-version-2", _("{why}; write schema_version: 2 in this file").format(why=why))
    if "decision" in data and "decisions" in data:
        message = _("the measure has 'decision' and 'decisions'; move the one decision into the list 'decisions'")
        add(["decision"], "decision-twice", message)
    start = end = None
    for path, text in found:
        try:
            date = PartialDate.parse(text)
        except ValueError:
            if PARTIAL_DATE.fullmatch(text):  # else the schema says what is wrong with it
                message = _("'{label}' is '{value}', which is not a real date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
                add(path, "not-a-date", message.format(label=format_path(path), value=text))
            continue
        if path == _START:
            start = date
        elif path == _END:
            end = date
    if start is not None and end is not None and end.before(start):
        add(["end"], "end-before-start", _("'end' ({end}) is before 'start' ({start})").format(end=end, start=start))
    return problems
