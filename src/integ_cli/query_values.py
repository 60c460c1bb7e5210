"""The values a :class:`~integ_cli.query.Query` asks for, as people type them, and the
ids and codes they stand for.

A target group, actor, district or action field may be typed by its id or its German
name (:func:`integ_cli.names.match_name`), a status or horizon by its code, name or
alias (:meth:`integ_cli.codelists.Codelist.resolve`). A value that stands for nothing
(or for several entries) is an :class:`Unknown`, told with what the user may have meant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from integ_cli.errors import UsageError
from integ_cli.fields import field_order
from integ_cli.i18n import N_, _, current
from integ_cli.names import Vocabulary, match_name, names_of
from integ_cli.suggest import closest, known_values, suggestion

if TYPE_CHECKING:
    from integ_cli.codelists import Codelist, Codelists
    from integ_cli.query import Query

Vocabularies = Mapping[str, Mapping[str, Mapping[str, Any]]]
Fields = Mapping[str, Mapping[str, Any]]

#: How each kind of unknown value is told, here and by ``integ validate`` (one message
#: each: German inflects the article).
UNKNOWN = {
    "target group": N_("unknown target group '{value}'"),
    "action field": N_("unknown action field '{value}'"),
    "actor": N_("unknown actor '{value}'"),
    "district": N_("unknown district '{value}'"),
    "status": N_("unknown status '{value}'"),
    "horizon": N_("unknown horizon '{value}'"),
    "sort key": N_("unknown sort key '{value}'"),
    "measure": N_("unknown measure '{value}'"),
}


@dataclass(frozen=True, slots=True)
class Unknown:
    """A filter value that names nothing the repository knows (or several entries):
    what the user may have meant (``candidates``, with their ``names``), else what is known."""

    what: str
    value: str
    known: tuple[str, ...]
    candidates: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)

    def message(self) -> str:
        hint = suggestion(self.candidates, self.names) or known_values(self.known)
        return _(UNKNOWN[self.what]).format(value=self.value) + hint


class UnknownValues(UsageError):
    """Raised by a :func:`selector` before any measure is read (a usage error)."""

    def __init__(self, unknown: list[Unknown]) -> None:
        super().__init__("; ".join(u.message() for u in unknown))
        self.unknown = unknown


def resolved(
    query: Query, fields: Fields, vocabularies: Vocabularies, codelists: Codelists
) -> tuple[Query, list[Unknown]]:
    """``query`` with every value people typed as a name (``-t mütter``, ``--status
    laufend``) replaced by the id or code it stands for, and the values that stand for
    none (or for several entries)."""
    unknown: list[Unknown] = []

    def entries(what: str, values: tuple[str, ...], vocabulary: Vocabulary) -> tuple[str, ...]:
        ids = []
        for value in values:
            found = match_name(vocabulary, value)
            if found.id is None:
                named = {c: next(iter(names_of(vocabulary[c])), "") for c in found.candidates}
                unknown.append(Unknown(what, value, tuple(vocabulary), found.candidates, named))
            else:
                ids.append(found.id)
        return tuple(ids)

    def codes(what: str, values: tuple[str, ...], codelist: Codelist) -> tuple[str, ...]:
        found = []
        for value in values:
            code = codelist.resolve(value)
            if code is None:
                near = tuple(codelist.suggest(value))
                named = {c: codelist.name(c, current()) for c in near}
                unknown.append(Unknown(what, value, codelist.codes, near, named))
            else:
                found.append(code)
        return tuple(found)

    query = replace(
        query,
        target_groups=entries("target group", query.target_groups, vocabularies.get("target-groups", {})),
        fields=entries("action field", query.fields, {f: fields[f] for f in field_order(fields)}),
        actors=entries("actor", query.actors, vocabularies.get("actors", {})),
        districts=entries("district", query.districts, vocabularies.get("districts", {})),
        statuses=codes("status", query.statuses, codelists["status"]),
        horizons=codes("horizon", query.horizons, codelists["horizon"]),
    )
    from integ_cli.query import SORT_KEYS

    sort = query.sort.removeprefix("-")
    if sort not in SORT_KEYS:
        unknown.append(Unknown("sort key", sort, SORT_KEYS, tuple(closest(sort, SORT_KEYS))))
    return query, unknown


def unknown_values(query: Query, fields: Fields, vocabularies: Vocabularies, codelists: Codelists) -> list[Unknown]:
    """Every value of ``query`` that names no field, vocabulary entry, status, ...."""
    return resolved(query, fields, vocabularies, codelists)[1]
