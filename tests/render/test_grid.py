"""The terminal tables: drawn without rich, they look exactly as rich draws them (rich
draws the reference here, on random tables), and stay quick on 10,000 rows."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table

from integ_cli.render import grid
from integ_cli.render.grid import SIMPLE, Column, Display, Styles, sgr

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Words of German text, numbers and punctuation, some long enough to be folded, and
#: now and then a wide character (two columns) or a run of blanks.
_WORD = st.text(alphabet="abcäöüßXY12-.,€漢", min_size=1, max_size=14)
_CELL = st.lists(_WORD, max_size=6).map(" ".join) | st.sampled_from(["", " x", "x ", "a  b", "12.000,50"])


def _console(buffer: io.StringIO, columns: int) -> Console:
    return Console(
        file=buffer,
        width=columns,
        force_terminal=False,
        color_system=None,
        no_color=True,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _drawn_by_rich(table: Table, columns: int) -> str:
    buffer = io.StringIO()
    _console(buffer, columns).print(table)
    return buffer.getvalue()


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], set[int], set[int], int]:
    count = draw(st.integers(1, 6))
    headers = draw(st.lists(_CELL.filter(bool), min_size=count, max_size=count))
    rows = draw(st.lists(st.lists(_CELL, min_size=count, max_size=count), max_size=5))
    right = draw(st.sets(st.integers(0, count - 1)))
    no_wrap = draw(st.sets(st.integers(0, count - 1)))
    return headers, rows, right, no_wrap, draw(st.integers(4, 130))


@SETTINGS
@given(_tables(), st.dictionaries(st.integers(0, 5), st.integers(1, 3)))
def test_the_table_is_drawn_as_rich_draws_it(
    table: tuple[list[str], list[list[str]], set[int], set[int], int], ratios: dict[int, int]
) -> None:
    headers, rows, right, no_wrap, columns = table
    ratios = {i: r for i, r in ratios.items() if i < len(headers)}
    reference = Table(show_edge=False, header_style="", pad_edge=False, expand=bool(ratios))
    for i, header in enumerate(headers):
        justify = "right" if i in right else "left"
        reference.add_column(header, justify=justify, no_wrap=i in no_wrap, overflow="fold", ratio=ratios.get(i))
    for row in rows:
        reference.add_row(*row)
    drawn = grid.rich_table(headers, rows, right, Display(False, columns), no_wrap=no_wrap, ratios=ratios or None)
    assert drawn == _drawn_by_rich(reference, columns)


@SETTINGS
@given(
    _tables(),
    st.dictionaries(st.integers(0, 5), st.integers(0, 12)),
    st.none() | st.lists(_CELL, min_size=6, max_size=6),
    st.none() | st.text(alphabet="abcäöü XY-", min_size=1, max_size=60),
)
def test_the_report_table_is_drawn_as_rich_draws_it(
    table: tuple[list[str], list[list[str]], set[int], set[int], int],
    min_widths: dict[int, int],
    foot: list[str] | None,
    title: str | None,
) -> None:
    headers, rows, right, no_wrap, columns = table
    reference = Table(
        box=box.SIMPLE,
        show_edge=False,
        show_footer=foot is not None,
        footer_style="",
        pad_edge=False,
        collapse_padding=True,
        header_style="",
        title=title,
        title_justify="left",
        title_style="",
    )
    ours = []
    for i, header in enumerate(headers):
        footer = foot[i] if foot else ""
        justify = "right" if i in right else "left"
        options = {"no_wrap": i in no_wrap, "min_width": min_widths.get(i)}
        reference.add_column(header, footer=footer, justify=justify, overflow="fold", **options)  # type: ignore[arg-type]
        ours.append(Column(header, right=i in right, footer=footer, **options))  # type: ignore[arg-type]
    for row in rows:
        reference.add_row(*row)
    drawn = "".join(
        grid.frame_lines(ours, rows, columns, box=SIMPLE, collapse_padding=True, footer=foot is not None, title=title)
    )
    assert drawn == _drawn_by_rich(reference, columns)


@SETTINGS
@given(st.lists(_WORD | st.just(" "), max_size=30).map(" ".join), st.integers(1, 100))
def test_a_paragraph_wraps_as_rich_prints_it(text: str, columns: int) -> None:
    buffer = io.StringIO()
    _console(buffer, columns).print(text)
    assert "".join(line + "\n" for line in grid.wrap(text, columns)) == buffer.getvalue()


def test_colour_only_paints_what_is_drawn() -> None:
    headers, rows = ["ID", "Title"], [["a-1", "Sprachcafé für Neuzugewanderte"]]
    plain = grid.rich_table(headers, rows, display=Display(False, 30))
    coloured = grid.rich_table(headers, rows, display=Display(True, 30))
    assert "\x1b[" not in plain
    assert coloured.startswith("\x1b[1mID  \x1b[0m┃\x1b[1m Title")
    assert coloured.replace("\x1b[1m", "").replace("\x1b[0m", "") == plain
    bars = "".join(grid.frame_lines([Column("Bar")], [["██░"]], 20, styles=Styles(cells={0: sgr("32")})))
    assert "\x1b[32m██░\x1b[0m" in bars


def test_cells_with_escapes_stay_one_line() -> None:
    drawn = grid.rich_table(["Title"], [["Zeile eins\nZeile zwei\x1b[31m"]], display=Display(False, 80))
    assert drawn.splitlines()[2] == "Zeile eins\\nZeile zwei\\u001b[31m"


def test_a_large_table_is_drawn_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich measured and rendered every cell as an object: seconds for 10,000 rows. This
    # table is drawn with rich's table and console made unimportable; a long title wraps.
    for module in ("rich.console", "rich.table", "rich.text"):
        monkeypatch.setitem(sys.modules, module, None)
    rows = [[f"sprache-{n:05}", "Sprachkurs für Eltern im Stadtteil " * 3, "12.000"] for n in range(10_000)]
    drawn = grid.rich_table(["ID", "Titel", "Budget"], rows, {2}, Display(False, 80), no_wrap={0, 2}, ratios={1: 1})
    lines = drawn.splitlines()
    assert len(lines) == 2 + 10_000 * 2
    assert lines[2] == "sprache-00000 │ Sprachkurs für Eltern im Stadtteil Sprachkurs für       │ 12.000"
    assert lines[3] == "              │ Eltern im Stadtteil Sprachkurs für Eltern im Stadtteil  │       "
    assert max(grid.width(line) for line in lines) == 80
