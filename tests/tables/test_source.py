"""Which municipality and revision a repository's rows carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from integ_cli.errors import UsageError
from integ_cli.tables.source import municipality, revision
from tests.helpers import GitWork, make_repo


def test_the_concept_records_key_first(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "aachen")
    (root / "data" / "concept.yaml").write_text('municipality:\n  official_key: "05334002"\n  name: Aachen\n', "utf-8")
    assert municipality(root).key == "05334002" and municipality(root).name == "Aachen"
    assert municipality(root).origin == "concept"
    assert municipality(root, "05315000").key == "05315000"


@pytest.mark.parametrize("text", ["municipality: Aachen\n", "municipality: {official_key: 'a b'}\n", "[broken\n", ""])
def test_an_unusable_concept_record_falls_back_to_the_folder(tmp_path: Path, text: str) -> None:
    root = make_repo(tmp_path / "Stadt Aachen")
    (root / "data" / "concept.yaml").write_text(text, "utf-8")
    found = municipality(root)
    assert (found.key, found.origin) == ("Stadt-Aachen", "folder")


def test_a_given_key_must_name_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot be a municipality key"):
        municipality(make_repo(tmp_path / "r"), "../x")


def test_revision_is_the_commit_or_none(tmp_path: Path, no_outer_git: None) -> None:
    root = make_repo(tmp_path / "r")
    assert revision(root) is None
    work = GitWork(root)
    sha = work.commit("Stand")
    assert revision(root) == sha
