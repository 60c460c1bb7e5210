"""Snapshots: the record files of one state of the data, a git revision or the
working tree, as :mod:`integ_cli.history.compare` compares them.

A snapshot at a commit starts with the files' git blob ids only and reads contents on
demand, so comparing two states reads only the files whose ids differ.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integ_cli.history import git
from integ_cli.history.git import Commit, GitRepo
from integ_cli.i18n import N_, _
from integ_cli.problems import Problem

MEASURES = "data/measures/"
FIELDS = "data/fields/"
#: What a past state of the repository is loaded from (``integ report --at``): every
#: record and the schemas that governed them then.
STATE_FOLDERS = (*git.RECORD_FOLDERS, "schemas")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a commit (with the revision as the user named it) or the working tree."""

    label: str
    commit: Commit | None = None

    def as_dict(self) -> dict[str, Any]:
        commit = self.commit
        return {
            "label": self.label,
            "commit": commit.sha if commit else None,
            "date": commit.date if commit else None,
            "author": commit.author if commit else None,
            "subject": commit.subject if commit else None,
        }


#: The working tree's side; its label is translated where a snapshot of it is taken.
WORKING_TREE = Side(N_("the working tree"))


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A record file that could not be read at one side; it is named, not compared."""

    side: str
    problem: Problem

    def as_dict(self) -> dict[str, Any]:
        return {"side": self.side, **self.problem.as_dict()}


@dataclass(slots=True)
class Snapshot:
    """The record files of one state: path (relative to the data root) -> contents.

    A snapshot at a commit starts with the files' git blob ids only (``ids``) and reads
    contents on demand (:meth:`load`): comparing two states reads only the files whose
    ids differ, so a diff of 10,000 records that changed three reads six files.
    """

    side: Side
    files: dict[str, bytes] = dataclasses.field(default_factory=dict)
    unreadable: list[Unreadable] = dataclasses.field(default_factory=list)
    ids: dict[str, str] = dataclasses.field(default_factory=dict)
    repo: GitRepo | None = None
    #: Symbolic links named like record files: path -> the link's target. Not records
    #: here: in git a link's target may not be committed at all.
    links: dict[str, str] = dataclasses.field(default_factory=dict)

    def paths(self) -> set[str]:
        return self.ids.keys() | self.files.keys()

    def measures(self) -> dict[str, str]:
        """Measure id -> path (ids equal file names)."""
        return {
            path[len(MEASURES) : -len(".yaml")]: path
            for path in self.paths()
            if path.startswith(MEASURES) and "/" not in path[len(MEASURES) :]
        }

    def blob_id(self, path: str, like: str) -> str | None:
        """The git blob id of ``path``, hashed like ``like`` (SHA-1 or SHA-256) where only contents are known."""
        if path in self.ids:
            return self.ids[path]
        raw = self.files.get(path)
        if raw is None:
            return None
        digest = hashlib.sha256 if len(like) == 64 else hashlib.sha1
        return digest(b"blob %d\0" % len(raw) + raw).hexdigest()

    def load(self, paths: Iterable[str]) -> None:
        """Read the contents of ``paths`` that are not read yet, in one git call."""
        wanted = {path: self.ids[path] for path in paths if path not in self.files and path in self.ids}
        if wanted and self.repo is not None:
            blobs = git.read_blobs(self.repo, wanted.values())
            for path, blob in wanted.items():
                self.files[path] = blobs.get(blob) or b""


def side(repo: GitRepo, revision: str) -> Side:
    """The commit ``revision`` names, labelled as the user named it: ``HEAD (1a2b3c4, 2026-03-01)``."""
    commit = git.resolve(repo, revision)
    if commit.sha.startswith(revision):
        return Side(f"{commit.short} ({commit.day})", commit)
    return Side(f"{revision} ({commit.short}, {commit.day})", commit)


def at_revision(repo: GitRepo, where: Side) -> Snapshot:
    """The record files at a commit: listed now, read when compared."""
    assert where.commit is not None
    files, links = git.list_entries(repo, where.commit.sha)
    targets = git.read_blobs(repo, links.values()) if links else {}
    found = {path: (targets.get(blob) or b"").decode("utf-8", "replace") for path, blob in links.items()}
    return Snapshot(where, ids=files, repo=repo, links=found)


def working_tree(root: Path) -> Snapshot:
    """The record files on disk, as ``integ validate`` finds them."""
    from integ_cli.concept.load import concept_record
    from integ_cli.files.loading import LoadProblem
    from integ_cli.files.reading import read_limited
    from integ_cli.files.repository import scan

    layout = scan(root)
    here = Side(_(WORKING_TREE.label))
    snapshot = Snapshot(here)
    concept = concept_record(root)
    others = [concept] if concept.path.is_file() or concept.path.is_symlink() else []
    for record in (*layout.fields, *layout.vocabularies.values(), *others, *layout.measures):
        if record.path.is_symlink():  # as in git, where a link is not a record
            snapshot.links[record.rel] = str(record.path.readlink())
            continue
        try:
            snapshot.files[record.rel] = read_limited(record.path, record.rel)
        except LoadProblem as error:
            snapshot.unreadable.append(Unreadable(here.label, error.problem))
        except OSError as error:
            message = _("cannot read the file: {reason}").format(reason=error.strerror)
            problem = Problem(record.rel, None, None, "", "file-unreadable", message)
            snapshot.unreadable.append(Unreadable(here.label, problem))
    return snapshot


def write_state(repo: GitRepo, where: Side, dest: Path) -> None:
    """Write the records and schemas at ``where``'s commit below ``dest``, laid out as
    in the repository, so the catalogue loads the past state as it loads a working
    tree. Symbolic links are left out, as everywhere in the history."""
    assert where.commit is not None
    files, _links = git.list_entries(repo, where.commit.sha, STATE_FOLDERS, (".yaml", ".json"))
    blobs = git.read_blobs(repo, files.values())
    for path, blob in files.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blobs.get(blob) or b"")


@contextlib.contextmanager
def state_at(root: Path, text: str) -> Iterator[tuple[Path, Side]]:
    """The repository at ``root`` as it was at ``text`` (a revision, or an edition's
    name: :func:`integ_cli.concept.editions.revision_of`), written to a temporary
    folder that lives as long as the ``with`` block; the folder and the side."""
    from integ_cli.concept.editions import revision_of

    repo = git.open_repo(root)
    where = side(repo, revision_of(root, text))
    with tempfile.TemporaryDirectory(prefix="integ-state-") as folder:
        write_state(repo, where, Path(folder))
        yield Path(folder), where


def changed_links(before: Snapshot, after: Snapshot) -> list[Unreadable]:
    """The symbolic links named like record files that differ from ``before`` to
    ``after`` (added, re-pointed, or replaced by a file): links are not compared, so
    each is named, where otherwise a commit adding one would show no change at all."""
    notes: list[Unreadable] = []
    for path in sorted(before.links.keys() | after.links.keys()):
        old, new = before.links.get(path), after.links.get(path)
        if old == new:
            continue
        where, target = (after, new) if new is not None else (before, old)
        message = _("a symbolic link (to '{target}'), not a file: links are left out of the history").format(
            target=target
        )
        notes.append(Unreadable(where.side.label, Problem(path, None, None, "", "symbolic-link", message)))
    return notes
