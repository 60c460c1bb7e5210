"""The README's command reference stays in step with ``integ --help``."""

from __future__ import annotations

import re

import pytest
import typer

from integ_cli.cli import app
from tests.conftest import PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def section(name: str) -> str:
    """The README text under the heading of ``integ NAME``, up to the next heading."""
    match = re.search(rf"^### `integ {re.escape(name)}\b.*?$(.*?)(?=^#)", README, re.S | re.M)
    assert match, f"README.md has no '### `integ {name} ...`' heading in its command reference"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_with_its_options(name: str) -> None:
    text = section(name)
    for param in COMMANDS[name].params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert f"`{option}`" in text, f"README section of 'integ {name}' does not mention {option}"


def test_readme_documents_no_command_that_does_not_exist() -> None:
    documented = set(re.findall(r"^### `integ ([a-z-]+)", README, re.M))
    assert documented == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_has_an_example(name: str) -> None:
    assert "Example:" in (COMMANDS[name].help or ""), f"'integ {name} --help' has no runnable example"
