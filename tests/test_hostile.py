"""Hostile input: every file in tests/hostile/ (see its README), generated giants and
odd file names, each put into a copy of the mini repository.

``integ validate`` runs as a separate process with a time limit and 1 GiB of address
space: it must exit 1 (0 for the ``*-accepted`` files), name the file (and the line,
where there is one), print no traceback and change nothing on disk. ``list``,
``show``, ``report`` and an edit (``status``) then run on the same repository: the
reading commands skip the bad file with a warning and exit 0; the edit refuses it
and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.files.limits import MAX_FILE_BYTES, MAX_NODES
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.problems import Problem

HOSTILE = Path(__file__).parent / "hostile"
MINIREPO = Path(__file__).parent / "fixtures" / "minirepo"
TARGET = "data/measures/sprache-900.yaml"
MEMORY = 1024**3
TIMEOUT = 60
runner = CliRunner()

VALID = (MINIREPO / "data/measures/sprache-001.yaml").read_text(encoding="utf-8").replace("sprache-001", "sprache-900")


def corpus() -> list[str]:
    return sorted(p.name[: -len(".yaml")] for p in HOSTILE.glob("*.yaml"))


#: Lines the problem must be reported on (where the file has a clear culprit line).
LINES = {
    "tab-indent": 8,
    "nul-byte": 4,
    "control-character": 4,
    "escape-nul": 4,
    "escape-terminal": 4,
    "duplicate-key": 25,
    "duplicate-key-nested": 20,
    "latin1": 5,
    "windows-1252": 4,
    "several-documents": 25,
    "tag-python-name": 12,
    "tag-custom": 9,
    "yaml11-boolean-yes": 12,
    "yaml11-octal": 18,
    "float-overflow": 18,
    "huge-integer": 18,
    "syntax-undefined-alias": 9,
    "id-path-traversal": 3,
    "look-alike-id": 3,
    "zero-width-in-id": 3,
    "unquoted-date-impossible": 14,
    "alias-recursive": 1,
    "block-scalar-empty": 5,
}
#: What the message must say, where a vaguer one was given before.
MESSAGES = {"alias-recursive": "the alias *a stands inside the value of its own anchor &a"}


# --- generated files: too large to keep in the repository --------------------------------------


def _flow_list(count: int) -> bytes:
    return ("[" + ",".join(["0"] * count) + "]\n").encode()


GENERATED: dict[str, Callable[[], bytes]] = {
    "nesting-50000-flow": lambda: b"[" * 50_000 + b"]" * 50_000,
    "nesting-50000-flow-mappings": lambda: b"{a: " * 50_000 + b"1" + b"}" * 50_000,
    "nesting-60000-block": lambda: b"- " * 60_000 + b"x\n",
    "nesting-200-block-mappings": lambda: "".join(" " * i + "k:\n" for i in range(200)).encode(),
    "value-20-mb": lambda: VALID.replace("title: Mama lernt Deutsch", "title: " + "x" * 20_000_000).encode(),
    "file-one-byte-too-large": lambda: VALID.encode() + b"#" * (MAX_FILE_BYTES + 1 - len(VALID.encode())),
    "line-1-mb": lambda: VALID.replace("title: Mama lernt Deutsch", "title: " + "x" * 1_000_000).encode(),
    "values-too-many-to-edit": lambda: (VALID + "tags: [" + "x," * 100_000 + "]\n").encode(),
    "values-past-the-limit": lambda: _flow_list(MAX_NODES + 10),
    "nul-bytes-only": lambda: b"\x00" * 1000,
    "random-binary": lambda: hashlib.sha512(b"integ").digest() * 100,
}


# --- cases where the file's name or kind is the problem ----------------------------------------


def _put(repo: Path, name: str, text: str = VALID) -> Path:
    path = repo / "data/measures" / name
    path.write_text(text, encoding="utf-8")
    return path


def _outside_link(repo: Path) -> str:
    outside = repo.parent / "outside.yaml"
    outside.write_text(VALID, encoding="utf-8")
    (repo / TARGET).symlink_to(outside)
    return TARGET


def _link_loop(repo: Path) -> str:
    (repo / "data/measures/sprache-901.yaml").symlink_to("sprache-900.yaml")
    (repo / TARGET).symlink_to("sprache-901.yaml")
    return TARGET


def _fifo(repo: Path) -> str:
    os.mkfifo(repo / TARGET)
    return TARGET


def _folder(repo: Path) -> str:
    (repo / TARGET).mkdir()
    return TARGET


def _vocabulary(name: str, hostile: str) -> Callable[[Path], str]:
    def setup(repo: Path) -> str:
        shutil.copyfile(HOSTILE / f"{hostile}.yaml", repo / "data" / name)
        return f"data/{name}"

    return setup


def _field_file(repo: Path) -> str:
    shutil.copyfile(HOSTILE / "tag-python-apply.yaml", repo / "data/fields/wohnen.yaml")
    return "data/fields/wohnen.yaml"


def _vocabulary_outside(repo: Path) -> str:
    outside = repo.parent / "actors.yaml"
    shutil.move(repo / "data/actors.yaml", outside)
    (repo / "data/actors.yaml").symlink_to(outside)
    return "data/actors.yaml"


PLACED: dict[str, Callable[[Path], str]] = {
    "extension-yml": lambda repo: _put(repo, "sprache-900.yml") and "data/measures/sprache-900.yml",
    "extension-upper-case": lambda repo: _put(repo, "sprache-900.YAML") and "data/measures/sprache-900.YAML",
    "name-with-space": lambda repo: (
        _put(repo, "sprache 900.yaml", VALID.replace("sprache-900", "sprache 900")) and "data/measures/sprache 900.yaml"
    ),
    "name-look-alike": lambda repo: (
        _put(repo, "spr\u0430che-900.yaml", VALID.replace("sprache", "spr\u0430che"))
        and "data/measures/spr\u0430che-900.yaml"
    ),
    "name-dotdot": lambda repo: (
        _put(repo, "sprache..900.yaml", VALID.replace("sprache-900", "sprache..900"))
        and "data/measures/sprache..900.yaml"
    ),
    "symlink-outside": _outside_link,
    "symlink-dangling": lambda repo: (repo / TARGET).symlink_to("/nonexistent/sprache-900.yaml") or TARGET,
    "symlink-loop": _link_loop,
    "symlink-self-loop": lambda repo: (repo / TARGET).symlink_to("sprache-900.yaml") or TARGET,
    "symlink-dangling-inside": lambda repo: (repo / TARGET).symlink_to("sprache-999.yaml") or TARGET,
    "fifo-named-yaml": _fifo,
    "folder-named-yaml": _folder,
    "vocabulary-alias-bomb": _vocabulary("actors.yaml", "alias-bomb"),
    "vocabulary-utf16": _vocabulary("districts.yaml", "utf16-le-bom"),
    "vocabulary-top-level-list": _vocabulary("target-groups.yaml", "top-level-list"),
    "vocabulary-symlink-outside": _vocabulary_outside,
    "vocabulary-fails-its-schema": lambda repo: _rename_key(repo / "data/target-groups.yaml", "entries"),
    "field-python-tag": _field_file,
}
#: What validate must say about a placed case (and never "records are files ending in '.yaml'").
PLACED_MESSAGES = {
    "symlink-outside": "a link to a file outside the repository",
    "symlink-dangling": "this link points to '/nonexistent/sprache-900.yaml', which does not exist",
    "symlink-dangling-inside": "this link points to 'sprache-999.yaml', which does not exist",
    "symlink-loop": "this link leads in a circle",
    "symlink-self-loop": "this link leads in a circle",
    "fifo-named-yaml": "this is a named pipe, not a file",
    "folder-named-yaml": "this is a folder, not a file",
    "vocabulary-symlink-outside": "a link to a file outside the repository",
    "vocabulary-fails-its-schema": "the record lacks the required key 'entries'",
}


def _rename_key(path: Path, key: str) -> str:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"\n{key}:", f"\n{key}_renamed:"), encoding="utf-8")
    return path.relative_to(path.parents[1]).as_posix()


#: Placed cases that are fine: hidden files are not records (editors' and integ's own temporaries).
PLACED_ACCEPTED: dict[str, Callable[[Path], str]] = {
    "hidden-file-ignored": lambda repo: (
        _put(repo, ".sprache-900.yaml", "!!python/object/apply:os.system [x]\n") and "data/measures/.sprache-900.yaml"
    ),
}


# --- helpers ------------------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``root`` (the repository and what lies next to it): its kind
    and content (file hash, link target), to prove nothing was created or changed."""
    found: dict[str, tuple[str, str]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", str(path.readlink()))
            elif path.is_dir():
                found[rel] = ("dir", "")
            elif path.is_file():
                found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[rel] = ("other", "")
    return found


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def integ(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run integ in its own process: bounded memory and time, no colour."""
    env = {k: v for k, v in os.environ.items() if k not in ("INTEG_REPO", "GITHUB_ACTIONS")}
    env.update(NO_COLOR="1", INTEG_JOBS="1")
    return subprocess.run(
        [sys.executable, "-m", "integ_cli", "--repo", str(repo), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        preexec_fn=_bounded,
        env=env,
        check=False,
    )


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINIREPO, repo)
    return repo


def shown(rel: str) -> str:
    """A file name as messages show it (invisible characters escaped)."""
    return Problem(rel, None, None, "", "x", "").file


def check_validate(tmp_path: Path, repo: Path, rel: str, accepted: bool, line: int | None = None) -> str:
    before = snapshot(tmp_path)
    result = integ(repo, "validate")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert snapshot(tmp_path) == before, "validate changed files"
    if accepted:
        assert result.returncode == 0, output
        assert shown(rel) not in result.stdout
        return output
    assert result.returncode == 1, output
    assert f"{shown(rel)}:" in result.stdout, output
    if line is not None:
        assert f"{shown(rel)}:{line}:" in result.stdout, output
    return output


def check_readers(tmp_path: Path, repo: Path, rel: str, accepted: bool, commands: tuple[str, ...]) -> None:
    """Reading commands skip a bad file with a warning, exit 0 and change nothing;
    ``show`` of the bad measure itself exits 1. A bad vocabulary file, which every
    measure is checked against, stops them instead: exit 1, naming it."""
    before = snapshot(tmp_path)
    env = {"NO_COLOR": "1", "INTEG_JOBS": "1"}
    vocabulary = rel.count("/") == 1
    for command in commands:
        result = runner.invoke(app, ["--repo", str(repo), command], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        if vocabulary:
            assert result.exit_code == 1, (command, result.output)
            assert re.search(rf"^{re.escape(rel)}(:\d+:\d+)?: error:", result.stderr, re.MULTILINE), result.stderr
            assert f"the vocabulary file {rel} has problems" in result.stderr
            continue
        assert result.exit_code == 0, (command, result.output)
        if not accepted and command in ("list", "report"):
            assert "skipped" in result.stderr or "übergangen" in result.stdout + result.stderr, (command, result.output)
    shown_bad = runner.invoke(app, ["--repo", str(repo), "show", "sprache-900"], env=env)
    assert shown_bad.exception is None or isinstance(shown_bad.exception, SystemExit)
    assert shown_bad.exit_code == (0 if accepted and rel == TARGET else 1), shown_bad.output
    assert snapshot(tmp_path) == before, "a reading command changed files"


#: Accepted by validate, yet refused by the edit commands: ruamel.yaml, which edits
#: keeping comments, does not read a tab after a colon. The refusal names the line.
EDIT_REFUSED = {"tab-after-colon-accepted": "line 12); the line contains a tab"}


def check_edit(tmp_path: Path, repo: Path, accepted: bool, name: str = "") -> None:
    """An edit of the bad measure is refused (exit 1, or 2 for a link out of the
    repository) and writes nothing; of an accepted one it writes a valid file."""
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["--repo", str(repo), "set", "sprache-900", "notes=hostile"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if accepted and name not in EDIT_REFUSED:
        assert result.exit_code == 0, result.output
        assert "notes: hostile" in (repo / TARGET).read_text(encoding="utf-8-sig")
        assert runner.invoke(app, ["--repo", str(repo), "validate"]).exit_code == 0
    else:
        assert result.exit_code in (1, 2), result.output
        assert EDIT_REFUSED.get(name, "") in result.stderr
        assert snapshot(tmp_path) == before, "a refused edit changed files"


# --- the tests ----------------------------------------------------------------------------------


def test_corpus_is_listed_in_its_readme() -> None:
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme, re.MULTILINE))
    assert listed == set(corpus()) | set(GENERATED) | set(PLACED) | set(PLACED_ACCEPTED)


@pytest.mark.parametrize("name", corpus())
def test_hostile_file(tmp_path: Path, name: str) -> None:
    repo = make_repo(tmp_path)
    shutil.copyfile(HOSTILE / f"{name}.yaml", repo / TARGET)
    accepted = name.endswith("-accepted")
    output = check_validate(tmp_path, repo, TARGET, accepted, LINES.get(name))
    assert MESSAGES.get(name, "") in output
    if not accepted:
        assert re.search(rf"{re.escape(TARGET)}:\d+:\d+: error:", output), "no line for a file that has lines"
    check_readers(tmp_path, repo, TARGET, accepted, ("list", "report"))
    check_edit(tmp_path, repo, accepted, name)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_file(tmp_path: Path, name: str) -> None:
    repo = make_repo(tmp_path)
    (repo / TARGET).write_bytes(GENERATED[name]())
    check_validate(tmp_path, repo, TARGET, accepted=False)
    check_readers(tmp_path, repo, TARGET, False, ("list",))
    check_edit(tmp_path, repo, accepted=False)


@pytest.mark.parametrize("name", sorted(PLACED))
def test_placed_file(tmp_path: Path, name: str) -> None:
    repo = make_repo(tmp_path)
    rel = PLACED[name](repo)
    output = check_validate(tmp_path, repo, rel, accepted=False)
    if name in PLACED_MESSAGES:
        assert PLACED_MESSAGES[name] in output
        assert "records are files ending in '.yaml'" not in output
    check_readers(tmp_path, repo, rel, False, ("list", "report", "fields", "actors", "target-groups", "districts"))
    check_edit(tmp_path, repo, accepted=False)


@pytest.mark.parametrize("name", sorted(PLACED_ACCEPTED))
def test_placed_file_accepted(tmp_path: Path, name: str) -> None:
    repo = make_repo(tmp_path)
    rel = PLACED_ACCEPTED[name](repo)
    check_validate(tmp_path, repo, rel, accepted=True)
    check_readers(tmp_path, repo, rel, True, ("list", "report"))


def test_the_whole_corpus_at_once(tmp_path: Path) -> None:
    """All hostile measures side by side: each is named, the valid ones still listed."""
    repo = make_repo(tmp_path)
    sheet = tmp_path / "measures.csv"
    assert runner.invoke(app, ["--repo", str(repo), "export", "--format", "csv", "--output", str(sheet)]).exit_code == 0
    edited = sheet.read_text(encoding="utf-8").replace("Mama lernt Deutsch", "Mama lernt gut")
    sheet.write_text(edited, encoding="utf-8")
    names = corpus()
    for number, name in enumerate(names, start=100):
        text = (HOSTILE / f"{name}.yaml").read_bytes().replace(b"sprache-900", f"sprache-{number}".encode())
        (repo / f"data/measures/sprache-{number}.yaml").write_bytes(text)
    before = snapshot(tmp_path)
    result = integ(repo, "validate", "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    bad = {p["file"] for p in json.loads(result.stdout)["problems"]}
    for number, name in enumerate(names, start=100):
        assert (f"data/measures/sprache-{number}.yaml" in bad) != name.endswith("-accepted"), name
    listed = integ(repo, "list")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    rejected = sum(not name.endswith("-accepted") for name in names)
    assert f"{rejected} invalid files skipped" in listed.stderr
    for line in ("sprache-001", "sprache-002", "wohnen-001"):
        assert line in listed.stdout
    for command in (["show", "sprache-001"], ["report"], ["fields"], ["actors"], ["target-groups"], ["districts"]):
        result = runner.invoke(app, ["--repo", str(repo), *command], env={"NO_COLOR": "1"})
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        assert result.exit_code == 0, (command, result.output)
    assert snapshot(tmp_path) == before
    imported = integ(repo, "import", str(sheet))
    assert imported.returncode == 0 and "Traceback" not in imported.stderr, imported.stderr
    changed = {rel for rel, entry in snapshot(tmp_path).items() if before.get(rel) != entry}
    assert changed == {"repo/data/measures/sprache-001.yaml"}
    assert "title: Mama lernt gut" in (repo / "data/measures/sprache-001.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_hostile_files_given_to_import_are_refused(tmp_path: Path, suffix: str) -> None:
    """A hostile file handed to ``integ import`` as a sheet: refused, nothing written."""
    repo = make_repo(tmp_path)
    before = snapshot(repo)
    for name in corpus():
        sheet = tmp_path / f"{name}{suffix}"
        shutil.copyfile(HOSTILE / f"{name}.yaml", sheet)
        result = runner.invoke(app, ["--repo", str(repo), "import", str(sheet)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)
        assert result.exit_code in (1, 2), (name, result.output)
        assert sheet.name in result.stderr + result.stdout, (name, result.output)
    assert snapshot(repo) == before


# --- the loader fixes these cases led to ---------------------------------------------------------


def load_problem(raw: bytes) -> Problem:
    with pytest.raises(LoadProblem) as caught:
        load_document(raw, "f.yaml")
    return caught.value.problem


@pytest.mark.parametrize("escape", ["\\0", "\\a", "\\e", "\\x7f", "\\x9b", "\\uFFFE"])
def test_control_characters_written_as_escapes_are_refused(escape: str) -> None:
    problem = load_problem(f'title: "Mama{escape}"\n'.encode())
    assert (problem.code, problem.line, problem.path) == ("yaml-character", 1, "title")


def test_harmless_escapes_still_work() -> None:
    document = load_document(b'title: "a\\tb\\nc \\u00e4 \\x85"\n', "f.yaml")
    assert document is not None and document.data == {"title": "a\tb\nc \u00e4 \x85"}


def test_an_escaped_control_character_in_a_key_is_shown_escaped() -> None:
    problem = load_problem(b'"a\\0": 1\n')
    assert problem.code == "yaml-character" and "\x00" not in problem.path + problem.message


def test_numbers_too_large_for_a_float_stay_text() -> None:
    document = load_document(b"a: 1e999\nb: -1e999\nc: 1e308\n", "f.yaml")
    assert document is not None and document.data == {"a": "1e999", "b": "-1e999", "c": 1e308}


@pytest.mark.parametrize(
    ("raw", "wide"),
    [
        ("a: b\n".encode("utf-16-le"), "UTF-16"),
        ("a: b\n".encode("utf-16-be"), "UTF-16"),
        ("a: b\n".encode("utf-32"), "UTF-32"),
        ("a: b\n".encode("utf-32-le"), "UTF-32"),
    ],
)
def test_wide_encodings_without_byte_order_mark_are_named(raw: bytes, wide: str) -> None:
    problem = load_problem(raw)
    assert problem.code == "file-encoding" and wide in problem.message


def test_problems_never_carry_control_or_invisible_characters() -> None:
    problem = Problem("data/m\x1b.yaml", 1, 1, "id\u202e", "x", "the id 'a\u200bb\x07' is wrong\nsee line 2")
    assert problem.file == "data/m\\u001b.yaml" and problem.path == "id\\u202e"
    assert problem.message == "the id 'a\\u200bb\\u0007' is wrong\nsee line 2"


def test_a_measure_linked_from_outside_is_not_read_by_edits(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    _outside_link(repo)
    result = runner.invoke(app, ["--repo", str(repo), "set", "sprache-900", "title=Neu", "--dry-run"])
    assert result.exit_code == 2 and "outside the repository" in result.stderr
    assert "Mama lernt Deutsch" not in result.output
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\necho '# edited' >> \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)
    result = runner.invoke(app, ["--repo", str(repo), "edit", "sprache-900"], env={"EDITOR": str(editor)})
    assert result.exit_code == 2 and "outside the repository" in result.stderr
    assert (tmp_path / "outside.yaml").read_text(encoding="utf-8") == VALID


# --- round two: writes through links, memory on edits, messages that say the truth ------------------


def _unchanged(repo: Path) -> Callable[[], bool]:
    """A check that the data and the schemas are byte for byte as they are now."""
    before = {rel: entry for rel, entry in snapshot(repo).items() if rel.startswith(("data", "schemas"))}
    return lambda: (
        {rel: entry for rel, entry in snapshot(repo).items() if rel.startswith(("data", "schemas"))} == before
    )


@pytest.mark.parametrize(
    "command",
    [
        ["report", "-o", "bericht.html"],
        ["export", "-o", "bericht.html"],
        ["template", "-o", "bericht.html"],
    ],
)
def test_an_output_linked_to_a_measure_does_not_overwrite_it(tmp_path: Path, command: list[str]) -> None:
    repo = make_repo(tmp_path)
    (repo / "bericht.html").symlink_to("data/measures/sprache-001.yaml")
    unchanged = _unchanged(repo)
    result = integ(repo, *command[:-1], str(repo / command[-1]))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "data/measures/sprache-001.yaml" in result.stderr and "outside data/ and schemas/" in result.stderr
    assert unchanged()


@pytest.mark.parametrize("folder", ["data/measures", "data/fields/../measures", "schemas"])
def test_schemas_are_not_written_into_the_data(tmp_path: Path, folder: str) -> None:
    repo = make_repo(tmp_path)
    unchanged = _unchanged(repo)
    result = integ(repo, "schema", "-o", str(repo / folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert unchanged() and not (repo / "schemas").exists()


@pytest.mark.parametrize("folder", ["data/measures", "schemas/../data"])
def test_the_site_is_not_written_into_the_data(tmp_path: Path, folder: str) -> None:
    repo = make_repo(tmp_path)
    unchanged = _unchanged(repo)
    result = integ(repo, "site", "-o", str(repo / folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "outside data/ and schemas/" in result.stderr
    assert unchanged() and not list((repo / "data").rglob("*.html"))


def test_a_link_inside_the_site_folder_does_not_lead_the_site_into_the_data(tmp_path: Path) -> None:
    """A page of the folder linked to a measure (or a folder of it linked into data/) is
    refused before anything is written through it."""
    repo = make_repo(tmp_path)
    public = tmp_path / "public"
    public.mkdir()
    (public / "index.html").symlink_to(repo / "data/measures/sprache-001.yaml")
    unchanged = _unchanged(repo)
    result = integ(repo, "site", "-o", str(public))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "data/measures/sprache-001.yaml" in result.stderr
    assert unchanged()


def test_an_edit_of_a_giant_measure_says_too_large_without_reading_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    with (repo / TARGET).open("wb") as handle:
        handle.truncate(1_300_000_000)  # sparse: no disk used; more than the 1 GiB integ runs with here
    for command in (["status", "sprache-900", "active"], ["set", "sprache-900", "notes=x"]):
        result = integ(repo, *command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"{TARGET}: error: the file is 1,300,000,000 bytes, more than the limit" in result.stderr
    assert (repo / TARGET).stat().st_size == 1_300_000_000


@pytest.mark.parametrize("source", ["/dev/zero", "giant.yaml"])
def test_add_from_a_giant_file_stops_at_the_size_limit(tmp_path: Path, source: str) -> None:
    repo = make_repo(tmp_path)
    if source == "giant.yaml":
        with (tmp_path / source).open("wb") as handle:
            handle.truncate(1_300_000_000)
        source = str(tmp_path / source)
    unchanged = _unchanged(repo)
    result = integ(repo, "add", "--no-input", "--from", source)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"{source}: the file is" in result.stderr and "than the limit of 2,097,152" in result.stderr
    assert unchanged()


def test_a_report_is_not_written_as_pdf(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    for args in (["-o", "bericht.pdf"], ["-o", "bericht.pdf", "--format", "html"]):
        result = integ(repo, "report", *args[:1], str(tmp_path / args[1]), *args[2:])
        assert result.returncode == 2 and "--output bericht.html" in result.stderr, result.stderr
    assert not (tmp_path / "bericht.pdf").exists()


def test_repo_given_twice_is_a_usage_error(tmp_path: Path) -> None:
    first, second = make_repo(tmp_path / "a"), make_repo(tmp_path / "b")
    result = integ(first, "--repo", str(second), "list")
    assert result.returncode == 2 and result.stdout == ""
    assert "--repo is given 2 times" in result.stderr and str(second) in result.stderr


def test_a_duplicate_key_does_not_hide_the_files_other_errors(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    broken = VALID.replace("status: active", "status: bogus") + "title: Noch einmal\n"
    (repo / TARGET).write_text(broken, encoding="utf-8")
    result = integ(repo, "validate")
    assert result.returncode == 1
    assert f"{TARGET}:25:1: error: the key 'title' appears twice" in result.stdout
    assert "'status' is 'bogus'" in result.stdout


def test_a_commit_adding_a_linked_measure_is_named_not_hidden(tmp_path: Path) -> None:
    from tests.helpers import GitWork

    repo = make_repo(tmp_path)
    work = GitWork(repo)
    work.commit("Erster Stand")
    (repo / "elsewhere.yaml").write_text(VALID, encoding="utf-8")
    (repo / TARGET).symlink_to("../../elsewhere.yaml")
    work.commit("Verknüpfung")
    result = integ(repo, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    assert f"{TARGET} in HEAD" in result.stderr
    assert "a symbolic link (to '../../elsewhere.yaml'), not a file" in result.stderr
