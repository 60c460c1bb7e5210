"""The federation's report as Markdown, HTML and JSON: what a reader sees, data escaped."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from integ_cli.federation.report import BudgetRow, CityReport, CountRow, FederationReport, federation_report
from integ_cli.render.federation import render_html, render_json, render_md


def report(city: str = "Aachen") -> FederationReport:
    head = ("05334002", city)
    part = CityReport(
        "05334002",
        city,
        "abc123",
        3,
        [CountRow(*head, "sprache", "Sprache", 3)],
        [CountRow(*head, "neu", "Neuzugewanderte", 2)],
        [BudgetRow(*head, 2026, "municipal", "kommunal", Decimal("12000.50"), Decimal("12000.50"), None)],
    )
    return federation_report("Land", dt.date(2026, 12, 2), [part])


def test_markdown_names_the_city_on_each_row_and_adds_a_total() -> None:
    text = render_md(report())
    assert text.startswith("# Land\n\nAs of 2026-12-02: 1 city, 3 measures")
    assert "| Aachen | 05334002 | abc123 | 3 |" in text
    assert "| Aachen | 05334002 | Sprache | sprache | 3 |" in text
    assert "| All cities |  | Sprache | sprache | 3 |" in text
    assert "| Aachen | 05334002 | 2026 | kommunal | €12,000.50 | €12,000.50 | – |" in text


def test_markdown_in_german(german: None) -> None:
    text = render_md(report())
    assert "Stand 02.12.2026: 1 Stadt, 3 Maßnahmen" in text
    assert "| Aachen | 05334002 | 2026 | kommunal | 12.000,50 € | 12.000,50 € | – |" in text


def test_data_cannot_break_out_of_a_line_or_a_tag() -> None:
    hostile = "Aachen\n::error file=x::boom <script>"
    text = render_md(report(hostile))
    assert "::error" not in text and all(line.startswith(("#", "|", "As of")) for line in text.splitlines() if line)
    page = render_html(report(hostile))
    assert "<script>" not in page and "&lt;script&gt;" in page and "\n::error" not in page


def test_json_keeps_ids_keys_and_amounts_as_numbers() -> None:
    data = json.loads(render_json(report()))
    assert next(iter(data)) == "report_version"
    assert data["budget"] == [
        {
            "municipality": None,
            "city": None,
            "year": 2026,
            "source": "municipal",
            "source_name": "kommunal",
            "planned": 12000.5,
            "revised": 12000.5,
            "spent": None,
        }
    ]
    assert data["cities"][0]["fields"][0]["municipality"] == "05334002"
