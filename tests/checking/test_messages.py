"""Schema errors as people read them: a codelist value written as its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.problems import Problem
from tests.conftest import edit

M1 = "data/measures/sprache-001.yaml"


def problems(repo: Path) -> list[Problem]:
    return load_catalogue(repo).problems


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("status: active", "status: laufend", 12, "'laufend' is the German name of 'active'; write status: active"),
        ("status: active", "status: Aktiv", 12, "'Aktiv' stands for 'active'; write status: active"),
        (
            "horizon: mid",
            "horizon: mittelfristig",
            13,
            "'mittelfristig' is the German name of 'mid'; write horizon: mid",
        ),
        ("source: municipal", "source: Stadt", 19, "'Stadt' stands for 'municipal'; write source: municipal"),
    ],
)
def test_a_name_instead_of_the_code_names_the_code_to_write(
    repo: Path, old: str, new: str, line: int, message: str
) -> None:
    edit(repo / M1, old, new)
    (problem,) = problems(repo)
    assert (problem.file, problem.code) == (M1, "codelist-label")
    assert problem.message.startswith(message)
    assert "integ fix" in problem.message
    assert problem.line == line


def test_an_unknown_value_is_still_an_enum_error(repo: Path) -> None:
    edit(repo / M1, "source: municipal", "source: stadtt")
    (problem,) = problems(repo)
    assert problem.code == "schema-enum"
    assert problem.message.endswith("did you mean 'municipal'?")


def test_the_name_problem_in_german(repo: Path, german: None) -> None:
    edit(repo / M1, "status: active", "status: laufend")
    (problem,) = problems(repo)
    assert problem.message == (
        "'laufend' ist der deutsche Name von 'active'; schreiben Sie status: active ('integ fix' erledigt das)"
    )
