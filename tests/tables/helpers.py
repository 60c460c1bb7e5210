"""Helpers shared by the tests of the tables, of ``integ sql`` and of the federation:
city repositories made with ``integ init --example``, and the answers of the example
queries worked out from the YAML files directly (PyYAML, no integ code), so that a
table's sums are checked against the records, not against themselves."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from integ_cli.cli import app

runner = CliRunner()


def make_city(folder: Path, key: str | None = None, name: str = "Stadt") -> Path:
    """A new repository with the bundled example data (``integ init --example``), its
    concept record naming the municipality ``name`` with the official key ``key``, or
    with none where ``key`` is ``None``."""
    result = runner.invoke(app, ["init", str(folder), "--example"])
    assert result.exit_code == 0, result.output
    path = folder / "data" / "concept.yaml"
    text = path.read_text(encoding="utf-8")
    assert '  official_key: "05334002"\n' in text and "  name: Aachen\n" in text
    own_key = f'  official_key: "{key}"\n' if key is not None else ""
    text = text.replace('  official_key: "05334002"\n', own_key).replace("  name: Aachen\n", f"  name: {name}\n", 1)
    path.write_text(text, encoding="utf-8")
    return folder


def rename_target_group(root: Path, old: str, new: str) -> None:
    """A city whose vocabulary differs: the target group ``old`` is called ``new`` there,
    in the vocabulary and in every measure."""
    for path in [root / "data" / "target-groups.yaml", *(root / "data" / "measures").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"id: {old}\n", f"id: {new}\n").replace(f"- {old}\n", f"- {new}\n"), "utf-8")


def measures(root: Path) -> list[dict[str, Any]]:
    """Every measure of the repository, read with PyYAML."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "data" / "measures").glob("*.yaml"))]


def entries(root: Path, name: str) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((root / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in data["entries"]}


def public(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in records if m.get("visibility") != "internal"]


def budget_sums(records: list[dict[str, Any]]) -> dict[tuple[str, str, int], tuple[Decimal, Decimal, Decimal | None]]:
    """(field, source, year) -> planned, revised (planned where none), spent (None where no line says)."""
    sums: dict[tuple[str, str, int], list[Any]] = defaultdict(lambda: [Decimal(0), Decimal(0), None])
    for m in records:
        for line in m.get("budget", []):
            entry = sums[(m["field"], line["source"], line["year"])]
            entry[0] += Decimal(str(line["planned"]))
            entry[1] += Decimal(str(line.get("revised", line["planned"])))
            if "spent" in line:
                entry[2] = (entry[2] or Decimal(0)) + Decimal(str(line["spent"]))
    return {key: (a, b, c) for key, (a, b, c) in sums.items()}


def main_group_counts(records: list[dict[str, Any]], groups: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Main target group -> measures naming it or any group below it."""

    def mains(group: str) -> set[str]:
        found: set[str] = set()
        while group in groups:
            if groups[group].get("main"):
                found.add(group)
            group = groups[group].get("parent", "")
        return found

    counts: Counter[str] = Counter()
    for m in records:
        counts.update(set().union(*(mains(g) for g in m["target_groups"])))
    return dict(counts)


def overdue_per_district(records: list[dict[str, Any]], today: dt.date) -> dict[str, int]:
    """District -> active measures whose end date has passed."""
    counts: Counter[str] = Counter()
    for m in records:
        if m["status"] == "active" and "end" in m and str(m["end"]) < today.isoformat():
            counts.update(m["districts"])
    return dict(counts)
