"""Walking parent links: tree order with depths, and descendants, whatever the data holds."""

from __future__ import annotations

from integ_cli.hierarchy import ancestors, descendants, walk
from tests.helpers import entries

TARGET_GROUPS = entries(
    {"id": "kinder-jugendliche", "name": "Kinder und Jugendliche"},
    {"id": "kinder", "name": "Kinder", "parent": "kinder-jugendliche"},
    {"id": "vorschulkinder", "name": "Kinder im Vorschulalter", "parent": "kinder"},
    {"id": "jugendliche", "name": "Jugendliche", "parent": "kinder-jugendliche"},
    {"id": "junge-muetter", "name": "Junge Mütter"},
)


def test_hierarchy_walk_and_descendants_tolerate_cycles_and_unknown_parents() -> None:
    groups = TARGET_GROUPS
    assert walk(groups) == [
        ("kinder-jugendliche", 0),
        ("kinder", 1),
        ("vorschulkinder", 2),
        ("jugendliche", 1),
        ("junge-muetter", 0),
    ]
    broken = entries(
        {"id": "a", "parent": "b"},
        {"id": "b", "parent": "a"},
        {"id": "c", "parent": "missing"},
        {"id": "d", "parent": "d"},
    )
    assert descendants(broken, ["a"]) == {"a", "b"}
    assert sorted(walk(broken)) == [("a", 0), ("b", 1), ("c", 0), ("d", 0)]


def test_ancestors_are_each_entry_and_everything_above_it_even_in_a_cycle() -> None:
    assert ancestors(TARGET_GROUPS)["vorschulkinder"] == {"vorschulkinder", "kinder", "kinder-jugendliche"}
    assert ancestors(TARGET_GROUPS)["junge-muetter"] == {"junge-muetter"}
    broken = entries({"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}, {"id": "c", "parent": "missing"})
    assert ancestors(broken) == {"a": {"a", "b"}, "b": {"a", "b"}, "c": {"c"}}
