"""The pages' frame in a real browser: headless Chromium checks every page template with
axe-core (WCAG 2.1 AA, no violation), at a phone's and a desktop's width with no
sideways scrolling, keyboard first stop on the skip link, and the search script at work.

The browser is Debian's ``chromium``, driven by Playwright (no browser download);
axe-core comes from npm (``tests/browser/package.json``). ``.ci/run`` installs all
three; on a machine without them these tests skip and say what to install, and in CI
(``CI`` set) they fail instead, since CI must run them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PROJECT
from tests.helpers import axe_violations, overflow

from integ_cli import i18n
from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.site.build import build_site, write_site
from integ_cli.site.concept import read_concept
from integ_cli.site.layout import rel

#: One page of each template (the measures have budget lines, indicators and links;
#: sprache-005 also a programme-funded line of unknown amount and staff posts).
TEMPLATES = [
    "index.html",
    "massnahmen/wohnen-001.html",
    "massnahmen/sprache-005.html",
    "massnahmen/index.html",
    "handlungsfelder/sprache.html",
    "handlungsfelder/sprache--status-active.html",
    "zielgruppen/kinder-jugendliche.html",
    "stadtbezirke/brand.html",
    "status/active.html",
    "suche.html",
    "barrierefreiheit.html",
    "bericht/index.html",
    "bericht/fields.html",
    "bericht/matrix.html",
    "bericht/districts.html",
    "bericht/budget.html",
    "bericht/indicators.html",
    "bericht/updates.html",
    "bericht/attention.html",
]


def test_links_are_relative_to_the_page() -> None:
    assert rel("index.html", "massnahmen/a.html") == "massnahmen/a.html"
    assert rel("massnahmen/a.html", "index.html") == "../index.html"
    assert rel("massnahmen/a.html", "massnahmen/b.html#x") == "b.html#x"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example data's site, in German as the city publishes it."""
    folder = tmp_path_factory.mktemp("site")
    i18n.setup("de")
    try:
        files = build_site(load_catalogue(PROJECT, select=select_all), read_concept(PROJECT), dt.date(2026, 3, 1))
    finally:
        i18n.setup("en")
    write_site(files, folder)
    return folder


@pytest.mark.parametrize("width", [390, 1280])
def test_every_template_passes_axe_and_fits_the_width(site: Path, browser: Any, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    violations, overflowing = {}, {}
    for path in TEMPLATES:
        page.goto((site / path).as_uri())
        found = axe_violations(page)
        if found:
            violations[path] = found
        if overflow(page):
            overflowing[path] = overflow(page)
    page.close()
    assert violations == {}
    assert overflowing == {}


def test_the_first_tab_reaches_the_skip_link_and_it_leads_to_the_content(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto((site / "massnahmen/wohnen-001.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"
    # Visible where it has the focus: on the page, with an outline.
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    page.close()


def test_the_search_box_finds_measures_as_one_types(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto((site / "suche.html").as_uri())
    page.fill("#suchbegriff", "mama lernt")
    titles = page.locator("#ergebnisse a").all_text_contents()
    assert titles and all("Mama lernt Deutsch" in title for title in titles)
    assert page.locator("#treffer").text_content() == f"Gefundene Maßnahmen: {len(titles)}"
    page.locator("#ergebnisse a").first.click()
    assert page.url.endswith(".html") and "/massnahmen/sprache-" in page.url
    page.close()


def test_print_leaves_out_the_navigation_and_keeps_the_content(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto((site / "bericht/budget.html").as_uri())
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('header.site nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") == "block"
    assert page.locator("main svg.chart > title").count() == 1  # the chart, with its text alternative
    assert page.locator("main figure + div.table table caption").count() >= 1  # and its table
    page.close()
