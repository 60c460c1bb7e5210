"""Budget lines the schema cannot judge alone: each needs an amount or the reason there is none.

A programme-funded line often has no amount yet (the application is open, the state has
not said how much). The schema lets ``planned`` be left out so that such a line need not
invent one, but then ``amount_unknown`` must say why: a line with neither is a forgotten
amount, not a known unknown. A line with both contradicts itself.
"""

from __future__ import annotations

from integ_cli.amounts import as_number
from integ_cli.files.loading import Document, locate
from integ_cli.i18n import _
from integ_cli.problems import Problem, format_path


def check_budget(file: str, doc: Document) -> list[Problem]:
    """An error for each budget line without ``planned`` and ``amount_unknown``, or with both."""
    problems: list[Problem] = []
    budget = doc.data.get("budget")
    for index, line in enumerate(budget if isinstance(budget, list) else ()):
        if not isinstance(line, dict):
            continue
        known = as_number(line.get("planned")) is not None
        reason = "amount_unknown" in line and isinstance(line["amount_unknown"], str)
        if known == reason:
            path: list[str | int] = ["budget", index, "amount_unknown" if reason else "year"]
            if reason:
                code = "budget-amount-twice"
                message = _(
                    "the budget line {year} has an amount (planned) and amount_unknown; remove amount_unknown "
                    "now that the amount is known"
                )
            else:
                code = "budget-amount-missing"
                message = _(
                    "the budget line {year} has no amount; write planned: AMOUNT, or where it is not known yet "
                    'amount_unknown: "why"'
                )
            row, column = locate(doc.root, path)
            problems.append(
                Problem(file, row, column, format_path(path), code, message.format(year=line.get("year", "")))
            )
    return problems
