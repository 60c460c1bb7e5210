"""``integ fix``: write the code where a record names a codelist value by its name."""

import sys
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import command_group, repo_root
from integ_cli.exitcodes import ExitCode
from integ_cli.i18n import N_, _, ngettext

commands = command_group("Check")


@commands.command()
def fix(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_("Show what would change; write nothing."))] = False,
) -> None:
    """Write codes where records name a value: status: laufend becomes status: active.

    Only those values change; comments and everything else in the files stay as they
    are. Afterwards the changed files are checked again, as integ validate would.

    Example:  integ fix --dry-run
    """
    from integ_cli.checking.fix import fix as mend
    from integ_cli.render.problems import Outcome, render_text

    outcome = mend(repo_root(ctx), dry_run=dry_run)
    for change in outcome.changes:
        console.out(
            _("{file}:{line}: {path}: '{old}' -> {new}").format(
                file=change.file, line=change.line, path=change.path, old=change.old, new=change.new
            )
            + "\n"
        )
    count = len(outcome.changes)
    if not count:
        console.note(_("nothing to fix: every codelist value is written as its code"))
    elif dry_run:
        console.note(
            ngettext(
                "would change {count} value; nothing written", "would change {count} values; nothing written", count
            ).format(count=count)
        )
    else:
        console.note(ngettext("changed {count} value", "changed {count} values", count).format(count=count))
    for rel in outcome.conflicts:
        console.error(_("{file} was changed by someone else meanwhile; nothing written to it").format(file=rel))
    if outcome.problems:
        console.err(render_text(Outcome(outcome.problems, []), console.use_colour(sys.stderr)))
    failed = outcome.conflicts or any(p.severity.value == "error" for p in outcome.problems)
    raise typer.Exit(int(ExitCode.PROBLEMS if failed else ExitCode.OK))
