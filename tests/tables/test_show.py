"""What integ sql prints, written as its rows come: the same text as of the whole answer."""

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest

from integ_cli.tables.show import csv_chunks, json_chunks
from integ_cli.tables.write import plain

ROWS: list[tuple[Any, ...]] = [
    (1, "zwei\nZeilen", None),
    (Decimal("2.50"), dt.date(2026, 1, 2), True),
    (3, {"k": [1, {"z": None}]}, "Straße „Mitte“"),
    (float("nan"), [], {}),
    (Decimal("3"), [1, 2], uuid.UUID(int=5)),
    (1.5e300, dt.time(1, 2), '"quoted"\t'),
]


def split(rows: list[tuple[Any, ...]]) -> list[list[list[tuple[Any, ...]]]]:
    """The same rows in batches of every size, with empty ones between."""
    return [[rows], [rows[:1], [], rows[1:]], [[row] for row in rows], [], [[]]]


@pytest.mark.parametrize(
    ("columns", "rows"),
    [(["a", "b", "c"], ROWS), (["a", "a"], [(1, 2)]), ([], [(), ()]), (["x"], [])],
)
def test_json_in_batches_is_the_dump_of_the_whole_list(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    for batches in split(rows):
        whole = [{c: plain(v) for c, v in zip(columns, row, strict=True)} for batch in batches for row in batch]
        expected = json.dumps(whole, ensure_ascii=False, indent=2, default=str) + "\n"
        assert "".join(json_chunks(columns, batches)) == expected


def test_csv_in_batches_has_one_header_and_bom() -> None:
    columns = ["a", "b", "c"]
    texts = {"".join(csv_chunks(columns, batches)) for batches in split(ROWS)[:3]}
    assert len(texts) == 1
    text = texts.pop()
    assert text.count("\ufeff") == 1 and text.startswith("\ufeffa;b;c\r\n")
    assert '"zwei\nZeilen"' in text and "2.5;2026-01-02;true" in text
