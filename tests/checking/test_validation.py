"""What ``integ validate`` reports with its result cache: the same as a run checking every
file, each file checked again only when it or what it is checked against changed, links
between measures checked on every run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli import i18n
from integ_cli.checking import cache, scan
from integ_cli.checking.schema import PACKAGED
from integ_cli.checking.validation import validate
from integ_cli.cli import app
from integ_cli.files.repository import RecordFile
from tests.conftest import edit

runner = CliRunner()
M1 = "data/measures/sprache-001.yaml"
M2 = "data/measures/sprache-002.yaml"
M3 = "data/measures/wohnen-001.yaml"
M4 = "data/measures/wohnen-002.yaml"

Found = list[tuple[str, int | None, int | None, str, str]]


def problems(root: Path) -> Found:
    """What validate reports, with the cache."""
    return [(p.file, p.line, p.column, p.code, p.message) for p in validate(root).problems]


def afresh(root: Path) -> Found:
    """What validate reports with every file checked anew, the cache off."""
    return [(p.file, p.line, p.column, p.code, p.message) for p in validate(root, cache=False).problems]


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The measure files checked (not taken from the cache), run after run."""
    seen: list[str] = []
    original = scan.run

    def counting(records: Sequence[RecordFile]) -> Iterator[scan.Result]:
        seen.extend(record.rel for record in records)
        return original(records)

    monkeypatch.setattr(scan, "run", counting)
    return seen


@pytest.fixture
def broken(repo: Path) -> Path:
    """The mini repository with a schema error, a reference error, a link to a measure
    no file has, a missing back-link and a vocabulary warning."""
    edit(repo / M1, "status: active", "status: no")
    edit(repo / M2, "lead: ", "partners: [niemand]\nsupersedes: [wohnen-001, gibt-es-nicht]\nlead: ")
    shutil.copy(repo / M3, repo / M4)
    edit(repo / M4, "id: wohnen-001", "id: wohnen-002\nsupersedes: wohnen-001")
    edit(repo / "data/districts.yaml", "schema_version: 1", "schema_version: 1\nunknown_key: 1")
    return repo


def test_a_second_run_reports_the_same_problems_without_checking_a_file(broken: Path, checked: list[str]) -> None:
    first = problems(broken)
    assert checked == [M1, M2, M3, M4]
    codes = {code for _file, _line, _column, code, _message in first}
    assert codes >= {"schema-enum", "unknown-actor", "unknown-measure", "succession-back-link"}
    checked.clear()
    assert problems(broken) == first
    assert checked == []
    assert first == afresh(broken)


@pytest.mark.parametrize("output", ["text", "json", "github", "junit"])
def test_the_output_and_exit_code_from_the_cache_are_those_of_a_run_without_it(broken: Path, output: str) -> None:
    without = runner.invoke(app, ["validate", "--no-cache", "--format", output])
    cold = runner.invoke(app, ["validate", "--format", output])
    warm = runner.invoke(app, ["validate", "--format", output])
    assert without.exit_code == cold.exit_code == warm.exit_code == 1
    assert without.stdout == cold.stdout == warm.stdout
    assert without.stderr == cold.stderr == warm.stderr


def test_a_run_served_from_the_cache_imports_neither_validator_nor_parser(repo: Path) -> None:
    program = (
        "import sys\n"
        "from integ_cli.cli import main\n"
        "sys.argv = ['integ', 'validate']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(sorted({'jsonschema_rs', 'yaml_rs', 'yaml'} & set(sys.modules)))\n"
    )
    run = [sys.executable, "-c", program]
    cold = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    warm = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "jsonschema_rs" in cold
    assert warm.strip() == "[]"


def test_only_the_changed_file_is_checked_again(broken: Path, checked: list[str]) -> None:
    problems(broken)
    checked.clear()
    edit(broken / M1, "status: no", "status: active")
    found = problems(broken)
    assert checked == [M1]
    assert found == afresh(broken)


def test_adding_a_measure_checks_that_file_alone(broken: Path, checked: list[str]) -> None:
    problems(broken)
    checked.clear()
    shutil.copy(broken / M3, broken / "data/measures/gibt-es-nicht.yaml")
    edit(broken / "data/measures/gibt-es-nicht.yaml", "id: wohnen-001", "id: gibt-es-nicht")
    found = problems(broken)
    assert checked == ["data/measures/gibt-es-nicht.yaml"]
    assert found == afresh(broken)
    assert "unknown-measure" not in {code for _file, _line, _column, code, _message in found}


def test_deleting_a_measure_others_link_to_is_seen_without_checking_them(broken: Path, checked: list[str]) -> None:
    problems(broken)
    checked.clear()
    (broken / M3).unlink()
    found = problems(broken)
    assert checked == []
    assert found == afresh(broken)
    unknown = [(file, message) for file, _line, _column, code, message in found if code == "unknown-measure"]
    assert (M2, "unknown measure 'wohnen-001'") in unknown
    assert (M4, "unknown measure 'wohnen-001'") in unknown


def test_files_named_on_the_command_line_are_reported_as_without_the_cache(broken: Path) -> None:
    problems(broken)
    for only in ({M2}, {M1}):
        named = [(p.file, p.line, p.code) for p in validate(broken, only=only).problems]
        assert named == [(p.file, p.line, p.code) for p in validate(broken, only=only, cache=False).problems]


def _schema(repo: Path) -> None:
    (repo / "schemas").mkdir()
    shutil.copy(PACKAGED / "measure.schema.json", repo / "schemas/measure.schema.json")
    edit(repo / "schemas/measure.schema.json", '"active",', '"active", "no",')


def _vocabulary(repo: Path) -> None:
    edit(repo / "data/actors.yaml", "id: migrationsrat", "id: migrationsbeirat")


def _field(repo: Path) -> None:
    (repo / "data/fields/wohnen.yaml").unlink()


def _concept(repo: Path) -> None:
    (repo / "data/concept.yaml").write_text("schema_version: 1\n", encoding="utf-8")


def _language(repo: Path) -> None:
    i18n.setup("de")


#: Each input a result depends on, changed in a way that changes validate's report.
CHANGES: dict[str, Callable[[Path], None]] = {
    "measure schema": _schema,
    "vocabulary": _vocabulary,
    "action field": _field,
    "concept record": _concept,
    "language": _language,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_what_results_depend_on_is_seen(broken: Path, change: Callable[[Path], None]) -> None:
    before = problems(broken)
    change(broken)
    after = afresh(broken)
    assert after != before
    assert problems(broken) == after


def test_a_changed_limit_is_seen(broken: Path) -> None:
    command = [sys.executable, "-m", "integ_cli", "validate", "--format", "json"]
    before = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False).stdout
    limited = dict(os.environ, INTEG_MAX_FILE_BYTES="100")  # limits are read as integ starts
    after = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False, env=limited).stdout
    assert "file-too-large" in after
    assert "file-too-large" not in before


def test_a_change_to_integ_checks_every_file_again(
    broken: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(broken)
    checked.clear()
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    found = problems(broken)
    assert checked == [M1, M2, M3, M4]
    assert found == afresh(broken)


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_each_record_file_is_read_once(broken: Path, monkeypatch: pytest.MonkeyPatch, warm: bool) -> None:
    if warm:
        problems(broken)
        edit(broken / M1, "status: no", "status: active")  # one file to check again
    opened: list[str] = []
    original = os.open

    def counting(path: str | os.PathLike[str], *args: int, **kwargs: int) -> int:
        opened.append(Path(path).relative_to(broken).as_posix() if Path(path).is_relative_to(broken) else "")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    problems(broken)
    for rel in (M1, M4, "data/actors.yaml", "data/fields/sprache.yaml"):
        assert opened.count(rel) == 1, rel
    # A file with a problem between measures is read once more, to name the line: M2
    # links to a measure no file has, M3 lacks the back-link to M4.
    assert opened.count(M2) == opened.count(M3) == 2
