"""A new city's data repository (``integ init``), and schemas written out (``integ schema --output``).

:func:`plan` decides what a new repository holds (relative path → bytes) and touches
nothing; :func:`create` writes such a plan into a new or empty folder and nowhere
else. Every file is written atomically (a hidden temporary file in the same folder,
fsynced, then renamed into place); where a write fails, everything :func:`create` made
so far is removed again, so the folder is left as it was found.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from integ_cli.checking.schema import PACKAGED, schema_file
from integ_cli.concept.load import CONCEPT_FILE
from integ_cli.concept.starter import starter_text
from integ_cli.errors import UsageError
from integ_cli.files import bundled
from integ_cli.files.atomic import replace_file
from integ_cli.files.outputs import check_output_target, write_output
from integ_cli.files.repository import DATA, FIELDS, KINDS, MEASURES, VOCABULARIES
from integ_cli.i18n import _
from integ_cli.scaffold import ci
from integ_cli.scaffold import files as text

#: Entries of a target folder that do not make it "not empty": a fresh ``git clone``
#: or ``git init`` holds ``.git`` and nothing integ would write.
IGNORED_IN_TARGET = frozenset({".git"})
MAX_CITY_LENGTH = 100
#: A source repository URL: a scheme git and pip both fetch from, then characters that
#: need no quoting in YAML, a shell or a CI variable (GitLab expands ``$`` in them).
SOURCE_URL = re.compile(r"(https|ssh|file)://[A-Za-z0-9._~:/@%+=,-]+")
#: A tag or a commit. Like pre-commit, a rev without a dot that is not hexadecimal is
#: taken for a branch, which moves: every run could install other code.
TAG_OR_COMMIT = re.compile(r"[A-Za-z0-9._+-]*\.[A-Za-z0-9._+-]*|[0-9a-fA-F]{7,40}")


class ScaffoldError(UsageError):
    """The target cannot be used, or the bundled files are missing (a usage error, exit 2)."""


def example_data() -> Path:
    """The example data shipped with integ: inside the installed package, or, in an
    editable install from a source checkout, the checkout's own ``data/``."""
    candidates = bundled.shipped("example_data", DATA)
    inside = candidates[0]
    for candidate in candidates:
        if (candidate / MEASURES).is_dir() and (candidate / FIELDS).is_dir():
            return candidate
    raise ScaffoldError(
        _("the example data is not installed with this integ (looked in {folder})").format(folder=inside)
    )


def check_city(city: str) -> str:
    """The city's name, trimmed; ScaffoldError where it cannot be a display name."""
    name = city.strip()
    if not name:
        raise ScaffoldError(_("--city is empty; give the city's name, e.g. --city Aachen"))
    if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029" for char in name):
        raise ScaffoldError(_("--city must be one line of text without control characters"))
    if len(name) > MAX_CITY_LENGTH:
        raise ScaffoldError(_("--city is longer than {limit} characters").format(limit=MAX_CITY_LENGTH))
    return name


def check_source(source: str) -> str:
    """``source`` where CI and pre-commit can install integ from it; ScaffoldError otherwise."""
    if not SOURCE_URL.fullmatch(source) or ".." in source.split("/"):
        raise ScaffoldError(
            _(
                "--source '{source}' is not a repository URL integ can be installed from: give "
                "https://, ssh:// or file:// followed by letters, digits and ._~:/@%+=,- only"
            ).format(source=source)
        )
    return source


def check_rev(rev: str) -> str:
    """``rev`` where it names a tag or a commit; ScaffoldError for what looks like a branch."""
    if not TAG_OR_COMMIT.fullmatch(rev) or rev.startswith(("-", ".")) or rev.endswith("."):
        raise ScaffoldError(
            _("--rev '{rev}' looks like a branch, which moves; pin a version tag (v1.2.0) or a commit id").format(
                rev=rev
            )
        )
    return rev


def _yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def _vocabulary(kind: str, city: str | None) -> str:
    body = text.EMPTY_VOCABULARY
    if kind == "districts":
        name = f"Gesamtstadt {city} (stadtweit)" if city else "Gesamtstadt (stadtweit)"
        body = text.DISTRICTS_BODY.format(name=_yaml_string(name))
    return text.HINT.format(kind=kind) + text.VOCABULARY_COMMENTS[kind] + body


def _tree(folder: Path) -> Iterable[tuple[str, Path]]:
    """Regular files under ``folder`` (no hidden files, no links), as relative POSIX paths."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_file() and not path.is_symlink():
            yield rel.as_posix(), path


def plan(
    city: str | None = None, example: bool = False, source: str = text.INTEG_SOURCE, rev: str = text.INTEG_REV
) -> dict[str, bytes]:
    """What a new data repository holds: relative POSIX path → content.

    ``example`` takes ``data/`` from the bundled example data instead of empty
    vocabularies; ``city`` names the city in the empty scaffold (not with ``example``,
    whose data is a particular city's). CI and pre-commit install integ from the
    repository ``source`` at ``rev``.
    """
    pinned = {"source": _yaml_string(check_source(source)), "rev": _yaml_string(check_rev(rev))}
    if city is not None and example:
        raise ScaffoldError(_("--city names the city of an empty repository; --example copies another city's data"))
    city = check_city(city) if city is not None else None
    files: dict[str, str | bytes] = {}
    if example:
        for rel, path in _tree(example_data()):
            files[f"{DATA}/{rel}"] = path.read_bytes()
    else:
        title = f"Integrationskonzept {city}" if city else "Integrationskonzept"
        files[f"{DATA}/README.md"] = text.DATA_README.format(title=title)
        files[f"{DATA}/{FIELDS}/.gitkeep"] = ""
        files[f"{DATA}/{MEASURES}/.gitkeep"] = ""
        for name, kind in VOCABULARIES.items():
            files[f"{DATA}/{name}.yaml"] = _vocabulary(kind, city)
        if city is not None:  # without a name there is no municipality to record yet
            files[CONCEPT_FILE] = starter_text(city)
    for kind in KINDS:
        files[f"schemas/{kind}.schema.json"] = (PACKAGED / f"{kind}.schema.json").read_bytes()
    files[".pre-commit-config.yaml"] = text.PRE_COMMIT_CONFIG.format(**pinned)
    files[".gitignore"] = text.GITIGNORE
    commands = {"pip_install": ci.PIP_INSTALL, "site_build": ci.SITE_BUILD}
    actions = {
        "checkout": ci.CHECKOUT,
        "setup_python": ci.SETUP_PYTHON,
        "upload_pages": ci.UPLOAD_PAGES,
        "deploy_pages": ci.DEPLOY_PAGES,
    }
    files[".github/workflows/integ.yml"] = ci.GITHUB_WORKFLOW.format(**pinned, **commands)
    files[".github/workflows/site.yml"] = ci.GITHUB_SITE_WORKFLOW.format(**pinned, **commands, **actions)
    files[".gitlab-ci.yml"] = ci.GITLAB_CI.format(**pinned, **commands)
    return {rel: data.encode("utf-8") if isinstance(data, str) else data for rel, data in sorted(files.items())}


def check_target(path: Path) -> None:
    """ScaffoldError unless ``path`` is missing, or an empty folder (``.git`` aside)."""
    if path.is_symlink() and not path.exists():
        raise ScaffoldError(_("'{path}' is a broken symbolic link").format(path=path))
    if not path.exists():
        return
    if not path.is_dir():
        raise ScaffoldError(_("'{path}' exists and is not a folder").format(path=path))
    present = sorted(entry.name for entry in path.iterdir() if entry.name not in IGNORED_IN_TARGET)
    if present:
        shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
        raise ScaffoldError(
            _("'{path}' is not empty (it holds {entries}); integ init writes only into a new or empty folder").format(
                path=path, entries=shown
            )
        )


def _inside(base: Path, rel: str) -> Path:
    """``base / rel`` for a plain relative path; ScaffoldError for anything that could leave ``base``."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(part in ("", ".", "..") for part in parts) or "\\" in rel:
        raise ScaffoldError(
            _("refusing to write '{file}': not a plain path inside the new repository").format(file=rel)
        )
    return base.joinpath(*parts)


def create(path: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (relative path → content) into the new or empty folder ``path``.

    Nothing is written outside ``path``: every target is checked, symbolic links
    resolved, before it is written. Returns the files written, in order.
    """
    check_target(path)
    made: list[Path] = []  # folders and files created, in order, to undo a failed run
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
        base = path.resolve()
        written: list[Path] = []
        for rel, data in files.items():
            target = _inside(base, rel)
            for folder in reversed([p for p in target.parents if p != base and base in p.parents]):
                if not folder.is_dir():
                    folder.mkdir()
                    made.append(folder)
            if base not in target.parent.resolve().parents and target.parent.resolve() != base:
                raise ScaffoldError(
                    _("refusing to write '{file}': it would land outside '{folder}'").format(file=rel, folder=path)
                )
            if target.exists() or target.is_symlink():
                raise ScaffoldError(_("refusing to write '{file}': it exists already").format(file=rel))
            replace_file(target, data)
            made.append(target)
            written.append(target)
    except BaseException:
        for made_path in reversed(made):
            with contextlib.suppress(OSError):
                if made_path.is_dir() and not made_path.is_symlink():
                    made_path.rmdir()
                else:
                    made_path.unlink()
        raise
    return written


def export_schemas(root: Path | None, dest: Path, kinds: Iterable[str] = KINDS) -> list[Path]:
    """Write the schemas that govern the repository at ``root`` (the packaged ones
    where ``root`` is None or has none of its own) into ``dest``, replacing files of
    the same name there; refused (:class:`~integ_cli.files.outputs.OutputRefused`) inside
    the repository's ``data/`` or ``schemas/``. Returns the files written."""
    check_output_target(root, dest)
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError(_("'{path}' exists and is not a folder").format(path=dest))
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind in kinds:
        source = schema_file(root, kind)
        target = dest / source.name
        if target.resolve() == source.resolve():
            written.append(target)  # a packaged schema, asked into the folder it is shipped in
            continue
        write_output(root, target, source.read_bytes())
        written.append(target)
    return written
