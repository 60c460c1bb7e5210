"""The tables integ writes for other tools, and every column: name, type, meaning.

This is the one definition: the rows (:mod:`integ_cli.tables.rows`) are built in this
column order, the writers (:mod:`integ_cli.tables.write`) take the Parquet and DuckDB
types from it, ``integ tables --describe`` lists it, and ``docs/analytics.md`` documents
it (a test keeps the two in step).

Every table starts with ``municipality`` (the city's key) and ``revision`` (the git
commit the records were read from; empty outside git), so the tables of many cities
can be stacked and still tell where each row came from. In Parquet, ``municipality`` is
the partition (``TABLE/municipality=KEY/part-0.parquet``, as Spark, Trino, BigQuery and
DuckDB read partitions) and so is not repeated inside the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from integ_cli.i18n import N_

#: Column types: how a value is kept in Python, JSON Lines and Parquet.
#: ``decimal`` amounts are euros with two places (Parquet ``decimal(14,2)``, a number in JSON).
TYPES = ("string", "integer", "decimal", "double", "boolean", "date")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its type (one of :data:`TYPES`), what it holds (English, marked)."""

    name: str
    type: str
    description: str


#: The partition column: it names the city every row belongs to.
MUNICIPALITY = "municipality"
#: Columns every table starts with.
COMMON = (
    Column(MUNICIPALITY, "string", N_("Key of the municipality (e.g. its official municipality key)")),
    Column("revision", "string", N_("Git commit the records were read from; empty outside git")),
)


def _table(*columns: Column) -> tuple[Column, ...]:
    return (*COMMON, *columns)


def _c(name: str, kind: str, description: str) -> Column:
    return Column(name, kind, description)


_MEASURE_ID = _c("measure_id", "string", N_("Id of the measure the row belongs to"))
_LINE = _c("line", "integer", N_("Position of the entry in the measure's list, from 1"))
_ID = _c("id", "string", N_("Id of the entry"))
_NAME = _c("name", "string", N_("Name of the entry"))
_DESCRIPTION = _c("description", "string", N_("Description of the entry"))

#: Every table, in the order they are written and listed.
TABLES: dict[str, tuple[Column, ...]] = {
    "measures": _table(
        _c("id", "string", N_("Id of the measure (its file name)")),
        _c("title", "string", N_("Title")),
        _c("summary", "string", N_("What the measure does")),
        _c("goal", "string", N_("Goal")),
        _c("field", "string", N_("Action field (id in the fields table)")),
        _c("lead", "string", N_("Actor with the lead (id in the actors table)")),
        _c("status", "string", N_("Status code (planned, active, completed, ...)")),
        _c("horizon", "string", N_("Horizon code (short, mid, long)")),
        _c("start", "date", N_("Start date")),
        _c("end", "date", N_("End date")),
        _c("visibility", "string", N_("public or internal")),
        _c("decision_body", "string", N_("Body of the council decision")),
        _c("decision_date", "date", N_("Date of the council decision")),
        _c("decision_paper", "string", N_("Number of the council paper")),
        _c("supersedes", "string", N_("Id of the measure of an earlier edition it carries forward")),
        _c("superseded_by", "string", N_("Id of the measure of a later edition that carries it forward")),
        _c("updated", "date", N_("Date of the last change")),
        _c("illustrative", "boolean", N_("True for an example record")),
        _c("file", "string", N_("File of the measure, relative to the repository")),
    ),
    "budget_lines": _table(
        _MEASURE_ID,
        _LINE,
        _c("year", "integer", N_("Budget year")),
        _c("planned", "decimal", N_("Planned amount (Ansatz), EUR")),
        _c("revised", "decimal", N_("Revised amount (fortgeschriebener Ansatz), EUR; empty where none")),
        _c("spent", "decimal", N_("Amount spent (Ist), EUR; empty where not reported")),
        _c("source", "string", N_("Funding source code (municipal, state, federal, ...)")),
        _c("note", "string", N_("Remark on the budget line")),
        _c("amount_unknown", "string", N_("Why the amount is not known yet; empty where planned is given")),
        _c("programme", "string", N_("Funding programme (e.g. a state or EU programme)")),
        _c("funding_status", "string", N_("Funding status code (planned, applied, approved, rejected)")),
        _c("co_funding_share", "double", N_("Share the programme funds, as a fraction (0.9 is 90 %)")),
    ),
    "indicators": _table(
        _MEASURE_ID,
        _LINE,
        _c("name", "string", N_("What is counted")),
        _c("unit", "string", N_("Unit")),
        _c("year", "integer", N_("Year the values refer to")),
        _c("baseline", "double", N_("Baseline value")),
        _c("target", "double", N_("Target value")),
        _c("actual", "double", N_("Value reached")),
    ),
    "staff": _table(
        _MEASURE_ID,
        _LINE,
        _c("year", "integer", N_("Year of the staff posts")),
        _c("fte", "double", N_("Staff posts (Stellen) in full-time equivalents")),
        _c("note", "string", N_("Remark on the staff posts")),
    ),
    "links": _table(
        _MEASURE_ID,
        _c(
            "relation",
            "string",
            N_("What the measure is linked to: also_field, target_group, partner, district, tag or url"),
        ),
        _c("target", "string", N_("The id linked to (for url: the address)")),
        _c("title", "string", N_("Text shown for a url link")),
    ),
    "fields": _table(
        _ID,
        _NAME,
        _c("short_name", "string", N_("Short name")),
        _c("order", "integer", N_("Position in the concept")),
        _c("prioritised", "boolean", N_("True for a prioritised action field")),
        _DESCRIPTION,
        _c("working_group", "string", N_("Working group that drafted it")),
    ),
    "target_groups": _table(
        _ID,
        _NAME,
        _DESCRIPTION,
        _c("main", "boolean", N_("True for a main target group")),
        _c("parent", "string", N_("Id of the parent entry; empty for a top-level entry")),
    ),
    "actors": _table(
        _ID,
        _NAME,
        _DESCRIPTION,
        _c("kind", "string", N_("Actor kind code")),
        _c("parent", "string", N_("Id of the parent entry; empty for a top-level entry")),
        _c("url", "string", N_("Web address")),
    ),
    "districts": _table(
        _ID,
        _NAME,
        _DESCRIPTION,
        _c("city_wide", "boolean", N_("True for the entry that stands for the whole city")),
    ),
    "ancestors": _table(
        _c("vocabulary", "string", N_("target_groups or actors")),
        _c("id", "string", N_("Id of the entry")),
        _c("ancestor", "string", N_("Id of the entry itself or of one above it")),
        _c("distance", "integer", N_("Steps from the entry up to the ancestor (0: the entry itself)")),
    ),
    "vocabulary_map": _table(
        _c("vocabulary", "string", N_("fields or target_groups")),
        _c("local_id", "string", N_("Id in the city's own vocabulary")),
        _c("id", "string", N_("Id in the shared vocabulary that the tables use")),
    ),
}


def names(table: str) -> tuple[str, ...]:
    """The column names of ``table``, in order."""
    return tuple(column.name for column in TABLES[table])
