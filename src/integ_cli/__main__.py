"""``python -m integ_cli``: the same as the ``integ`` command."""

from integ_cli.cli import main

main()
