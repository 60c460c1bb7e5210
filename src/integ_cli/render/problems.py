"""One list of Problems, many renderings: text, JSON, GitHub annotations, JUnit XML.

``RENDERERS`` is also where ``integ validate --format`` takes its choices from. What
people read (the level words of ``text``, the summary, the JUnit failure message) is in
integ's language; the structure of the machine formats, the codes and the JSON keys are
the same in every language.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from integ_cli.i18n import _, ngettext
from integ_cli.problems import Problem, Severity

# integ_cli.render.safe (its patterns take a millisecond to compile) is imported where
# there is something to make harmless: a valid repository's text output has nothing.


class Outcome(NamedTuple):
    """What a validation run found: the problems and the files that were checked. A named
    tuple, not a dataclass: ``integ validate`` builds one on every start, and generating
    a dataclass's code costs it half a millisecond."""

    problems: Sequence[Problem]
    checked: Sequence[str]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def _location(problem: Problem) -> str:
    """``file:line:col`` (the file name made harmless: a name can hold a line break)."""
    from integ_cli.render.safe import one_line

    if problem.line is None:
        return one_line(problem.file)
    return f"{one_line(problem.file)}:{problem.line}:{problem.column}"


def render_text(outcome: Outcome, colour: bool = False) -> str:
    """``file:line:col: error: message [code]``, one per line: editors and CI parse it.
    A message quotes values from the files, so it is made one harmless line
    (:func:`~integ_cli.render.safe.one_line`): data never starts a line of its own."""
    red, yellow, bold, dim, reset = ("\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m") if colour else ("",) * 5
    error, warning = red + _("error") + reset, yellow + _("warning") + reset
    lines = []
    if outcome.problems:
        from integ_cli.render.safe import one_line
    for p in outcome.problems:
        level = error if p.severity is Severity.ERROR else warning
        lines.append(f"{bold}{_location(p)}{reset}: {level}: {one_line(p.message)} {dim}[{p.code}]{reset}\n")
    return "".join(lines)


def summary(outcome: Outcome) -> str:
    """One line for stderr: what was checked and how it went."""
    files = len(outcome.checked)
    checked = ngettext("{n} file checked", "{n} files checked", files).format(n=files)
    if not outcome.problems:
        return _("{checked}: no problems").format(checked=checked) + "\n"
    broken = len({p.file for p in outcome.problems})
    errors = ngettext("{n} error", "{n} errors", outcome.errors).format(n=outcome.errors)
    warnings = ngettext("{n} warning", "{n} warnings", outcome.warnings).format(n=outcome.warnings)
    if outcome.errors and outcome.warnings:
        found = _("{errors} and {warnings}").format(errors=errors, warnings=warnings)
    else:
        found = errors if outcome.errors else warnings
    where = ngettext("{n} file", "{n} files", broken).format(n=broken)
    return _("{checked}: {problems} in {files}").format(checked=checked, problems=found, files=where) + "\n"


def render_json(outcome: Outcome, _colour: bool = False) -> str:
    """A JSON object: ``valid``, counts and the ``problems`` list (documented in the README)."""
    document = {
        "valid": outcome.errors == 0,
        "files_checked": len(outcome.checked),
        "errors": outcome.errors,
        "warnings": outcome.warnings,
        "problems": [p.as_dict() for p in outcome.problems],
    }
    from integ_cli.render.safe import in_strings

    return in_strings(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, as the runner unescapes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property (``file=``, ``title=``): also ``:`` and ``,``, which
    end the property list and a property."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(outcome: Outcome, _colour: bool = False) -> str:
    """GitHub Actions workflow commands: each problem annotates its file and line."""
    lines = []
    for p in outcome.problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line is not None:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property(p.code)}")
        lines.append(f"::{p.severity.value} {','.join(props)}::{_escape_data(p.message)}\n")
    return "".join(lines)


def render_junit(outcome: Outcome, _colour: bool = False) -> str:
    """JUnit XML: one test case per file checked, a failure per error (GitLab, Jenkins).
    File names and messages are made one line each (:func:`~integ_cli.render.safe.one_line`),
    which also keeps every character XML 1.0 forbids out of the file."""
    from xml.sax.saxutils import escape, quoteattr

    from integ_cli.render.safe import one_line

    by_file: dict[str, list[Problem]] = {}
    for p in outcome.problems:
        by_file.setdefault(p.file, []).append(p)
    files = list(dict.fromkeys([*outcome.checked, *by_file]))
    failed = sum(1 for f in files if any(p.severity is Severity.ERROR for p in by_file.get(f, [])))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<testsuites name="integ validate" tests="{len(files)}" failures="{failed}">\n',
        f'  <testsuite name="integ validate" tests="{len(files)}" failures="{failed}" errors="0">\n',
    ]
    for name in files:
        problems = by_file.get(name, [])
        errors = [p for p in problems if p.severity is Severity.ERROR]
        out.append(f'    <testcase classname="integ.validate" name={quoteattr(one_line(name))}')
        if not problems:
            out.append("/>\n")
            continue
        out.append(">\n")
        if errors:
            text = "".join(f"{_location(p)}: {one_line(p.message)} [{p.code}]\n" for p in errors)
            failure = ngettext("{n} problem", "{n} problems", len(errors)).format(n=len(errors))
            out.append(f'      <failure message={quoteattr(failure)} type="integ.validate">{escape(text)}</failure>\n')
        warnings = [p for p in problems if p.severity is Severity.WARNING]
        if warnings:
            warning = _("warning")
            text = "".join(f"{_location(p)}: {warning}: {one_line(p.message)} [{p.code}]\n" for p in warnings)
            out.append(f"      <system-out>{escape(text)}</system-out>\n")
        out.append("    </testcase>\n")
    out.append("  </testsuite>\n</testsuites>\n")
    return "".join(out)


Renderer = Callable[[Outcome, bool], str]
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "junit": render_junit,
}
