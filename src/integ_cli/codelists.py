"""Codelists: the fixed values records take (status, horizon, visibility, funding
source, actor kind), with the names people read.

Their one home is the schema that governs the repository: each codelist is the
``enum`` of one property, and beside it ``x-integ-labels`` gives each code its German
(``de``) and English (``en``) name, an optional short form for narrow columns and
optional aliases (other words people use for it)::

    "status": {
      "enum": ["planned", "active", ...],
      "x-integ-labels": {"active": {"de": "laufend", "en": "active", "short": "lfd.", "aliases": ["aktiv"]}}
    }

So a city that adds a value to its own ``schemas/measure.schema.json`` finds it in
validation, queries, completion, reports and the spreadsheet with no code change. The
codes and their order come from the governing schema alone. A name the city's schema
does not give is taken from the schema shipped with integ, where that knows the code,
else the code itself stands as its name (and ``integ validate`` warns about it), so a
report shows every value it counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from integ_cli.checking.schema import PACKAGED, schema_file, schema_for, subschema
from integ_cli.i18n import _
from integ_cli.problems import Problem, Severity

#: Each codelist: the record kind whose schema holds it, and the path of the value
#: it governs (an int stands for any item of a list, as in a Problem's path).
LOCATIONS: dict[str, tuple[str, tuple[str | int, ...]]] = {
    "status": ("measure", ("status",)),
    "horizon": ("measure", ("horizon",)),
    "visibility": ("measure", ("visibility",)),
    "source": ("measure", ("budget", 0, "source")),
    "funding-status": ("measure", ("budget", 0, "funding_status")),
    "actor-kind": ("actors", ("entries", 0, "kind")),
    "municipality-kind": ("concept", ("municipality", "kind")),
    "outcome": ("concept", ("decisions", 0, "outcome")),
    "accessibility-status": ("concept", ("accessibility", "status")),
}
#: The schema keyword that holds the names.
LABELS = "x-integ-labels"
#: The language of names where none is asked for.
DEFAULT_LANGUAGE = "de"
#: How alike (0 to 1) a typed word and a code's spelling must be to suggest the code.
CLOSE = 0.75
#: Codes spelt clearly less alike than the closest one are not suggested beside it.
MARGIN = 0.1


def _spelt(text: str) -> str:
    """``text`` as compared with codes and names: folded, spaces collapsed."""
    from integ_cli.names import fold

    return " ".join(fold(text).split())


@dataclass(frozen=True, slots=True)
class Code:
    """One value of a codelist and what people call it."""

    code: str
    #: Language (``de``, ``en``) -> name.
    names: Mapping[str, str]
    short: str | None = None
    aliases: tuple[str, ...] = ()

    def name(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The name in ``language``; the code itself where the schema gives none."""
        return self.names.get(language) or self.code

    @property
    def named(self) -> bool:
        """Whether the schema gives a name in the default language."""
        return bool(self.names.get(DEFAULT_LANGUAGE))


def _spellings(entry: Code) -> set[str]:
    """Every way ``entry`` may be written: its code, names and aliases, folded."""
    return {_spelt(word) for word in (entry.code, *entry.names.values(), *entry.aliases)}


@dataclass(frozen=True, slots=True)
class Codelist:
    """The values one property may take, in the schema's order."""

    key: str
    entries: tuple[Code, ...]
    #: Every entry's spellings, folded once (:func:`_spellings`), and folded spelling ->
    #: code, the first entry that has it winning; made on first use (:meth:`_folded`).
    _index: tuple[tuple[frozenset[str], ...], Mapping[str, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    #: Code -> (its place, its entry), for :meth:`get` and :meth:`position`, which
    #: renderers call for every cell they name; the first entry of a code wins.
    _places: Mapping[str, tuple[int, Code]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        places: dict[str, tuple[int, Code]] = {}
        for index, entry in enumerate(self.entries):
            places.setdefault(entry.code, (index, entry))
        object.__setattr__(self, "_places", places)

    def _folded(self) -> tuple[tuple[frozenset[str], ...], Mapping[str, str]]:
        """Resolving a word would otherwise fold every spelling of every code again, and
        an import resolves one for each of 10,000s of cells; but a check of the files
        resolves none, and folding every name of every codelist was a tenth of the
        start-up of ``integ validate``, so the folding waits for the first word."""
        if self._index is None:
            spellings = tuple(frozenset(_spellings(entry)) for entry in self.entries)
            lookup: dict[str, str] = {}
            for entry, spelt in zip(self.entries, spellings, strict=True):
                for word in spelt:
                    lookup.setdefault(word, entry.code)
            object.__setattr__(self, "_index", (spellings, lookup))
        assert self._index is not None
        return self._index

    @property
    def spellings(self) -> tuple[frozenset[str], ...]:
        """Every entry's spellings, in the entries' order."""
        return self._folded()[0]

    @property
    def lookup(self) -> Mapping[str, str]:
        """Folded spelling -> code."""
        return self._folded()[1]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(entry.code for entry in self.entries)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._places

    def get(self, code: str) -> Code:
        """The entry for ``code``; an unknown code stands for itself (also a value of a
        broken record that is no text, which must not raise on the way to its problem)."""
        place = self._places.get(code) if isinstance(code, str) else None
        return Code(code, {}) if place is None else place[1]

    def name(self, code: str, language: str = DEFAULT_LANGUAGE) -> str:
        return self.get(code).name(language)

    def short(self, code: str, language: str = DEFAULT_LANGUAGE) -> str:
        """The short form for narrow columns; the name where there is none."""
        entry = self.get(code)
        return (entry.short if language == DEFAULT_LANGUAGE else None) or entry.name(language)

    def position(self, code: object) -> int:
        """``code``'s place in the list (for sorting); unknown codes after every known one."""
        place = self._places.get(code) if isinstance(code, str) else None
        return len(self.entries) if place is None else place[0]

    def resolve(self, text: str) -> str | None:
        """The code ``text`` stands for: the code, its German or English name or an alias,
        in any case and with or without umlauts (``Laufend``, ``laeuft``); None where
        it stands for none. Files keep the code; this is for what people type."""
        return self.lookup.get(_spelt(text))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """The codes ``text`` may have been meant as, likeliest first: the one it names,
        else those with a code, name or alias spelt close to it (a typing error), each
        spelling weighed on its own. So ``stadt`` (an alias of ``municipal``) is never
        taken for ``state``, whose code merely looks alike, and a word near none gives
        nothing rather than a wrong meaning."""
        import difflib

        code = self.resolve(text)
        if code is not None:
            return [code]
        wanted = _spelt(text)
        scored = []
        for index, (entry, spelt) in enumerate(zip(self.entries, self.spellings, strict=True)):
            best = max(difflib.SequenceMatcher(None, wanted, each).ratio() for each in spelt)
            if best >= CLOSE:
                scored.append((-best, index, entry.code))
        scored.sort()
        return [code for score, _index, code in scored[:limit] if -score >= -scored[0][0] - MARGIN]

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The codes with their names, for messages: ``planned (geplant), active (laufend)``."""
        return ", ".join(
            entry.code if entry.name(language) == entry.code else f"{entry.code} ({entry.name(language)})"
            for entry in self.entries
        )

    def tally(self, values: Iterable[object]) -> dict[str, int]:
        """How often each code occurs among ``values``: every code of the list (0 where
        none), in order, then any other value met, so that nothing counted is lost."""
        counts = dict.fromkeys(self.codes, 0)
        for value in values:
            key = str(value)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def order(self, codes: Iterable[str]) -> list[str]:
        """``codes`` (each once) in the list's order, unknown ones after it in text order."""
        present = set(codes)
        known = [code for code in self.codes if code in present]
        return known + sorted(present - set(known))


@dataclass(frozen=True, slots=True)
class Codelists:
    """Every codelist of one repository, by key (see :data:`LOCATIONS`)."""

    lists: Mapping[str, Codelist]

    def __getitem__(self, key: str) -> Codelist:
        return self.lists[key]

    def __iter__(self) -> Iterator[Codelist]:
        return iter(self.lists.values())


def _names(node: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    labels = node.get(LABELS)
    if not isinstance(labels, dict):
        return {}
    return {str(code): entry for code, entry in labels.items() if isinstance(entry, dict)}


def _code(code: str, own: Mapping[str, Any], fallback: Mapping[str, Any]) -> Code:
    """One code with its names from the governing schema, else from the shipped one."""

    def pick(key: str) -> Any:
        return own[key] if key in own else fallback.get(key)

    names = {language: text for language in ("de", "en") if isinstance(text := pick(language), str) and text.strip()}
    short = pick("short")
    aliases = pick("aliases")
    return Code(
        code,
        names,
        short if isinstance(short, str) and short.strip() else None,
        tuple(a for a in aliases if isinstance(a, str) and a.strip()) if isinstance(aliases, list) else (),
    )


def from_schemas(governing: Mapping[str, dict[str, Any]], shipped: Mapping[str, dict[str, Any]]) -> Codelists:
    """The codelists ``governing`` (record kind -> schema) defines, named with the help
    of ``shipped`` (the schemas integ comes with) where the governing schema is silent."""
    lists: dict[str, Codelist] = {}
    for key, (kind, path) in LOCATIONS.items():
        lists[key] = defined_at(key, governing.get(kind, {}), shipped.get(kind, {}), path)
    return Codelists(lists)


def defined_at(key: str, governing: dict[str, Any], shipped: dict[str, Any], path: Sequence[str | int]) -> Codelist:
    """The codelist ``key`` as the ``governing`` schema defines it at ``path``, named with
    the help of the ``shipped`` schema. Also for a codelist a second kind of record repeats
    (a measure's decisions have the concept record's outcome codes)."""
    node = subschema(governing, path)
    known = _names(subschema(shipped, path))
    own = _names(node)
    enum = node.get("enum")
    codes = [str(v) for v in enum if isinstance(v, str)] if isinstance(enum, list) else []
    return Codelist(key, tuple(_code(c, own.get(c, {}), known.get(c, {})) for c in codes))


@cache
def _for_files(files: tuple[tuple[str, Path], ...]) -> Codelists:
    kinds = {kind for kind, _ in LOCATIONS.values()}
    shipped = {kind: schema_for(PACKAGED / f"{kind}.schema.json") for kind in kinds}
    return from_schemas({kind: schema_for(path) for kind, path in files}, shipped)


def of_repository(root: Path | None) -> Codelists:
    """The codelists of the repository at ``root`` (its own schemas where it has them,
    else the shipped ones); read once per process. Raises SchemaError where a schema
    file is missing or broken."""
    kinds = sorted({kind for kind, _ in LOCATIONS.values()})
    return _for_files(tuple((kind, schema_file(root, kind)) for kind in kinds))


def governing(kind: str, path: Sequence[str | int]) -> str | None:
    """The key of the codelist that governs the value at ``path`` of a ``kind`` record
    (any list index stands for any item), or None where no codelist does."""
    for key, (where, pattern) in LOCATIONS.items():
        if where == kind and len(pattern) == len(path):
            same = zip(pattern, path, strict=True)
            if all(isinstance(a, int) == isinstance(b, int) and (isinstance(a, int) or a == b) for a, b in same):
                return key
    return None


def of_schema(kind: str, schema: Mapping[str, Any]) -> Codelists:
    """The codelists one ``kind`` schema defines (named with the help of integ's own),
    for checking a record against the schema it was checked with."""
    shipped = {kind: schema_for(PACKAGED / f"{kind}.schema.json")}
    return from_schemas({kind: dict(schema)}, shipped)


def unnamed(root: Path, codelists: Codelists) -> list[Problem]:
    """A warning for each code the repository's own schemas give no German name (nor
    integ's schema): reports show such a code as it is. Named at the code's line in the
    schema file where it can be found."""
    problems: list[Problem] = []
    for codelist in codelists:
        missing = [entry.code for entry in codelist if not entry.named]
        if not missing:
            continue
        kind = LOCATIONS[codelist.key][0]
        file = schema_file(root, kind)
        try:
            rel = file.relative_to(root).as_posix()
            lines = file.read_text(encoding="utf-8").splitlines()
        except (ValueError, OSError, UnicodeDecodeError):
            continue  # a shipped schema names all its codes; an unreadable one is reported elsewhere
        for code in missing:
            quoted = f'"{code}"'
            line = next((n for n, text in enumerate(lines, 1) if quoted in text), None)
            problems.append(
                Problem(
                    rel,
                    line,
                    None,
                    "",
                    "codelist-unnamed",
                    _(
                        "the code '{code}' of the codelist {codelist} has no German name, so reports show "
                        "'{code}'; name it under \"{labels}\": {example} beside the enum"
                    ).format(
                        code=code,
                        codelist=codelist.key,
                        labels=LABELS,
                        example=f'{{"{code}": {{"de": "...", "en": "..."}}}}',
                    ),
                    Severity.WARNING,
                )
            )
    return problems
