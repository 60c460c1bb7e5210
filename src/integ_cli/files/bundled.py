"""Where the files shipped with integ are: the schemas and the example data.

An installed wheel carries them inside the package (``integ_cli/schemas``,
``integ_cli/example_data``, see ``pyproject.toml``); an editable install from a source
checkout has them at the top of the checkout instead (``schemas/``, ``data/``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
CHECKOUT = PACKAGE.parents[1]


def shipped(inside: str, in_checkout: str) -> list[Path]:
    """Where a shipped folder may be, most likely first: in the package, then in the checkout."""
    return [PACKAGE / inside, CHECKOUT / in_checkout]
