"""Editions of the concept: listing them, and making a new one.

A new edition is three things at once, so that none exists without the others:

1. an entry under ``editions`` in ``data/concept.yaml``, added with the round trip
   that keeps the file's comments and style (:mod:`integ_cli.authoring.roundtrip`),
   checked like ``integ validate`` checks the file, and written atomically;
2. a commit of that file alone;
3. an annotated git tag on that commit, which the entry names (``tag``): the tag
   freezes the state of the whole catalogue as the edition has it, so
   ``git checkout``, ``integ diff`` and ``integ changelog`` can go back to it.

An edition freezes a state that is valid and committed, so the command refuses a
repository with errors, and one whose ``data/`` or ``schemas/`` have changes not
committed yet (the tag would not hold them). It also refuses a name or tag that is
taken. Nothing is printed here: the results carry Problems for the command to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from integ_cli.concept.load import CONCEPT_FILE, KIND, Loaded, concept_record, load_concept
from integ_cli.concept.model import EDITION_NAME, Concept, Edition, PartialDate
from integ_cli.errors import DataError, UsageError
from integ_cli.history import git
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity
from integ_cli.suggest import did_you_mean

#: A new edition's tag is this prefix and its name: ``edition-2018``.
TAG_PREFIX = "edition-"
#: What must be committed before an edition freezes it (relative to the root).
FROZEN = ("data", "schemas")


@dataclass(frozen=True, slots=True)
class Listed:
    """An edition as ``integ edition list`` shows it: ``tag_found`` tells whether its
    tag is in the git repository (``None``: no tag recorded, or no git to ask)."""

    edition: Edition
    tag_found: bool | None


def list_editions(root: Path) -> tuple[Loaded, list[Listed]]:
    """The concept record of ``root`` and its editions by date, each with whether its
    tag exists (asked only where the repository is in git)."""
    loaded = load_concept(root)
    if loaded.concept is None:
        return loaded, []
    try:
        repo: git.GitRepo | None = git.open_repo(root)
    except git.GitError:
        repo = None
    listed = [
        Listed(edition, None if edition.tag is None or repo is None else git.tag_exists(repo, edition.tag))
        for edition in loaded.concept.chronological()
    ]
    return loaded, listed


def revision_of(root: Path, text: str) -> str:
    """The git revision ``text`` stands for: the tag of the edition so named in the
    concept record, else ``text`` itself (a commit, branch or tag), for commands that
    take "a revision or an edition" (``integ report --at``, ``integ changelog --edition``).
    An edition without a tag (one older than the repository) is a GitError."""
    concept = load_concept(root).concept
    edition = concept.edition(text) if concept is not None else None
    if edition is None:
        return text
    if edition.tag is None:
        raise git.GitError(
            _("the edition '{name}' has no git tag: its state is not in this repository's history").format(name=text)
        )
    return edition.tag


def tag_for(name: str) -> str:
    """The git tag of the new edition ``name``."""
    return TAG_PREFIX + name


def check_name(name: str) -> str:
    """``name`` if it can name an edition (and so a git tag), else a UsageError."""
    if not EDITION_NAME.fullmatch(name) or name.endswith(".lock") or len(name) > 40:
        raise UsageError(
            _(
                "'{name}' cannot name an edition: use letters, digits and single '.', '-' or '_' "
                "between them (at most 40), e.g. 2018 or 2-fortschreibung"
            ).format(name=name)
        )
    return name


@dataclass(slots=True)
class NewEdition:
    """What ``integ edition new`` did, or found in its way."""

    edition: Edition
    rel: str = CONCEPT_FILE
    #: The concept file's content before and after (after: what is, or would be, written).
    before: str = ""
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    commit: git.Commit | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def tag(self) -> str:
        return self.edition.tag or ""


def _problem(code: str, message: str, file: str = CONCEPT_FILE) -> Problem:
    return Problem(file, None, None, "", code, message)


def _catalogue_fields(root: Path, result: NewEdition) -> tuple[list[str], set[str]]:
    """The action field ids in their order and the actor ids; every error of the
    repository becomes one of ``result``'s problems (an edition freezes a valid state)."""
    from integ_cli.checking.catalogue import load_catalogue

    catalogue = load_catalogue(root)
    result.problems += [p for p in catalogue.problems if p.severity is Severity.ERROR]
    ordered = sorted(catalogue.fields.values(), key=lambda f: (f.get("order", 0), f["id"]))
    return [f["id"] for f in ordered], set(catalogue.vocabularies.get("actors", {}))


def _entry_text(before: str, edition: Edition, order: Sequence[str]) -> str:
    """The concept file with ``edition`` appended to its editions, comments kept."""
    from integ_cli.authoring import roundtrip

    document = roundtrip.RoundTrip(before)
    data = document.data
    if data.get("editions"):
        items = data["editions"]
        roundtrip.insert_item(items, len(items), roundtrip.node(edition.as_dict(), fold=True, indent=4))
    else:
        roundtrip.set_key(data, "editions", roundtrip.node([edition.as_dict()], fold=True, indent=2), order)
    return document.dump()


def new_edition(
    root: Path,
    name: str,
    date: PartialDate,
    *,
    decision: str | None = None,
    fields: Sequence[str] | None = None,
    dry_run: bool = False,
) -> NewEdition:
    """Record the edition ``name`` in the concept file, commit the file and tag the
    commit (see the module docstring). GitError where git cannot do its part."""
    from integ_cli.checking.schema import schema_file, schema_for
    from integ_cli.files.atomic import write_atomic

    check_name(name)
    repo = git.open_repo(root)
    git.resolve(repo, "HEAD")  # a clear error for a repository without commits
    result = NewEdition(Edition(name, date, decision=decision, tag=tag_for(name)))
    record = concept_record(root)
    if not record.path.is_file():
        raise DataError(
            _("the repository has no {file}; write it first (its schema: integ schema concept)").format(file=record.rel)
        )
    known_fields, actors = _catalogue_fields(root, result)
    loaded = load_concept(root, fields=known_fields, actors=actors)
    result.problems += loaded.problems
    if loaded.concept is None:
        return result
    chosen = list(fields) if fields else known_fields
    for field_id in chosen:
        if field_id not in known_fields:
            hint = did_you_mean(field_id, known_fields) or _("; known: {ids}").format(ids=", ".join(known_fields))
            result.problems.append(
                _problem("unknown-field", _("unknown action field '{field}'{hint}").format(field=field_id, hint=hint))
            )
    result.edition = Edition(name, date, decision=decision, fields=tuple(chosen), tag=tag_for(name))
    result.problems += _taken(loaded.concept, repo, name)
    papers = [d.paper for d in loaded.concept.decisions if d.paper is not None]
    if decision is not None and decision not in papers:
        hint = did_you_mean(decision, papers) or _("; list the decision under 'decisions' first")
        message = _("no decision on the paper '{paper}'{hint}").format(paper=decision, hint=hint)
        result.problems.append(_problem("unknown-decision", message))
    result.problems += [
        _problem("uncommitted-change", _("not committed; commit it first: an edition tags the committed state"), rel)
        for rel in git.changed_files(repo, FROZEN)
    ]
    if not result.ok:
        return result
    result.before = record.path.read_bytes().decode("utf-8")
    order = list(schema_for(schema_file(root, KIND))["properties"])
    result.text = _entry_text(result.before, result.edition, order)
    checked = load_concept(root, fields=known_fields, actors=actors, raw=result.text.encode("utf-8"))
    result.problems += [p for p in checked.problems if p.severity is Severity.ERROR]
    if not result.ok or dry_run:
        return result
    write_atomic(root, record.path, result.text.encode("utf-8"))
    message = _("Edition {name} of the concept ({date})").format(name=name, date=date)
    try:
        result.commit = git.commit_paths(repo, [CONCEPT_FILE], message)
    except git.GitError:
        write_atomic(root, record.path, result.before.encode("utf-8"))  # nothing half done
        raise
    git.create_tag(repo, result.tag, message, result.commit)
    return result


def _taken(concept: Concept, repo: git.GitRepo, name: str) -> list[Problem]:
    """The edition's name or tag is used already."""
    problems = []
    if concept.edition(name) is not None:
        message = _("the concept has an edition called '{name}' already; choose another name")
        problems.append(_problem("edition-exists", message.format(name=name)))
    if git.tag_exists(repo, tag_for(name)):
        message = _("the git tag '{tag}' exists already; choose another name for the edition")
        problems.append(_problem("tag-exists", message.format(tag=tag_for(name))))
    return problems
