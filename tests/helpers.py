"""Helpers the test modules share, so that none imports from another.

Fixtures are in ``conftest.py``; what a test calls with its own arguments is here:

- ``make_repo``: a small hand-made repository for the report tests (core, renderers,
  CLI). Its totals are worked out by hand in ``tests/report/test_build.py``; change a
  value here and those tests tell you which totals moved. It does not use the bundled
  ``data/``, so the example data can change freely.
- ``make_funded_repo``: the same with a programme-funded measure (unknown amounts, staff
  posts) and, if asked, a concept record marking the data as illustrative.
- ``snapshot``: every file of a repository's ``data/``, to prove a command changed nothing.
- ``entries``, ``measure``, ``as_measures``: vocabularies and measures in memory, for
  the core tests that need no files (query, counts).
- ``GitWork``: a git work tree for the history tests (core, renderers, CLI).
- ``YAML_CHARS``, ``mutated``: random YAML text and randomly broken measures, for the
  property tests of the loader and of its fast path.
- ``CHROMIUM``, ``missing_browser_tools``, ``axe_violations``, ``overflow``: the browser
  tests' tools (the ``browser`` fixture in ``conftest.py`` starts the browser).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from integ_cli.checking.measure import Measure

# --- the hand-made report repository (report date in the tests: 1 March 2026) -----------------------

FIELDS = {
    # A non-prioritised field with the lowest order: prioritised fields still come first.
    "wohnen": "name: Wohnen/Planen\norder: 1\nprioritised: false",
    "sprache": "name: Sprachförderung\nshort_name: Sprache\norder: 2\nprioritised: true",
    "bildung": "name: Bildung\norder: 3\nprioritised: true",
    "senioren": "name: Senioren\norder: 4\nprioritised: false",
}
VOCABULARIES = {
    "target-groups": """
        - {id: kinder-jugendliche, name: Kinder und Jugendliche, main: true}
        - {id: kinder, name: Kinder, parent: kinder-jugendliche}
        - {id: vorschulkinder, name: Kinder im Vorschulalter, parent: kinder}
        - {id: junge-muetter, name: Junge Mütter, main: true}
        - {id: eltern, name: Eltern}
    """,
    "districts": """
        - {id: stadtweit, name: Gesamtstadt, city_wide: true}
        - {id: brand, name: Brand}
        - {id: eilendorf, name: Eilendorf}
    """,
    "actors": """
        - {id: stadt, name: Stadtverwaltung, kind: administration}
        - {id: vhs, name: Volkshochschule, kind: administration}
    """,
}
MEASURES = {
    "sprache-001": """
        field: sprache
        target_groups: [junge-muetter, vorschulkinder]
        districts: [brand]
        lead: vhs
        status: active
        horizon: short
        start: "2024-01-01"
        end: "2025-06-30"
        budget:
          - {year: 2025, planned: 10000, revised: 12000, spent: 11000, source: municipal}
          - {year: 2026, planned: 8000, source: state}
        indicators:
          - {name: Kurse, unit: Kurse, baseline: 2, target: 10, actual: 8}
          - {name: Teilnehmende, unit: Personen, target: 100}
        updated: "2026-01-10"
    """,
    "sprache-002": """
        field: sprache
        also_fields: [bildung]
        target_groups: [eltern]
        districts: [stadtweit]
        lead: stadt
        status: planned
        horizon: mid
        updated: "2024-12-01"
    """,
    "sprache-003": """
        field: sprache
        target_groups: [vorschulkinder]
        districts: [eilendorf]
        status: suspended
        horizon: short
        start: "2026-01-01"
        budget:
          - {year: 2026, planned: 1000.5, source: foundation}
    """,
    "bildung-001": """
        field: bildung
        target_groups: [kinder]
        districts: [brand, eilendorf]
        lead: stadt
        status: completed
        horizon: long
        start: "2025-01-01"
        end: "2025-12-31"
        budget:
          - {year: 2025, planned: 5000, spent: 4500, source: eu}
        indicators:
          - {name: Wartezeit, unit: Tage, baseline: 40, target: 20, actual: 20}
        updated: "2025-11-01"
    """,
    "wohnen-001": """
        field: wohnen
        target_groups: [kinder-jugendliche, junge-muetter]
        districts: [stadtweit, eilendorf]
        status: dropped
        horizon: mid
        budget:
          - {year: 2026, planned: 3000, revised: 2500, source: municipal}
    """,
    "wohnen-002": """
        field: wohnen
        target_groups: [eltern]
        districts: [brand]
        lead: stadt
        status: active
        horizon: long
        budget:
          - {year: 2025, planned: 99999, source: municipal}
        visibility: internal
        updated: "2026-02-01"
    """,
}


#: A measure as a city writes it from a state programme's notice: the municipal share is
#: known, the state's amount is not (the notice is pending), staff posts in two years.
FUNDED = """
    schema_version: 2
    field: bildung
    target_groups: [eltern]
    districts: [brand]
    lead: stadt
    status: active
    horizon: unknown
    start: "2014"
    budget:
      - {year: 2026, planned: 15000, source: municipal, note: Eigenanteil}
      - year: 2026
        source: state
        programme: KOMM-AN NRW
        co_funding_share: 0.9
        funding_status: applied
        amount_unknown: Förderbescheid des Landes steht aus
      - {year: 2027, source: state, programme: KOMM-AN NRW, amount_unknown: Antrag folgt 2026}
    staff:
      - {year: 2026, fte: 1.5, note: Sozialarbeit}
      - {year: 2027, fte: 2}
    indicators:
      - {name: Beratungen, unit: Fälle, target: 200}
    updated: "2026-02-01"
"""


def make_funded_repo(root: Path, *, illustrative: bool = False) -> Path:
    """The hand-made repository plus the programme-funded measure ``bildung-002``
    (:data:`FUNDED`); with ``illustrative`` a concept record that marks the data as invented."""
    make_repo(root, {**MEASURES, "bildung-002": FUNDED})
    if illustrative:
        (root / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    return root


#: A concept record that says its data are invented examples.
CONCEPT = """schema_version: 1
illustrative: true
municipality: {name: Musterstadt, kind: city}
title: Integrationskonzept der Musterstadt
"""


def make_repo(root: Path, measures: dict[str, str] = MEASURES) -> Path:
    """The hand-made repository under ``root``, with ``measures`` (id: YAML body) as its measures."""
    (root / "data" / "fields").mkdir(parents=True)
    (root / "data" / "measures").mkdir()
    for field_id, body in FIELDS.items():
        (root / "data" / "fields" / f"{field_id}.yaml").write_text(
            f"schema_version: 1\nid: {field_id}\n{body}\n", encoding="utf-8"
        )
    for kind, entries in VOCABULARIES.items():
        text = "schema_version: 1\nentries:\n" + textwrap.indent(textwrap.dedent(entries).strip(), "  ") + "\n"
        (root / "data" / f"{kind}.yaml").write_text(text, encoding="utf-8")
    for measure_id, body in measures.items():
        body = textwrap.dedent(body).strip()
        version, body = (2, body.split("\n", 1)[1]) if body.startswith("schema_version: 2") else (1, body)
        head = f"schema_version: {version}\nid: {measure_id}\ntitle: Titel {measure_id}\n"
        head += "summary: Eine kurze Beschreibung.\n"
        (root / "data" / "measures" / f"{measure_id}.yaml").write_text(head + body + "\n", encoding="utf-8")
    return root


# --- what a repository holds -----------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root/data`` and its bytes, by path relative to ``root``."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


# --- records in memory ------------------------------------------------------------------------------


def entries(*rows: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A vocabulary as the core holds it: entries by id."""
    return {row["id"]: row for row in rows}


def measure(measure_id: str, **data: Any) -> dict[str, Any]:
    """A valid measure record; ``data`` replaces or adds fields."""
    record: dict[str, Any] = {
        "id": measure_id,
        "title": f"Maßnahme {measure_id}",
        "summary": "Eine Beschreibung der Maßnahme.",
        "field": "sprache",
        "target_groups": ["junge-muetter"],
        "districts": ["brand"],
        "status": "active",
        "horizon": "mid",
    }
    record.update(data)
    return record


def as_measures(*records: dict[str, Any]) -> list[Measure]:
    """Records as the catalogue returns them, each with its file."""
    return [Measure(f"data/measures/{r['id']}.yaml", r) for r in records]


# --- git work trees ---------------------------------------------------------------------------------


class GitWork:
    """A git work tree in a test's tmp_path, with commits at chosen dates by chosen authors.

    Global and system git configuration are ignored, so a developer's settings (signing,
    hooks, default branch) cannot change what the tests see.
    """

    def __init__(self, top: Path) -> None:
        self.top = top
        top.mkdir(parents=True, exist_ok=True)
        self.run("init", "-q")

    def env(self, date: str = "2026-01-15T10:00:00+01:00", author: str = "Erika Mustermann") -> dict[str, str]:
        return {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": "integration@example.org",
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "integration@example.org",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        }

    def run(self, *args: str, **env: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(self.top), *args], env=self.env(**env), capture_output=True, check=True, text=True
        )
        return result.stdout

    def commit(self, message: str, date: str = "2026-01-15T10:00:00+01:00", author: str = "Erika Mustermann") -> str:
        """Commit everything in the work tree; return the new commit's id."""
        self.run("add", "-A", ".", date=date, author=author)
        self.run("commit", "-q", "--allow-empty", "-m", message, date=date, author=author)
        return self.run("rev-parse", "HEAD").strip()


#: A small in-memory catalogue (fields and vocabularies, hierarchies included) for the
#: query and count tests.
CATALOGUE_FIELDS: dict[str, dict[str, Any]] = {
    "sprache": {"id": "sprache", "name": "Sprachförderung", "order": 2, "prioritised": True},
    "bildung": {"id": "bildung", "name": "Bildung", "order": 3, "prioritised": True},
    "wohnen": {"id": "wohnen", "name": "Wohnen/Planen", "order": 5, "prioritised": False},
}
CATALOGUE_VOCABULARIES = {
    "target-groups": entries(
        {"id": "kinder-jugendliche", "name": "Kinder und Jugendliche"},
        {"id": "kinder", "name": "Kinder", "parent": "kinder-jugendliche"},
        {"id": "vorschulkinder", "name": "Kinder im Vorschulalter", "parent": "kinder"},
        {"id": "jugendliche", "name": "Jugendliche", "parent": "kinder-jugendliche"},
        {"id": "junge-muetter", "name": "Junge Mütter"},
    ),
    "actors": entries(
        {"id": "stadt", "name": "Stadtverwaltung"},
        {"id": "vhs", "name": "Volkshochschule", "parent": "stadt"},
        {"id": "migrationsrat", "name": "Migrationsrat"},
    ),
    "districts": entries(
        {"id": "stadtweit", "name": "Gesamtstadt", "city_wide": True},
        {"id": "brand", "name": "Brand"},
        {"id": "eilendorf", "name": "Eilendorf"},
    ),
}


# --- the browser tests (the site's pages and the HTML report in headless Chromium) -------------------

CHROMIUM = os.environ.get("INTEG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing_browser_tools() -> list[str]:
    """What the browser tests need and this machine lacks, each with how to install it."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append("chromium (apt-get install -y chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("playwright (pip install playwright)")
    if not AXE.is_file():
        missing.append("axe-core (npm ci --prefix tests/browser)")
    return missing


def axe_violations(page: Any) -> list[tuple[str, list[str]]]:
    """axe-core's WCAG 2.1 AA violations on the open Playwright ``page``: rule and first nodes."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in result["violations"]]


def overflow(page: Any) -> int:
    """How many pixels the open ``page`` is wider than the window (0: no sideways scrolling)."""
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    return max(0, int(scroll) - int(inner))


# --- random YAML for the property tests (tests/test_properties.py, tests/files/test_fast.py) -----

#: Characters that matter to YAML, plus some that matter to the loader's rules.
YAML_CHARS = [
    *":-[]{},#&*!|>'\"%@`?~. \n\t\r0123456789abcxyz",
    "\x00",
    "\x1b",
    "\x85",
    "\ufeff",
    "\u2028",
    "\u202e",
    "ä",
    "\\",
    "yes",
    "no",
    "true",
    "null",
    "---",
    "...",
    "!!str",
    "!!python/object:os.system",
    "&a",
    "*a",
    "<<",
    ".inf",
    "1e999",
    "2024-01-01",
    "0x1F",
    "\n  ",
    "\n- ",
    ": ",
]
_yaml_text = st.lists(st.sampled_from(YAML_CHARS), max_size=60).map("".join)
#: The measure ``mutated`` breaks.
MUTATED = (Path(__file__).parent / "fixtures" / "minirepo" / "data" / "measures" / "sprache-001.yaml").read_bytes()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The valid measure with a few random cuts, insertions, swaps and repeats."""
    lines = MUTATED.decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["cut", "insert", "swap", "repeat", "value"]))
        if action == "cut":
            line = lines[where]
            start = draw(st.integers(0, len(line)))
            lines[where] = line[:start] + line[start + draw(st.integers(1, 8)) :]
        elif action == "insert":
            line = lines[where]
            at = draw(st.integers(0, len(line)))
            lines[where] = line[:at] + draw(_yaml_text) + line[at:]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif action == "repeat":
            lines.insert(where, lines[where])
        elif ":" in lines[where]:
            key = lines[where].split(":", 1)[0]
            lines[where] = f"{key}: {draw(_yaml_text)}"
    return "\n".join(lines).encode("utf-8", "surrogatepass")
