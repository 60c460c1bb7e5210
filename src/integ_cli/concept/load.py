"""Reading ``data/concept.yaml``: the safe loader, the concept schema, and the rules the
schema cannot express (dates that exist, papers and editions named once, references
to decisions, actors and action fields), all as Problems with file and line.

The file is checked the way :mod:`integ_cli.checking` checks every record (the same
:func:`~integ_cli.checking.record.check_record`, the repository's own schema where it
has one), so ``integ validate`` can report it like any other file. A repository
without the file has no concept record; that is no problem here (older repositories
and new ones from ``integ init`` lack it), the caller decides what it needs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integ_cli.checking.record import check_record
from integ_cli.checking.schema import schema_file, schema_for, validator
from integ_cli.concept.model import Concept, PartialDate, concept_from
from integ_cli.files.atomic import OutsideData, contained_target
from integ_cli.files.loading import Document, locate
from integ_cli.files.repository import CONCEPT_FILE, RecordFile, scan
from integ_cli.files.vocabularies import read_entries
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity, format_path
from integ_cli.suggest import did_you_mean

#: Its record kind: ``schemas/concept.schema.json`` governs it.
KIND = "concept"


@dataclass(slots=True)
class Loaded:
    """The concept record as far as it is valid (``None`` where the file is missing or
    has errors), and everything wrong with it."""

    concept: Concept | None
    problems: list[Problem] = field(default_factory=list)
    #: Whether the repository has the file at all.
    present: bool = True
    #: The file, relative to the root (where problems are shown, they name it).
    rel: str = CONCEPT_FILE

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


def concept_record(root: Path) -> RecordFile:
    """The concept file of the repository at ``root``."""
    return RecordFile(root / CONCEPT_FILE, CONCEPT_FILE, KIND)


def known_ids(root: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The action field ids and actor ids of the repository, as the concept's
    references are checked against them (without checking those files)."""
    layout = scan(root)
    actors = layout.vocabularies.get("actors")
    return (
        frozenset(record.stem for record in layout.fields),
        frozenset(read_entries(actors.path)) if actors is not None else frozenset(),
    )


def load_concept(
    root: Path,
    *,
    fields: Collection[str] | None = None,
    actors: Collection[str] | None = None,
    raw: bytes | None = None,
) -> Loaded:
    """Read and check the concept record of the repository at ``root``.

    ``fields`` and ``actors`` are the known ids its references are checked against
    (not checked where ``None``); ``raw`` checks content that is not (yet) on disk."""
    record = concept_record(root)
    if raw is None:
        if not record.path.exists() and not record.path.is_symlink():
            return Loaded(None, present=False)
        try:
            contained_target(root, record.path)
        except OutsideData:
            message = _("this is a link to a file outside the repository; integ reads only files inside it")
            return Loaded(None, [Problem(record.rel, None, None, "", "outside-repository", message)])
    path = schema_file(root, KIND)
    document, problems = check_record(record, validator(path), schema_for(path), None, raw=raw)
    if document is None or any(p.severity is Severity.ERROR for p in problems):
        return Loaded(None, sorted(problems, key=Problem.sort_key))
    rules = _Rules(record.rel, document)
    problems += rules.check(fields, actors)
    concept = None if any(p.severity is Severity.ERROR for p in problems) else concept_from(document.data)
    return Loaded(concept, sorted(problems, key=Problem.sort_key))


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of the list ``key`` (the schema has made them mappings)."""
    yield from enumerate(data.get(key) or [])


class _Rules:
    """The rules the concept schema cannot express, on one valid document."""

    def __init__(self, file: str, document: Document) -> None:
        self.file = file
        self.document = document
        self.problems: list[Problem] = []

    def add(self, path: list[str | int], code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        line, column = locate(self.document.root, path)
        self.problems.append(Problem(self.file, line, column, format_path(path), code, message, severity))

    def check(self, fields: Collection[str] | None, actors: Collection[str] | None) -> list[Problem]:
        data = self.document.data
        self.dates()
        papers = self.decisions()
        self.editions(papers, fields)
        unit = data.get("unit")
        if actors is not None and isinstance(unit, str) and unit not in actors:
            hint = did_you_mean(unit, actors) or _("; add it to data/actors.yaml first")
            self.add(["unit"], "unknown-actor", _("unknown actor '{actor}'{hint}").format(actor=unit, hint=hint))
        return self.problems

    def date(self, path: list[str | int], value: Any) -> PartialDate | None:
        if not isinstance(value, str):
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            self.add(path, "not-a-date", str(error))
            return None

    def dates(self) -> None:
        """Every date exists; a committee's consultation does not follow the decision."""
        data = self.document.data
        for index, decision in _items(data, "decisions"):
            decided = self.date(["decisions", index, "date"], decision.get("date"))
            for number, step in enumerate(decision.get("consultation") or []):
                where: list[str | int] = ["decisions", index, "consultation", number, "date"]
                met = self.date(where, step.get("date"))
                if decided is not None and met is not None and decided.before(met):
                    message = _("the consultation ({met}) comes after the decision ({decided}); check both dates")
                    self.add(where, "consultation-after-decision", message.format(met=met, decided=decided))
        for index, edition in _items(data, "editions"):
            self.date(["editions", index, "date"], edition.get("date"))

    def decisions(self) -> set[str]:
        """Each paper is named once; returns the papers."""
        seen: dict[str, int] = {}
        for index, decision in _items(self.document.data, "decisions"):
            paper = decision.get("paper")
            if not isinstance(paper, str):
                continue
            if paper in seen:
                message = _("the paper '{paper}' is listed twice (also in decision {other}); keep one")
                self.add(
                    ["decisions", index, "paper"], "duplicate-paper", message.format(paper=paper, other=seen[paper] + 1)
                )
            seen.setdefault(paper, index)
        return set(seen)

    def editions(self, papers: set[str], fields: Collection[str] | None) -> None:
        """Names and tags once each; decisions listed; fields known; themes within the fields."""
        names: dict[str, int] = {}
        tags: dict[str, int] = {}
        for index, edition in _items(self.document.data, "editions"):
            name, tag, paper = str(edition["name"]), edition.get("tag"), edition.get("decision")
            if name in names:
                message = _("an edition called '{name}' is listed already (edition {other}); name each once")
                self.add(
                    ["editions", index, "name"], "duplicate-edition", message.format(name=name, other=names[name] + 1)
                )
            names.setdefault(name, index)
            if isinstance(tag, str) and tag in tags:
                message = _("the tag '{tag}' freezes edition {other} already; each edition has its own")
                self.add(["editions", index, "tag"], "duplicate-tag", message.format(tag=tag, other=tags[tag] + 1))
            if isinstance(tag, str):
                tags.setdefault(tag, index)
            if isinstance(paper, str) and paper not in papers:
                hint = did_you_mean(paper, papers) or _("; list the decision under 'decisions' with this paper number")
                message = _("no decision on the paper '{paper}'{hint}").format(paper=paper, hint=hint)
                self.add(["editions", index, "decision"], "unknown-decision", message)
            own = edition.get("fields") or []
            if fields is not None:
                for number, field_id in enumerate(own):
                    if field_id not in fields:
                        message = _("the action field '{field}' is not in data/fields/ (renamed or removed since?)")
                        self.add(
                            ["editions", index, "fields", number],
                            "unknown-field",
                            message.format(field=field_id),
                            Severity.WARNING,
                        )
            for number, theme in enumerate(edition.get("themes") or []):
                for place, field_id in enumerate(theme["fields"]):
                    if field_id not in own:
                        message = _(
                            "the theme names the action field '{field}', which the edition's fields do not list"
                        )
                        self.add(
                            ["editions", index, "themes", number, "fields", place],
                            "theme-field",
                            message.format(field=field_id),
                        )


def is_illustrative(root: Path) -> bool:
    """Whether the concept record of the repository at ``root`` marks its data as invented
    examples: reports, ``show`` and exports then say so."""
    concept = load_concept(root).concept
    return concept is not None and concept.illustrative


def report_title(root: Path) -> str | None:
    """The title reports give the repository at ``root``: its concept's, where it has
    a valid concept record (``None`` otherwise: the report keeps its general title)."""
    concept = load_concept(root).concept
    return _("Report: {title}").format(title=concept.title) if concept is not None else None
