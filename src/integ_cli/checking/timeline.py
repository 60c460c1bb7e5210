"""A measure's dates and what happened to it: start and end, decisions, milestones and
status updates, checked where the schema cannot (the day exists, the end does not come
before the start, the file says the schema_version its keys need).

Dates are :class:`~integ_cli.concept.model.PartialDate`\\ s: the real world often knows
only that a measure was decided "in 2014" or began "in June 2019", so comparisons ask
whether one date *certainly* lies before the other (``2014`` is not before ``2014-06``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from integ_cli.concept.model import PartialDate
from integ_cli.files.loading import Document, locate
from integ_cli.i18n import _
from integ_cli.patterns import DATE, PARTIAL_DATE
from integ_cli.problems import Problem, format_path
from integ_cli.progress import partial

#: The newest ``schema_version`` of each record kind that has more than the first.
NEWEST_VERSION = {"measure": 2}
#: Keys a measure file may use only from schema_version 2 on.
VERSION_2_KEYS = ("decisions", "milestones", "updates", "staff")
#: Keys of a budget line that are new in schema_version 2 (an unknown amount, funding programmes).
VERSION_2_BUDGET_KEYS = ("amount_unknown", "programme", "co_funding_share", "funding_status")
#: Keys of a measure whose value is a date known to the year, month or day.
_DATED = ("start", "end")

Path_ = list[str | int]


def newest_version(kind: str, default: int) -> int:
    """The newest schema_version integ reads for records of ``kind`` (``default`` for
    the kinds that have one version only)."""
    return NEWEST_VERSION.get(kind, default)


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    for index, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield index, item


def _decisions(data: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Each decision with its path: the single ``decision`` of schema_version 1, or those listed."""
    if isinstance(data.get("decision"), dict):
        yield ["decision"], data["decision"]
    for index, item in _items(data, "decisions"):
        yield ["decisions", index], item


def dates(data: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    """Every partial date of a measure (start, end, decisions, consultations, milestones)."""
    for key in _DATED:
        if isinstance(data.get(key), str):
            yield [key], data[key]
    for path, decision in _decisions(data):
        if isinstance(decision.get("date"), str):
            yield [*path, "date"], decision["date"]
        for number, step in _items(decision, "consultation"):
            if isinstance(step.get("date"), str):
                yield [*path, "consultation", number, "date"], step["date"]
    for index, milestone in _items(data, "milestones"):
        for key in ("due", "done"):
            if isinstance(milestone.get(key), str):
                yield ["milestones", index, key], milestone[key]


def _needs_version_2(data: dict[str, Any]) -> tuple[Path_, str] | None:
    """The first place in a version-1 file that needs version 2, and why (``None``: none)."""
    for key in VERSION_2_KEYS:
        if key in data:
            return [key], _("'{key}' is new in schema_version 2").format(key=key)
    for index, line in _items(data, "budget"):
        for key in line:  # in file order: the first one is named
            if key in VERSION_2_BUDGET_KEYS:
                return ["budget", index, key], _("'{key}' is new in schema_version 2").format(key=key)
    for path, value in dates(data):
        if PARTIAL_DATE.fullmatch(value) and not DATE.fullmatch(value):
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

    if data.get("schema_version") == 1 and (needed := _needs_version_2(data)) is not None:
        where, why = needed
        add(where, "needs-version-2", _("{why}; write schema_version: 2 in this file").format(why=why))
    if "decision" in data and "decisions" in data:
        message = _("the measure has 'decision' and 'decisions'; move the one decision into the list 'decisions'")
        add(["decision"], "decision-twice", message)
    for path, text in dates(data):
        if not PARTIAL_DATE.fullmatch(text):
            continue  # the schema says what is wrong with it
        try:
            PartialDate.parse(text)
        except ValueError:
            message = _("'{label}' is '{value}', which is not a real date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
            add(path, "not-a-date", message.format(label=format_path(path), value=text))
    start, end = partial(data.get("start")), partial(data.get("end"))
    if start is not None and end is not None and end.before(start):
        add(["end"], "end-before-start", _("'end' ({end}) is before 'start' ({start})").format(end=end, start=start))
    return problems
