"""Data made safe for a line of text output: what a value may no longer do there."""

from __future__ import annotations

import json

import pytest
import yaml

from integ_cli.render.safe import escape, html_text, in_strings, needs_escape, one_line, text_lines

FORGED = "x\n::error file=README.md,line=1::forged"


def starts_a_command(line: str) -> bool:
    """Whether GitHub's runner reads ``line`` as a workflow command (it trims leading
    blanks before looking for ``::``; the older ``##[`` counts anywhere)."""
    return line.lstrip().startswith("::") or "##[" in line


def test_a_forged_workflow_command_stays_in_its_line() -> None:
    shown = one_line(FORGED)
    assert shown == "x\\n:\\u003aerror file=README.md,line=1:\\u003aforged"
    assert "\n" not in shown and "::" not in shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\rb\tc", "a\\rb\\tc"),
        ("clear\x1b[2J", "clear\\u001b[2J"),
        ("del\x7f c1\x85\x9b", "del\\u007f c1\\u0085\\u009b"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("abc\u202edef\u2066", "abc\\u202edef\\u2066"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("legacy ##[error]x", "legacy #\\u0023[error]x"),
        ("surrogate \udcff", "surrogate \\udcff"),
    ],
)
def test_every_unsafe_character_shows_as_an_escape(raw: str, shown: str) -> None:
    assert one_line(raw) == shown


def test_an_unsafe_character_in_german_text_is_escaped() -> None:
    """Printable text, umlauts and all, takes a short way past the search: every
    character shown as an escape must still be seen in such a text."""
    codes = [
        *range(0x7F, 0xA0),
        *(0xAD, 0x61C, 0x180E),
        *range(0x200B, 0x2010),
        *range(0x2028, 0x202F),
        *range(0x2060, 0x2070),
        *(0xD800, 0xDFFF, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB, 0xFFFE, 0xFFFF),
    ]
    for code in codes:
        raw = f"Grüße{chr(code)}Straße"
        assert needs_escape(raw), hex(code)
        assert f"\\u{code:04x}" in one_line(raw), hex(code)
        assert chr(code) not in in_strings(raw), hex(code)


def test_ordinary_text_is_left_as_it_is() -> None:
    for text in ("Mama lernt Deutsch", "Kita „Sonnenschein“ – Teil 2", "12:00 Uhr, C:\\Daten", "  eingerückt"):
        assert one_line(text) == text and not needs_escape(text)


def test_line_breaks_at_either_end_are_no_content() -> None:
    assert one_line("Titel aus einem gefalteten Block\n") == "Titel aus einem gefalteten Block"


def test_a_text_of_several_lines_keeps_its_lines_and_nothing_else() -> None:
    lines = text_lines("Erster Absatz.\n\n  ::warning::zweiter\x1b]0;x\x07\n")
    assert lines == ["Erster Absatz.", "", "  :\\u003awarning:\\u003azweiter\\u001b]0;x\\u0007"]
    assert not any(starts_a_command(line) for line in lines)


def test_escape_keeps_surrounding_blanks() -> None:
    assert escape("  \n") == "  \\n"


def test_json_stays_the_same_json_and_harmless() -> None:
    value = {"title": FORGED + " ##[error]x \x1b \x7f \x85 \u2028 \u202e ä", "k::": 1}
    text = in_strings(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(text) == value
    assert not any(starts_a_command(line) for line in text.splitlines())
    assert all(c not in text for c in "\x1b\x7f\x85\u2028\u202e") and "ä" in text


def test_yaml_in_double_quotes_stays_the_same_yaml() -> None:
    text = in_strings(yaml.safe_dump({"t": "a\u202e ::b ##[c"}, allow_unicode=True, default_style='"'))
    assert yaml.safe_load(text) == {"t": "a\u202e ::b ##[c"}
    assert "\u202e" not in text and "::" not in text


def test_html_shows_the_same_and_starts_no_line_with_data() -> None:
    shown = html_text('<b>"Kurs"</b>\n::error file=README.md::x ##[error]y \u202e')
    assert shown == "&lt;b&gt;&quot;Kurs&quot;&lt;/b&gt;&#10;::error file=README.md::x #&#35;[error]y \\u202e"
    assert html_text("Mama & Kind") == "Mama &amp; Kind"
