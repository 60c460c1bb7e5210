"""The ``integ`` command line: Typer commands that parse options, call the core, render.

Nothing heavy is imported here: ``integ --version`` and ``integ --help`` must start
as fast as Typer itself. Each command imports the core it needs when it runs.
"""

from __future__ import annotations

from integ_cli.cli import authoring as _authoring  # noqa: F401  (registers the commands)
from integ_cli.cli import history as _history  # noqa: F401  (registers the commands)
from integ_cli.cli import init as _init  # noqa: F401  (registers the command)
from integ_cli.cli import query as _query  # noqa: F401  (registers the commands)
from integ_cli.cli import report as _report  # noqa: F401  (registers the command)
from integ_cli.cli import schema_cmd as _schema_cmd  # noqa: F401  (registers the command)
from integ_cli.cli import spreadsheet as _spreadsheet  # noqa: F401  (registers the commands)
from integ_cli.cli import validate as _validate  # noqa: F401  (registers the command)
from integ_cli.cli.app import app, main

__all__ = ["app", "main"]
