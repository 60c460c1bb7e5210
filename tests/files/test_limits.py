"""Each resource limit (integ_cli.files.limits) holds exactly: accepted at the limit, refused just past it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.record import read_record
from integ_cli.files import limits, repository
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.files.repository import RecordFile
from tests.conftest import PROJECT


def load(raw: bytes) -> object:
    document = load_document(raw, "f.yaml")
    assert document is not None
    return document.data


def refused(raw: bytes) -> str:
    with pytest.raises(LoadProblem) as caught:
        load_document(raw, "f.yaml")
    assert caught.value.problem.file == "f.yaml"
    return caught.value.problem.code


def padded(size: int) -> bytes:
    """A one-key YAML file of exactly ``size`` bytes."""
    head, tail = b'a: "', b'"\n'
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_the_documented_defaults() -> None:
    assert (limits.MAX_FILE_BYTES, limits.MAX_NODES, limits.MAX_DEPTH) == (2 * 1024 * 1024, 200_000, 64)
    assert (limits.MAX_NUMBER_DIGITS, limits.MAX_RECORDS) == (32, 500_000)
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in limits.NAMES:
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"


def test_limits_in_messages_are_grouped_as_english_writes_numbers() -> None:
    assert (limits.shown(200_000), limits.shown(999)) == ("200,000", "999")


def test_limits_in_messages_are_grouped_as_german_writes_numbers(german: None) -> None:
    assert (limits.shown(2_097_152), limits.shown(999)) == ("2.097.152", "999")


def test_file_size_at_and_past_the_limit() -> None:
    assert load(padded(limits.MAX_FILE_BYTES)) == {"a": "x" * (limits.MAX_FILE_BYTES - 6)}
    assert refused(padded(limits.MAX_FILE_BYTES + 1)) == "file-too-large"


def test_file_size_counts_bytes_as_read_from_disk(tmp_path: Path) -> None:
    """The catalogue reads at most one byte past the limit, however large the file."""
    at, past = tmp_path / "at.yaml", tmp_path / "past.yaml"
    at.write_bytes(padded(limits.MAX_FILE_BYTES))
    past.write_bytes(padded(limits.MAX_FILE_BYTES) + b"#" * 10_000_000)
    assert read_record(RecordFile(at, "at.yaml", "measure")) is not None
    with pytest.raises(LoadProblem) as caught:
        read_record(RecordFile(past, "past.yaml", "measure"))
    assert (caught.value.problem.file, caught.value.problem.code) == ("past.yaml", "file-too-large")


def aliased(values: int) -> bytes:
    """A list that expands to exactly ``values`` values through aliases: the outer list,
    199 copies of a 1,000-value anchored list, and plain items to make up the rest."""
    inner = "&a [" + ", ".join(["0"] * 999) + "]"
    copies = 199
    rest = values - 1 - 1000 * copies
    assert rest >= 0
    items = [inner] + ["*a"] * (copies - 1) + ["0"] * rest
    return ("[" + ", ".join(items) + "]\n").encode()


def test_alias_expansions_at_and_past_the_limit() -> None:
    assert limits.MAX_NODES == 200_000  # aliased() is built for this value
    assert len(load(aliased(limits.MAX_NODES))) == 199 + 999  # type: ignore[arg-type]
    assert refused(aliased(limits.MAX_NODES + 1)) == "yaml-too-large"


def test_billion_laughs_stops_at_the_limit_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
    )
    assert refused(bomb.encode()) == "yaml-too-large"


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def test_nesting_depth_at_and_past_the_limit() -> None:
    value = load(nested(limits.MAX_DEPTH))
    for _ in range(limits.MAX_DEPTH - 1):
        assert isinstance(value, list) and len(value) == 1
        value = value[0]
    assert value == []
    assert refused(nested(limits.MAX_DEPTH + 1)) == "yaml-too-deep"


def test_mappings_count_towards_depth_like_lists() -> None:
    deep = b"{a: " * limits.MAX_DEPTH + b"1" + b"}" * limits.MAX_DEPTH
    assert load(deep) is not None
    assert refused(b"{a: " + deep + b"}") == "yaml-too-deep"


def test_nesting_far_past_the_limit_is_refused_not_a_crash() -> None:
    assert refused(nested(50_000)) in ("yaml-syntax", "yaml-too-deep")
    assert refused(b"- " * 60_000 + b"x\n") in ("yaml-syntax", "yaml-too-deep")


def test_number_length_at_and_past_the_limit() -> None:
    digits = "9" * limits.MAX_NUMBER_DIGITS
    assert load(f"a: {digits}\n".encode()) == {"a": int(digits)}
    assert load(f"a: {digits}9\n".encode()) == {"a": digits + "9"}
    assert load(f"a: {'9' * 10_000}\n".encode()) == {"a": "9" * 10_000}


def test_record_count_at_and_past_the_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    count = len(list((repo / "data" / "measures").glob("*.yaml")))
    monkeypatch.setattr(repository, "MAX_RECORDS", count)
    at = load_catalogue(repo)
    assert at.ok and len(at.checked) == count + 5
    monkeypatch.setattr(repository, "MAX_RECORDS", count - 1)
    past = load_catalogue(repo)
    assert not past.ok
    assert [(p.file, p.code) for p in past.problems if p.code == "too-many-records"] == [
        ("data/measures", "too-many-records")
    ]
    assert "data/measures/wohnen-001.yaml" not in past.checked


def run(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "integ_cli", "--repo", str(repo), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        check=False,
    )


def test_limits_are_changed_by_environment_variables(repo: Path) -> None:
    measures = len(list((repo / "data" / "measures").glob("*.yaml")))
    assert run(repo, {"INTEG_MAX_RECORDS": str(measures)}, "validate").returncode == 0
    past = run(repo, {"INTEG_MAX_RECORDS": str(measures - 1)}, "validate")
    assert past.returncode == 1 and "[too-many-records]" in past.stdout
    small = run(repo, {"INTEG_MAX_FILE_BYTES": "100"}, "validate")
    assert small.returncode == 1 and "data/measures/sprache-001.yaml: error:" in small.stdout
    assert "[file-too-large]" in small.stdout and "Traceback" not in small.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", 5), (" 7 ", 7), ("1_000", 1000), ("", 64), ("0", 64), ("-3", 64), ("many", 64), ("9" * 30, 64)],
)
def test_environment_settings_ignore_what_is_not_a_positive_number(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    monkeypatch.setenv("INTEG_MAX_DEPTH", value)
    assert limits._setting("MAX_DEPTH", 64) == expected


def _set_notes(repo: Path, text: str) -> str:
    from integ_cli.authoring.edits import assign
    from integ_cli.authoring.records import edit_measure

    path = repo / "data/measures/sprache-001.yaml"
    path.write_text(text, encoding="utf-8")
    result = edit_measure(repo, "sprache-001", assign(["notes"], "n"))
    return "written" if result.written else ",".join(p.code for p in result.problems)


def test_edit_size_at_and_past_the_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = (repo / "data/measures/sprache-001.yaml").read_text(encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_EDIT_BYTES", 4096)
    at = original + "# " + "x" * (4096 - len(original.encode()) - 3) + "\n"
    assert len(at.encode()) == 4096
    assert _set_notes(repo, at) == "written"
    assert _set_notes(repo, at + "#\n") == "too-large-to-edit"


def test_edit_values_at_and_past_the_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from integ_cli.files.loading import load_document

    original = (repo / "data/measures/sprache-001.yaml").read_text(encoding="utf-8")
    document = load_document(original.encode(), "m.yaml")
    assert document is not None

    def count(value: object) -> int:
        if isinstance(value, dict):
            return 1 + sum(count(v) for v in value.values())
        if isinstance(value, list):
            return 1 + sum(count(v) for v in value)
        return 1

    monkeypatch.setattr(limits, "MAX_EDIT_VALUES", count(document.data) + 3)  # + tags list and two tags
    assert _set_notes(repo, original + "tags: [a, b]\n") == "written"
    assert _set_notes(repo, original + "tags: [a, b, c]\n") == "too-large-to-edit"
