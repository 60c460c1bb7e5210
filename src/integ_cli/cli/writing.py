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
from integ_cli.i18n import N_, _, ngettext

DryRun = Annotated[bool, typer.Option("--dry-run", help=N_("Show what would change; write nothing."))]


@contextlib.contextmanager
def file_errors() -> Iterator[None]:
    """A file that cannot be read or written (permissions, a full disk, a lock held too
    long): a usage error naming the file, where the OSError itself names none. A reader
    of stdout that went away (``| head``) is left to :func:`integ_cli.cli.app.main`."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        if error.filename:
            fail(_("cannot read or write {file}: {reason}").format(file=error.filename, reason=reason))
        fail(_("cannot read or write a file: {reason}").format(reason=reason))


def code_of(ctx: typer.Context, key: str, text: str, refusal: str) -> str:
    """The code of codelist ``key`` that ``text`` names (the code, a name or an alias,
    any case), or a usage error listing the codes with their names: ``refusal``, a
    message marked with ``N_`` that names the list (a sentence of its own in every
    language), with the fields ``{value}``, ``{codes}`` and ``{suggestion}``."""
    from integ_cli.codelists import of_repository
    from integ_cli.suggest import suggestion

    codelist = of_repository(repo_root(ctx))[key]
    code = codelist.resolve(text)
    if code is None:
        hint = suggestion(codelist.suggest(text))
        fail(_(refusal).format(value=text, codes=codelist.describe(), suggestion=hint))
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
            _(
                "{file} was changed by someone else while this edit was made; nothing written; run the command again"
            ).format(file=result.rel)
        )
    show_problems(result)
    count = len(result.problems)
    if result.text != result.before:
        refuse(
            ngettext(
                "nothing written: {n} problem (lines as the file would be; --dry-run shows it)",
                "nothing written: {n} problems (lines as the file would be; --dry-run shows it)",
                count,
            ).format(n=count)
        )
    refuse(ngettext("nothing written: {n} problem", "nothing written: {n} problems", count).format(n=count))


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
        console.note(_("{id}: nothing to change").format(id=measure_id))
        return
    if dry_run:
        console.out(unified_diff(result.before, result.text, result.rel))
        console.note(
            _("{id}: {changes} (dry run: nothing written)").format(id=measure_id, changes="; ".join(result.changes))
        )
        return
    console.note(f"{measure_id}: {'; '.join(result.changes)}")
    if result.reformatted:
        console.note(
            _("note: the indentation of {file} could not be kept exactly; check 'git diff'").format(file=result.rel)
        )


def split_values(values: list[str] | None) -> list[str]:
    """Repeated options, each possibly comma-separated, as one list."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
