"""JSON Schema errors turned into Problems a non-programmer understands.

jsonschema-rs reports *what* failed in machine terms ("'no' is not one of ...");
this module says it in the data's terms ("`status` is 'no', expected one of: planned,
active, ..."), points at the line of the offending value, and suggests a fix.
"""

from __future__ import annotations

from typing import Any

from integ_cli.files.loading import Document, locate
from integ_cli.i18n import _
from integ_cli.patterns import DATE_PATTERN, ID_PATTERN
from integ_cli.problems import Problem, format_path
from integ_cli.suggest import did_you_mean, suggestion

_TYPE_NAMES = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "empty",
}
_PATTERNS = {
    ID_PATTERN: "lower-case letters a-z, digits and single hyphens (e.g. 'sprache-004')",
    DATE_PATTERN: "a date written YYYY-MM-DD",
    "^https?://\\S+$": "a web address starting with https://",
}


def shown(value: Any) -> str:
    """A value as a user wrote it, shortened for one-line messages."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return shown(value)


def _subschema(schema: dict[str, Any], schema_path: list[Any]) -> dict[str, Any]:
    node: Any = schema
    for part in schema_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return node if isinstance(node, dict) else {}


def _at(value: Any, path: list[Any]) -> Any:
    for part in path:
        value = value[part]
    return value


def written_as_name(kind: str, path: list[Any], value: Any, schema: dict[str, Any]) -> tuple[str, str] | None:
    """Where ``value`` at ``path`` is not a code of its codelist but one of its names or
    aliases (``status: laufend``): the code meant, and the message saying what to write."""
    from integ_cli.codelists import governing, of_schema

    key = governing(kind, path) if isinstance(value, str) else None
    if key is None:
        return None
    codelist = of_schema(kind, schema)[key]
    code = codelist.resolve(value)
    if code is None:
        return None
    field = str(path[-1])
    if value == codelist.get(code).names.get("de"):
        message = _("'{value}' is the German name of '{code}'; write {field}: {code} ('integ fix' does it)")
    else:
        message = _("'{value}' stands for '{code}'; write {field}: {code} ('integ fix' does it)")
    return code, message.format(value=value, code=code, field=field)


def _enum_hint(kind: str, path: list[Any], value: Any, options: list[str], schema: dict[str, Any]) -> str:
    """The codes a value that is none may have meant: a codelist's are weighed by their
    names too (``stadtt`` suggests ``municipal``, never ``state``)."""
    from integ_cli.codelists import governing, of_schema

    if not isinstance(value, str):
        return ""
    key = governing(kind, path)
    if key is None:
        return did_you_mean(value, options)
    return suggestion(of_schema(kind, schema)[key].suggest(value))


def schema_problems(
    file: str, document: Document, errors: list[Any], schema: dict[str, Any], record_kind: str = ""
) -> list[Problem]:
    """One Problem per schema error (one per unexpected key), positioned in the file; a
    code written as its name (``status: laufend``) is its own problem, ``codelist-label``,
    that ``integ fix`` mends."""
    problems: list[Problem] = []
    # A date that fails its pattern also fails "format: date"; one message is enough.
    misshapen = {tuple(e.instance_path) for e in errors if e.kind.name == "pattern"}
    for error in errors:
        path = list(error.instance_path)
        kind = error.kind.name
        if kind == "format" and tuple(path) in misshapen:
            continue
        details = error.kind.as_dict()
        try:
            value = _at(document.data, path)
        except (KeyError, IndexError, TypeError):
            value = None
        label = f"'{format_path(path)}'" if path else "the record"
        if kind == "additionalProperties":
            parent = _subschema(schema, list(error.schema_path)[:-1])
            allowed = sorted(parent.get("properties", {}))
            for key in details.get("unexpected", []):
                hint = did_you_mean(key, allowed) or f"; allowed keys: {', '.join(allowed)}"
                line, column = locate(document.root, [*path, key])
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        format_path([*path, key]),
                        "schema-unknown-key",
                        f"unknown key '{key}'{hint}",
                    )
                )
            continue
        if kind == "required":
            name = details.get("property")
            message = f"{label} lacks the required key '{name}'"
        elif kind == "enum" and (named := written_as_name(record_kind, path, value, schema)) is not None:
            line, column = locate(document.root, path)
            problems.append(Problem(file, line, column, format_path(path), "codelist-label", named[1]))
            continue
        elif kind == "enum":
            options = [str(o) for o in details.get("options", [])]
            hint = _enum_hint(record_kind, path, value, options, schema)
            message = f"{label} is {shown(value)}, expected one of: {', '.join(options)}{hint}"
        elif kind == "type":
            expected = " or ".join(_TYPE_NAMES.get(t, t) for t in details.get("types", []))
            message = f"{label} is {shown(value)} ({_type_of(value)}), expected {expected}"
            if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off"):
                message += " (write true or false)"
        elif kind == "format":
            message = f"{label} is {shown(value)}, which is not a real date (expected YYYY-MM-DD)"
        elif kind == "pattern":
            expected = _PATTERNS.get(details.get("pattern", ""), f"text matching {details.get('pattern')}")
            message = f"{label} is {shown(value)}, expected {expected}"
        elif kind == "minimum":
            message = f"{label} is {shown(value)}, must not be less than {details.get('limit')}"
        elif kind == "maximum":
            message = f"{label} is {shown(value)}, must not be more than {details.get('limit')}"
        elif kind == "minLength":
            message = f"{label} is too short: at least {details.get('limit')} characters expected"
        elif kind == "maxLength":
            message = f"{label} is too long: at most {details.get('limit')} characters expected"
        elif kind == "minItems":
            message = f"{label} is empty; at least {details.get('limit')} entry expected"
        elif kind == "uniqueItems":
            message = f"{label} names the same entry more than once"
        else:
            message = f"{label}: {error.message}"
        line, column = locate(document.root, path)
        problems.append(Problem(file, line, column, format_path(path), f"schema-{_code(kind)}", message))
    return problems


def _code(kind: str) -> str:
    """``minLength`` -> ``min-length``: codes are kebab-case like everything users type."""
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in kind)
