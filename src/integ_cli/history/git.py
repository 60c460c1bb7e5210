"""Reading the data's own history from git: revisions, commits, file contents at a revision.

The catalogue is versioned by git, so git is the only source of history integ uses.
Every call goes through :func:`_run`: an argument list (never a shell), ``git -C
root``, ``--end-of-options`` or ``--`` before anything a user typed, and revisions
refused where they could be read as options. Contents at a revision are listed with
one ``git ls-tree`` and read with one ``git cat-file --batch``, so reading 10,000
records costs two processes, not 10,000.

Paths are relative to the data repository's root (which may lie below the git
work tree's top). Everything that goes wrong becomes a :class:`GitError` whose
message is meant for people; the CLI turns it into exit 2.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from integ_cli.errors import UsageError
from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.i18n import _

#: The folders of record files whose history integ reads: the measures, the action
#: fields, and in ``data/`` itself the vocabularies and the concept record.
RECORD_FOLDERS = ("data/measures", "data/fields", "data")
#: Separators for ``git log --format``: unit and record separator never occur in names or subjects.
_UNIT = "\x1f"
_RECORD = "\x1e"


class GitError(UsageError):
    """git cannot answer: not installed, not a repository, an unknown revision (exit 2)."""


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit as ``git log`` gives it: the author's name as recorded, the subject line."""

    sha: str
    date: str  # author date, ISO 8601 with offset
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> str:
        """The author date as YYYY-MM-DD (in the author's own time zone)."""
        return self.date[:10]


@dataclass(frozen=True, slots=True)
class GitRepo:
    """A data repository inside a git work tree: ``prefix`` is the root's path from the top."""

    root: Path
    top: Path
    prefix: str  # "" or "sub/dir/", as git prints it


def _environment() -> dict[str, str]:
    return dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")


def _not_run(error: OSError) -> GitError:
    if isinstance(error, FileNotFoundError):
        return GitError(_("git is not installed (or not on PATH); the history of the data is read from git"))
    return GitError(_("git could not be run: {reason}").format(reason=error))


def _run(root: Path, *args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run ``git -C root ARGS`` and return its result; a missing git is a GitError."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            shell=False,
            check=False,
            env=_environment(),
        )
    except OSError as error:
        raise _not_run(error) from None
    if check and result.returncode != 0:
        raise GitError(_("git {command} failed: {reason}").format(command=args[0], reason=_first_line(result.stderr)))
    return result


def _first_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0].removeprefix("fatal: ") if lines else _("no message")


def open_repo(root: Path) -> GitRepo:
    """The git work tree around the data repository at ``root``, or a GitError saying there is none."""
    result = _run(root, "rev-parse", "--show-toplevel", "--show-prefix", check=False)
    if result.returncode != 0:
        message = _first_line(result.stderr)
        if "not a git repository" in message.lower():
            raise GitError(
                _(
                    "'{folder}' is not in a git repository; the history of the data is read from git "
                    "(start one with 'git init' and commit the data)"
                ).format(folder=root)
            )
        raise GitError(_("git cannot read '{folder}': {reason}").format(folder=root, reason=message))
    lines = result.stdout.decode("utf-8", "surrogateescape").splitlines()
    top = Path(lines[0]) if lines else root
    prefix = lines[1] if len(lines) > 1 else ""
    return GitRepo(root, top, prefix)


def check_revision(revision: str) -> str:
    """``revision`` if it can be given to git as a revision; refuse what git would read as an option."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r") or revision != revision.strip():
        raise GitError(
            _("'{revision}' is not a revision: give a commit, branch or tag, e.g. HEAD~1 or v2026").format(
                revision=revision
            )
        )
    return revision


def resolve(repo: GitRepo, revision: str) -> Commit:
    """The commit ``revision`` names (a tag or branch resolves to its commit)."""
    check_revision(revision)
    target = f"{revision}^{{commit}}"
    result = _run(repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options", target, check=False)
    if result.returncode != 0:
        if revision == "HEAD" and not has_commits(repo):
            raise GitError(_("the git repository has no commits yet; commit the data first"))
        raise GitError(
            _("unknown revision '{revision}': not a commit, branch or tag of this repository").format(revision=revision)
        )
    sha = result.stdout.decode("ascii").strip()
    commits = log(repo, [sha], max_count=1, no_walk=True)
    if not commits:  # pragma: no cover - git just resolved it
        raise GitError(_("unknown revision '{revision}'").format(revision=revision))
    return commits[0]


def has_commits(repo: GitRepo) -> bool:
    """False for a fresh ``git init`` (HEAD names no commit yet)."""
    return _run(repo.root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0


def last_before(repo: GitRepo, date: str, revision: str = "HEAD") -> Commit | None:
    """The newest commit on ``revision``'s first-parent line committed before ``date`` (local midnight).

    ``None`` where every commit is newer, i.e. the data did not exist yet at ``date``
    (``2026-01-01`` or ``01.01.2026``, read by :func:`integ_cli.authoring.parse.parse_date`).
    """
    from integ_cli.authoring.parse import parse_date

    try:
        date = parse_date(date)
    except ValueError as error:
        raise GitError(str(error)) from None
    commit = resolve(repo, revision)
    result = _run(
        repo.root, "rev-list", "-1", "--first-parent", f"--before={date} 00:00:00", "--end-of-options", commit.sha
    )
    sha = result.stdout.decode("ascii").strip()
    return resolve(repo, sha) if sha else None


def first_commit(repo: GitRepo, revision: str = "HEAD") -> Commit:
    """The first commit on ``revision``'s first-parent line: where its history begins."""
    commit = resolve(repo, revision)
    result = _run(repo.root, "rev-list", "--first-parent", "--max-parents=0", "--end-of-options", commit.sha)
    roots = result.stdout.decode("ascii").split()
    return resolve(repo, roots[0]) if roots else commit


def log(
    repo: GitRepo,
    revisions: Iterable[str],
    paths: Iterable[str] = (),
    *,
    max_count: int | None = None,
    no_walk: bool = False,
    first_parent: bool = False,
) -> list[Commit]:
    """Commits reachable from ``revisions`` (newest first) that touch ``paths`` (relative to the root)."""
    args = ["log", f"--format={_RECORD}%H{_UNIT}%aI{_UNIT}%an{_UNIT}%s", "--no-color"]
    if max_count is not None:
        args.append(f"--max-count={max_count}")
    if no_walk:
        args.append("--no-walk")
    if first_parent:
        args.append("--first-parent")
    args += ["--end-of-options", *(check_revision(r) for r in revisions), "--", *paths]
    out = _run(repo.root, *args).stdout.decode("utf-8", "replace")
    commits = []
    for record in out.split(_RECORD)[1:]:
        sha, date, author, subject = record.rstrip("\n").split(_UNIT, 3)
        commits.append(Commit(sha, date, author, subject))
    return commits


def list_files(repo: GitRepo, revision: str, folders: Iterable[str] = RECORD_FOLDERS) -> dict[str, str]:
    """The ``*.yaml`` record files directly in ``folders`` at ``revision``: path -> blob id."""
    return list_entries(repo, revision, folders)[0]


def list_entries(
    repo: GitRepo, revision: str, folders: Iterable[str] = RECORD_FOLDERS, suffixes: tuple[str, ...] = (".yaml",)
) -> tuple[dict[str, str], dict[str, str]]:
    """The names ending in ``suffixes`` directly in ``folders`` at ``revision``, as two maps of
    path -> blob id: the record files, and the symbolic links (whose blob holds the
    link's target). Links are not records in history (their target may not even be
    in git), so callers name them rather than read them; sub-folders are left out, as
    :func:`integ_cli.files.repository.scan` leaves them out of the working tree.
    """
    folders = tuple(folders)
    result = _run(repo.root, "ls-tree", "-r", "-z", "--end-of-options", check_revision(revision), "--", *folders)
    files: dict[str, str] = {}
    links: dict[str, str] = {}
    for entry in result.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        folder, _, name = path.rpartition("/")
        if not (folder in folders and name.endswith(suffixes) and not name.startswith(".")) or kind != "blob":
            continue
        if mode in ("100644", "100755"):
            files[path] = blob
        elif mode == "120000":
            links[path] = blob
    return files, links


def read_blobs(repo: GitRepo, specs: Iterable[str]) -> dict[str, bytes | None]:
    """The contents of many objects in one ``git cat-file --batch``: spec -> bytes, ``None`` if missing.

    A spec is a blob id or ``REV:path`` with ``path`` relative to the data repository's
    root (see :func:`spec`). Like every record read (:mod:`integ_cli.files.reading`),
    at most ``MAX_FILE_BYTES`` + 1 bytes of an object are kept, so the loader reports
    a giant blob as too large; the rest streams past without being held.
    """
    specs = list(dict.fromkeys(specs))
    if not specs:
        return {}
    if any("\n" in s for s in specs):
        raise GitError(_("a path or revision contains a line break"))
    stdin = "".join(f"{s}\n" for s in specs).encode("utf-8", "surrogateescape")
    try:
        process = subprocess.Popen(
            ["git", "-C", str(repo.root), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            shell=False,
            env=_environment(),
        )
    except OSError as error:
        raise _not_run(error) from None
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    # Fed from a thread: git answers while it reads, and both pipes have small buffers.
    feeder = threading.Thread(target=_feed, args=(process.stdin, stdin), daemon=True)
    feeder.start()
    try:
        contents = {s: _next_object(process.stdout) for s in specs}
    except EOFError:
        process.kill()
        contents = {}
    finally:
        process.stdout.close()
        errors = process.stderr.read()
        process.stderr.close()
        feeder.join()
        code = process.wait()
    if code != 0 or len(contents) < len(specs):
        raise GitError(_("git {command} failed: {reason}").format(command="cat-file", reason=_first_line(errors)))
    return contents


def _feed(pipe: IO[bytes], data: bytes) -> None:
    with contextlib.suppress(BrokenPipeError):
        pipe.write(data)
    with contextlib.suppress(BrokenPipeError):
        pipe.close()


def _next_object(out: IO[bytes]) -> bytes | None:
    """One object of ``cat-file --batch`` output: its first ``MAX_FILE_BYTES`` + 1 bytes,
    the rest read past in chunks; ``None`` for a missing one. EOFError where git stopped."""
    header = out.readline(1024).split(b" ")
    if header == [b""]:
        raise EOFError
    if len(header) != 3 or not header[2].strip().isdigit():
        return None  # "<spec> missing", "<spec> ambiguous"
    size = int(header[2])
    kept = out.read(min(size, MAX_FILE_BYTES + 1))
    left = size - len(kept)
    while left > 0:
        skipped = len(out.read(min(left, 1 << 20)))
        if not skipped:
            raise EOFError
        left -= skipped
    out.read(1)  # the content is followed by a newline
    return kept


def spec(repo: GitRepo, revision: str, path: str) -> str:
    """The ``cat-file`` spec of ``path`` (relative to the data root) at ``revision``."""
    return f"{revision}:{repo.prefix}{path}"


def read_tree(repo: GitRepo, revision: str, folders: Iterable[str] = RECORD_FOLDERS) -> dict[str, bytes]:
    """Every record file in ``folders`` at ``revision``: path -> contents."""
    files = list_files(repo, revision, folders)
    blobs = read_blobs(repo, files.values())
    return {path: blobs[blob] or b"" for path, blob in files.items()}


# --- writing: an edition commits its record and tags the state ----------------------------


def changed_files(repo: GitRepo, paths: Iterable[str]) -> list[str]:
    """Files under ``paths`` (relative to the root) that differ from HEAD or are not
    committed at all (untracked), relative to the root."""
    result = _run(repo.root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *paths)
    entries = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    changed: list[str] = []
    skip = False
    for entry in entries:
        if skip or not entry:
            skip = False
            continue
        skip = entry[0] in "RC"  # a rename or copy is followed by its old name
        changed.append(entry[3:].removeprefix(repo.prefix))
    return changed


def commit_paths(repo: GitRepo, paths: Iterable[str], message: str) -> Commit:
    """Commit the working-tree state of ``paths`` (tracked files, relative to the root)
    and nothing else; the new commit."""
    _run(repo.root, "commit", "--quiet", "--no-verify", "-m", message, "--", *paths)
    return resolve(repo, "HEAD")


def tag_exists(repo: GitRepo, name: str) -> bool:
    """Whether the tag ``name`` exists."""
    result = _run(repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"refs/tags/{name}", check=False)
    return result.returncode == 0


def create_tag(repo: GitRepo, name: str, message: str, commit: Commit) -> None:
    """Tag ``commit`` as ``name`` with ``message`` (an annotated tag: it records who
    tagged it and when); a GitError where git refuses the name or it is taken."""
    _run(repo.root, "tag", "--annotate", "--message", message, "--end-of-options", name, commit.sha)
