"""Budget lines as integ validate checks them: an amount or the reason there is none,
and the schema_version the funding keys need."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.problems import Problem

#: A measure funded from a state programme as a city's paper describes it: the municipal
#: share is in the budget, the state's amount awaits the notice, two staff posts.
FUNDED = """\
schema_version: 2
id: bildung-009
title: Integrationszentrum Elternarbeit
summary: Beratung und Begleitung von Eltern, gefördert aus einem Landesprogramm.
field: sprache
target_groups: [junge-muetter]
districts: [stadtweit]
status: active
horizon: unknown
start: "2014"
budget:
  - year: 2026
    planned: 15000
    source: municipal
  - year: 2026
    source: state
    programme: KOMM-AN NRW
    co_funding_share: 0.9
    funding_status: applied
    amount_unknown: Förderbescheid des Landes steht aus
staff:
  - year: 2026
    fte: 1.5
    note: Sozialarbeit
"""
FILE = "data/measures/bildung-009.yaml"


def write(repo: Path, text: str) -> None:
    (repo / FILE).write_text(textwrap.dedent(text), encoding="utf-8")


def problems(repo: Path) -> list[Problem]:
    return load_catalogue(repo).problems


def test_a_programme_with_an_unknown_amount_validates_without_invented_values(repo: Path) -> None:
    write(repo, FUNDED)
    assert problems(repo) == []


def test_an_empty_amount_is_told_to_be_left_out_or_given(repo: Path) -> None:
    write(repo, FUNDED.replace("    source: state\n", "    planned:\n    source: state\n"))
    [problem] = problems(repo)
    assert (problem.path, problem.code) == ("budget[1].planned", "schema-type")


def test_a_line_without_amount_or_reason_is_told_what_to_write(repo: Path) -> None:
    write(repo, FUNDED.replace("    amount_unknown: Förderbescheid des Landes steht aus\n", ""))
    [problem] = problems(repo)
    assert (problem.file, problem.line, problem.path, problem.code) == (
        FILE,
        15,
        "budget[1].year",
        "budget-amount-missing",
    )
    assert problem.message == (
        'the budget line 2026 has no amount; write planned: AMOUNT, or where it is not known yet amount_unknown: "why"'
    )


def test_an_amount_and_a_reason_for_none_contradict_each_other(repo: Path) -> None:
    write(repo, FUNDED.replace("    source: state\n", "    planned: 20000\n    source: state\n"))
    [problem] = problems(repo)
    assert (problem.line, problem.path, problem.code) == (21, "budget[1].amount_unknown", "budget-amount-twice")


def test_in_german_the_missing_amount(repo: Path, german: None) -> None:
    write(repo, FUNDED.replace("    amount_unknown: Förderbescheid des Landes steht aus\n", ""))
    assert [p.message for p in problems(repo)] == [
        "der Budgetposten 2026 hat keinen Betrag; schreiben Sie planned: BETRAG oder, solange er nicht bekannt ist, "
        'amount_unknown: "Grund"'
    ]


@pytest.mark.parametrize(
    ("keep", "path", "message"),
    [
        ("budget", "budget[1].programme", "'programme' is new in schema_version 2"),
        ("staff", "staff", "'staff' is new in schema_version 2"),
    ],
)
def test_a_version_1_file_is_told_the_funding_keys_need_version_2(
    repo: Path, keep: str, path: str, message: str
) -> None:
    text = FUNDED.replace("schema_version: 2", "schema_version: 1").replace("horizon: unknown", "horizon: mid")
    text = text.replace('start: "2014"', 'start: "2014-01-01"')
    head, budget, staff = (
        text[: text.index("budget:")],
        text[text.index("budget:") : text.index("staff:")],
        text[text.index("staff:") :],
    )
    write(repo, head + (budget if keep == "budget" else staff))
    found = [(p.path, p.message.split(";")[0]) for p in problems(repo) if p.code == "needs-version-2"]
    assert found == [(path, message)]


def test_a_share_given_in_percent_is_refused(repo: Path) -> None:
    write(repo, FUNDED.replace("co_funding_share: 0.9", "co_funding_share: 90"))
    [problem] = problems(repo)
    assert (problem.path, problem.line) == ("budget[1].co_funding_share", 18)
    assert "must not be more than 1" in problem.message
