"""What ``integ validate`` prints for people: problem lines and the summary, in English and German."""

from __future__ import annotations

import pytest

from integ_cli.problems import Problem, Severity
from integ_cli.render.problems import Outcome, render_junit, render_text, summary

PROBLEMS = [
    Problem("data/measures/a.yaml", 3, 1, "status", "schema-enum", "bad status"),
    Problem("data/measures/a.yaml", 5, 1, "end", "end-before-start", "end before start"),
    Problem("data/measures/b.yaml", None, None, "", "stale", "old", Severity.WARNING),
]
CHECKED = ["data/measures/a.yaml", "data/measures/b.yaml", "data/measures/c.yaml"]


def test_summary_in_english() -> None:
    assert summary(Outcome(PROBLEMS, CHECKED)) == "3 files checked: 2 errors and 1 warning in 2 files\n"
    assert summary(Outcome(PROBLEMS[2:], CHECKED[:1])) == "1 file checked: 1 warning in 1 file\n"
    assert summary(Outcome([], CHECKED)) == "3 files checked: no problems\n"


@pytest.mark.usefixtures("german")
def test_summary_and_levels_in_german() -> None:
    outcome = Outcome(PROBLEMS, CHECKED)
    assert summary(outcome) == "3 Dateien geprüft: 2 Fehler und 1 Warnung in 2 Dateien\n"
    assert summary(Outcome([], CHECKED[:1])) == "1 Datei geprüft: keine Probleme\n"
    lines = render_text(outcome).splitlines()
    assert lines[0] == "data/measures/a.yaml:3:1: Fehler: bad status [schema-enum]"
    assert lines[2] == "data/measures/b.yaml: Warnung: old [stale]"


@pytest.mark.usefixtures("german")
def test_junit_keeps_its_structure_in_german() -> None:
    xml = render_junit(Outcome(PROBLEMS, CHECKED))
    assert '<testsuites name="integ validate" tests="3" failures="1">' in xml
    assert '<failure message="2 Probleme" type="integ.validate">' in xml
