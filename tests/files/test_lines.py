"""Lines of a record taken apart and put in quotes, as the YAML explanations show them."""

from __future__ import annotations

import pytest
import yaml

from integ_cli.files.lines import indent, key_of, quote, quoted_line


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Sprachkurs: Deutsch", '"Sprachkurs: Deutsch"'),
        ("Eltern's Kurs", '"Eltern\'s Kurs"'),
        ('Der "Kurs"', "'Der \"Kurs\"'"),
        ('it\'s "x"', "'it''s \"x\"'"),
        ("C:\\Users\\amt", "'C:\\Users\\amt'"),
    ],
)
def test_quote_gives_yaml_that_reads_back_as_the_text(text: str, quoted: str) -> None:
    assert quote(text) == quoted
    assert yaml.safe_load(f"a: {quote(text)}") == {"a": text}


@pytest.mark.parametrize(
    ("line", "plain", "fixed"),
    [
        ("title: Kurs: Eltern", True, 'title: "Kurs: Eltern"'),
        ("title: Kurs: Eltern # neu", True, 'title: "Kurs: Eltern" # neu'),
        ("    - name: A: B", True, '- name: "A: B"'),
        ("title: 'Eltern's Kurs'", False, 'title: "Eltern\'s Kurs"'),
        ('note: "a # b"', False, 'note: "a # b"'),
        ("- @stadt", True, '- "@stadt"'),
    ],
)
def test_quoted_line(line: str, plain: bool, fixed: str) -> None:
    assert quoted_line(line, plain) == fixed


def test_key_and_indentation_of_a_line() -> None:
    assert key_of("  - year: 2025") == "year"
    assert key_of("title:") == "title"
    assert key_of("  - kinder") is None
    assert key_of("Text ohne Doppelpunkt") is None
    assert indent("    planned: 5") == 4
