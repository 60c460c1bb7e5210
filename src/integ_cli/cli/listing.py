"""``integ --help`` and ``integ`` alone, drawn without rich, in the look Typer gives them.

Typer draws help with rich; importing ``typer.rich_utils`` (rich's console, tables,
panels, markdown, tracebacks) costs more than Typer's own start-up, and the listing is
the help people open most. So the group's help is drawn here by hand, in the same
layout: the usage line, the help text, the options in a rounded box, then one box per
panel of :data:`~integ_cli.cli.app.COMMANDS`. Colour follows
:func:`integ_cli.cli.console.use_colour` (a terminal, ``NO_COLOR``, ``FORCE_COLOR``); the
boxes are drawn either way, as rich draws them. A command's own ``--help`` keeps Typer's
rich help: it has arguments, defaults and long texts that are worth rich's layout.

The width is rich's: ``TERMINAL_WIDTH``, else ``COLUMNS``, else the terminal's, else 80.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
import textwrap
from collections.abc import Iterable, Mapping

from typer._click.core import Context, Parameter
from typer.core import TyperGroup, TyperOption

from integ_cli.cli.click_text import typer_text
from integ_cli.cli.console import use_colour
from integ_cli.i18n import _

#: ANSI codes of the styles Typer's help uses (typer.rich_utils' STYLE_* constants).
_SGR = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "cyan": "36"}
#: What Typer's highlighter marks in help text: long options, short switches, <types>.
_MARKED = re.compile(r"(?P<option>(?<![\w-])--[\w-]+)|(?P<switch>(?<![\w-])-\w+)(?![a-zA-Z0-9])|(?P<types><[^>]+>)")
_MARK_STYLE = {"option": "bold cyan", "switch": "bold green", "types": "bold yellow"}


class _Paint:
    """Styles as ANSI escapes, or nothing when colour is off."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, style: str) -> str:
        if not (self.colour and style and text):
            return text
        return f"\x1b[{';'.join(_SGR[name] for name in style.split())}m{text}\x1b[0m"

    def marked(self, text: str, style: str = "") -> str:
        """``text`` in ``style``, with options and types marked as Typer marks them."""
        if not self.colour:
            return text
        pieces: list[str] = []
        at = 0
        for found in _MARKED.finditer(text):
            pieces += [self(text[at : found.start()], style), self(found[0], _MARK_STYLE[found.lastgroup or ""])]
            at = found.end()
        pieces.append(self(text[at:], style))
        return "".join(pieces)


def width(environ: Mapping[str, str] = os.environ) -> int:
    """The width rich would draw help in."""
    for variable in ("TERMINAL_WIDTH", "COLUMNS"):
        value = environ.get(variable, "")
        if value.isdigit() and int(value) > 0:
            return int(value)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns
        except OSError:
            continue
    return 80


def _wrap(text: str, size: int) -> list[str]:
    """``text`` wrapped at spaces into lines of ``size`` (a line break kept; a word too
    long for a line folded, as rich folds it)."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, max(size, 1), break_on_hyphens=False) or [""]
    return lines


#: Below this many columns for the text beside the names, it goes under them instead.
NARROW = 16


#: A row of a box: its cells as (text, style), and the text beside them.
_Row = tuple[list[tuple[str, str]], str]


def _panel(title: str, rows: list[_Row], size: int, paint: _Paint) -> list[str]:
    """A rounded box titled ``title``, its cells in columns (one space between them, two
    where a column may be empty, as Typer's tables leave it) and each row's text wrapped
    beside them; where that leaves the text fewer than :data:`NARROW` columns, the text
    goes under the cells, indented by four."""
    inner = size - 4
    border = "dim"
    lines = [paint(f"╭─ {title} " + "─" * max(inner - len(title) - 1, 0) + "╮", border)]

    def line(start: str, text: str, used: int) -> None:
        gap = " " * max(inner - used - len(text), 0)
        lines.append(f"{paint('│', border)} {start}{paint.marked(text)}{gap} {paint('│', border)}")

    widths = [max(len(cells[column][0]) for cells, _text in rows) for column in range(len(rows[0][0]))]
    indent = widths[0] + 1 + sum(column + 2 for column in widths[1:]) + 1
    for cells, text in rows:
        if inner - indent >= NARROW:
            first, *others = (
                paint.marked(cell.ljust(column), style) for (cell, style), column in zip(cells, widths, strict=True)
            )
            left = first + " " + "".join(f" {other} " for other in others) + " "
            for number, part in enumerate(_wrap(text, inner - indent)):
                line(left if number == 0 else " " * indent, part, indent)
        else:
            shown = [(cell, style) for cell, style in cells if cell]
            line(" ".join(paint.marked(cell, style) for cell, style in shown), "", len(" ".join(c for c, _s in shown)))
            for part in _wrap(text, inner - 4):
                line("    ", part, 4)
    lines.append(paint("╰" + "─" * (size - 2) + "╯", border))
    return lines


def _option_row(param: Parameter, ctx: Context) -> _Row:
    """An option's row as Typer fills it: long names, short names, their negative forms,
    its type; and its help with its default."""
    metavar = param.make_metavar(ctx=ctx)
    cells = [
        (",".join(opt for opt in param.opts if "--" in opt), ""),
        (",".join(opt for opt in param.opts if "--" not in opt), ""),
        (",".join(opt for opt in param.secondary_opts if "--" in opt), ""),
        (",".join(opt for opt in param.secondary_opts if "--" not in opt), ""),
        (metavar if "bool" not in metavar.lower() else "", "bold yellow"),
    ]
    help_text = " ".join(part.replace("\n", " ").strip() for part in (getattr(param, "help", None) or "").split("\n\n"))
    if isinstance(param, TyperOption):
        default = param._extract_default_help_str(ctx=ctx)
        shows_text = isinstance(param.show_default, str)
        if shows_text or (default is not None and (param.show_default or ctx.show_default)):
            shown = param._get_default_string(ctx=ctx, show_default_is_str=shows_text, default_value=default)
            if shown:
                help_text += " " + typer_text("DEFAULT_STRING").format(shown)
    return cells, help_text.strip()


def _options_panels(group: TyperGroup, ctx: Context, size: int, paint: _Paint) -> list[str]:
    """The group's options in boxes, by their panel (``integ`` itself takes no
    arguments: its commands do)."""
    panels: dict[str, list[_Row]] = {}
    for param in group.get_params(ctx):
        if not getattr(param, "hidden", False):
            title = getattr(param, "rich_help_panel", None) or typer_text("OPTIONS_PANEL_TITLE")
            panels.setdefault(title, []).append(_option_row(param, ctx))
    return [line for title, rows in panels.items() for line in _panel(title, rows, size, paint)]


def _commands_panels(commands: Iterable[tuple[str, str, str]], size: int, paint: _Paint) -> list[str]:
    """One box per panel, in the order the panels first appear; the names of all
    panels in one column width, as Typer aligns them."""
    listed = list(commands)
    name_width = max((len(name) for name, _panel_name, _summary in listed), default=0)
    panels: dict[str, list[_Row]] = {}
    for name, panel, summary in listed:
        panels.setdefault(panel, []).append(([(name.ljust(name_width), "bold cyan")], summary))
    return [line for panel, rows in panels.items() for line in _panel(panel, rows, size, paint)]


def draw(group: TyperGroup, ctx: Context, commands: Iterable[tuple[str, str, str]]) -> str:
    """The help of ``group`` with ``commands`` as (name, panel, one-line help), all in
    integ's language already: the text ``integ --help`` prints."""
    size = width()
    paint = _Paint(use_colour(sys.stdout))
    lines = [""]
    for line in group.get_usage(ctx).splitlines():
        for part in _wrap(line, size - 2):
            prefix = _("Usage: ")
            if part.startswith(prefix):
                lines.append(" " + paint(prefix, "bold yellow") + paint.marked(part[len(prefix) :], "bold"))
            else:
                lines.append(" " + paint.marked(part, "bold"))
    lines.append("")
    first, *rest = inspect.cleandoc(group.help or "").partition("\f")[0].split("\n\n")
    if first:
        lines += [" " + line for line in _wrap(first.replace("\n", " ").strip(), size - 2)]
        if rest:
            lines += [""] + [" " + paint.marked(line, "dim") for line in _wrap("\n\n".join(rest), size - 2)]
        lines.append("")
    lines += _options_panels(group, ctx, size, paint)
    lines += _commands_panels(commands, size, paint)
    return "\n".join(line.rstrip() for line in lines) + "\n"
