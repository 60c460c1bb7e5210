"""A recursive alias named as one: ``a: &x [*x]`` puts a value inside itself.

libyaml composes such an alias as the very node it stands in, so the node tree has a
cycle and building values from it nests without end until ``MAX_DEPTH`` stops it.
"Nested more than 64 levels deep" would send the reader looking for deep nesting
that is not in the file; :func:`recursive_alias` finds the cycle instead (only on that
failure, so reading a good file never pays for it) and names the anchor.
"""

from __future__ import annotations

import re

from yaml.nodes import Node, ScalarNode, SequenceNode

from integ_cli.i18n import _
from integ_cli.problems import Problem


def recursive_alias(file: str, root: Node, text: bytes) -> Problem | None:
    """Where a value contains itself (``a: &x [*x]``: an alias inside its own anchor),
    which the builder sees only as nesting without end: the problem naming the anchor.
    libyaml composes such an alias as the very node it is in, so a walk that meets a
    node still open above it has found one."""
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    done: set[int] = set()
    while stack:
        node, leaving = stack.pop()
        if leaving:
            open_nodes.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in open_nodes:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            # Marks count characters, not bytes.
            found = re.match(r"&([^\s,\[\]{}]+)", text.decode("utf-8")[node.start_mark.index :][:200])
            anchor = found.group(1) if found else "?"
            message = _(
                "the alias *{anchor} stands inside the value of its own anchor &{anchor}, so the value would "
                "contain itself without end; an alias can only repeat a value that is complete before it"
            )
            return Problem(file, line, column, "", "yaml-recursive-alias", message.format(anchor=anchor))
        if id(node) in done or isinstance(node, ScalarNode):
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        children = node.value if isinstance(node, SequenceNode) else [part for pair in node.value for part in pair]
        stack.extend((child, False) for child in children)
    return None
