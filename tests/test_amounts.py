"""What counts as an amount: a number, never a boolean (YAML's ``yes`` is not 1 EUR)."""

from __future__ import annotations

import pytest

from integ_cli.amounts import as_number


@pytest.mark.parametrize(("value", "expected"), [(1500, 1500), (0, 0), (12.5, 12.5), (-3, -3)])
def test_numbers_are_amounts(value: object, expected: float) -> None:
    assert as_number(value) == expected


@pytest.mark.parametrize("value", [True, False, "1500", None, [1500]])
def test_anything_else_is_none(value: object) -> None:
    assert as_number(value) is None
