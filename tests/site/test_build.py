"""The built site as a reader and a web host meet it: a page per public measure and none
for an internal one, links that resolve, counts that match the lists they link to,
nothing loaded from elsewhere, the same bytes from the same data."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import PROJECT
from tests.helpers import MEASURES, make_repo

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.site.build import build_site, write_site
from integ_cli.site.concept import Concept, read_concept

DATE = dt.date(2026, 3, 1)


class Links(HTMLParser):
    """Every href and src of a page, the ``lang`` of its html element, and each link's text."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.numbers: list[tuple[str, str]] = []
        self.lang: str | None = None
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        for key in ("href", "src"):
            if found.get(key):
                self.targets.append(str(found[key]))
        self._open = found.get("href") if tag == "a" else None

    def handle_data(self, data: str) -> None:
        if self._open and re.fullmatch(r"[\d.,]+", data.strip()):
            self.numbers.append((self._open, data.strip()))
        self._open = None


def parsed(files: dict[str, bytes]) -> dict[str, Links]:
    pages = {}
    for path, content in files.items():
        if path.endswith(".html"):
            links = Links()
            links.feed(content.decode("utf-8"))
            pages[path] = links
    return pages


def resolve(here: str, target: str) -> str:
    if target.startswith("#"):
        return here
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), target.partition("#")[0]))


def entries(page: bytes) -> int:
    """How many measures a list page lists."""
    text = page.decode("utf-8")
    lists = re.findall(r'<ol class="measures">(.*?)</ol>', text, flags=re.S)
    assert len(lists) <= 1
    return lists[0].count("<li>") if lists else 0


@pytest.fixture
def hand_made(tmp_path: Path) -> dict[str, bytes]:
    root = make_repo(tmp_path / "repo")
    return build_site(load_catalogue(root, select=select_all), Concept(), DATE)


@pytest.fixture(scope="module")
def bundled() -> dict[str, bytes]:
    return build_site(load_catalogue(PROJECT, select=select_all), read_concept(PROJECT), DATE)


def test_every_public_measure_has_a_page_and_no_internal_one_does(hand_made: dict[str, bytes]) -> None:
    pages = {p for p in hand_made if p.startswith("massnahmen/") and p != "massnahmen/index.html"}
    assert pages == {
        f"massnahmen/{m}.html" for m in ("sprache-001", "sprache-002", "sprache-003", "bildung-001", "wohnen-001")
    }
    assert not any(b"wohnen-002" in content for content in hand_made.values())


def test_every_measure_of_the_example_data_has_a_page(bundled: dict[str, bytes]) -> None:
    files = sorted((PROJECT / "data" / "measures").glob("*.yaml"))
    public = [p.stem for p in files if "visibility: internal" not in p.read_text(encoding="utf-8")]
    assert 0 < len(public) < len(files)
    assert [m for m in public if f"massnahmen/{m}.html" not in bundled] == []
    assert [p.stem for p in files if p.stem not in public and f"massnahmen/{p.stem}.html" in bundled] == []


@pytest.mark.parametrize("which", ["hand_made", "bundled"])
def test_every_link_resolves_to_a_file_of_the_site_and_none_leaves_it(
    which: str, request: pytest.FixtureRequest
) -> None:
    files: dict[str, bytes] = request.getfixturevalue(which)
    broken, outside = [], []
    for here, links in parsed(files).items():
        for target in links.targets:
            if re.match(r"^[a-z]+:|^//|^/", target):
                outside.append((here, target))
            elif resolve(here, target) not in files:
                broken.append((here, target))
    assert broken == []
    # The one kind of address outside the site: the records' own links, on measure pages.
    records = (PROJECT / "data" / "measures").glob("*.yaml") if which == "bundled" else []
    data_links = {url for path in records for url in re.findall(r"url: (\S+)", path.read_text(encoding="utf-8"))}
    assert {target for here, target in outside if here.startswith("massnahmen/")} <= data_links
    # And the accessibility statement's contacts, from the concept record.
    statement = {target for here, target in outside if here == "barrierefreiheit.html"}
    if which == "bundled":
        assert statement == {"mailto:barrierefreiheit@example.org", "tel:+492410000000"}
    others = [(here, target) for here, target in outside if not here.startswith("massnahmen/")]
    assert [(here, target) for here, target in others if here != "barrierefreiheit.html"] == []


@pytest.mark.parametrize("which", ["hand_made", "bundled"])
def test_every_number_links_to_a_list_of_that_many_measures(which: str, request: pytest.FixtureRequest) -> None:
    files: dict[str, bytes] = request.getfixturevalue(which)
    checked = wrong = 0
    for here, links in parsed(files).items():
        for target, number in links.numbers:
            checked += 1
            wrong += entries(files[resolve(here, target)]) != int(number.replace(".", "").replace(",", ""))
    assert checked > 50
    assert wrong == 0


def test_the_counts_follow_the_reports_rules(hand_made: dict[str, bytes]) -> None:
    # Main group "Kinder und Jugendliche": its own measure and those for its sub-groups.
    assert entries(hand_made["zielgruppen/kinder-jugendliche.html"]) == 4
    # Eilendorf names three public measures; with the city-wide ones (sprache-002) four.
    assert entries(hand_made["stadtbezirke/eilendorf.html"]) == 3
    assert entries(hand_made["stadtbezirke/eilendorf--mit-stadtweit.html"]) == 4
    assert entries(hand_made["handlungsfelder/bildung--weitere.html"]) == 1
    assert entries(hand_made["status/active.html"]) == 1  # the internal active one is left out


def test_the_same_data_and_date_give_the_same_bytes(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    first = build_site(load_catalogue(root, select=select_all), Concept(), DATE)
    second = build_site(load_catalogue(root, select=select_all), Concept(), DATE)
    assert first == second
    write_site(first, tmp_path / "a")
    assert write_site(first, tmp_path / "a") == 0  # nothing changed, nothing written again


def test_a_page_the_next_build_does_not_make_is_removed_and_nothing_else(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    out = tmp_path / "public"
    write_site(build_site(load_catalogue(root, select=select_all), Concept(), DATE), out)
    (out / "CNAME").write_text("stadt.example\n", encoding="utf-8")  # the host's own file
    record = root / "data" / "measures" / "bildung-001.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "visibility: internal\n", encoding="utf-8")
    write_site(build_site(load_catalogue(root, select=select_all), Concept(), DATE), out)
    assert not (out / "massnahmen" / "bildung-001.html").exists()
    assert (out / "massnahmen" / "sprache-001.html").is_file()
    assert (out / "CNAME").read_text(encoding="utf-8") == "stadt.example\n"


def test_pages_name_their_language_and_mark_example_data(bundled: dict[str, bytes], german: None) -> None:
    files = build_site(load_catalogue(PROJECT, select=select_all), read_concept(PROJECT), DATE)
    assert {links.lang for links in parsed(files).values()} == {"de"}
    assert {links.lang for links in parsed(bundled).values()} == {"en"}
    start = files["index.html"].decode("utf-8")
    assert "Beispieldaten" in start
    assert "Zum Inhalt springen" in start
    assert "Erklärung zur Barrierefreiheit" in start


def test_a_measure_page_shows_the_public_fields_and_not_the_internal_notes(bundled: dict[str, bytes]) -> None:
    page = bundled["massnahmen/sprache-001.html"].decode("utf-8")
    for text in ("Sprachförderung", "Volkshochschule", "Aachen-Mitte", "Budget lines", "Durchgeführte Kurse"):
        assert text in page
    assert "BEISPIEL-2022/001" in page  # the council decision
    assert "sprache-005.html" in page  # its successor
    assert "Fortgeführt und auf weitere" not in page  # notes are internal remarks


def test_a_site_for_a_generated_repository_of_2000_measures(tmp_path: Path) -> None:
    generator = PROJECT / "benchmarks" / "generate_corpus.py"
    subprocess.run(
        [sys.executable, str(generator), str(tmp_path / "big"), "--measures", "2000"], check=True, capture_output=True
    )
    catalogue = load_catalogue(tmp_path / "big", select=select_all)
    public = {m.id for m in catalogue.measures if m.data.get("visibility") != "internal"}
    files = build_site(catalogue, Concept(), DATE)
    pages = {p.removeprefix("massnahmen/").removesuffix(".html") for p in files if p.startswith("massnahmen/")}
    assert pages - {"index"} == public
    assert len(public) < len(catalogue.measures)  # the generator makes internal ones too
    assert all(resolve(h, t) in files for h, links in parsed(files).items() for t in links.targets if "://" not in t)


def test_with_internal_measures_every_page_says_it_is_not_for_publication(tmp_path: Path, german: None) -> None:
    root = make_repo(tmp_path / "repo")
    files = build_site(load_catalogue(root, select=select_all), Concept(), DATE, internal=True)
    assert "massnahmen/wohnen-002.html" in files
    pages = [content.decode("utf-8") for path, content in files.items() if path.endswith(".html")]
    assert all("nicht zur Veröffentlichung" in page for page in pages)


def test_without_city_wide_measures_no_page_links_to_an_empty_list(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {k: v for k, v in MEASURES.items() if "stadtweit" not in v})
    with (root / "data" / "districts.yaml").open("a", encoding="utf-8") as districts:
        districts.write("  - {id: haaren, name: Haaren}\n")  # a district no measure names
    files = build_site(load_catalogue(root, select=select_all), Concept(), DATE)
    assert "stadtbezirke/brand--mit-stadtweit.html" in files  # its own measures, still listed
    assert "stadtbezirke/haaren.html" in files
    assert "stadtbezirke/haaren--mit-stadtweit.html" not in files
    assert [(h, t) for h, links in parsed(files).items() for t in links.targets if resolve(h, t) not in files] == []


def test_the_reports_status_updates_page_links_each_measure(bundled: dict[str, bytes]) -> None:
    page = bundled["bericht/updates.html"].decode("utf-8")
    assert '<th scope="row"><a href="../massnahmen/sprache-005.html">sprache-005</a></th>' in page
    assert "Latest status updates" in bundled["bericht/index.html"].decode("utf-8")


def test_the_reports_attention_page_names_the_days_of_the_concept_record(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    (root / "data" / "concept.yaml").write_text(
        "schema_version: 1\nmunicipality: {name: Musterstadt, kind: city}\ntitle: Integrationskonzept\n"
        "attention:\n  stale_after_days: 90\n",
        encoding="utf-8",
    )
    files = build_site(load_catalogue(root, select=select_all), read_concept(root), DATE)
    page = files["bericht/attention.html"].decode("utf-8")
    assert "not updated for over 90 days (last 2024-12-01)" in page
    assert "more than 90 days ago" in page and "over a year" not in page
