"""The order of the action fields, the one way every list, table and report sorts them.

A field's ``order`` (its position in the concept, 1 = first) decides; ties, and fields
without a usable ``order`` (a repository that does not validate still lists and
reports), come last and by id. Reports show the prioritised fields first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Fields = Mapping[str, Mapping[str, Any]]


def position(field: Mapping[str, Any]) -> float:
    """The field's ``order``; infinity (last) where it has none or one that is not a number."""
    order = field.get("order")
    return order if isinstance(order, int | float) and not isinstance(order, bool) else float("inf")


def field_order(fields: Fields, prioritised_first: bool = False) -> list[str]:
    """The ids of ``fields`` (id -> field record) in concept order; with
    ``prioritised_first`` the prioritised fields before the others, each in concept order."""

    def key(field_id: str) -> tuple[bool, float, str]:
        field = fields[field_id]
        return (prioritised_first and field.get("prioritised") is not True, position(field), field_id)

    return sorted(fields, key=key)


def ranks(order: Sequence[str]) -> dict[str, int]:
    """Each field id of ``order`` and its place in it, for sorting by field (look up an
    unknown field with ``.get(id, len(ranks))`` to put it last)."""
    return {field_id: index for index, field_id in enumerate(order)}
