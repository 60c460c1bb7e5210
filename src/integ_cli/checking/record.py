"""One record file: read it (bounded), parse it, check it against its schema and the
record rules. The catalogue runs this for every file; authoring and import for the
text they are about to write.
"""

from __future__ import annotations

from typing import Any

from integ_cli.checking import rules as checks
from integ_cli.checking.messages import schema_problems
from integ_cli.files.loading import Document, LoadProblem, load_document
from integ_cli.files.reading import read_limited
from integ_cli.files.repository import RecordFile
from integ_cli.i18n import N_, _
from integ_cli.problems import Problem

#: What each kind of record is called in messages.
_KINDS = {
    "measure": N_("measure"),
    "field": N_("action field"),
    "target-groups": N_("target groups"),
    "actors": N_("actors"),
    "districts": N_("districts"),
}


def kind_name(kind: str) -> str:
    """The name of a kind of record, for messages (the kind itself where it has none)."""
    return _(_KINDS[kind]) if kind in _KINDS else kind


def read_bytes(record: RecordFile) -> bytes:
    """A record file's bytes, read within the size limit (:mod:`integ_cli.files.reading`);
    raises LoadProblem where the file is too large or cannot be read."""
    try:
        return read_limited(record.where, record.rel)
    except OSError as error:
        raise LoadProblem(
            Problem(
                record.rel,
                None,
                None,
                "",
                "file-unreadable",
                _("cannot read the file: {reason}").format(reason=error.strerror),
            )
        ) from None


def read_record(record: RecordFile) -> Document | None:
    """Read and parse one record file; raises LoadProblem where that fails."""
    return load_document(read_bytes(record), record.rel)


def parse_record(record: RecordFile, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one file as a record: the document, or the problem that keeps it from being
    one (unreadable, not YAML, empty, not a mapping, an unsupported schema_version).
    ``raw`` is content that is not (yet) on disk, read as if it were the file's."""
    try:
        document = read_record(record) if raw is None else load_document(raw, record.rel)
    except LoadProblem as error:
        if error.document is None:
            return None, [error.problem]
        document = error.document  # duplicate keys: reported with the rest by check_document
    if document is None:
        return None, [
            Problem(
                record.rel,
                1,
                1,
                "",
                "file-empty",
                _("the file is empty; expected a record of the kind {kind}").format(kind=kind_name(record.kind)),
            )
        ]
    if not isinstance(document.data, dict):
        line, column = document.root.start_mark.line + 1, document.root.start_mark.column + 1
        found = _("a list") if isinstance(document.data, list) else _("a single value")
        return None, [
            Problem(
                record.rel,
                line,
                column,
                "",
                "not-a-mapping",
                _("the file holds {found}; expected a record of the kind {kind}, in 'key: value' lines").format(
                    found=found, kind=kind_name(record.kind)
                ),
            )
        ]
    version = checks.check_version(record.rel, document, record.kind)
    return document, [version] if version is not None else []


def check_document(
    record: RecordFile,
    document: Document,
    validator: Any,
    schema: dict[str, Any],
    refs: checks.References | None,
    on_disk: bool = True,
) -> list[Problem]:
    """The schema and the record rules, for a document :func:`parse_record` accepted;
    ``on_disk`` is False for content not (yet) in its file, which ``integ fix`` cannot mend."""
    problems = list(document.problems)
    if not validator.is_valid(document.data):
        errors = list(validator.iter_errors(document.data))
        problems += schema_problems(record.rel, document, errors, schema, record.kind, on_disk)
    if record.kind == "measure" and refs is not None:
        problems += checks.check_measure(record.rel, document, record.stem, refs)
    elif record.kind == "field":
        problems += checks.check_id(record.rel, document, record.stem)
    else:
        problems += checks.check_vocabulary(record.rel, document, record.kind)
    return problems


def check_record(
    record: RecordFile,
    validator: Any,
    schema: dict[str, Any],
    refs: checks.References | None,
    raw: bytes | None = None,
    on_disk: bool | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Everything about one file: parse, schema, record rules. The document is
    ``None`` where the file could not be read as a mapping at all. ``raw`` checks
    content that is not (yet) on disk, as if it were the file's; with ``on_disk``
    true, ``raw`` is the file's own bytes, read already (``integ validate`` took their
    digest), so a problem ``integ fix`` can mend says so."""
    document, problems = parse_record(record, raw)
    if document is None or problems:
        return document, problems
    on_disk = raw is None if on_disk is None else on_disk
    return document, check_document(record, document, validator, schema, refs, on_disk=on_disk)
