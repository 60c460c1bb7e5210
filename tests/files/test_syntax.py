"""YAML syntax errors explained: the line to change and what to write there, for the
mistakes people make when they edit a record by hand, in German by default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.files.syntax import explain
from integ_cli.problems import Problem

MEASURE = b"id: sprache-001\nfield: sprache\nstatus: active\n"


def with_libyaml(raw: bytes) -> Problem:
    with pytest.raises(LoadProblem) as caught:
        load_document(raw, "m.yaml")
    return caught.value.problem


def pure_python(raw: bytes) -> Problem:
    """The same file read by PyYAML's pure-Python loader (used where libyaml is missing)."""
    loader = yaml.SafeLoader(raw)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return explain("m.yaml", error, raw, yaml.SafeLoader)
    finally:
        loader.dispose()
    raise AssertionError("the file parsed")


LOADERS: list[Callable[[bytes], Problem]] = [with_libyaml]
if getattr(yaml, "CSafeLoader", None) is not None:
    LOADERS.append(pure_python)


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def read(request: pytest.FixtureRequest) -> Any:
    return request.param


def test_a_colon_in_a_title_says_to_quote_it(read: Callable[[bytes], Problem]) -> None:
    found = read(MEASURE + b"title: Sprachkurs: Deutsch im Alltag\n")
    assert (found.code, found.line, found.column) == ("yaml-syntax", 4, 18)
    assert "the value of 'title'" in found.message
    assert found.message.endswith('put the text in quotes: title: "Sprachkurs: Deutsch im Alltag"')
    assert "mapping values" not in found.message


def test_the_quoted_line_keeps_its_comment_and_chooses_quotes_that_fit() -> None:
    found = with_libyaml(b'title: Der "Kurs": Eltern # neu\n')
    assert found.message.endswith("""title: 'Der "Kurs": Eltern' # neu""")


def test_an_unclosed_quote_is_reported_on_the_line_it_opened(read: Callable[[bytes], Problem]) -> None:
    fields = b"".join(b"field%d: text\n" % n for n in range(22))
    found = read(MEASURE + b'title: "Sprachkurs\n' + fields + b'summary: "Deutsch im Alltag"\n')
    assert (found.line, found.column) == (4, 8)
    assert "opened on line 4" in found.message and "on line 27" in found.message
    assert found.message.endswith('close it on line 4: title: "Sprachkurs"')


def test_a_quote_open_to_the_end_of_the_file_names_both_lines(read: Callable[[bytes], Problem]) -> None:
    found = read(MEASURE + b"title: 'Sprachkurs\nstart: 2025-01-01\n")
    assert (found.line, found.column) == (4, 8)
    assert "opened on line 4 is never closed" in found.message
    assert "to the end of the file (line 6)" in found.message
    assert found.message.endswith("title: 'Sprachkurs'")


@pytest.mark.parametrize("raw", [b"a:\n\tb: 1\n", b"a:\n  b: 1\n\tc: 2\n", b"a:\n  -\tx\n"])
def test_a_tab_says_to_indent_with_spaces(read: Callable[[bytes], Problem], raw: bytes) -> None:
    found = read(raw)
    assert found.line == raw.count(b"\n", 0, raw.index(b"\t")) + 1
    assert "indent with spaces, not tabs" in found.message


@pytest.mark.parametrize(
    ("raw", "line", "fixed"),
    [
        (MEASURE + b"title:Sprachkurs\nstart: 2025-01-01\n", 4, "write title: Sprachkurs"),
        (MEASURE + b"title:Sprachkurs\n", 4, "write title: Sprachkurs"),
        (b"title:Sprachkurs\n" + MEASURE, 1, "write title: Sprachkurs"),
        (b"budget:\n  - year:2025\n    planned: 5000\n", 2, "write - year: 2025"),
    ],
)
def test_a_missing_space_after_the_colon(read: Callable[[bytes], Problem], raw: bytes, line: int, fixed: str) -> None:
    found = read(raw)
    assert found.line == line
    assert "space after the colon" in found.message
    assert found.message.endswith(fixed)


def test_a_line_without_a_colon(read: Callable[[bytes], Problem]) -> None:
    found = read(MEASURE + b"Sprachkurs\nstart: 2025-01-01\n")
    assert found.line == 4
    assert "the line 'Sprachkurs' has no colon" in found.message


def test_a_line_indented_too_far_continues_the_value_above(read: Callable[[bytes], Problem]) -> None:
    found = read(b"id: sprache-001\n  field: sprache\n")
    assert found.line == 2
    assert "indented further than line 1" in found.message
    assert "indent it like 'id'" in found.message


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"a:\n  b: 1\n c: 2\n", 3, "indented differently from the lines above"),
        (b"targets:\n  - kinder\n  status: active\n", 3, "is not one; start it with '- '"),
        (b"status: active\n- kinder\n", 2, "a list entry ('- ...') stands where a field is expected"),
        (b"targets: [kinder, eltern\nstatus: active\n", 2, "the '[' on line 1 has no matching ']'"),
        (b"id: a\n---\nid: b\n", 2, "starts a second document"),
        (b"targets: - kinder\n", 1, "write 'targets:' on a line of its own"),
    ],
)
def test_structure_mistakes_in_plain_words(read: Callable[[bytes], Problem], raw: bytes, line: int, words: str) -> None:
    found = read(raw)
    assert found.line == line
    assert words in found.message


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        (b"contact: @stadt\n", 'write contact: "@stadt"'),
        (b"note: *wichtig*\n", 'write note: "*wichtig*"'),
        (b"note: |wichtig\n", 'write note: "|wichtig"'),
    ],
)
def test_a_value_starting_with_a_reserved_character(read: Callable[[bytes], Problem], raw: bytes, fixed: str) -> None:
    found = read(raw)
    assert (found.line, found.column) == (1, raw.index(b": ") + 3)  # the reserved character
    assert found.message.endswith(fixed)


def test_text_after_the_closing_quote(read: Callable[[bytes], Problem]) -> None:
    found = read(b"title: 'Eltern's Kurs'\n")
    assert found.line == 1
    assert found.message.endswith('title: "Eltern\'s Kurs"')


def test_a_backslash_in_double_quotes(read: Callable[[bytes], Problem]) -> None:
    found = read(b'folder: "C:\\Users\\amt"\n')
    assert found.message.endswith("use single quotes: folder: 'C:\\Users\\amt'")


def test_other_syntax_errors_keep_yaml_s_words_and_position() -> None:
    found = with_libyaml(b"a: [x]]\n")
    assert (found.code, found.line, found.column) == ("yaml-syntax", 1, 7)
    assert found.message.startswith("YAML syntax error: ")


def test_every_explanation_starts_alike_and_keeps_the_code(read: Callable[[bytes], Problem]) -> None:
    for raw in (b"title: a: b\n", b"title: 'x\n", b"a:\n\tb: 1\n", b"a: [x\n"):
        found = read(raw)
        assert found.code == "yaml-syntax" and found.message.startswith("YAML syntax error: ")


def test_the_explanations_in_german(german: None) -> None:
    colon = with_libyaml(MEASURE + b"title: Sprachkurs: Deutsch im Alltag\n")
    assert colon.message == (
        "YAML-Syntaxfehler: ein Doppelpunkt mit Leerzeichen im Wert von 'title' lässt YAML ein zweites Feld "
        'lesen; setzen Sie den Text in Anführungszeichen: title: "Sprachkurs: Deutsch im Alltag"'
    )
    quote_ = with_libyaml(MEASURE + b'title: "Sprachkurs\nstart: 2025-01-01\nsummary: "Text"\n')
    assert quote_.line == 4
    assert 'das Anführungszeichen " aus Zeile 4 wird in dieser Zeile nicht geschlossen' in quote_.message
    assert "in Zeile 6 als einen Text" in quote_.message
    assert "rücken Sie mit Leerzeichen ein, nicht mit Tabulatoren" in with_libyaml(b"a:\n\tb: 1\n").message
    space = with_libyaml(MEASURE + b"title:Sprachkurs\nstart: 2025-01-01\n")
    assert space.message.endswith("nach dem Doppelpunkt ein Leerzeichen; schreiben Sie title: Sprachkurs")
