"""Files the user names for integ to write (``--output`` of report, export, template and
schema): anywhere but into the data itself.

Everything in a repository's ``data/`` is read as a record and everything in
``schemas/`` governs the records, so a report or a workbook written there would replace
a record (or a schema) or be read as one. :func:`check_output_target` refuses such a
target after resolving it: ``..`` and symbolic links are followed first, so neither
``-o data/measures/../measures/x.yaml`` nor a link ``bericht.html`` pointing at
``data/measures/x.yaml`` (nor a link to the folder) gets past it.

Symbolic links are otherwise allowed: a link named as output is followed and the file
it points to is replaced (the link stays), provided that file lies outside ``data/``
and ``schemas/``; a report linked into a web server's folder keeps working. A link
that leads in a circle is refused. Writes are atomic (:func:`replace_file`).
"""

from __future__ import annotations

import os
from pathlib import Path

from integ_cli.errors import UsageError
from integ_cli.files.atomic import replace_file
from integ_cli.files.repository import DATA
from integ_cli.i18n import _

#: The repository's folders no output may land in: the records and their schemas.
GUARDED = (DATA, "schemas")


class OutputRefused(UsageError):
    """An output named inside the data or the schemas of the repository (exit 2)."""


def _guarded_folder(root: Path, target: Path) -> str | None:
    """The guarded folder of ``root`` that ``target`` (resolved) is, or lies in."""
    for folder in GUARDED:
        guarded = (root / folder).resolve()
        if target == guarded or guarded in target.parents:
            return folder
    return None


def check_output_target(root: Path | None, path: Path) -> Path:
    """``path`` resolved, or :class:`OutputRefused` where it lies inside ``data/`` or
    ``schemas/`` of the repository at ``root`` (none to protect where ``root`` is None)."""
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # Python < 3.13 raises RuntimeError for a loop
        raise OutputRefused(
            _("not writing '{file}': it is a symbolic link that leads in a circle; name a file instead").format(
                file=path
            )
        ) from None
    folder = _guarded_folder(root, target) if root is not None else None
    if root is None or folder is None:
        return target
    if path.is_symlink() or path.absolute() != target:
        message = _(
            "not writing '{file}': it leads to '{target}', inside {folder}/ of the data repository, where every "
            "file is read as data; write it outside {data}/ and {schemas}/ instead, e.g. '{example}'"
        )
    else:
        message = _(
            "not writing '{file}': it lies inside {folder}/ of the data repository, where every file is read as "
            "data; write it outside {data}/ and {schemas}/ instead, e.g. '{example}'"
        )
    example = os.path.relpath(root / path.name)  # the same name at the repository's top: outside both
    raise OutputRefused(
        message.format(file=path, target=target, folder=folder, data=GUARDED[0], schemas=GUARDED[1], example=example)
    )


def write_output(root: Path | None, path: Path, data: bytes) -> Path:
    """Write ``data`` to the user-named ``path`` atomically, unless
    :func:`check_output_target` refuses it. Returns the resolved path written."""
    return replace_file(check_output_target(root, path), data)
