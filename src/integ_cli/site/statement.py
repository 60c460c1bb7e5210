"""The accessibility statement (Erklärung zur Barrierefreiheit) of the site, as BITV 2.0
asks for it: how far the site complies, what is not accessible, when the statement was
made, where to report barriers, and the enforcement procedure.

The entries are the city's, from the ``accessibility`` block of ``data/concept.yaml``
(its schema describes each one); an entry the city has not made shows as a visible
placeholder, so a published site cannot hide that its statement is unfinished.
"""

from __future__ import annotations

from integ_cli import i18n
from integ_cli.i18n import N_, _
from integ_cli.render import format as fmt
from integ_cli.site.context import Site
from integ_cli.site.layout import STATEMENT, esc, page

#: The codelist of the compliance status (its names come from the concept schema).
STATUS_CODES = "accessibility-status"
#: The statement's entries in the order BITV 2.0 gives them: the key in the record, the label.
STATEMENT_FIELDS = (
    ("status", N_("State of compliance")),
    ("not_accessible", N_("Content that is not accessible")),
    ("date", N_("Date of the statement")),
    ("contact", N_("Contact for feedback")),
    ("email", N_("E-mail")),
    ("phone", N_("Telephone")),
    ("enforcement", N_("Enforcement procedure")),
)


def _entry(site: Site, key: str) -> str:
    """The ready markup of one entry; empty where the city has not made it."""
    entries = site.concept.accessibility
    value = entries.get(key, "")
    if key == "status" and value:
        codes = site.codelists[STATUS_CODES]
        name = codes.name(value, i18n.current()) if value in codes else value
        return esc(_("This website is {status} with BITV 2.0.").format(status=name))
    if key == "not_accessible":
        items = "".join(f"<li>{esc(item)}</li>" for item in site.concept.not_accessible)
        return f"<ul>{items}</ul>" if items else ""
    if key == "date" and value:
        return esc(fmt.date(value))
    if key == "email" and value:
        return f'<a href="mailto:{esc(value)}">{esc(value)}</a>'
    if key == "phone" and value:
        return f'<a href="tel:{esc("".join(c for c in value if c.isdigit() or c == "+"))}">{esc(value)}</a>'
    if key == "enforcement" and value:
        url = entries.get("enforcement_url")
        more = f' (<a class="external" href="{esc(url)}" rel="external noopener">{esc(url)}</a>)' if url else ""
        return esc(value) + more
    return esc(value)


def statement_page(site: Site) -> str:
    """The statement page: the city's entries, and a visible placeholder for each missing one."""
    intro = _(
        "This statement applies to this website. Public bodies must make their websites accessible "
        "(BITV 2.0, which follows WCAG 2.1 level AA)."
    )
    placeholder = _("[to be filled in by the city]")
    missing = f'<span class="placeholder">{esc(placeholder)}</span>'
    rows = "".join(
        f"<dt>{esc(_(label))}</dt><dd>{_entry(site, key) or missing}</dd>" for key, label in STATEMENT_FIELDS
    )
    how = _("The entries come from the accessibility part of data/concept.yaml.")
    body = f'<p>{esc(intro)}</p>\n<dl class="facts">{rows}</dl>\n<p class="note">{esc(how)}</p>\n'
    return page(site.frame, STATEMENT, _("Accessibility statement"), body)
