"""The loader: every YAML trap handled deliberately, with the line it happened on."""

from __future__ import annotations

import pytest

from integ_cli.files.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from integ_cli.files.loading import LoadProblem, load_document, locate


def problem(raw: bytes) -> LoadProblem:
    with pytest.raises(LoadProblem) as caught:
        load_document(raw, "m.yaml")
    return caught.value


def test_yaml11_booleans_and_dates_stay_text() -> None:
    doc = load_document(b"a: no\nb: yes\nc: on\nd: off\ne: 2024-01-01\nf: true\ng: false\n", "m.yaml")
    assert doc is not None
    assert doc.data == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": "2024-01-01", "f": True, "g": False}


def test_numbers_nulls_and_leading_zeros() -> None:
    doc = load_document(b"a: 12\nb: -1.5\nc: 007\nd: ~\ne:\nf: 1e3\ng: .nan\nh: 0x1F\ni: '12'\n", "m.yaml")
    assert doc is not None
    assert doc.data == {
        "a": 12,
        "b": -1.5,
        "c": "007",
        "d": None,
        "e": None,
        "f": 1000.0,
        "g": ".nan",
        "h": "0x1F",
        "i": "12",
    }


def test_keys_are_text() -> None:
    doc = load_document(b"2024: x\ntrue: y\n", "m.yaml")
    assert doc is not None
    assert doc.data == {"2024": "x", "true": "y"}


def test_huge_integer_stays_text_without_error() -> None:
    doc = load_document(b"a: " + b"9" * 5000 + b"\n", "m.yaml")
    assert doc is not None
    assert doc.data["a"] == "9" * 5000


def test_duplicate_key_names_both_lines() -> None:
    error = problem(b"a: 1\nb: 2\na: 3\n")
    assert (error.problem.code, error.problem.line, error.problem.column) == ("yaml-duplicate-key", 3, 1)
    assert "first on line 1" in error.problem.message


def test_duplicate_key_inside_list_item_has_path() -> None:
    error = problem(b"budget:\n  - year: 1\n    year: 2\n")
    assert error.problem.line == 3
    assert error.problem.path == "budget[0].year"


def test_tab_indentation_is_a_syntax_error_with_hint() -> None:
    error = problem(b"a:\n\tb: 1\n")
    assert error.problem.code == "yaml-syntax"
    assert error.problem.line == 2
    assert "tab" in error.problem.message


def test_python_tags_construct_nothing() -> None:
    error = problem(b"a: !!python/object/apply:os.system ['touch /tmp/integ-pwned']\n")
    assert error.problem.code == "yaml-tag"
    assert error.problem.line == 1
    assert "!!python/object/apply:os.system" in error.problem.message


@pytest.mark.parametrize(
    "raw", [b"a: !!binary aGVsbG8=\n", b"a: !custom x\n", b"a: !!set {x}\n", b"a: !!timestamp 2024-01-01\n"]
)
def test_other_tags_are_rejected(raw: bytes) -> None:
    assert problem(raw).problem.code == "yaml-tag"


def test_explicit_str_tag_is_text() -> None:
    doc = load_document(b"a: !!str 12\n", "m.yaml")
    assert doc is not None and doc.data == {"a": "12"}


def test_billion_laughs_is_bounded() -> None:
    lines = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]".encode())
    error = problem(b"\n".join(lines) + b"\n")
    assert error.problem.code == "yaml-too-large"
    assert f"{MAX_NODES:,}" in error.problem.message


def test_small_aliases_are_expanded() -> None:
    doc = load_document(b"a: &p [x, y]\nb: *p\n", "m.yaml")
    assert doc is not None and doc.data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_recursive_alias_is_named_as_one_not_as_deep_nesting() -> None:
    found = problem(b"a: &x [*x]\n").problem
    assert (found.code, found.line, found.column) == ("yaml-recursive-alias", 1, 4)
    assert "*x" in found.message and "&x" in found.message and "levels deep" not in found.message


def test_a_recursive_alias_further_down_names_its_own_anchor() -> None:
    found = problem(b"id: m\nlist: &outer\n  - b\n  - k: [1, *outer]\n").problem
    assert (found.code, found.line) == ("yaml-recursive-alias", 2)
    assert "&outer" in found.message


def test_deep_nesting_without_a_recursive_alias_is_still_too_deep() -> None:
    deep = b"a: &x " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\nb: *x\n"
    assert problem(deep).problem.code == "yaml-too-deep"


def test_duplicate_keys_leave_the_rest_of_the_file_to_be_checked() -> None:
    with pytest.raises(LoadProblem) as caught:
        load_document(b"a: 1\nb: 2\na: 3\nb: 4\n", "m.yaml")
    assert caught.value.document is not None and caught.value.document.data == {"a": 1, "b": 2}
    assert [(p.code, p.line) for p in caught.value.document.problems] == [
        ("yaml-duplicate-key", 3),
        ("yaml-duplicate-key", 4),
    ]


def test_deep_nesting_is_bounded() -> None:
    deep = b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n"
    assert problem(deep).problem.code == "yaml-too-deep"


def test_nesting_beyond_libyaml_limit() -> None:
    assert problem(b"[" * 20000 + b"]" * 20000).problem.code in ("yaml-syntax", "yaml-too-deep")


def test_file_over_size_limit() -> None:
    error = problem(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert error.problem.code == "file-too-large"


def test_latin1_is_reported_with_line() -> None:
    error = problem("title: ok\nsummary: Mütter\n".encode("latin-1"))
    assert (error.problem.code, error.problem.line) == ("file-encoding", 2)
    assert "UTF-8" in error.problem.message


def test_utf16_is_reported() -> None:
    error = problem("a: b\n".encode("utf-16"))
    assert error.problem.code == "file-encoding"
    assert "UTF-16" in error.problem.message


def test_bom_and_crlf_are_accepted() -> None:
    doc = load_document("\ufeffa: Straße\r\nb: 2\r\n".encode(), "m.yaml")
    assert doc is not None and doc.data == {"a": "Straße", "b": 2}


def test_nul_byte_is_reported_with_line() -> None:
    error = problem(b"a: 1\nb: x\x00y\n")
    assert (error.problem.code, error.problem.line) == ("yaml-character", 2)


def test_several_documents_are_rejected() -> None:
    error = problem(b"a: 1\n---\nb: 2\n")
    assert (error.problem.code, error.problem.line) == ("yaml-syntax", 2)


def test_empty_and_comment_only_files_load_as_none() -> None:
    assert load_document(b"", "m.yaml") is None
    assert load_document(b"# nothing\n", "m.yaml") is None


def test_complex_keys_are_rejected() -> None:
    assert problem(b"? [a, b]\n: 1\n").problem.code == "yaml-key"


def test_locate_points_at_key_and_list_item() -> None:
    doc = load_document(b"a: 1\nb:\n  - x\n  - c: 2\n", "m.yaml")
    assert doc is not None
    assert locate(doc.root, ["b"]) == (2, 1)
    assert locate(doc.root, ["b", 1, "c"]) == (4, 5)
    assert locate(doc.root, ["missing"]) == (1, 1)


def test_loading_problems_in_german(german: None) -> None:
    assert problem(b"a: 1\nb: 2\na: 3\n").problem.message == (
        "das Feld 'a' steht zweimal in derselben Zuordnung (zuerst in Zeile 1); behalten Sie eines"
    )
    size, limit = (f"{n:,}".replace(",", ".") for n in (MAX_FILE_BYTES + 4, MAX_FILE_BYTES))
    assert problem(b"a: " + b"x" * MAX_FILE_BYTES + b"\n").problem.message == (
        f"die Datei ist {size} Byte groß, mehr als die Grenze von {limit}; Datensätze haben wenige Kilobyte"
    )
    assert "." in limit  # thousands points, as German writes them


def test_a_recursive_alias_after_umlauts_still_names_its_anchor() -> None:
    found = problem("title: Mütter über Grenzen\nlist: &schleife [*schleife]\n".encode()).problem
    assert (found.code, found.line) == ("yaml-recursive-alias", 2) and "&schleife" in found.message


def test_a_recursive_alias_in_german(german: None) -> None:
    assert "der Alias *x steht im Wert seines eigenen Ankers &x" in problem(b"a: &x [*x]\n").problem.message
