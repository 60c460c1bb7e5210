"""What people call the keys of a measure record, in integ's language.

``integ show`` labels a record's values with them and the history (``integ diff``,
``changelog``, ``history``) names what changed with them: ``Status: planned →
active``, ``Budgetposten 2026 (municipal) Ansatz: …`` in German. English shows the
keys as words (``target groups``), as readers of the English interface know them from
the files. Keys of list items and nested mappings are dotted (``budget.planned``,
``decision.date``); a key without a label (a city's own, or a newer schema's) shows as
itself, so nothing a record holds is hidden.
"""

from __future__ import annotations

from integ_cli.i18n import N_, _

LABELS = {
    "id": N_("id"),
    "file": N_("file"),
    "title": N_("title"),
    "summary": N_("summary"),
    "goal": N_("goal"),
    "field": N_("field"),
    "also_fields": N_("also fields"),
    "target_groups": N_("target groups"),
    "lead": N_("lead"),
    "partners": N_("partners"),
    "districts": N_("districts"),
    "status": N_("status"),
    "horizon": N_("horizon"),
    "start": N_("start"),
    "end": N_("end"),
    "budget": N_("budget"),
    "indicators": N_("indicators"),
    "decision": N_("decision"),
    "decision.body": N_("decision body"),
    "decision.date": N_("decision date"),
    "decision.paper": N_("decision paper"),
    "supersedes": N_("supersedes"),
    "superseded_by": N_("superseded by"),
    "visibility": N_("visibility"),
    "tags": N_("tags"),
    "links": N_("links"),
    "updated": N_("updated"),
    "notes": N_("notes"),
    "illustrative": N_("illustrative"),
    "budget.year": N_("year"),
    "budget.source": N_("funding source"),
    "budget.planned": N_("planned"),
    "budget.revised": N_("revised"),
    "budget.spent": N_("spent"),
    "budget.note": N_("note"),
    "budget.amount_unknown": N_("amount unknown"),
    "budget.programme": N_("programme"),
    "budget.co_funding_share": N_("co-funding share"),
    "budget.funding_status": N_("funding status"),
    "staff": N_("staff posts"),
    "staff.year": N_("year"),
    "staff.fte": N_("full-time equivalents"),
    "staff.note": N_("note"),
    "indicators.name": N_("name"),
    "indicators.unit": N_("unit"),
    "indicators.year": N_("year"),
    "indicators.baseline": N_("baseline"),
    "indicators.target": N_("target"),
    "indicators.actual": N_("actual"),
    "links.title": N_("link text"),
    "links.url": N_("address"),
}


def label(key: str) -> str:
    """The label of ``key`` (dotted for nested keys) in integ's language; the key itself
    where it has none."""
    return _(LABELS[key]) if key in LABELS else key
