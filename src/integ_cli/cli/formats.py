"""``--format`` choices taken from the renderer tables, read when they are first needed.

Each command's ``--format`` offers the keys of its renderers' table (``RENDERERS`` in
:mod:`integ_cli.render.problems`, :mod:`integ_cli.render.records`, ...), so a renderer
added there is a choice at once and no list of formats is written twice. The table is
imported only when the choices are asked for (the option is parsed, the command's
``--help``, shell completion), not when the command is built: ``integ --help`` builds
every command, and importing every renderer (yaml, the history core) to list the
commands made it about 100 ms slower.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

try:  # Typer 0.27 runs on its own copy of click, with its own choice type
    from typer._types import TyperChoice as _Choice
except ImportError:  # older Typer runs on the click package
    from click import Choice as _Choice  # type: ignore[assignment]


class RegistryChoice(_Choice):
    """A choice among the keys of a renderer table, which ``keys`` imports and returns
    when the choices are first asked for (so ``--help`` and errors list them as Typer
    lists an Enum's)."""

    def __init__(self, keys: Callable[[], Iterable[str]]) -> None:
        # Not the parent's __init__: it would read the choices now. They are the property below.
        self._keys = keys
        self.case_sensitive = True

    @cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._keys())
