"""``integ edit``: a measure in the user's editor, checked before it replaces the file.

Work typed into the editor is never thrown away unasked. Where the copy has problems
it is kept (its path is shown) until the user answers: Enter or ``r`` re-opens it, with
the problems as comments at its top; only ``a``, ``abandon`` or ``verwerfen`` abandons
it. Anything else asks again; no answer (the end of the input, Ctrl-C) leaves the copy
where it is and says so.
"""

import os
from pathlib import Path
from typing import NoReturn

import typer

from integ_cli.cli import console, filters, prompts
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.writing import (
    file_errors,
    refuse,
    show_problems,
)
from integ_cli.i18n import N_, _, ngettext
from integ_cli.problems import Problem

commands = command_group("Edit measures")

#: The editors tried where neither $VISUAL nor $EDITOR names one, and how to leave each:
#: nano first, as it shows its keys; vi is everywhere else, and puzzling to leave.
FALLBACK_EDITORS = {
    "nano": N_("Save with Ctrl+O, quit with Ctrl+X."),
    "vi": N_("Save and quit: press Esc, type :wq and press Enter."),
    "notepad": N_("Save with Ctrl+S, then close the window."),
}
#: Answers to the question after a copy with problems, and what each means.
REOPEN, ABANDON = "re-open", "abandon"
ANSWERS = {
    **dict.fromkeys(("r", "re-open", "reopen", "e", "edit", "bearbeiten", "öffnen"), REOPEN),
    **dict.fromkeys(("a", "abandon", "verwerfen"), ABANDON),
}
#: How each note integ writes at the top of a copy begins; removed before it is checked.
NOTE = "# integ: "


def editor_command() -> tuple[list[str], str]:
    """The editor to start, and how to leave it where integ chose it (else empty: the
    user's own editor needs no explanation)."""
    import shlex
    import shutil

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        for name, hint in FALLBACK_EDITORS.items():
            found = shutil.which(name)
            if found:
                return [found], _("Opening the copy in {editor}. {how}").format(editor=name, how=_(hint))
        fail(_("no editor found: set $EDITOR, e.g. export EDITOR=nano"))
    argv = shlex.split(command, posix=os.name != "nt")
    if not argv or shutil.which(argv[0]) is None:
        fail(_("the editor '{command}' (from $VISUAL or $EDITOR) cannot be found").format(command=command))
    return argv, ""


def with_notes(text: bytes, problems: list[Problem], name: str) -> tuple[bytes, frozenset[bytes]]:
    """``text`` with the problems as YAML comments at its top, their lines counted as the
    user sees them there; and the note lines, for :func:`without_notes`."""
    import dataclasses

    from integ_cli.render.problems import Outcome, render_text

    def rendered(offset: int) -> list[str]:
        moved = [dataclasses.replace(p, file=name, line=p.line + offset if p.line else p.line) for p in problems]
        return render_text(Outcome(moved, [name])).splitlines()

    count = len(problems)
    heading = ngettext(
        "{n} problem to fix; these lines are removed before the file is checked and saved:",
        "{n} problems to fix; these lines are removed before the file is checked and saved:",
        count,
    ).format(n=count)
    lines = [heading, *rendered(1 + len(rendered(0)))]
    notes = [f"{NOTE}{line}".rstrip().encode("utf-8") for line in lines]
    newline = b"\r\n" if b"\r\n" in text else b"\n"
    bom = b"\xef\xbb\xbf" if text.startswith(b"\xef\xbb\xbf") else b""
    return bom + b"".join(note + newline for note in notes) + text[len(bom) :], frozenset(notes)


def without_notes(text: bytes, notes: frozenset[bytes]) -> bytes:
    """``text`` without the lines of ``notes`` at its top (those the user left there):
    only integ's own lines go, never a comment of the user's."""
    bom = b"\xef\xbb\xbf" if text.startswith(b"\xef\xbb\xbf") else b""
    lines = text[len(bom) :].splitlines(keepends=True)
    while lines and lines[0].rstrip(b"\r\n").rstrip() in notes:
        lines.pop(0)
    return bom + b"".join(lines)


@commands.command()
def edit(ctx: typer.Context, measure_id: filters.MeasureIdArgument) -> None:
    """Edit a measure in your editor ($VISUAL, else $EDITOR, else nano or vi); checked before it is saved.

    The editor opens a copy. When you close it, the copy is checked like 'integ
    validate'. Where it has problems they are shown, and the copy is kept, the
    problems listed at its top, until you choose: Enter or r re-opens the editor;
    only a (abandon, verwerfen) abandons your changes. Only a valid result replaces
    the file (and gets today's 'updated'); abandoning leaves the file exactly as it was.

    Example:  integ edit sprache-004
    """
    import shutil
    import subprocess
    import tempfile

    from integ_cli.authoring.ids import find_measure
    from integ_cli.authoring.records import replace_measure
    from integ_cli.files.loading import LoadProblem
    from integ_cli.files.reading import read_limited

    root = repo_root(ctx)
    with file_errors():
        record = find_measure(root, measure_id)
        try:
            original = read_limited(record.path, record.rel)
        except LoadProblem as error:  # too large: no part of it goes to the editor
            refuse(f"{error.problem.file}: {error.problem.message}")
    editor, how_to_leave = editor_command()
    folder = Path(tempfile.mkdtemp(prefix="integ-edit-"))
    copy = folder / record.path.name
    notes: frozenset[bytes] = frozenset()
    keep = False  # the copy outlives the command only where it holds changes not written
    try:
        copy.write_bytes(original)
        while True:
            if how_to_leave:
                console.note(how_to_leave)
            try:
                code = subprocess.call([*editor, str(copy)])
            except KeyboardInterrupt:  # a terminal editor takes Ctrl-C itself; this stops one that waits
                keep = copy.is_file() and without_notes(copy.read_bytes(), notes) != original
                _interrupted(copy if keep else None)
            if not copy.is_file():
                refuse(_("the copy {copy} is gone; nothing written").format(copy=copy))
            with file_errors():
                edited = without_notes(copy.read_bytes(), notes)
            keep = edited != original
            if code != 0:
                if keep:
                    refuse(
                        _("the editor exited with code {code}; nothing written (your copy: {copy})").format(
                            code=code, copy=copy
                        )
                    )
                refuse(_("the editor exited with code {code}; nothing written").format(code=code))
            if not keep:
                console.note(_("{id}: no changes; nothing written").format(id=measure_id))
                return
            with file_errors():
                result = replace_measure(root, measure_id, original, edited)
            if result.written:
                keep = False
                console.note(_("{id}: saved {file}").format(id=measure_id, file=result.rel))
                return
            if result.conflict:
                refuse(
                    _(
                        "{file} was changed by someone else while you edited it; nothing written; "
                        "your version is kept in {copy}"
                    ).format(file=result.rel, copy=copy)
                )
            show_problems(result)
            text, notes = with_notes(edited, result.problems, copy.name)
            with file_errors():
                copy.write_bytes(text)
            if _ask_reopen(copy) == ABANDON:
                keep = False
                refuse(_("abandoned; {file} is unchanged").format(file=result.rel))
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _ask_reopen(copy: Path) -> str:
    """Re-open or abandon: asked until one is chosen; no answer keeps the copy."""
    console.note(_("your changes are kept in {copy}, the problems listed at its top").format(copy=copy))
    try:
        return prompts.choose(
            _("Re-open the editor (r, or Enter) or abandon your changes (a or abandon)?"),
            ANSWERS,
            REOPEN,
            _("Please type r to re-open the editor, or a or abandon to abandon your changes."),
        )
    except prompts.EndOfInput:
        refuse(_("no answer (end of input); nothing written; your changes are kept in {copy}").format(copy=copy))
    except KeyboardInterrupt:
        _interrupted(copy)


def _interrupted(copy: Path | None) -> NoReturn:
    """Ctrl-C: exit 130, as the shell reports it, naming the copy where it holds changes."""
    typer.echo(err=True)  # the ^C was typed after a question
    if copy is None:
        console.error(_("interrupted; nothing written"))
    else:
        console.error(_("interrupted; nothing written; your changes are kept in {copy}").format(copy=copy))
    raise typer.Exit(prompts.INTERRUPTED)
