"""The spreadsheet layout shared by ``integ export``, ``integ template`` and ``integ import``.

The layout is derived from the measure schema, so a new key in the schema becomes a
new column without a code change:

* sheet **Maßnahmen**: one row per measure; one column per scalar key, per list of
  ids (joined with ``", "``) and per key of a nested mapping (``decision.body``);
* one sheet per list of mappings (**Budget**, **Indikatoren**, **Stellen**, **Links**): one row
  per item, keyed by the measure's id in the first column, in the list's order;
* one sheet per list of mappings inside a decision (**Beratungsfolge**, see :data:`NESTED`):
  one row per item, keyed by the measure's id and the decision's number, in the list's order;
* **Anleitung** (instructions) and a hidden **Listen** sheet with the values the
  drop-downs offer (written by :mod:`integ_cli.spreadsheet.write`).

Every header reads "German label (property name)", e.g. "Titel (title)"; the import
maps columns by the name in parentheses, so labels may change and columns may move.
Nothing here imports openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from integ_cli.checking.schema import resolve
from integ_cli.codelists import Codelist, Codelists
from integ_cli.i18n import N_, _, current
from integ_cli.patterns import ID_PATTERN, PARTIAL_DATE_PATTERN

MEASURES_SHEET = "Maßnahmen"
GUIDE_SHEET = "Anleitung"
LISTS_SHEET = "Listen"
#: The column that names the measure (on every sheet).
ID = "id"
#: Keys integ manages itself; they get no column.
SKIPPED = frozenset({"schema_version"})
#: Keys shown for information but never read back: integ sets ``updated`` itself, so
#: an older workbook cannot turn the date of a later change back.
READ_ONLY = frozenset({"updated"})

#: German sheet names for lists of mappings; other lists are named by their key.
SHEET_NAMES = {
    "budget": "Budget",
    "indicators": "Indikatoren",
    "milestones": "Meilensteine",
    "updates": "Sachstände",
    "decisions": "Beschlüsse",
    "consultation": "Beratungsfolge",
    "links": "Links",
    "staff": "Stellen",
}

#: Lists of mappings inside a decision, with the keys that hold the decisions: the
#: list of them and the one mapping (a measure has one or the other). Each gets a sheet
#: of its own whose rows name the decision by its number (:data:`DECISION_NUMBER`): its place
#: among the measure's decisions, 1 for the one ``decision``. A column in the sheet of
#: the decisions could only hold the list as one opaque text.
NESTED = {"consultation": ("decisions", "decision")}
#: The column of a nested sheet that names the decision (1 = the first).
DECISION_NUMBER = "decision"

#: German column labels by property name (items of a list as ``budget.year``).
#: A property without a label shows its name.
LABELS = {
    "id": "Maßnahme-ID",
    "title": "Titel",
    "summary": "Kurzbeschreibung",
    "goal": "Ziel",
    "field": "Handlungsfeld",
    "also_fields": "Weitere Handlungsfelder",
    "target_groups": "Zielgruppen",
    "lead": "Federführung",
    "partners": "Kooperationspartner",
    "districts": "Stadtbezirke",
    "status": "Status",
    "horizon": "Zeithorizont",
    "start": "Beginn",
    "end": "Ende",
    "decision.body": "Beschluss: Gremium",
    "decision.date": "Beschluss: Datum",
    "decision.paper": "Beschluss: Vorlage-Nr.",
    "decision.outcome": "Beschluss: Ergebnis",
    "decisions.body": "Gremium",
    "decisions.date": "Datum",
    "decisions.paper": "Vorlage-Nr.",
    "decisions.outcome": "Ergebnis",
    "consultation.decision": "Beschluss Nr.",
    "consultation.body": "Gremium",
    "consultation.date": "Datum",
    "consultation.outcome": "Ergebnis",
    "milestones.title": "Meilenstein",
    "milestones.due": "Fällig",
    "milestones.done": "Erledigt am",
    "milestones.note": "Bemerkung",
    "updates.date": "Datum",
    "updates.status": "Status",
    "updates.note": "Sachstand",
    "supersedes": "Ersetzt Maßnahme",
    "superseded_by": "Ersetzt durch",
    "visibility": "Sichtbarkeit",
    "tags": "Schlagworte",
    "updated": "Geändert am",
    "notes": "Bemerkungen",
    "illustrative": "Beispiel",
    "budget.year": "Jahr",
    "budget.planned": "Ansatz EUR",
    "budget.revised": "Fortgeschr. Ansatz EUR",
    "budget.spent": "Ist EUR",
    "budget.source": "Mittelherkunft",
    "budget.note": "Bemerkung",
    "budget.amount_unknown": "Betrag unbekannt, weil",
    "budget.programme": "Förderprogramm",
    "budget.co_funding_share": "Förderquote (0 bis 1)",
    "budget.funding_status": "Förderstand",
    "staff.year": "Jahr",
    "staff.fte": "Stellen (VZÄ)",
    "staff.note": "Bemerkung",
    "indicators.name": "Kennzahl",
    "indicators.unit": "Einheit",
    "indicators.year": "Jahr",
    "indicators.baseline": "Ausgangswert",
    "indicators.target": "Zielwert",
    "indicators.actual": "Istwert",
    "links.title": "Linktext",
    "links.url": "Adresse",
}

#: Codelists of the concept record that a measure repeats, with the paths of the values
#: they govern in a measure (the first: where the measure schema defines the codes). A
#: decision's outcome is written in its German name, as status is.
REPEATED_CODELISTS: dict[str, tuple[tuple[str | int, ...], ...]] = {
    "outcome": (("decisions", 0, "outcome"), ("decision", "outcome"), ("consultation", 0, "outcome")),
}

#: Which vocabulary a key's ids come from (the drop-down lists and the instructions).
VOCABULARIES = {
    "field": "fields",
    "also_fields": "fields",
    "target_groups": "target-groups",
    "lead": "actors",
    "partners": "actors",
    "districts": "districts",
    "supersedes": "measures",
    "superseded_by": "measures",
}

#: Kinds of cell: how a value is written and read back.
TEXT, ID_KIND, DATE, ENUM, INTEGER, NUMBER, BOOLEAN, LIST = (
    "text",
    "id",
    "date",
    "enum",
    "integer",
    "number",
    "boolean",
    "list",
)
#: Kinds written as text cells (number format "@"), so Excel never turns them into numbers or dates.
TEXT_KINDS = frozenset({TEXT, ID_KIND, DATE, ENUM, LIST})

#: How a property refers to a top-level property of the same schema.
PROPERTY_REF = "#/properties/"
#: The schema's definition of an amount in EUR (its cells get a euro number format).
AMOUNT_REF = "#/$defs/amount"
#: Beside a property's English ``description``, the German one the workbook shows.
GERMAN_DESCRIPTION = "x-integ-description-de"

#: The description of a nested sheet's decision number (:data:`DECISION_NUMBER`).
NUMBER_DESCRIPTION = N_(
    "The decision the row belongs to, by its number: 1 for the measure's first row on the sheet 'Beschlüsse' "
    "(or for its one decision on the sheet 'Maßnahmen'), 2 for the second, and so on."
)

_HEADER = re.compile(r"\(\s*([A-Za-z0-9_.]+)\s*\)\s*$")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: where its value lives in a record (or list item) and how it is typed."""

    #: Path inside the record (``("title",)``, ``("decision", "body")``) or the list item (``("year",)``).
    key: tuple[str, ...]
    label: str
    kind: str
    required: bool = False
    #: Allowed values of an ``enum``.
    choices: tuple[str, ...] = ()
    #: The vocabulary the ids come from (``fields``, ``target-groups``, ...), if any.
    vocabulary: str | None = None
    description: str = ""
    #: The codelist of an ``enum`` (its names offered in the drop-down and read back).
    codelist: Codelist | None = None
    #: An amount in EUR (shown with a euro number format).
    amount: bool = False

    @property
    def name(self) -> str:
        return ".".join(self.key)

    @property
    def header(self) -> str:
        return f"{self.label} ({self.name})"

    @property
    def drop_down(self) -> bool:
        """A single value from a closed list: Excel offers a drop-down."""
        return self.kind == ENUM or (self.kind == ID_KIND and self.vocabulary not in (None, "measures"))


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of the workbook; ``list_key`` is the record's list a sub-sheet holds,
    ``parents`` the keys of the decisions it lies in where it is nested (:data:`NESTED`)."""

    title: str
    columns: tuple[Column, ...]
    list_key: str | None = None
    parents: tuple[str, ...] = ()
    #: Columns an older layout had here, by name, with the sheet that holds them now:
    #: an older workbook still imports (cells left empty there), and a filled cell is
    #: told where its values go.
    moved: Mapping[str, str] = field(default_factory=dict, compare=False)
    #: The columns by name (made from ``columns``): every cell read looks its column up.
    by_name: Mapping[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    def column(self, name: str) -> Column | None:
        return self.by_name.get(name)


@dataclass(frozen=True, slots=True)
class Layout:
    """All data sheets: the measures sheet first, then one per list of mappings."""

    sheets: tuple[Sheet, ...]

    @property
    def measures(self) -> Sheet:
        return self.sheets[0]

    @property
    def lists(self) -> tuple[Sheet, ...]:
        return self.sheets[1:]

    def sheet(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None)

    def for_list(self, list_key: str) -> Sheet | None:
        return next((s for s in self.lists if s.list_key == list_key), None)


def _kind(node: dict[str, Any]) -> str:
    if "enum" in node:
        return ENUM
    kind = node.get("type")
    if kind in ("integer", "number", "boolean"):
        return str(kind)
    if node.get("format") == "date" or node.get("pattern") == PARTIAL_DATE_PATTERN:
        return DATE
    if node.get("pattern") == ID_PATTERN:
        return ID_KIND
    return TEXT


def _description(node: Any, resolved: dict[str, Any]) -> str:
    """The column's description in the language of the process: the schema's German
    one (``x-integ-description-de``) for German where it gives one, else its English."""
    for source in (node if isinstance(node, dict) else {}, resolved):
        if current() == "de" and source.get(GERMAN_DESCRIPTION):
            return str(source[GERMAN_DESCRIPTION])
        if source.get("description"):
            return str(source["description"])
    return ""


def _referenced(schema: dict[str, Any], node: Any) -> tuple[Any, str | None]:
    """The top-level property a node refers to (``{"$ref": "#/properties/status"}``: a
    status update's status is a measure's status), with its name; else ``node`` and None.
    (:func:`resolve` follows only ``$defs``.)"""
    ref = node.get("$ref") if isinstance(node, dict) else None
    if isinstance(ref, str) and ref.startswith(PROPERTY_REF):
        name = ref.removeprefix(PROPERTY_REF)
        target = schema.get("properties", {}).get(name)
        if isinstance(target, dict):
            return target, name
    return node, None


def _column(
    schema: dict[str, Any],
    key: tuple[str, ...],
    label_key: str,
    node: Any,
    required: bool,
    known: Mapping[tuple[str | int, ...], Codelist] | None = None,
    path: tuple[str | int, ...] = (),
) -> Column:
    """The column of the value at ``path`` of a record; its codelist is the one ``known``
    at that path, or the one of the property it refers to."""
    target, shared = _referenced(schema, node)
    resolved = resolve(schema, target)
    kind = LIST if resolved.get("type") == "array" else _kind(resolved)
    item = resolve(schema, resolved.get("items", {})) if kind == LIST else resolved
    known = known or {}
    codelist = known.get(path) or (known.get((shared,)) if shared else None)
    return Column(
        key,
        LABELS.get(label_key, label_key),
        kind,
        required,
        tuple(str(v) for v in item.get("enum", [])),
        VOCABULARIES.get(label_key),
        _description(node, resolved),
        codelist if kind == ENUM else None,
        isinstance(node, dict) and node.get("$ref") == AMOUNT_REF,
    )


def _codelists(schema: dict[str, Any]) -> dict[tuple[str | int, ...], Codelist]:
    """The measure schema's codelists by the path of the value they govern, named as
    :mod:`integ_cli.codelists` names them (the shipped schema helping out)."""
    from integ_cli import codelists
    from integ_cli.checking.schema import PACKAGED, schema_for

    kind = "measure"
    shipped = schema_for(PACKAGED / f"{kind}.schema.json")
    lists: Codelists = codelists.from_schemas({kind: schema}, {kind: shipped})
    found = {path: lists[key] for key, (owner, path) in codelists.LOCATIONS.items() if owner == kind}
    for key, paths in REPEATED_CODELISTS.items():
        codelist = codelists.defined_at(key, schema, shipped, paths[0])
        found.update(dict.fromkeys(paths, codelist))
    return found


def _items_of(schema: dict[str, Any], node: Any) -> dict[str, Any] | None:
    """The item schema of a list of mappings; None for anything else."""
    resolved = resolve(schema, node)
    item = resolve(schema, resolved.get("items", {})) if resolved.get("type") == "array" else {}
    return item if item.get("type") == "object" else None


def layout_for(schema: dict[str, Any]) -> Layout:
    """The workbook layout the measure schema describes."""
    top = resolve(schema, schema)
    required = set(top.get("required", []))
    known = _codelists(schema)
    main: list[Column] = []
    lists: list[Sheet] = []
    nested: dict[str, dict[str, Any]] = {}  # the item schema of each nested list met
    main_moved: dict[str, str] = {}
    id_column = _column(schema, (ID,), ID, top.get("properties", {}).get(ID, {}), True)
    for key, node in top.get("properties", {}).items():
        if key in SKIPPED:
            continue
        resolved = resolve(schema, node)
        item = _items_of(schema, node)
        if item is not None:
            item_required = set(item.get("required", []))
            columns = [id_column]
            moved: dict[str, str] = {}
            for name, sub in item.get("properties", {}).items():
                if key in NESTED.get(name, ()) and (inner := _items_of(schema, sub)) is not None:
                    nested.setdefault(name, inner)
                    moved[name] = SHEET_NAMES.get(name, name)
                    continue
                columns.append(
                    _column(schema, (name,), f"{key}.{name}", sub, name in item_required, known, (key, 0, name))
                )
            lists.append(Sheet(SHEET_NAMES.get(key, key), tuple(columns), key, moved=moved))
        elif resolved.get("type") == "object":  # its keys are required only where it is given at all
            for name, sub in resolved.get("properties", {}).items():
                if key in NESTED.get(name, ()) and (inner := _items_of(schema, sub)) is not None:
                    nested.setdefault(name, inner)
                    main_moved[f"{key}.{name}"] = SHEET_NAMES.get(name, name)
                    continue
                main.append(_column(schema, (key, name), f"{key}.{name}", sub, False, known, (key, name)))
        else:
            main.append(_column(schema, (key,), key, node, key in required, known, (key,)))
    for key, item in nested.items():
        item_required = set(item.get("required", []))
        label = LABELS.get(f"{key}.{DECISION_NUMBER}", DECISION_NUMBER)
        number = Column((DECISION_NUMBER,), label, INTEGER, True, description=_(NUMBER_DESCRIPTION))
        columns = [id_column, number] + [
            _column(schema, (name,), f"{key}.{name}", sub, name in item_required, known, (key, 0, name))
            for name, sub in item.get("properties", {}).items()
        ]
        after = next((i + 1 for i, s in enumerate(lists) if s.list_key == NESTED[key][0]), len(lists))
        lists.insert(after, Sheet(SHEET_NAMES.get(key, key), tuple(columns), key, NESTED[key]))
    return Layout((Sheet(MEASURES_SHEET, tuple(main), moved=main_moved), *lists))


def column_name(header: Any) -> str | None:
    """The property name in a header cell ("Titel (title)" → "title"), or None."""
    if not isinstance(header, str):
        return None
    match = _HEADER.search(header)
    return match.group(1) if match else None


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA" (without openpyxl, for messages about CSV too)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def split_list(text: str) -> list[str]:
    """A list cell's items: separated by commas, semicolons or line breaks."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def join_list(values: list[Any]) -> str:
    return ", ".join(map(str, values))


def holders(data: Any, parents: tuple[str, ...]) -> list[list[str | int]]:
    """The paths of the decisions in ``data`` that a nested list lies in (see :data:`NESTED`),
    in the order its sheet numbers them from 1: the items of the list ``parents[0]``, else
    the one mapping ``parents[1]``."""
    if not isinstance(data, Mapping) or len(parents) != 2:
        return []
    many, one = parents
    items = data.get(many)
    if isinstance(items, list) and items:
        return [[many, index] for index in range(len(items))]
    return [[one]] if isinstance(data.get(one), Mapping) else []
