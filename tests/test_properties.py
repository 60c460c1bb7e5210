"""Property-based tests (hypothesis): whatever the input, the loader and the checks
answer with the project's own Problem records, never another exception; every
problem names its file, and a line where the input has lines; a valid record
survives being written and read back, and an edit of one value keeps the others."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from integ_cli.authoring.edits import apply, assign
from integ_cli.authoring.ids import measure_file
from integ_cli.authoring.records import measure_schema, new_measure, render_measure
from integ_cli.checking.catalogue import check_text, load_catalogue
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.problems import Problem
from tests.helpers import YAML_CHARS, mutated

MINIREPO = Path(__file__).parent / "fixtures" / "minirepo"
M1 = "data/measures/sprache-001.yaml"
VALID = (MINIREPO / M1).read_bytes()
#: Problems about a whole file, which have no line.
NO_LINE = {"file-too-large", "missing-file", "stray-file", "outside-repository", "file-unreadable", "too-many-records"}

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEWER = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_text = st.lists(st.sampled_from(YAML_CHARS), max_size=60).map("".join)


def check_problem(problem: Problem, file: str, has_lines: bool) -> None:
    assert isinstance(problem, Problem)
    assert problem.file == file
    assert problem.code and problem.message
    if has_lines and problem.code not in NO_LINE:
        assert problem.line is not None and problem.line >= 1, problem


def load_or_problem(raw: bytes) -> None:
    try:
        load_document(raw, "f.yaml")
    except LoadProblem as error:
        check_problem(error.problem, "f.yaml", has_lines=len(raw) > 0)


@SETTINGS
@given(yaml_text)
def test_random_yaml_text_loads_or_is_a_problem(text: str) -> None:
    load_or_problem(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_load_or_are_a_problem(raw: bytes) -> None:
    load_or_problem(raw)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(MINIREPO, dest)
    return dest


@SETTINGS
@given(mutated())
def test_mutated_measures_give_problems_with_file_and_line(repo: Path, raw: bytes) -> None:
    record = measure_file(repo, "sprache-001")
    for problem in check_text(repo, record, raw):
        check_problem(problem, M1, has_lines=True)


@SETTINGS
@given(mutated())
def test_a_repository_with_a_mutated_measure_loads_with_problems_only(repo: Path, raw: bytes) -> None:
    (repo / M1).write_bytes(raw)
    catalogue = load_catalogue(repo, select=lambda _c: lambda _d: True)
    for problem in catalogue.problems:
        check_problem(problem, M1, has_lines=True)
    if catalogue.ok:
        assert M1 in {m.file for m in catalogue.measures}


# --- round trips ---------------------------------------------------------------------------------

#: Text as people type it: letters (umlauts, other scripts), digits, punctuation and the
#: words YAML 1.1 would misread; no control characters (the loader refuses those).
words = st.sampled_from(["yes", "no", "on", "off", "null", "~", "true", "1e3", "007", "2024-01-01", "- a", "#x", ": b"])
typed = st.one_of(
    words,
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=40),
).map(str.strip)


@st.composite
def measures(draw: st.DrawFn) -> dict[str, Any]:
    years = draw(st.lists(st.integers(1990, 2100), max_size=3, unique=True))
    record: dict[str, Any] = {
        "field": "sprache",
        "title": draw(typed.filter(lambda t: 3 <= len(t) <= 200)),
        "summary": draw(typed.filter(lambda t: len(t) >= 10)),
        "target_groups": ["junge-muetter"],
        "districts": ["eilendorf"],
        "status": draw(st.sampled_from(["planned", "active", "completed"])),
        "horizon": "short",
        "tags": draw(st.lists(st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True), max_size=3, unique=True)),
        "budget": [
            {"year": y, "planned": draw(st.integers(0, 10**9) | st.floats(0, 1e9, allow_nan=False)), "source": "state"}
            for y in years
        ],
    }
    notes = draw(st.none() | typed)
    if notes:
        record["notes"] = notes
    return record


@FEWER
@given(measures())
def test_a_valid_record_survives_writing_and_reading(repo: Path, values: dict[str, Any]) -> None:
    record = new_measure(values, "sprache-003", measure_schema(repo), "2026-01-01")
    text = render_measure(record)
    problems = check_text(repo, measure_file(repo, "sprache-003"), text.encode("utf-8"))
    assume(not problems)  # (random text can break a schema rule; those are not round-tripped)
    document = load_document(text.encode("utf-8"), "new.yaml")
    assert document is not None and document.data == record


@FEWER
@given(typed.filter(lambda t: 3 <= len(t) <= 200))
def test_editing_one_value_keeps_every_other(title: str) -> None:
    schema = measure_schema(MINIREPO)
    before = load_document(VALID, M1)
    edited = apply(VALID.decode("utf-8"), assign(["title"], title), schema, "2026-01-01")
    after = load_document(edited.text.encode("utf-8"), M1)
    assert before is not None and after is not None
    assert after.data["title"] == title
    expected = {**before.data, "title": title}
    if edited.changed:
        expected["updated"] = "2026-01-01"
    assert after.data == expected
    assert "# A comment that editors keep." in edited.text


# --- an edit changes only the bytes of the value it sets ------------------------------------------

BUNDLED = sorted((Path(__file__).parent.parent / "data" / "measures").glob("*.yaml"))
#: The scalar keys an edit sets here, and the values it may set them to.
EDITED = {"status": ["planned", "active", "completed", "suspended", "dropped"], "horizon": ["short", "mid", "long"]}
COMMENT = st.tuples(st.integers(1, 6), st.text(st.sampled_from("abc äß#:-'\""), max_size=12))


def masked(text: str, key: str) -> str:
    """``text`` with the values of ``key`` and ``updated`` (top-level, one line) blanked,
    and no ``updated`` line: what an edit of ``key`` must leave byte for byte."""
    text = re.sub(rf"(?m)^({key}: )[^ \n]+", r"\1<value>", text)
    return re.sub(r"(?m)^updated: [^\n]*\n", "", text)


def with_comments(text: str, comments: list[tuple[int, str]]) -> str:
    """End-of-line comments, each after its own gap of spaces, on the top-level scalar lines."""
    lines = text.split("\n")
    scalar = [i for i, line in enumerate(lines) if re.fullmatch(r"[a-z_]+: [^ #'\"|>][^#]*", line)]
    for index, (gap, comment) in zip(scalar, comments, strict=False):  # the first comments, one per line
        lines[index] += " " * gap + "# " + comment
    return "\n".join(lines)


def assert_only_the_value_changes(text: str, key: str, value: str) -> None:
    edited = apply(text, assign([key], value), measure_schema(MINIREPO), "2026-01-01")
    assert masked(edited.text, key) == masked(text, key)
    after = load_document(edited.text.encode("utf-8"), M1)
    assert after is not None and after.data[key] == value


@FEWER
@given(st.sampled_from(BUNDLED), st.sampled_from(sorted(EDITED)), st.data(), st.lists(COMMENT, max_size=12))
def test_an_edit_of_a_bundled_record_changes_only_that_value(
    path: Path, key: str, data: st.DataObject, comments: list[tuple[int, str]]
) -> None:
    text = with_comments(path.read_text(encoding="utf-8"), comments)
    assert_only_the_value_changes(text, key, data.draw(st.sampled_from(EDITED[key])))


@FEWER
@given(measures(), st.sampled_from(sorted(EDITED)), st.data(), st.lists(COMMENT, max_size=12))
def test_an_edit_of_a_generated_record_changes_only_that_value(
    repo: Path, values: dict[str, Any], key: str, data: st.DataObject, comments: list[tuple[int, str]]
) -> None:
    text = with_comments(
        render_measure(new_measure(values, "sprache-003", measure_schema(repo), "2025-06-30")), comments
    )
    assert_only_the_value_changes(text, key, data.draw(st.sampled_from(EDITED[key])))
