"""A measure's dates, decisions and progress keys, as integ validate checks them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.problems import Problem

#: A real-world record as public sources describe one: decided "in 2014" by the council
#: after two committees, running since an unknown month of 2015, horizon not stated.
DECIDED_IN_2014 = """\
schema_version: 2
id: sprache-003
title: Kommunales Integrationszentrum
summary: Das Kommunale Integrationszentrum bündelt die Integrationsarbeit der Stadt.
field: sprache
target_groups: [junge-muetter]
districts: [stadtweit]
status: active
horizon: unknown
start: "2015"
decisions:
  - body: Rat der Stadt
    date: "2014"
    paper: BEISPIEL-2014/001
    outcome: adopted
    consultation:
      - body: Integrationsrat
        date: "2014-05"
        outcome: recommended
      - body: Sozialausschuss
"""
FILE = "data/measures/sprache-003.yaml"


def write(repo: Path, text: str) -> None:
    (repo / FILE).write_text(textwrap.dedent(text), encoding="utf-8")


def problems(repo: Path) -> list[Problem]:
    return load_catalogue(repo).problems


def test_a_measure_decided_in_2014_validates_as_the_source_knows_it(repo: Path) -> None:
    write(repo, DECIDED_IN_2014)
    assert problems(repo) == []


def test_a_version_1_file_is_told_what_it_needs(repo: Path) -> None:
    write(repo, DECIDED_IN_2014.replace("schema_version: 2", "schema_version: 1"))
    [problem] = problems(repo)
    assert (problem.file, problem.line, problem.code) == (FILE, 11, "needs-version-2")
    assert problem.message == "'decisions' is new in schema_version 2; write schema_version: 2 in this file"


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2015-06", "a date known only to the year or month ('2015-06') is new in schema_version 2"),
        ("2015-06-01", "'horizon: unknown' is new in schema_version 2"),
    ],
)
def test_what_else_needs_version_2(repo: Path, start: str, message: str) -> None:
    text = DECIDED_IN_2014.replace("schema_version: 2", "schema_version: 1")
    write(repo, text[: text.index("decisions:")].replace('"2015"', f'"{start}"'))
    assert [p.message.split(";")[0] for p in problems(repo) if p.code == "needs-version-2"] == [message]


def test_one_decision_or_a_list_not_both(repo: Path) -> None:
    write(repo, DECIDED_IN_2014 + "decision: {body: Rat, date: '2014'}\n")
    assert [p.code for p in problems(repo)] == ["decision-twice"]


def test_a_month_that_does_not_exist_is_named(repo: Path) -> None:
    write(repo, DECIDED_IN_2014.replace('"2014-05"', '"2014-13"'))
    [problem] = problems(repo)
    assert (problem.line, problem.code, problem.message) == (
        18,
        "not-a-date",
        "'decisions[0].consultation[0].date' is '2014-13', which is not a real date "
        "(expected YYYY, YYYY-MM or YYYY-MM-DD)",
    )


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [("2015", "2015-03", False), ("2015-06", "2015", False), ("2015-06", "2015-05-31", True), ("2015", "2014", True)],
)
def test_an_end_is_before_the_start_only_where_it_certainly_is(repo: Path, start: str, end: str, before: bool) -> None:
    write(repo, DECIDED_IN_2014.replace('start: "2015"', f'start: "{start}"\nend: "{end}"'))
    assert [p.code for p in problems(repo)] == (["end-before-start"] if before else [])


@pytest.mark.usefixtures("german")
def test_german_says_what_an_old_file_needs(repo: Path) -> None:
    write(repo, DECIDED_IN_2014.replace("schema_version: 2", "schema_version: 1"))
    [problem] = problems(repo)
    assert (
        problem.message
        == "'decisions' gibt es erst ab schema_version 2; schreiben Sie schema_version: 2 in diese Datei"
    )


def test_a_measure_decision_has_the_outcomes_of_the_concept() -> None:
    """The outcome codes are the concept schema's; the measure schema repeats them (a
    schema is read on its own), so the two must not drift apart."""
    import json

    from tests.conftest import PROJECT

    def outcome(kind: str) -> object:
        return json.loads((PROJECT / f"schemas/{kind}.schema.json").read_text("utf-8"))["$defs"]["outcome"]

    assert outcome("measure") == outcome("concept")


def test_a_single_decision_of_a_year_needs_version_2_too(repo: Path) -> None:
    with (repo / "data/measures/sprache-001.yaml").open("a", encoding="utf-8") as handle:
        handle.write('decision: {body: Rat der Stadt, date: "2014"}\n')
    [problem] = problems(repo)
    assert (problem.path, problem.code) == ("decision.date", "needs-version-2")


@pytest.mark.usefixtures("german")
def test_a_misshapen_partial_date_is_explained_in_german(repo: Path) -> None:
    write(repo, DECIDED_IN_2014.replace('start: "2015"', 'start: "2015-6"'))
    [problem] = problems(repo)
    assert problem.code == "schema-pattern"
    assert problem.message == (
        "'start' ist '2015-6', erwartet wird ein Datum in der Form JJJJ, JJJJ-MM oder JJJJ-MM-TT "
        "(z. B. '2014' oder '2014-06')"
    )
