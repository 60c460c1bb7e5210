"""The attention list as a check (``integ attention``): each reason a measure needs a
look becomes a :class:`~integ_cli.problems.Problem`, so CI reads it like a finding of
``integ validate`` (text, JSON, GitHub annotations) and can fail on it.

The reasons are the report's (:mod:`integ_cli.report.attention`, one core for both);
the code of a problem is the reason's code (``overdue``, ``stale``, ...), the same in
every language. A reason is an error where the caller fails on its kind (``--fail-on``),
else a warning. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from integ_cli.fields import field_order
from integ_cli.i18n import _, ngettext
from integ_cli.problems import Problem, Severity
from integ_cli.render.format import date as day
from integ_cli.report.attention import ATTENTION, ATTENTION_KEYS, attention_of, attention_row
from integ_cli.report.build import is_internal
from integ_cli.report.model import AttentionRow, Reason

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Keep, Measure
    from integ_cli.query import Query

#: ``--fail-on`` takes a reason's code or this, for every reason.
ANY = "any"
#: What ``--fail-on`` accepts, in the order the attention list shows the reasons.
KINDS = (*ATTENTION, ANY)
#: The measure key a reason is about (a problem names it as its path).
KEYS = {
    "overdue": "end",
    "milestone": "milestones",
    "no-indicator": "indicators",
    "no-budget": "budget",
    "no-lead": "lead",
    "stale": "updated",
}


def stale_after_days(root: Path) -> int | None:
    """The concept record's ``attention.stale_after_days`` (None: none set, or no valid record)."""
    from integ_cli.concept.load import load_concept

    concept = load_concept(root).concept
    return concept.stale_after_days if concept is not None else None


def message(reason: Reason, days: int | None) -> str:
    """What is wrong and what to do, for one reason."""
    if reason.code == "overdue":
        return _("the end date {date} has passed but the status is still active: set the status or a later end").format(
            date=day(reason.detail or "")
        )
    if reason.code == "milestone":
        from integ_cli.render.progress import when

        return _(
            "a milestone due {date} is still open: mark it done (integ milestone ID done N) or move its due date"
        ).format(date=when(reason.detail or ""))
    if reason.code == "no-indicator":
        return _("no indicator: add one under 'indicators' to show the measure's progress")
    if reason.code == "no-budget":
        return _("no budget line: add one under 'budget' (an unknown amount may be stated as such)")
    if reason.code == "no-lead":
        return _("no lead: name the actor in charge under 'lead'")
    if not reason.detail:
        return _("no 'updated' date: record when the measure was last reviewed")
    if days is None:
        return _("not updated for over a year (last {date}): review it and record the date").format(
            date=day(reason.detail)
        )
    return ngettext(
        "not updated for over {days} day (last {date}): review it and record the date",
        "not updated for over {days} days (last {date}): review it and record the date",
        days,
    ).format(days=days, date=day(reason.detail))


def positions(root: Path, file: str, keys: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Line and column of each of ``keys`` in the measure file ``file`` (of a key the
    record lacks: the record's start); none where the file cannot be read now."""
    from integ_cli.files.loading import LoadProblem, load_document, locate
    from integ_cli.files.reading import read_limited

    try:
        document = load_document(read_limited(root / file, file), file)
    except (OSError, LoadProblem):
        return {}
    return {key: locate(document.root, [key]) for key in keys} if document is not None else {}


def attention_problems(
    catalogue: Catalogue,
    date: dt.date,
    fail_on: Collection[str] = (),
    days: int | None = None,
    *,
    located: bool = False,
    internal: bool = False,
) -> list[Problem]:
    """The attention list of ``catalogue``'s measures as of ``date``, one problem per
    reason, in the list's order (action fields in the concept's order, then ids).
    Internal measures (``visibility: internal``) only with ``internal``, as in the
    report's section. With ``located`` each problem has the line of its key, for editors
    and workflow annotations (it reads those measures' files once more, so only where
    it is shown)."""
    measures = shown_measures(catalogue, internal)
    rows = [row for m in measures if (row := attention_row(m.read(), date, days)) is not None]
    files = {m.id: m.file for m in measures}
    return _problems(catalogue, rows, files, fail_on, days, located)


class AttentionScan:
    """The attention list of :func:`attention_problems`, taken while the measures are
    scanned: :meth:`select` is the catalogue's Selector and takes each kept record as it
    arrives (:attr:`~integ_cli.checking.measure.Keep.take`), keeping its row, if it needs
    one, and its file name, so 100,000 measures are never held at once."""

    def __init__(self, query: Query, date: dt.date, *, internal: bool = False) -> None:
        self.query, self.date, self.internal = query, date, internal
        self.days: int | None = None
        #: The files of the measures the list looks at (:func:`shown_measures`), in file order.
        self.shown: list[str] = []
        self._rows: list[AttentionRow] = []
        self._files: dict[str, str] = {}

    def select(self, catalogue: Catalogue) -> Keep:
        """The query's selection of the keys the reasons read; the concept record's
        ``stale_after_days`` is read here, once the catalogue's root is known."""
        from integ_cli.checking.measure import Keep
        from integ_cli.query import selector

        chosen = selector(self.query, ATTENTION_KEYS)(catalogue)
        self.days = stale_after_days(catalogue.root)
        return replace(chosen if isinstance(chosen, Keep) else Keep(chosen), take=self._take)

    def _take(self, measure: Measure) -> None:
        data = measure.read()
        if not self.internal and is_internal(data):
            return
        self.shown.append(measure.file)
        row = attention_row(data, self.date, self.days)
        if row is not None:
            self._rows.append(row)
            self._files[measure.id] = measure.file

    def problems(self, catalogue: Catalogue, fail_on: Collection[str] = (), *, located: bool = False) -> list[Problem]:
        """The list as problems, once ``catalogue`` is loaded with :meth:`select`."""
        return _problems(catalogue, self._rows, self._files, fail_on, self.days, located)


def _problems(
    catalogue: Catalogue,
    rows: list[AttentionRow],
    files: Mapping[str, str],
    fail_on: Collection[str],
    days: int | None,
    located: bool,
) -> list[Problem]:
    """One problem per reason of ``rows`` (``files``: each measure's file, by id)."""
    section = attention_of(rows, field_order(catalogue.fields, prioritised_first=True), days)
    failing = set(ATTENTION) if ANY in fail_on else set(fail_on)
    problems: list[Problem] = []
    for row in section.rows:
        keys = [KEYS[reason.code] for reason in row.reasons]
        found = positions(catalogue.root, files[row.id], keys) if located else {}
        for reason, key in zip(row.reasons, keys, strict=True):
            severity = Severity.ERROR if reason.code in failing else Severity.WARNING
            line, column = found.get(key, (None, None))
            problems.append(Problem(files[row.id], line, column, key, reason.code, message(reason, days), severity))
    return problems


def shown_measures(catalogue: Catalogue, internal: bool = False) -> list[Measure]:
    """The measures the attention list looks at: the public ones, the internal ones too
    with ``internal`` (the report's rule, :func:`integ_cli.report.build.is_internal`)."""
    return [m for m in catalogue.measures if internal or not is_internal(m.read())]


def measures_named(problems: Sequence[Problem]) -> int:
    """How many measures the problems are about."""
    return len({problem.file for problem in problems})
