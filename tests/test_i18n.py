"""German and English: every message has its German translation, the language is chosen
as the README says, and ``integ --help`` speaks it.

The message checks run the documented workflow (``pybabel extract -F babel.cfg``) and
compare the result with the German catalogs; their failures name the messages and the
command that fixes them.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from integ_cli import i18n
from integ_cli.cli import app
from tests.conftest import PROJECT

CATALOGS = i18n.LOCALE_DIR / "de" / "LC_MESSAGES"
FIX = "see 'Messages and translations' in README.md: pybabel extract, update, translate, compile"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def extract(tmp_path: Path, *sources: str, mapping: bool = True) -> Catalog:
    """The messages ``pybabel extract`` finds, as the README's workflow runs it."""
    pot = tmp_path / "messages.pot"
    options = ["-F", str(PROJECT / "babel.cfg")] if mapping else []
    CommandLineInterface().run(["pybabel", "-q", "extract", *options, "-o", str(pot), *sources])
    return read_catalog(pot)


def untranslated(template: Catalog, catalog: Catalog) -> list[str]:
    """Messages of ``template`` without a German translation (a fuzzy guess is none)."""
    missing = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id)
        strings = entry.string if entry is not None and isinstance(entry.string, tuple) else (entry and entry.string,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(str(message.id))
    return missing


def placeholders(text: str) -> list[str]:
    """The ``{name}`` and ``%(name)s`` fields of a message, which its translation must keep."""
    braces = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    return sorted(braces + re.findall(r"%(?:\(\w+\))?[sdifr]", text))


def wrong_placeholders(catalog: Catalog) -> list[str]:
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(s and placeholders(s) != placeholders(ids[-1]) for s in strings):
            wrong.append(str(ids[0]))
    return wrong


# --- the catalogs ---------------------------------------------------------------------


def test_every_message_of_integ_has_a_german_translation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    template = extract(tmp_path, ".")
    catalog = read_catalog(CATALOGS / "integ.po")
    assert untranslated(template, catalog) == [], f"messages without a German translation; {FIX}"
    stale = sorted(str(m.id) for m in catalog if m.id and m.id not in template)
    assert stale == [], f"the German catalog translates messages no longer in the source; {FIX}"


def test_every_string_typer_marks_for_gettext_has_a_german_translation(tmp_path: Path) -> None:
    """Typer's strings come from the installed Typer. The catalog may keep strings this
    Typer no longer has: an older Typer that pyproject.toml allows still uses them."""
    template = extract(tmp_path, str(Path(typer.__file__).parent), mapping=False)
    assert len(template) > 10  # Typer still marks its help panels and errors for gettext
    assert untranslated(template, read_catalog(CATALOGS / "typer.po")) == [], f"run the typer steps; {FIX}"


@pytest.mark.parametrize("domain", [i18n.DOMAIN, i18n.TYPER_DOMAIN])
def test_translations_keep_the_placeholders_of_their_message(domain: str) -> None:
    assert wrong_placeholders(read_catalog(CATALOGS / f"{domain}.po")) == []


@pytest.mark.parametrize("domain", [i18n.DOMAIN, i18n.TYPER_DOMAIN])
def test_the_shipped_mo_file_is_the_compiled_po_file(domain: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(CATALOGS / f"{domain}.po"))
    assert (CATALOGS / f"{domain}.mo").read_bytes() == compiled.getvalue(), (
        f"run: pybabel compile -d src/integ_cli/locale -D {domain}"
    )


def test_the_catalogs_have_the_german_plural_rule() -> None:
    for domain in (i18n.DOMAIN, i18n.TYPER_DOMAIN):
        assert read_catalog(CATALOGS / f"{domain}.po").plural_expr == "(n != 1)"


def test_plural_forms_follow_the_count() -> None:
    """Through the compiled catalog, as integ reads it (a message made up for the test)."""
    catalog = Catalog(locale="de")
    catalog.add(("one file", "{n} files"), ("eine Datei", "{n} Dateien"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    german = i18n.Compiled(compiled.getvalue())
    assert [german.ngettext("one file", "{n} files", n) for n in (0, 1, 2)] == [
        "{n} Dateien",
        "eine Datei",
        "{n} Dateien",
    ]
    assert [german.ngettext("one folder", "{n} folders", n) for n in (1, 2)] == ["one folder", "{n} folders"]


@pytest.mark.parametrize("domain", [i18n.DOMAIN, i18n.TYPER_DOMAIN])
def test_integ_reads_each_message_of_the_shipped_catalogs_as_gettext_does(domain: str) -> None:
    """integ looks messages up in the .mo file by bisection instead of decoding it whole:
    every message, and a few that are not there, come out as the stdlib's reader gives them."""
    path = CATALOGS / f"{domain}.mo"
    ours, theirs = i18n.Compiled(path.read_bytes()), gettext.GNUTranslations(io.BytesIO(path.read_bytes()))
    differ = []
    for message in read_catalog(CATALOGS / f"{domain}.po"):
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for n in (0, 1, 2):
                if ours.ngettext(singular, plural, n) != theirs.ngettext(singular, plural, n):
                    differ.append(f"{singular} ({n})")
        elif ours.gettext(message.id) != theirs.gettext(message.id):  # the header too, as id ""
            differ.append(message.id)
    assert differ == []
    for missing in ("zzz not a message", "\x00", "ä", "Usage"):
        assert ours.gettext(missing) == theirs.gettext(missing) == missing


def test_a_message_looked_up_again_is_the_same_and_what_is_remembered_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A catalog remembers what it looked up (a report asks for the same names thousands
    of times), up to a bound: text from a hostile file passed in cannot grow it."""
    monkeypatch.setattr(i18n, "_REMEMBERED", 3)
    path = CATALOGS / f"{i18n.DOMAIN}.mo"
    ours, theirs = i18n.Compiled(path.read_bytes()), gettext.GNUTranslations(io.BytesIO(path.read_bytes()))
    messages = [m.id for m in read_catalog(CATALOGS / f"{i18n.DOMAIN}.po") if isinstance(m.id, str) and m.id][:10]
    for _round in range(2):
        for message in [*messages, "zzz not a message"]:
            assert ours.gettext(message) == theirs.gettext(message)
    assert len(ours._found) == 3


def test_a_catalog_that_is_no_catalog_falls_back_to_english() -> None:
    with pytest.raises(ValueError, match="not a compiled gettext catalog"):
        i18n.Compiled(b"# a .po file, not compiled\n")


# --- the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "de"),
        ({"INTEG_LANG": "en"}, "en"),
        ({"INTEG_LANG": "de"}, "de"),
        ({"INTEG_LANG": "en_GB.UTF-8"}, "en"),
        ({"INTEG_LANG": "EN"}, "en"),
        ({"INTEG_LANG": "fr"}, "de"),
        ({"INTEG_LANG": "de", "LANG": "en_US.UTF-8"}, "de"),
        ({"INTEG_LANG": "en", "LC_ALL": "de_DE.UTF-8"}, "en"),
        ({"INTEG_LANG": "", "LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "de"),
        ({"LANG": "C"}, "de"),
        ({"LANG": "POSIX"}, "de"),
        ({"LANG": "fr_FR.UTF-8"}, "de"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "de_AT.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "de"),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "de"),  # LC_ALL is the locale, and C names no language
        ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US@euro"}, "en"),
    ],
)
def test_language(environ: dict[str, str], expected: str) -> None:
    assert i18n.language(environ) == expected


def test_setup_writes_nothing_to_the_environment_that_git_or_the_editor_would_see() -> None:
    before = dict(os.environ)
    i18n.setup("de")
    assert dict(os.environ) == before
    assert i18n.current() == "de"
    assert gettext.gettext("Options") == "Optionen"  # Typer's strings, through the stdlib


def test_messages_switch_language_in_process() -> None:
    i18n.setup("de")
    assert i18n._("Usage: ") == "Aufruf: "
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 2
    assert "Das Argument 'ID' fehlt." in result.stderr
    i18n.setup("en")
    assert "Missing argument 'ID'." in CliRunner().invoke(app, ["status"]).stderr


# --- integ --help in a fresh process, as users start it -------------------------------


def run(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """The installed ``integ`` with only ``environ`` naming a language."""
    integ = shutil.which("integ", path=str(Path(sys.executable).parent))
    assert integ is not None
    clean = {k: v for k, v in os.environ.items() if k not in {"INTEG_LANG", *i18n.LOCALE_VARIABLES}}
    return subprocess.run(
        [integ, *args],
        env={**clean, "COLUMNS": "100", **environ},
        capture_output=True,
        text=True,
        check=False,
    )


GERMAN = ("Aufruf: integ", "Optionen", "Diese Hilfe zeigen und beenden.", "Das Integrationskonzept einer Stadt")
ENGLISH = ("Usage: integ", "Options", "Show this message and exit.", "Keep a city's integration concept")


@pytest.mark.parametrize(
    ("environ", "expected", "other"),
    [
        ({"INTEG_LANG": "de"}, GERMAN, ENGLISH),
        ({"INTEG_LANG": "en"}, ENGLISH, GERMAN),
        ({"LANG": "C.UTF-8"}, GERMAN, ENGLISH),
        ({"LANG": "de_DE.UTF-8"}, GERMAN, ENGLISH),
        ({"LANG": "en_US.UTF-8"}, ENGLISH, GERMAN),
        ({}, GERMAN, ENGLISH),
    ],
)
def test_help_speaks_the_chosen_language(
    environ: dict[str, str], expected: tuple[str, ...], other: tuple[str, ...]
) -> None:
    result = run("--help", **environ)
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout
    for text in other:
        assert text not in result.stdout


def test_a_usage_error_in_german() -> None:
    result = run("list", "--bogus", INTEG_LANG="de")
    assert result.returncode == 2
    assert "Unbekannte Option: --bogus" in result.stderr
    assert "Fehler" in result.stderr
    assert "Hilfe gibt 'integ list -h'." in result.stderr


@pytest.mark.parametrize(
    ("environ", "expected", "other"),
    [
        ({"LANG": "de_DE.UTF-8"}, ("Argumente", "Die zu prüfenden Dateien oder Ordner"), ("Arguments", "Files or")),
        ({"INTEG_LANG": "en"}, ("Arguments", "Files or folders to check"), ("Argumente", "Die zu prüfenden")),
    ],
)
def test_a_commands_help_speaks_the_chosen_language(
    environ: dict[str, str], expected: tuple[str, ...], other: tuple[str, ...]
) -> None:
    result = run("validate", "--help", **environ)
    assert result.returncode == 0, result.stderr
    assert [text for text in expected if text not in result.stdout] == []
    assert [text for text in other if text in result.stdout] == []
