"""Vocabulary entries: taken the same way by the catalogue, the dialogue and shell completion."""

from __future__ import annotations

from pathlib import Path

from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.vocabularies import entries, read_entries

GROUPS = """\
schema_version: 1
entries:
  - id: kinder
    name: Kinder und Jugendliche
  - id: vorschulkinder
    name: Kinder im Vorschulalter
    parent: kinder
"""


def test_entries_by_id_in_file_order() -> None:
    data = {"entries": [{"id": "neuzuwanderer", "name": "Neuzuwanderer"}, {"id": "eltern", "name": "Eltern"}]}
    assert list(entries(data)) == ["neuzuwanderer", "eltern"]
    assert entries(data)["eltern"] == {"id": "eltern", "name": "Eltern"}


def test_what_is_not_an_entry_with_a_text_id_is_left_out() -> None:
    data = {"entries": [{"id": "eltern"}, "senioren", {"name": "ohne id"}, {"id": 7}, None]}
    assert list(entries(data)) == ["eltern"]


def test_of_two_entries_with_one_id_the_later_counts() -> None:
    assert entries({"entries": [{"id": "eltern", "name": "alt"}, {"id": "eltern", "name": "neu"}]})["eltern"] == {
        "id": "eltern",
        "name": "neu",
    }


def test_content_without_an_entries_list_has_none() -> None:
    assert [entries(data) for data in (None, [], "text", {}, {"entries": {"id": "x"}})] == [{}, {}, {}, {}, {}]


def test_read_entries_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "target-groups.yaml"
    path.write_text(GROUPS, encoding="utf-8")
    found = read_entries(path)
    assert list(found) == ["kinder", "vorschulkinder"]
    assert found["vorschulkinder"]["parent"] == "kinder"


def test_read_entries_skips_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("entries:\n  - id: migrationsrat\n    unknown_key: true\n", encoding="utf-8")
    assert list(read_entries(path)) == ["migrationsrat"]


def test_a_file_that_cannot_be_read_has_no_entries(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: [\n", encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    large = tmp_path / "large.yaml"
    large.write_bytes(GROUPS.encode() + b"#" * MAX_FILE_BYTES)
    for path in (tmp_path / "missing.yaml", tmp_path, broken, empty, large):
        assert read_entries(path) == {}, path.name
