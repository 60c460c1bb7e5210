"""The fast path gives what the composing loader gives: the same data, of the same
types, and the same problem at the same line and column, or it leaves the file to the
composing loader. Compared on hostile files, a generated corpus, number forms and
random YAML text."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integ_cli.files import fast
from integ_cli.files.loading import LoadProblem, load_document, locate
from tests.helpers import YAML_CHARS, mutated

HERE = Path(__file__).parent.parent
HOSTILE = sorted((HERE / "hostile").glob("*.yaml"))
MEASURE = (HERE / "fixtures" / "minirepo" / "data" / "measures" / "sprache-001.yaml").read_bytes()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

pytestmark = pytest.mark.skipif(not fast._loads(), reason="yaml-rs is not installed")


@contextmanager
def composing_only() -> Iterator[None]:
    """Every file read by composing its node tree, as without yaml-rs."""
    saved = fast._parser
    fast._parser = False
    try:
        yield
    finally:
        fast._parser = saved


def typed(value: Any) -> Any:
    """``value`` with every scalar's type beside it (``1 == 1.0 == True`` in Python)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, repr(value))


def outcome(raw: bytes) -> Any:
    """What loading ``raw`` gives, comparable: the typed data, or the problems."""
    try:
        document = load_document(raw, "m.yaml")
    except LoadProblem as error:
        data = None if error.document is None else typed(error.document.data)
        return "problem", error.problem, data
    return "document", None if document is None else typed(document.data)


def same(raw: bytes) -> None:
    """The fast path (where it reads ``raw``) agrees with the composing loader."""
    with composing_only():
        expected = outcome(raw)
    assert outcome(raw) == expected, raw


def test_a_plain_record_takes_the_fast_path_and_keeps_its_positions() -> None:
    document = load_document(MEASURE, "m.yaml")
    assert document is not None and document._root is None  # read by yaml-rs
    with composing_only():
        composed = load_document(MEASURE, "m.yaml")
    assert composed is not None and composed._root is not None
    assert typed(document.data) == typed(composed.data)
    for key in document.data:
        assert locate(document.root, [key]) == locate(composed.root, [key])


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        'a: "\\x07"\n',
        'a: "\\u0007"\n',
        'a: "\\ud800"\n',
        'a: "x\\\n  y"\n',
        "a: 1\na: 2\n",
        "a: 007\n",
        '{"a":07}\n',
        "a: [1, 07]\n",
        " 07\n",
        "a: 0x1F\n",
        "a: 1_000\n",
        "a: 1.\n",
        "a: .inf\n",
        "a: 1e999\n",
        "2024: x\n",
        "true: x\n",
        "---\na: 1\n---\nb: 2\n",
        "a: |2\n   x\n",
        "a: |\nb: 1\n",
        "a: >-\n  x",
        "a:\tb\n",
        "a: b\rc: d\n",
        "a: b\u2028c\n",
        "~\n",
        "[" * 70 + "]" * 70 + "\n",
        "".join(" " * i + "- \n" for i in range(70)),
    ],
)
def test_what_the_fast_path_leaves_to_the_composing_loader(text: str) -> None:
    raw = text.encode("utf-8")
    assert fast.load(raw, text) == (False, None)
    same(raw)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_files_load_as_before(path: Path) -> None:
    same(path.read_bytes())


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_corpus", HERE.parent / "benchmarks" / "generate_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_a_generated_corpus_loads_as_before_and_mostly_fast(tmp_path: Path) -> None:
    _generator().generate(tmp_path, 300, 7)
    files = sorted((tmp_path / "data").rglob("*.yaml"))
    fast_count = 0
    for path in files:
        raw = path.read_bytes()
        same(raw)
        fast_count += fast.load(raw, raw.decode("utf-8"))[0]
    assert fast_count >= len(files) * 0.9


#: Number-like plain scalars: digits, signs, dots, exponents, underscores, radix prefixes.
number_forms = st.lists(st.sampled_from([*"0123456789.-+_eExob", "inf", "nan", "Inf", " "]), max_size=12).map("".join)


@SETTINGS
@given(number_forms)
def test_number_forms_read_as_before(text: str) -> None:
    for document in (f"a: {text}\n", f"- {text}\n", f"[{text}]\n", f"{text}: x\n", f"{text}\n"):
        same(document.encode("utf-8"))


#: YAML_CHARS with block scalars, quotes and flow collections.
yaml_text = st.lists(
    st.sampled_from([*YAML_CHARS, "|\n  ", ">-\n  ", '"', "'", "\n  - ", "{", "}", "\n# ", "\n  # ", "- >-\n"]),
    max_size=40,
)


@SETTINGS
@given(yaml_text.map("".join))
def test_random_yaml_text_reads_as_before(text: str) -> None:
    same(text.encode("utf-8", "surrogatepass"))


#: Double-quoted text with escapes: the ones the fast path reads and ones it leaves.
escapes = st.lists(
    st.sampled_from(
        [
            *("\\u00fc", "\\u201e", "\\u0007", "\\u001B", "\\u007f", "\\u0085", "\\u00a0", "\\ud800", "\\uFFFE"),
            *("\\\\", '\\"', "\\x41", "\\0", "\\e", "\\N", "\\/", "\\ ", "\\\n", "\\"),
            *("u", "0", "a", " ", "'", '"', "\n  "),
        ]
    ),
    max_size=12,
).map("".join)


@SETTINGS
@given(escapes, st.sampled_from(['a: "{}"\n', "a: '{}'\n", "a: {}\n", '- "{}"\n', '"{}": x\n']))
def test_escapes_read_as_before(text: str, form: str) -> None:
    same(form.format(text).encode("utf-8"))


def test_comments_and_list_item_texts_take_the_fast_path() -> None:
    """What a concept record holds: comments that mention "05" or `integ site`, a phone
    number, a list of folded texts; none of them starts a token."""
    raw = (
        b"# Gemeindeschl\xc3\xbcssel: 05 Nordrhein-Westfalen, `integ site` baut die Seite\n"
        b"municipality:\n  # &anker *alias ?frage !tag\n  phone: +49 241 0000000\n"
        b"not_accessible:\n  - >-\n    Die Diagramme sind Grafiken;\n    ihre Werte stehen darunter.\n"
        b"  - >-\n    PDF-Vorlagen auf Anfrage.\n"
    )
    done, data = fast.load(raw, raw.decode("utf-8"))
    assert done
    assert data == {
        "municipality": {"phone": "+49 241 0000000"},
        "not_accessible": ["Die Diagramme sind Grafiken; ihre Werte stehen darunter.", "PDF-Vorlagen auf Anfrage."],
    }
    same(raw)


def test_umlauts_written_as_escapes_take_the_fast_path() -> None:
    raw = b'title: "Sprachf\\u00f6rderung f\\u00fcr M\\u00fctter"\n'
    done, data = fast.load(raw, raw.decode("utf-8"))
    assert done and data == {"title": "Sprachförderung für Mütter"}
    same(raw)


@SETTINGS
@given(mutated())
def test_mutated_measures_read_as_before(raw: bytes) -> None:
    same(raw)


@pytest.mark.parametrize(
    "text",
    ["[" * 70 + "]" * 70, "{a: " * 70 + "}" * 70, "- " * 40 + "x", "".join(" " * i + "a:\n" for i in range(70))],
    ids=["flow-lists", "flow-mappings", "compact-lists", "indented-mappings"],
)
def test_deep_nesting_never_reaches_the_rust_parser(text: str) -> None:
    # yaml-rs recurses once per level: nesting far past MAX_DEPTH would overflow its stack.
    assert not fast.simple(text.encode("utf-8"))
