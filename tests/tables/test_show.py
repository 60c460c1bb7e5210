"""What integ sql prints, written as its rows come (CSV, JSON) or spooled until the last
has come (the formats for people): the same text as of the whole answer."""

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest

from integ_cli.render.grid import PLAIN, Display, markdown, plain_lines, rich_table
from integ_cli.tables.show import WRITERS, Spool, cell, csv_chunks, json_chunks
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
        assert "".join(json_chunks(columns, batches, PLAIN)) == expected


def test_csv_in_batches_has_one_header_and_bom() -> None:
    columns = ["a", "b", "c"]
    texts = {"".join(csv_chunks(columns, batches, PLAIN)) for batches in split(ROWS)[:3]}
    assert len(texts) == 1
    text = texts.pop()
    assert text.count("\ufeff") == 1 and text.startswith("\ufeffa;b;c\r\n")
    assert '"zwei\nZeilen"' in text and "2.5;2026-01-02;true" in text


def test_a_spool_gives_its_rows_each_time_it_is_read_also_side_by_side() -> None:
    spool = Spool()
    spool.add([["a", "ä"], ["", "x\ty"]])
    spool.add([])
    spool.add([["last", "row"]])
    rows = [["a", "ä"], ["", "x\ty"], ["last", "row"]]
    assert len(spool) == 3 and list(spool) == rows and list(spool) == rows
    assert list(zip(spool, spool, strict=True)) == list(zip(rows, rows, strict=True))
    assert ["last", "row"] in spool and ["no"] not in spool
    spool.close()


#: Numbers in a column until the last batch brings a text: not aligned right, then.
MIXED: list[tuple[Any, ...]] = [(1, "Straße „Mitte“", None), (2.5, "zwei\nZeilen", 3), ("drei", "a|b\\c", None)]


@pytest.mark.parametrize("rows", [ROWS[:3], MIXED])
@pytest.mark.parametrize("display", [PLAIN, Display(colour=True, columns=40)])
def test_tables_for_people_in_batches_are_laid_out_as_the_whole_answer(
    rows: list[tuple[Any, ...]], display: Display
) -> None:
    from integ_cli.render.safe import one_line

    columns = ["a", "b", "c"]
    numbers = (int, float, Decimal)
    for batches in split(rows):
        answer = [row for batch in batches for row in batch]
        cells = [[cell(v) for v in row] for row in answer]
        right = {
            i
            for i in range(3)
            if answer
            and all(r[i] is None or (isinstance(r[i], numbers) and not isinstance(r[i], bool)) for r in answer)
        }
        lines = [[one_line(c) for c in row] for row in cells]
        expected = {
            "text": "".join(plain_lines([c.upper() for c in columns], lines, right)),
            "md": markdown(columns, cells, right),
            "table": rich_table(columns, cells, right, display),
        }
        for name, whole in expected.items():
            assert "".join(WRITERS[name](columns, batches, display)) == whole, (name, batches)
    assert "".join(WRITERS["md"](columns, [MIXED[:2], MIXED[2:]], display)).splitlines()[1] == "| --- | --- | ---: |"
