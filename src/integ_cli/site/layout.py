"""The frame every page of the site shares, and the small pieces pages are made of.

Plain functions returning text (no template engine: the pages are few, and an f-string
with :func:`esc` around every value from the data keeps escaping visible). Each page
has a skip link, a header with the site's navigation, one ``main`` landmark opened by
the page's only ``h1``, and a footer that links the accessibility statement. Links are
relative (:func:`rel`), so the site works from ``file://``, a sub-path and any host;
the stylesheet and the script are files of the site itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from integ_cli import i18n
from integ_cli.i18n import N_, _
from integ_cli.render import format as fmt
from integ_cli.site.listings import ALL

START = "index.html"
STYLESHEET = "static/site.css"
SCRIPT = "static/search.js"
INDEX_SCRIPT = "static/search-index.js"
SEARCH = "suche.html"
REPORT = "bericht/index.html"
STATEMENT = "barrierefreiheit.html"

#: The main navigation: page and label.
NAVIGATION = (
    (START, N_("Start")),
    (ALL, N_("All measures")),
    (SEARCH, N_("Search and filters")),
    (REPORT, N_("Report")),
)


def esc(text: object) -> str:
    """``text`` safe inside HTML text and quoted attributes."""
    return escape(str(text), quote=True)


def rel(here: str, target: str) -> str:
    """The relative link from the page at ``here`` to ``target`` (both site paths, as the
    site builds them: no ``.`` or ``..`` parts). Plain string work rather than
    :func:`posixpath.relpath`, which resolves absolute paths and was a third of a build."""
    folder = here.rpartition("/")[0]
    if folder and target.startswith(folder + "/"):
        return target[len(folder) + 1 :]
    return "../" * here.count("/") + target


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page shows around its content: the site's title, the date of the data,
    and whether the data includes illustrative (made-up) records."""

    site_title: str
    date: str
    #: The site includes internal measures: every page says it is not for publication.
    internal: bool = False


def link(here: str, target: str, text: str) -> str:
    return f'<a href="{esc(rel(here, target))}">{esc(text)}</a>'


def count(here: str, target: str, n: int) -> str:
    """A number of measures, linked to the list of those measures (a zero links nowhere)."""
    return link(here, target, fmt.number(n)) if n else fmt.number(n)


def illustrative_note() -> str:
    text = _("Example data: the measures, amounts and figures marked as illustrative are made up.")
    label = _("Note:")
    return f'<p class="illustrative" role="note"><strong>{esc(label)}</strong> {esc(text)}</p>'


def page(
    frame: Frame,
    here: str,
    title: str,
    body: str,
    *,
    illustrative: bool = False,
    scripts: tuple[str, ...] = (),
) -> str:
    """A whole page: ``body`` (ready markup) under the ``h1`` ``title`` in the site's frame;
    ``illustrative`` marks a page that shows example data."""
    nav = "".join(
        f"<li>{link(here, target, _(label))}</li>"
        if target != here
        else f'<li><a href="{esc(rel(here, target))}" aria-current="page">{esc(_(label))}</a></li>'
        for target, label in NAVIGATION
    )
    note = illustrative_note() if illustrative else ""
    if frame.internal:
        warning = _("Includes internal measures (visibility: internal) – not for publication.")
        note = f'<p class="internal" role="note"><strong>{esc(warning)}</strong></p>\n' + note
    tail = "".join(f'<script src="{esc(rel(here, s))}" defer></script>\n' for s in scripts)
    stand = _("Data as of {date}.").format(date=fmt.date(frame.date))
    full_title = title if title == frame.site_title else f"{title} – {frame.site_title}"
    skip, navigation, statement = _("Skip to content"), _("Main navigation"), _("Accessibility statement")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{i18n.current()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(full_title)}</title>\n"
        f'<link rel="stylesheet" href="{esc(rel(here, STYLESHEET))}">\n</head>\n<body>\n'
        f'<a class="skip" href="#inhalt">{esc(skip)}</a>\n'
        f'<header class="site"><p class="site-name">{link(here, START, frame.site_title)}</p>\n'
        f'<nav aria-label="{esc(navigation)}"><ul>{nav}</ul></nav></header>\n'
        f'<main id="inhalt" tabindex="-1">\n<h1>{esc(title)}</h1>\n{note}{body}</main>\n'
        f'<footer class="site"><p>{esc(stand)} {link(here, STATEMENT, statement)}</p></footer>\n'
        f"{tail}</body>\n</html>\n"
    )


def section(heading: str, body: str, anchor: str = "") -> str:
    """A titled section (``h2``) of a page."""
    ident = f' id="{esc(anchor)}"' if anchor else ""
    return f"<section{ident}>\n<h2>{esc(heading)}</h2>\n{body}</section>\n"


def definitions(items: list[tuple[str, str]]) -> str:
    """A description list of ``(label, ready markup)`` pairs; empty values are left out."""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in items if value)
    return f'<dl class="facts">{rows}</dl>\n' if rows else ""


def scrolling(label: str, table: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen (the page itself never
    does); focusable, so a keyboard can scroll it too."""
    return f'<div class="table" role="group" tabindex="0" aria-label="{esc(label)}">{table}</div>\n'
