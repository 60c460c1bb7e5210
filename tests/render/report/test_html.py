"""The HTML report: one well-formed, self-contained file with SVG charts, no script,
nothing fetched from outside, text from the data escaped, A4 print styles."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from integ_cli import i18n
from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.render.report.html import render_html
from integ_cli.report.build import build_report
from tests.conftest import PROJECT, edit
from tests.helpers import axe_violations, make_funded_repo, make_repo, overflow

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "source", "wbr"}


class Nesting(HTMLParser):
    """Checks that every element is closed, in order, and collects tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def html_of(root: Path, date: dt.date = dt.date(2026, 1, 1)) -> str:
    return "".join(render_html(build_report(load_catalogue(root, select=selector(Query())), Query(), date)))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report of the hand-made repository (tests/helpers.py), in German as the council
    reads it (made once for the module, so the language is set here, not by a fixture)."""
    i18n.setup("de")
    try:
        return html_of(make_repo(tmp_path_factory.mktemp("page") / "repo"))
    finally:
        i18n.setup("en")


def test_well_formed(page: str) -> None:
    parser = Nesting()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # also well-formed XML
    assert root.tag == "html" and root.get("lang") == "de"
    assert [s.get("id") for s in root.iter("section")] == [
        "fields",
        "matrix",
        "districts",
        "budget",
        "indicators",
        "updates",
        "attention",
    ]


def test_self_contained_no_script_no_network(page: str) -> None:
    parser = Nesting()
    parser.feed(page)
    assert "script" not in parser.tags and "iframe" not in parser.tags and "link" not in parser.tags
    assert not re.search(r"https?:|//[a-z]", page, re.I)
    assert not any(name.startswith("on") or name in ("src", "srcset") for name, _ in parser.attributes)
    assert all(value.startswith("#") for name, value in parser.attributes if name == "href" and value)
    assert "url(" not in page and "@import" not in page


def test_charts(page: str) -> None:
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    charts = [svg for svg in root.iter("svg") if svg.get("class") == "chart"]
    labels = [svg.get("aria-label") for svg in charts]
    assert labels == ["Maßnahmen je Handlungsfeld nach Status", "Budget je Jahr nach Mittelherkunft (Ansatz)"]
    status, budget = charts
    # One segment per field and status found: sprache planned, active, suspended; bildung completed; wohnen dropped.
    assert len([r for r in status.iter("rect") if r.find("title") is not None]) == 5
    titles = [t.text for t in budget.iter("title")]
    # Municipal: 10,000 (sprache-001) in 2025, 3,000 (wohnen-001) in 2026; wohnen-002 is internal.
    assert "2025, kommunal: 10.000\u00a0€ Ansatz" in titles
    assert "2026, kommunal: 3.000\u00a0€ Ansatz" in titles
    # Indicator progress and district bars in the tables: one per row.
    section = next(s for s in root.iter("section") if s.get("id") == "indicators")
    rows = section.find("div/table/tbody").findall("tr")
    assert len(rows) == 2  # sprache-001 Kurse, bildung-001 Wartezeit
    assert all(row.find("td/svg") is not None for row in rows)


def test_print_styles(page: str) -> None:
    assert re.search(r"@page\s*\{\s*size:\s*A4", page)
    assert "thead { display: table-header-group; }" in page


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    evil = '<script>alert(1)</script> & "Zitat" <img src=x onerror=y>'
    edit(root / "data/measures/sprache-002.yaml", "title: Titel sprache-002", f"title: '{evil}'")
    page = html_of(root, dt.date(2026, 3, 1))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Zitat&quot;" in page
    ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))


@pytest.mark.usefixtures("german")
def test_an_empty_report_is_still_a_page(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {})
    page = html_of(root)
    ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    assert "Keine Budgetzeilen." in page and "Keine Kennzahl mit Ziel- und Istwert." in page


def test_in_english_the_page_says_so_and_speaks_english(tmp_path: Path) -> None:
    page = html_of(make_repo(tmp_path / "repo"), dt.date(2026, 3, 1))
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    assert root.get("lang") == "en"
    assert [h.text for h in root.iter("h2")][:2] == ["Measures by action field", "Action fields and main target groups"]
    assert root.findtext("head/title") == "Report on the integration concept – as of 2026-03-01"
    titles = [t.text for svg in root.iter("svg") for t in svg.iter("title")]
    assert "2025, municipal: €10,000 planned" in titles


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example data's report as an HTML file, in German as a city prints it."""
    from integ_cli.checking.measure import select_all

    i18n.setup("de")
    try:
        catalogue = load_catalogue(PROJECT, select=select_all)
        text = "".join(render_html(build_report(catalogue, Query(), dt.date(2026, 3, 1))))
    finally:
        i18n.setup("en")
    path = tmp_path_factory.mktemp("report") / "bericht.html"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [390, 1280])
def test_in_a_browser_the_page_fits_the_width_and_passes_axe(example_report: Path, browser: Any, width: int) -> None:
    """No sideways scrolling of the page on a phone or a desktop; a table wider than a
    phone scrolls in its own focusable box, and at 1280 px every table fits its box."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(example_report.as_uri())
    assert overflow(page) == 0
    boxes = page.evaluate(
        "[...document.querySelectorAll('div.table')]"
        ".map(box => [box.getAttribute('aria-label'), box.scrollWidth - box.clientWidth])"
    )
    assert len(boxes) == page.locator("table").count() >= 7  # every table is in a box
    if width == 1280:
        assert [label for label, wider in boxes if wider > 0] == []  # the first table's "weitere" included
    else:
        assert [label for label, wider in boxes if wider > 0]  # the wide tables scroll inside their boxes
    assert axe_violations(page) == []
    page.close()


def test_invented_data_are_said_as_a_warning_under_the_title(tmp_path: Path) -> None:
    root = make_funded_repo(tmp_path / "repo", illustrative=True)
    page = "".join(
        render_html(build_report(load_catalogue(root, select=selector(Query())), Query(), dt.date(2026, 3, 1)))
    )
    assert '<p class="warning">Example data: invented measures and amounts.</p>' in page
