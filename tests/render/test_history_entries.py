"""The changes to vocabularies, action fields and the concept record as text and Markdown."""

from __future__ import annotations

from integ_cli.history.model import Change, EntryDiff
from integ_cli.render.history import md_escape
from integ_cli.render.history_entries import IDS_SHOWN, broken_text, entry_lines, entry_md

ENTRIES = [
    EntryDiff("concept", "", "changed", "Integrationskonzept", changes=[Change(("title",), "changed", "A", "B")]),
    EntryDiff("fields", "wohnen", "removed", "Wohnen/Planen", broken=["wohnen-001"]),
]


def test_kinds_in_a_fixed_order_whatever_the_model_order() -> None:
    assert entry_lines(ENTRIES) == [
        "",
        "Action fields:",
        "  removed  wohnen  Wohnen/Planen",
        "      Attention: 1 measure still names 'wohnen': wohnen-001",
        "",
        "Concept record:",
        "  changed  Integrationskonzept",
        "      title: A → B",
    ]


def test_markdown_escapes_names_from_the_data() -> None:
    entry = EntryDiff("actors", "vhs", "added", "VHS *Nord* [neu]")
    assert entry_md([entry], md_escape) == ["", "### Actors", "", "- **added** vhs  VHS \\*Nord\\* \\[neu\\]"]


def test_a_long_list_of_broken_measures_is_cut() -> None:
    entry = EntryDiff("target-groups", "kinder", "removed", "Kinder", broken=[f"m-{n:03}" for n in range(15)])
    text = broken_text(entry) or ""
    assert text.startswith("15 measures still name 'kinder': m-000, m-001")
    assert text.endswith(f"m-{IDS_SHOWN - 1:03}, …")
