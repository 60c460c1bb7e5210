"""The JSON Schemas: where they come from, and compiled validators (once per process).

A data repository's own ``schemas/`` govern it where present (schema and data are
versioned together); otherwise the schemas shipped inside the package do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from integ_cli.errors import UsageError
from integ_cli.files import bundled
from integ_cli.i18n import _


def _packaged() -> Path:
    """The schemas shipped with integ: inside the installed package, or, in an
    editable install from a source checkout, the checkout's own ``schemas/``."""
    inside, checkout = bundled.shipped("schemas", "schemas")
    return inside if inside.is_dir() else checkout


PACKAGED = _packaged()
#: Record format versions this integ reads.
SUPPORTED_VERSIONS = range(1, 2)


class SchemaError(UsageError):
    """A schema file that cannot be read or compiled (an environment error, exit 2)."""


def schema_file(root: Path | None, kind: str) -> Path:
    """The schema file that governs records of ``kind`` in the repository at ``root``."""
    name = f"{kind}.schema.json"
    if root is not None and (root / "schemas" / name).is_file():
        return root / "schemas" / name
    return PACKAGED / name


def read_schema(path: Path) -> dict[str, Any]:
    """Read one schema file, with a clear error where it is missing or broken."""
    try:
        with path.open("rb") as handle:
            schema = json.load(handle)
    except FileNotFoundError:
        raise SchemaError(_("the schema {path} is missing").format(path=path)) from None
    except (OSError, ValueError) as error:
        raise SchemaError(_("the schema {path} cannot be read: {error}").format(path=path, error=error)) from None
    if not isinstance(schema, dict):
        raise SchemaError(_("the schema {path} is not a JSON object").format(path=path))
    return schema


class ExternalReference(ValueError):
    """A schema's ``$ref`` to a resource outside the schema itself."""


def _refuse(uri: str) -> Any:
    """The validator's retriever: fetch nothing. A repository's schemas are data
    anyone can commit; following a ``$ref`` to a URL or a local file would make
    ``integ validate`` reach into the network or read files outside the repository.
    integ's schemas are self-contained (``$defs``), and so must a city's be."""
    raise ExternalReference(
        _("'$ref' to {uri} is not followed: a schema must be self-contained (use $defs)").format(uri=uri)
    )


@cache
def validator(path: Path) -> Any:
    """A compiled Draft 2020-12 validator for the schema at ``path`` (format checks on;
    references outside the schema refused)."""
    import jsonschema_rs

    try:
        return jsonschema_rs.Draft202012Validator(read_schema(path), validate_formats=True, retriever=_refuse)
    except (ValueError, jsonschema_rs.ValidationError) as error:
        message = str(error).split("\n", 1)[0]
        raise SchemaError(
            _("the schema {path} is not a valid JSON Schema: {message}").format(path=path, message=message)
        ) from None


@cache
def schema_for(path: Path) -> dict[str, Any]:
    """The parsed schema at ``path`` (for messages that list allowed keys)."""
    return read_schema(path)


# --- schema knowledge: what governs a value ---------------------------------------------------------


def resolve(schema: dict[str, Any], node: Any) -> dict[str, Any]:
    """``node`` with its ``$ref`` into the schema's own ``$defs`` followed (a chain of
    them too, to a bound); anything else, or a ``$ref`` elsewhere, gives ``{}``."""
    for _step in range(16):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            break
        defs = schema.get("$defs")
        node = defs.get(ref.removeprefix("#/$defs/"), {}) if isinstance(defs, dict) else {}
    return node if isinstance(node, dict) else {}


def subschema(schema: dict[str, Any], path: Sequence[str | int]) -> dict[str, Any]:
    """The part of ``schema`` that governs the value at ``path`` (an int is a list
    item, as in a Problem's path); ``{}`` where the schema says nothing of it."""
    node = resolve(schema, schema)
    for part in path:
        if isinstance(part, int):
            node = resolve(schema, node.get("items"))
        else:
            properties = node.get("properties")
            node = resolve(schema, properties.get(part) if isinstance(properties, dict) else None)
    return node
