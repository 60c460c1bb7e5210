"""Walking parent links: tree order with depths, and descendants, whatever the data holds."""

from __future__ import annotations

from integ_cli.hierarchy import descendants, walk
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
