"""``integ edit``: a measure in the user's editor, checked before it replaces the file."""

import os
from pathlib import Path

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.writing import (
    file_errors,
    refuse,
    show_problems,
)

commands = command_group("Edit measures")


def _editor() -> list[str]:
    import shlex
    import shutil

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        command = next((c for c in ("sensible-editor", "nano", "vi", "notepad") if shutil.which(c)), None)
    if not command:
        fail("no editor found: set $EDITOR, e.g. export EDITOR=nano")
    argv = shlex.split(command, posix=os.name != "nt")
    if not argv or shutil.which(argv[0]) is None:
        fail(f"the editor '{command}' (from $VISUAL or $EDITOR) cannot be found")
    return argv


@commands.command()
def edit(ctx: typer.Context, measure_id: filters.MeasureIdArgument) -> None:
    """Edit a measure in your editor ($VISUAL, else $EDITOR); checked before it is saved.

    The editor opens a copy. When you close it, the copy is checked like 'integ
    validate'; where it has problems they are shown and you choose to re-open the
    editor or abandon. Only a valid result replaces the file (and gets today's
    'updated'); abandoning leaves the file exactly as it was.

    Example:  integ edit sprache-004
    """
    import shutil
    import subprocess
    import tempfile

    from integ_cli.authoring.ids import find_measure
    from integ_cli.authoring.records import replace_measure

    root = repo_root(ctx)
    with file_errors():
        record = find_measure(root, measure_id)
        original = record.path.read_bytes()
    editor = _editor()
    folder = Path(tempfile.mkdtemp(prefix="integ-edit-"))
    copy = folder / record.path.name
    keep = False  # the copy outlives the command only where it holds changes not written
    try:
        copy.write_bytes(original)
        while True:
            code = subprocess.call([*editor, str(copy)])
            if code != 0:
                keep = copy.is_file() and copy.read_bytes() != original
                kept = f" (your copy: {copy})" if keep else ""
                refuse(f"the editor exited with code {code}; nothing written{kept}")
            edited = copy.read_bytes()
            if edited == original:
                console.note(f"{measure_id}: no changes; nothing written")
                return
            with file_errors():
                result = replace_measure(root, measure_id, original, edited)
            if result.written:
                console.note(f"{measure_id}: saved {result.rel}")
                return
            if result.conflict:
                keep = True
                refuse(
                    f"{result.rel} was changed by someone else while you edited it; nothing written; "
                    f"your version is kept in {copy}"
                )
            show_problems(result)
            try:
                answer = typer.prompt("Re-open the editor (r) or abandon your changes (a)?", default="r", err=True)
            except typer.Abort:
                answer = "a"
            if answer.strip().lower() not in ("r", "re-open", "reopen", "e", "edit"):
                refuse(f"abandoned; {result.rel} is unchanged")
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
