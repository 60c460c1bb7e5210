"""Measure ids: where a measure lives, finding one, and the id a new one gets.

A new measure is named ``<field>-<NNN>``: its action field's id and the next number
after the highest one that field uses, written with at least :data:`ID_DIGITS` digits
(``sprache-006``, ..., ``sprache-999``, ``sprache-1000``). Numbers are never reused,
not even after a gap. The allocated id is not reserved: a new record's file is created
exclusively, so of two people adding at once only one gets it (see
:func:`integ_cli.authoring.records.create_measure`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from integ_cli.errors import DataError
from integ_cli.files.repository import DATA, MEASURES, RecordFile
from integ_cli.i18n import _
from integ_cli.patterns import ID

#: Numbers in new ids have at least this many digits (zero-padded).
ID_DIGITS = 3


class UnknownMeasure(DataError):
    """No measure has this id (exit 1); ``suggestions`` are the closest ids."""

    def __init__(self, measure_id: str, suggestions: list[str]) -> None:
        hint = _(" or ").join(f"'{s}'" for s in suggestions)
        if hint:
            message = _("unknown measure '{id}'; did you mean {hint}?").format(id=measure_id, hint=hint)
        else:
            message = _("unknown measure '{id}'").format(id=measure_id)
        super().__init__(message)
        self.measure_id = measure_id
        self.suggestions = suggestions


def measure_file(root: Path, measure_id: str) -> RecordFile:
    """The file a measure with this id lives in (whether or not it exists)."""
    rel = f"{DATA}/{MEASURES}/{measure_id}.yaml"
    return RecordFile(root / rel, rel, "measure")


def find_measure(root: Path, measure_id: str) -> RecordFile:
    """The existing measure ``measure_id``, or :class:`UnknownMeasure`;
    :class:`~integ_cli.files.atomic.OutsideData` where its file links out of the repository."""
    from integ_cli.files.atomic import OutsideData, contained_target
    from integ_cli.suggest import closest

    record = measure_file(root, measure_id)
    if ID.fullmatch(measure_id) and record.path.is_file():
        try:
            contained_target(root, record.path)
        except OutsideData:
            raise OutsideData(
                _(
                    "refusing to read '{file}': it is a link to a file outside the repository; "
                    "integ writes only inside {data} and reads only files inside the repository"
                ).format(file=record.rel, data=root / DATA)
            ) from None
        return record
    folder = root / DATA / MEASURES
    known = sorted(p.name[: -len(".yaml")] for p in folder.glob("*.yaml")) if folder.is_dir() else []
    raise UnknownMeasure(measure_id, closest(measure_id, known))


def next_number(root: Path, field_id: str) -> int:
    """One more than the highest number used by ``<field_id>-<N>`` measure files."""
    folder = root / DATA / MEASURES
    names = os.listdir(folder) if folder.is_dir() else []  # noqa: PTH208  (names only: no path object per file)
    # One search over the names joined by NUL, which no file name holds, instead of a
    # match per name: at 100,000 measures the loop took 40 ms, the search 13.
    pattern = re.compile("\0" + re.escape(field_id) + r"-([0-9]+)\.yaml(?=\0)")
    numbers = pattern.findall("\0" + "\0".join(names) + "\0")
    return max(map(int, numbers), default=0) + 1


def format_id(field_id: str, number: int) -> str:
    """``sprache`` and 6 → ``sprache-006``."""
    return f"{field_id}-{number:0{ID_DIGITS}d}"


def allocate_id(root: Path, field_id: str) -> str:
    """The next free id for a new measure in ``field_id`` (not reserved: see
    :func:`create_measure` for how a race for it is settled)."""
    return format_id(field_id, next_number(root, field_id))


def planned_id(root: Path, field_id: object, ahead: int = 0) -> str:
    """The id :func:`create_measure` would allocate for a new measure of ``field_id``
    once ``ahead`` other new ones of that field are written (an import checks all its
    rows before it writes any); ``new-measure`` where ``field_id`` is no usable id."""
    if isinstance(field_id, str) and ID.fullmatch(field_id):
        return format_id(field_id, next_number(root, field_id) + ahead)
    return "new-measure"
