"""What ids and codes are called: the names the list and show renderers put beside them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integ_cli import i18n

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.codelists import Codelists

Entries = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Names:
    """Display names for ids: the names the fields and vocabularies give (German, as
    the data is), and codes by their codelist's name in integ's language; an id or code
    without one shows as itself."""

    fields: Entries = field(default_factory=dict)
    target_groups: Entries = field(default_factory=dict)
    actors: Entries = field(default_factory=dict)
    districts: Entries = field(default_factory=dict)
    codelists: Codelists | None = None

    @classmethod
    def of(cls, catalogue: Catalogue) -> Names:
        vocabularies = catalogue.vocabularies
        return cls(
            catalogue.fields,
            vocabularies.get("target-groups", {}),
            vocabularies.get("actors", {}),
            vocabularies.get("districts", {}),
            catalogue.codelists,
        )

    def code(self, key: str, code: Any) -> str:
        """The name of ``code`` in the codelist ``key`` (``status``, ``horizon``,
        ``visibility``, ``source``), in integ's language."""
        if self.codelists is None or key not in self.codelists.lists or not isinstance(code, str):
            return "" if code is None else str(code)
        return self.codelists[key].name(code, i18n.current())

    def field(self, field_id: str, short: bool = False) -> str:
        entry = self.fields.get(field_id, {})
        name = (entry.get("short_name") if short else None) or entry.get("name")
        return name if isinstance(name, str) else field_id

    def name(self, kind: str, entry_id: str) -> str:
        """The name of ``entry_id`` in ``kind``: target_groups, actors or districts."""
        name = getattr(self, kind).get(entry_id, {}).get("name")
        return name if isinstance(name, str) else entry_id

    def names(self, kind: str, ids: Any) -> str:
        return ", ".join(self.name(kind, i) for i in ids or ())


NO_NAMES = Names()
