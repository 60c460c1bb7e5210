"""The bound of a reading command: what ``integ report`` does before it counts anything.

Every file is checked as ``integ validate`` checks it (a report, a list or an overview
shows valid records only, and names the invalid files), and of each valid record the
report's keys are taken, in the same worker processes; then nothing is counted, shown
or written. ``run.py`` prints this beside the reading commands, as a multiple of
``integ validate``: a command that reads the records cannot be faster than this, so
the distance from it to 1.0x is what ``validate`` does that a reading command need not
do, and the distance from it to a command's own ratio is that command's own work.

    python benchmarks/bound.py REPOSITORY
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import integ_cli.cli.app  # noqa: F401  # the start-up every integ command pays (typer, the command table)
from integ_cli.checking.catalogue import Catalogue, load_catalogue
from integ_cli.checking.measure import Keep
from integ_cli.query import Query, selector
from integ_cli.report.build import REPORT_KEYS


class Nothing:
    """A tally that counts nothing (:attr:`Keep.fold`): the records are checked and
    their keys taken, and neither kept nor sent."""

    def empty(self) -> Nothing:
        return Nothing()

    def add(self, _data: dict[str, Any]) -> None:
        pass

    def merge(self, _other: Nothing) -> None:
        pass


def select(catalogue: Catalogue) -> Keep:
    """The report's selection (all measures, the report's keys), counting nothing."""
    chosen = selector(Query(), REPORT_KEYS)(catalogue)
    return replace(chosen if isinstance(chosen, Keep) else Keep(chosen), fold=Nothing())


def main(root: Path) -> int:
    catalogue = load_catalogue(root, select=select)
    return len(catalogue.problems)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
