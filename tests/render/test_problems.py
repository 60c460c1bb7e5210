"""What ``integ validate`` prints for people: problem lines and the summary, in English and German."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from integ_cli.problems import Problem, Severity
from integ_cli.render.problems import Outcome, render_github, render_json, render_junit, render_text, summary

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


FORGED = Problem(
    "data/measures/50%,a:b\n::error file=x::y.yaml",
    3,
    1,
    "id",
    "schema-pattern",
    "'id' is 'x\n::error file=README.md,line=1::forged'",
)


def starts_a_command(line: str) -> bool:
    """Whether GitHub's runner reads ``line`` as a workflow command (after leading blanks)."""
    return line.lstrip().startswith("::")


def test_text_keeps_a_forged_command_inside_its_line() -> None:
    lines = render_text(Outcome([FORGED], CHECKED)).splitlines()
    assert len(lines) == 1 and not starts_a_command(lines[0])
    assert lines[0].endswith(
        ": error: 'id' is 'x\\n:\\u003aerror file=README.md,line=1:\\u003aforged' [schema-pattern]"
    )


def test_github_escapes_message_and_properties_by_the_workflow_command_rules() -> None:
    (line,) = render_github(Outcome([FORGED], CHECKED)).splitlines()
    file = "data/measures/50%25%2Ca%3Ab%0A%3A%3Aerror file=x%3A%3Ay.yaml"
    assert line == (
        f"::error file={file},line=3,col=1,title=schema-pattern::'id' is 'x%0A::error file=README.md,line=1::forged'"
    )


def test_github_escapes_percent_in_the_message() -> None:
    problem = Problem("a.yaml", None, None, "", "code", "100% sure, a CR is \r already shown")
    assert render_github(Outcome([problem], ["a.yaml"])) == (
        "::error file=a.yaml,title=code::100%25 sure, a CR is \\u000d already shown\n"
    )


def test_junit_holds_no_character_xml_forbids_and_parses() -> None:
    odd = Problem("data/measures/\udcff.yaml", 1, 1, "", "file-name", "bad \ufffe and a line\nbreak")
    xml = render_junit(Outcome([FORGED, odd], CHECKED))
    assert "\udcff" not in xml and "\ufffe" not in xml
    failures = [f.text or "" for f in ElementTree.fromstring(xml.encode()).iter("failure")]
    assert "bad \\ufffe and a line\\nbreak" in "".join(failures)
    assert not any(starts_a_command(line) for text in failures for line in text.splitlines())


def test_json_carries_the_message_as_it_is() -> None:
    problems = json.loads(render_json(Outcome([FORGED], CHECKED)))["problems"]
    assert problems[0]["message"] == FORGED.message and problems[0]["file"] == FORGED.file
