"""JSON Schema errors turned into Problems a non-programmer understands.

jsonschema-rs reports *what* failed in machine terms ("'no' is not one of ...");
this module says it in the data's terms ("`status` is 'no', expected one of: planned,
active, ..."), points at the line of the offending value, and suggests a fix.
"""

from __future__ import annotations

from typing import Any

from integ_cli.files.loading import Document, locate
from integ_cli.i18n import N_, _, ngettext
from integ_cli.patterns import DATE_PATTERN, ID_PATTERN, PARTIAL_DATE_PATTERN
from integ_cli.problems import Problem, format_path
from integ_cli.suggest import did_you_mean, suggestion

_TYPE_NAMES = {
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "string": N_("text"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("a mapping (key: value lines)"),
    "null": N_("empty"),
}
_PATTERNS = {
    ID_PATTERN: N_("lower-case letters a-z, digits and single hyphens (e.g. 'sprache-004')"),
    DATE_PATTERN: N_("a date written YYYY-MM-DD"),
    PARTIAL_DATE_PATTERN: N_("a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. '2014' or '2014-06')"),
    "^https?://\\S+$": N_("a web address starting with https://"),
}


def shown(value: Any) -> str:
    """A value as a user wrote it, shortened for one-line messages."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return _("empty")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return str(value)


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
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


def written_as_name(
    kind: str, path: list[Any], value: Any, schema: dict[str, Any], on_disk: bool = True
) -> tuple[str, str] | None:
    """Where ``value`` at ``path`` is not a code of its codelist but one of its names or
    aliases (``status: laufend``): the code meant, and the message saying what to write
    (and, for a file, that ``integ fix`` writes it)."""
    from integ_cli.codelists import governing, of_schema

    key = governing(kind, path) if isinstance(value, str) else None
    if key is None:
        return None
    codelist = of_schema(kind, schema)[key]
    code = codelist.resolve(value)
    if code is None:
        return None
    field = str(path[-1])
    german = value == codelist.get(code).names.get("de")
    if on_disk and german:
        message = _("'{value}' is the German name of '{code}'; write {field}: {code} ('integ fix' does it)")
    elif on_disk:
        message = _("'{value}' stands for '{code}'; write {field}: {code} ('integ fix' does it)")
    elif german:
        message = _("'{value}' is the German name of '{code}'; write {field}: {code}")
    else:
        message = _("'{value}' stands for '{code}'; write {field}: {code}")
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
    file: str,
    document: Document,
    errors: list[Any],
    schema: dict[str, Any],
    record_kind: str = "",
    on_disk: bool = True,
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
        label = f"'{format_path(path)}'" if path else _("the record")
        if kind == "additionalProperties":
            parent = _subschema(schema, list(error.schema_path)[:-1])
            allowed = sorted(parent.get("properties", {}))
            for key in details.get("unexpected", []):
                hint = did_you_mean(key, allowed) or _("; allowed keys: {keys}").format(keys=", ".join(allowed))
                line, column = locate(document.root, [*path, key])
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        format_path([*path, key]),
                        "schema-unknown-key",
                        _("unknown key '{key}'").format(key=key) + hint,
                    )
                )
            continue
        if kind == "required":
            name = details.get("property")
            message = (
                _("{label} lacks the required key '{name}'").format(label=label, name=name)
                if path
                else _("the record lacks the required key '{name}'").format(name=name)
            )
        elif kind == "enum" and (named := written_as_name(record_kind, path, value, schema, on_disk)) is not None:
            line, column = locate(document.root, path)
            problems.append(Problem(file, line, column, format_path(path), "codelist-label", named[1]))
            continue
        elif kind == "enum":
            options = [str(o) for o in details.get("options", [])]
            hint = _enum_hint(record_kind, path, value, options, schema)
            message = _("{label} is {value}, expected one of: {options}").format(
                label=label, value=shown(value), options=", ".join(options)
            )
            message += hint
        elif kind == "type":
            expected = _(" or ").join(_(_TYPE_NAMES[t]) if t in _TYPE_NAMES else t for t in details.get("types", []))
            message = _("{label} is {value} ({type}), expected {expected}").format(
                label=label, value=shown(value), type=_type_of(value), expected=expected
            )
            if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off"):
                message += _(" (write true or false)")
        elif kind == "format":
            message = _("{label} is {value}, which is not a real date (expected YYYY-MM-DD)").format(
                label=label, value=shown(value)
            )
        elif kind == "pattern":
            pattern = details.get("pattern", "")
            known = _PATTERNS.get(pattern)
            expected = _(known) if known else _("text matching {pattern}").format(pattern=pattern)
            message = _("{label} is {value}, expected {expected}").format(
                label=label, value=shown(value), expected=expected
            )
        elif kind == "minimum":
            message = _("{label} is {value}, must not be less than {limit}").format(
                label=label, value=shown(value), limit=details.get("limit")
            )
        elif kind == "maximum":
            message = _("{label} is {value}, must not be more than {limit}").format(
                label=label, value=shown(value), limit=details.get("limit")
            )
        elif kind == "minLength":
            limit = details.get("limit", 0)
            message = ngettext(
                "{label} is too short: at least {limit} character expected",
                "{label} is too short: at least {limit} characters expected",
                limit,
            ).format(label=label, limit=limit)
        elif kind == "maxLength":
            limit = details.get("limit", 0)
            message = ngettext(
                "{label} is too long: at most {limit} character expected",
                "{label} is too long: at most {limit} characters expected",
                limit,
            ).format(label=label, limit=limit)
        elif kind == "minItems":
            limit = details.get("limit", 0)
            message = ngettext(
                "{label} is empty; at least {limit} entry expected",
                "{label} is empty; at least {limit} entries expected",
                limit,
            ).format(label=label, limit=limit)
        elif kind == "uniqueItems":
            message = _("{label} names the same entry more than once").format(label=label)
        else:
            message = f"{label}: {error.message}"
        line, column = locate(document.root, path)
        problems.append(Problem(file, line, column, format_path(path), f"schema-{_code(kind)}", message))
    return problems


def _code(kind: str) -> str:
    """``minLength`` -> ``min-length``: codes are kebab-case like everything users type."""
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in kind)
