"""integ fix's core: codes written where names stand, every other byte kept."""

from __future__ import annotations

from pathlib import Path

from integ_cli.checking.fix import fix, mend
from integ_cli.codelists import of_repository
from tests.conftest import edit

M1 = "data/measures/sprache-001.yaml"
CODES = of_repository(None)


def test_mend_keeps_comments_quotes_and_line_ends() -> None:
    text = (
        "\ufeff# Kopf\r\nstatus: laufend   # noch offen\r\n"
        'horizon: "Mittelfristig"\r\nbudget:\r\n  - {year: 2026, source: Land NRW}\r\n'
    )
    mended, changes = mend(text, "measure", CODES, "m.yaml")
    assert mended == (
        "\ufeff# Kopf\r\nstatus: active   # noch offen\r\n"
        'horizon: "mid"\r\nbudget:\r\n  - {year: 2026, source: state}\r\n'
    )
    assert [(c.line, c.path, c.old, c.new) for c in changes] == [
        (2, "status", "laufend", "active"),
        (3, "horizon", "Mittelfristig", "mid"),
        (5, "budget[0].source", "Land NRW", "state"),
    ]


def test_mend_leaves_codes_and_unknown_values_alone() -> None:
    text = "status: active\nhorizon: someday\n"
    assert mend(text, "measure", CODES) == (text, [])


def test_fix_writes_and_checks_again(repo: Path) -> None:
    edit(repo / M1, "status: active", "status: laufend  # seit Mai")
    before = (repo / M1).read_text(encoding="utf-8")
    outcome = fix(repo, dry_run=True)
    assert [(c.file, c.line, c.new) for c in outcome.changes] == [(M1, 12, "active")]
    assert (repo / M1).read_text(encoding="utf-8") == before  # a dry run writes nothing
    outcome = fix(repo)
    assert (repo / M1).read_text(encoding="utf-8") == before.replace("laufend", "active")
    assert outcome.problems == [] and outcome.conflicts == []
    assert fix(repo).changes == []
