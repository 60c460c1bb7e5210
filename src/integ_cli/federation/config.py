"""The federation file: which cities, where each one's repository is, which revision,
and how its vocabulary maps onto the shared one.

.. code-block:: yaml

    name: Integrationsmanagement im Land        # optional
    cities:
      - key: "05334002"                          # optional: else data/concept.yaml, else the folder
        name: Aachen                             # optional
        path: ../aachen                          # the repository, relative to this file
        revision: v2026                          # optional: a commit, tag or branch; else the working tree
        map:                                     # optional: local id -> shared id
          target-groups: {gefluechtete: fluechtlinge}
          fields: {integration-arbeit: arbeit}

Everything wrong with the file is told at once, each with its line, before any city is
read (a :class:`FederationFileError`, exit 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integ_cli.errors import UsageError
from integ_cli.files.limits import MAX_FILE_BYTES
from integ_cli.files.loading import LoadProblem, load_document, locate
from integ_cli.files.repository import is_repository
from integ_cli.i18n import _
from integ_cli.suggest import closest, suggestion
from integ_cli.tables.source import KEY, key_problem

#: What may be mapped: the key in the federation file -> the table whose ids it maps.
MAPPABLE = {"fields": "fields", "target-groups": "target_groups"}
CITY_KEYS = ("key", "name", "path", "revision", "map")
TOP_KEYS = ("name", "cities")


class FederationFileError(UsageError):
    """The federation file cannot be used: every reason, one a line (exit 2)."""


@dataclass(slots=True)
class City:
    """One city of the federation, as the file names it (paths resolved)."""

    label: str
    root: Path
    key: str | None = None
    name: str | None = None
    revision: str | None = None
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Line of each mapped id in the federation file: (table, local id) -> line.
    lines: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(slots=True)
class Federation:
    file: str
    name: str | None
    cities: list[City]


class _Reader:
    """Collects the file's problems with their lines while it is read."""

    def __init__(self, file: str, document: Any) -> None:
        self.file = file
        self.document = document
        self.problems: list[str] = []

    def line(self, path: Sequence[str | int]) -> int:
        return locate(self.document.root, list(path))[0]

    def problem(self, path: Sequence[str | int], message: str) -> None:
        self.problems.append(f"{self.file}:{self.line(path)}: {message}")

    def keys(self, data: dict[str, Any], allowed: Sequence[str], path: Sequence[str | int]) -> None:
        for key in data:
            if key not in allowed:
                hint = suggestion(closest(str(key), allowed)) or _("; possible are {keys}").format(
                    keys=", ".join(allowed)
                )
                self.problem([*path, key], _("unknown key '{key}'{hint}").format(key=key, hint=hint))

    def text(self, data: dict[str, Any], key: str, path: Sequence[str | int]) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem([*path, key], _("'{key}' must be text").format(key=key))
            return None
        return value


def _mapping(reader: _Reader, city: City, data: Any, path: list[str | int]) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        reader.problem(path, _("'map' must list vocabularies: fields or target-groups, each local id: shared id"))
        return
    reader.keys(data, tuple(MAPPABLE), path)
    for vocabulary, table in MAPPABLE.items():
        pairs = data.get(vocabulary)
        if pairs is None:
            continue
        if not isinstance(pairs, dict) or not all(isinstance(v, str) for v in pairs.values()):
            example = "{gefluechtete: fluechtlinge}"
            reader.problem(
                [*path, vocabulary],
                _("write each mapping as local id: shared id, e.g. {example}").format(example=example),
            )
            continue
        city.mapping[table] = dict(pairs)
        city.lines.update({(table, local): reader.line([*path, vocabulary, local]) for local in pairs})


def _city(reader: _Reader, base: Path, entry: Any, position: int) -> City | None:
    path: list[str | int] = ["cities", position]
    if not isinstance(entry, dict):
        reader.problem(path, _("each city is a mapping with at least 'path'"))
        return None
    reader.keys(entry, CITY_KEYS, path)
    key = entry.get("key")
    if isinstance(key, int) and not isinstance(key, bool):
        reader.problem([*path, "key"], _('write the key in quotes, e.g. key: "05334002" (a number loses its zeros)'))
        key = None
    elif key is not None and (not isinstance(key, str) or not KEY.fullmatch(key)):
        reader.problem([*path, "key"], key_problem(key))
        key = None
    where = reader.text(entry, "path", path)
    if where is None:
        if "path" not in entry:
            reader.problem(path, _("the city has no 'path': name the folder of its data repository"))
        return None
    root = (base / where).resolve()
    if "://" in where or where.startswith("git@"):
        reader.problem(
            [*path, "path"], _("'{path}' is a URL: clone the repository and name its folder").format(path=where)
        )
        return None
    if not is_repository(root):
        reader.problem(
            [*path, "path"],
            _("'{path}' holds no data repository (no data/measures/ or data/fields/)").format(path=where),
        )
        return None
    name = reader.text(entry, "name", path)
    city = City(name or key or root.name, root, key, name, reader.text(entry, "revision", path))
    _mapping(reader, city, entry.get("map"), [*path, "map"])
    return city


def read_federation(path: Path) -> Federation:
    """The federation described by the file at ``path``; a FederationFileError naming
    every problem with its line where the file cannot be used."""
    file = str(path)
    try:
        with path.open("rb") as handle:
            document = load_document(handle.read(MAX_FILE_BYTES + 1), file)
    except OSError as error:
        raise FederationFileError(_("cannot read {file}: {reason}").format(file=file, reason=error.strerror)) from None
    except LoadProblem as error:
        where = f"{file}:{error.problem.line}" if error.problem.line else file
        raise FederationFileError(f"{where}: {error.problem.message}") from None
    data = document.data if document is not None else None
    if not isinstance(data, dict) or not isinstance(data.get("cities"), list) or not data["cities"]:
        raise FederationFileError(
            _("{file}: expected 'cities:' with a list of cities, each with 'path:' (see docs/analytics.md)").format(
                file=file
            )
        )
    reader = _Reader(file, document)
    reader.keys(data, TOP_KEYS, [])
    cities = [_city(reader, path.parent, entry, i) for i, entry in enumerate(data["cities"])]
    found = [city for city in cities if city is not None]
    seen: dict[str, int] = {}
    for position, city in enumerate(cities):
        if city is not None and city.key is not None:
            if city.key in seen:
                message = _("the key '{key}' is already the key of city {number}").format(
                    key=city.key, number=seen[city.key] + 1
                )
                reader.problem(["cities", position, "key"], message)
            seen.setdefault(city.key, position)
    if reader.problems:
        raise FederationFileError("\n".join(reader.problems))
    return Federation(file, reader.text(data, "name", []), found)
