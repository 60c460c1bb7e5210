"""What the commands that write measures share: checking the result before anything is
written, showing its problems as ``integ validate`` does (exit 1), naming files that
cannot be read or written (exit 2), ``--dry-run``, and codes typed as names.

The core is :mod:`integ_cli.authoring.records`; these commands parse, ask and render.
"""

import contextlib
import sys
from collections.abc import Iterator
from typing import Annotated, Any, NoReturn

import typer

from integ_cli.cli import console
from integ_cli.cli.app import fail, repo_root

DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]


@contextlib.contextmanager
def file_errors() -> Iterator[None]:
    """A file that cannot be read or written (permissions, a full disk, a lock held too
    long): a usage error naming the file, where the OSError itself names none."""
    try:
        yield
    except OSError as error:
        fail(f"cannot read or write {error.filename or 'a file'}: {error.strerror or error}")


def code_of(ctx: typer.Context, key: str, text: str, what: str) -> str:
    """The code of codelist ``key`` that ``text`` names (the code, a name or an alias,
    any case), or a usage error listing the codes with their names."""
    from integ_cli.codelists import of_repository
    from integ_cli.suggest import did_you_mean

    codelist = of_repository(repo_root(ctx))[key]
    code = codelist.resolve(text)
    if code is None:
        fail(f"'{text}' is not {what}; use one of: {codelist.describe()}{did_you_mean(text, codelist.codes)}")
    return code


def refuse(message: str) -> NoReturn:
    """Exit 1 (the data, or the change asked for, has problems) with one line on stderr."""
    from integ_cli.exitcodes import ExitCode

    fail(message, ExitCode.PROBLEMS)


def show_problems(result: Any) -> None:
    """A result's problems in ``integ validate``'s text format, on stderr."""
    from integ_cli.render.problems import Outcome, render_text

    console.err(render_text(Outcome(result.problems, [result.rel]), console.use_colour(sys.stderr)))


def fail_with_problems(result: Any) -> NoReturn:
    """Show a result's problems like ``integ validate`` does, then exit 1."""
    if result.conflict:
        refuse(
            f"{result.rel} was changed by someone else while this edit was made; nothing written; run the command again"
        )
    show_problems(result)
    count = len(result.problems)
    where = " (lines as the file would be; --dry-run shows it)" if result.text != result.before else ""
    refuse(f"nothing written: {count} problem{'s' if count != 1 else ''}{where}")


def unified_diff(before: str, after: str, rel: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{rel}", f"b/{rel}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def run_edit(ctx: typer.Context, measure_id: str, edit: Any, dry_run: bool) -> None:
    """Run one edit (integ_cli.authoring.edits) through the core and report it."""
    from integ_cli.authoring.records import edit_measure

    root = repo_root(ctx)
    with file_errors():
        result = edit_measure(root, measure_id, edit, dry_run=dry_run)
    if not result.ok:
        fail_with_problems(result)
    if not result.changes:
        console.note(f"{measure_id}: nothing to change")
        return
    if dry_run:
        console.out(unified_diff(result.before, result.text, result.rel))
        console.note(f"{measure_id}: {'; '.join(result.changes)} (dry run: nothing written)")
        return
    console.note(f"{measure_id}: {'; '.join(result.changes)}")
    if result.reformatted:
        console.note(f"note: the indentation of {result.rel} could not be kept exactly; check 'git diff'")


def split_values(values: list[str] | None) -> list[str]:
    """Repeated options, each possibly comma-separated, as one list."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
