"""``integ site``: the public measures as a static, accessible website in a folder.

The date on the pages is ``--date``, else ``SOURCE_DATE_EPOCH``, else today (as for
``integ report``), so a fixed date gives the same bytes. ``--serve`` previews the
folder on this computer (127.0.0.1) until Ctrl+C.

Only typer, the standard library and the app are imported at module level.
"""

from pathlib import Path
from typing import Annotated

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.report import report_date
from integ_cli.i18n import N_, _

commands = command_group("Query and report")


@commands.command()
def site(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=N_("The folder to write the site into (created where missing)."),
            metavar="DIR",
            show_default=False,
            file_okay=False,
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=N_(
                "The date the pages give for the data (DD.MM.YYYY or YYYY-MM-DD). "
                "Default: $SOURCE_DATE_EPOCH, else today."
            ),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    serve: Annotated[
        bool,
        typer.Option("--serve", help=N_("After building, preview the site at http://127.0.0.1:PORT/ until Ctrl+C.")),
    ] = False,
    port: Annotated[int, typer.Option("--port", help=N_("The port of the preview."), min=0, max=65535)] = 8000,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal", help=N_("Include measures with visibility: internal; every page says: not for publication.")
        ),
    ] = False,
) -> None:
    """Build the public website of the concept: a start page, a page per measure, action
    field, main target group and district, filter lists, a search, the report's charts and
    an accessibility statement.

    Only public measures appear, unless --internal. Links are relative, so the folder
    works as it is from any web server, a sub-path or the file system.

    Example:  integ site --output public
    Example:  integ site --output public --serve
    """
    from integ_cli.files.outputs import check_output_target
    from integ_cli.site.build import build_site, write_site
    from integ_cli.site.concept import read_concept

    root = repo_root(ctx)
    check_output_target(root, output)
    when = report_date(date)
    catalogue = filters.load(ctx, None)
    files = build_site(catalogue, read_concept(root), when, internal=internal)
    if output.exists() and not output.is_dir():
        fail(_("--output: {path} is a file, not a folder").format(path=output))
    try:
        write_site(files, output, root)
    except OSError as error:
        fail(_("cannot write {file}: {reason}").format(file=output, reason=error.strerror or error))
    pages = sum(1 for path in files if path.endswith(".html"))
    console.note(_("site written to {folder}: {pages} pages").format(folder=output, pages=pages))
    if serve:
        _preview(output, port)


def _preview(folder: Path, port: int) -> None:
    from integ_cli.site.serve import HOST, preview_server

    try:
        server = preview_server(folder, port)
    except OSError as error:
        fail(_("cannot preview on port {port}: {reason}").format(port=port, reason=error.strerror or error))
    with server:
        console.note(_("preview at http://{host}:{port}/ (Ctrl+C ends it)").format(host=HOST, port=server.server_port))
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            console.note(_("preview ended"))
