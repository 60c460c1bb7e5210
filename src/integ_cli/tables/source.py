"""Where a repository's tables come from: the municipality they belong to, and the git
revision they were read at.

The municipality's key is the concept record's (``data/concept.yaml``,
``municipality: {key: ..., name: ...}``). That record is young, so it is read here
defensively, without its schema: a repository without it (or with a key that cannot
name a partition folder) gets the key a caller gives, else its folder's name, and the
:class:`Municipality` says which it was, so the command can tell the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from integ_cli.errors import UsageError
from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.i18n import _

#: The concept record, relative to the repository root.
CONCEPT = "data/concept.yaml"
#: A key that can name a partition folder (``municipality=KEY``) on every file system
#: and in every engine's path syntax.
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True, slots=True)
class Municipality:
    """The city a repository's rows belong to; ``origin`` is where the key was found:
    ``concept`` (data/concept.yaml), ``given`` (an option or the federation file) or
    ``folder`` (the repository folder's name, for want of either)."""

    key: str
    name: str
    origin: str


def key_problem(key: object) -> str:
    """What is wrong with ``key`` as a municipality key, and what to write instead."""
    return _(
        "'{key}' cannot be a municipality key: use letters, digits, '.', '_' or '-' "
        "(at most 64, starting with a letter or digit), e.g. 05334002"
    ).format(key=key)


def check_key(key: str) -> str:
    """``key`` if it can name a partition; a UsageError saying what may be written otherwise."""
    if not KEY.fullmatch(key):
        raise UsageError(key_problem(key))
    return key


def concept_municipality(root: Path) -> tuple[str, str] | None:
    """``(key, name)`` from ``data/concept.yaml`` where it holds a usable key; else ``None``.
    Never fails: ``integ validate`` is where that file's problems are told."""
    try:
        with (root / CONCEPT).open("rb") as handle:
            return concept_key(handle.read(MAX_FILE_BYTES + 1))
    except OSError:
        return None


def concept_key(raw: bytes) -> tuple[str, str] | None:
    """``(key, name)`` from the text of a concept record (see :func:`concept_municipality`)."""
    try:
        document = load_document(raw, CONCEPT)
    except LoadProblem:
        return None
    data = document.data if document is not None else None
    found = data.get("municipality") if isinstance(data, dict) else None
    key = found.get("official_key") if isinstance(found, dict) else None
    if isinstance(key, int) and not isinstance(key, bool):
        key = str(key)
    if not isinstance(key, str) or not KEY.fullmatch(key):
        return None
    name = found.get("name") if isinstance(found, dict) else None
    return key, name if isinstance(name, str) else key


def _folder_key(root: Path) -> str:
    """The folder's name, made fit for a partition (other characters become ``-``)."""
    key = re.sub(r"[^A-Za-z0-9._-]+", "-", root.resolve().name).strip("-._")[:64]
    return key or "city"


def municipality(root: Path, given: str | None = None, name: str | None = None) -> Municipality:
    """The municipality of the repository at ``root``: ``given`` (checked) first, then
    the concept record's, then the folder's name."""
    if given is not None:
        return Municipality(check_key(given), name or given, "given")
    found = concept_municipality(root)
    if found is not None:
        return Municipality(found[0], name or found[1], "concept")
    key = _folder_key(root)
    return Municipality(key, name or key, "folder")


def revision(root: Path) -> str | None:
    """The commit the repository's work tree is at (its records may have changed since),
    or ``None`` outside git, in a repository without commits, or without git."""
    from integ_cli.history import git

    try:
        return git.resolve(git.open_repo(root), "HEAD").sha
    except git.GitError:
        return None
