"""``integ edition list`` and ``integ edition new`` on the mini repository, in git."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.helpers import GitWork

runner = CliRunner()

CONCEPT = """\
schema_version: 1
illustrative: true
municipality:
  name: Musterstadt
  kind: city
title: Integrationskonzept Musterstadt
unit: stabsstelle-integration
decisions:
  - body: Rat
    date: "2006-10"
    paper: BEISPIEL-2006/001
editions:
  - name: "2006"
    date: "2006-10"
    decision: BEISPIEL-2006/001
    fields: [sprache, wohnen]
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def concept(work: GitWork, monkeypatch: pytest.MonkeyPatch) -> GitWork:
    """The mini repository with a concept record, committed; integ's git knows who commits."""
    (work.top / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    work.commit("Konzept")
    for name, value in work.env().items():
        if name.startswith("GIT_"):
            monkeypatch.setenv(name, value)
    return work


def test_list_in_plain_columns_says_the_data_are_examples(concept: GitWork) -> None:
    code, out, err = invoke("edition", "list")
    assert code == 0
    assert out.splitlines()[1].split() == ["2006", "2006-10", "BEISPIEL-2006/001", "sprache,", "wohnen", "–"]
    assert "the data of this repository are examples" in err


def test_new_then_list_as_json(concept: GitWork) -> None:
    code, _, err = invoke("edition", "new", "2018", "--date", "20.06.2018", "--fields", "wohnen,sprache")
    assert code == 0, err
    assert "edition 2018 recorded in data/concept.yaml, committed (" in err
    assert err.rstrip().endswith("and tagged edition-2018")
    code, out, _ = invoke("edition", "list", "--format", "json")
    editions = json.loads(out)["editions"]
    assert [(e["name"], e["date"], e.get("tag"), e["tag_found"]) for e in editions] == [
        ("2006", "2006-10", None, None),
        ("2018", "2018-06-20", "edition-2018", True),
    ]
    assert editions[1]["fields"] == ["wohnen", "sprache"]
    assert concept.run("tag", "--list").split() == ["edition-2018"]


def test_a_dry_run_prints_the_change(concept: GitWork) -> None:
    code, out, err = invoke("edition", "new", "2018", "--date", "2018-06", "--dry-run")
    assert code == 0, err
    assert '+  - name: "2018"\n+    date: 2018-06\n' in out
    assert concept.run("tag") == ""


def test_problems_are_shown_like_validate_s_and_exit_1(concept: GitWork) -> None:
    code, out, err = invoke("edition", "new", "2006", "--date", "2018", "--decision", "BEISPIEL-2018/001")
    assert (code, out) == (1, "")
    assert "data/concept.yaml: error: the concept has an edition called '2006' already" in err
    assert "[unknown-decision]" in err
    assert "no edition made: 2 problems" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2018", "--date", "2018-13"], "--date: '2018-13' is not a date: write it as YYYY, MM.YYYY, DD.MM.YYYY"),
        (["2018", "--date", "June"], "--date: 'June' is not a date: write it as YYYY, MM.YYYY, DD.MM.YYYY"),
        (["neu 2018", "--date", "2018"], "'neu 2018' cannot name an edition"),
    ],
)
def test_usage_errors_exit_2(concept: GitWork, args: list[str], message: str) -> None:
    code, _, err = invoke("edition", "new", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_without_the_record(repo: Path) -> None:
    code, _, err = invoke("edition", "list")
    assert code == 1
    assert "the repository has no data/concept.yaml" in err


def test_a_broken_record_shows_its_problems(repo: Path) -> None:
    (repo / "data" / "concept.yaml").write_text(CONCEPT.replace("kind: city", "kind: town"), encoding="utf-8")
    code, _, err = invoke("edition", "list")
    assert code == 1
    assert "data/concept.yaml:5:3: error: 'municipality.kind' is 'town'" in err


def test_outside_git_new_is_a_usage_error(repo: Path, no_outer_git: None) -> None:
    (repo / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    code, _, err = invoke("edition", "new", "2018", "--date", "2018")
    assert code == 2
    assert "is not in a git repository" in err


def test_in_german(concept: GitWork, german: None) -> None:
    code, out, err = invoke("edition", "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["AUSGABE", "DATUM", "BESCHLUSS", "HANDLUNGSFELDER", "GIT-TAG"]
    assert "Beispiele" in err
    code, _, err = invoke("edition", "new", "2006", "--date", "2018")
    assert code == 1
    assert "keine Ausgabe angelegt: 1 Problem" in err
