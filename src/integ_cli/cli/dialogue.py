"""The question-and-answer dialogue of ``integ add`` on a terminal.

Each answer is checked as it is given (a known id, a date, long enough text), and the
question is asked again with the reason where it does not fit. Vocabularies are
offered as numbered menus, hierarchies indented; an answer may be numbers or ids,
several separated by commas. Codelist values may be given by code, German name or
alias, dates as ``31.12.2025`` or ``2025-12-31`` (read by
:mod:`integ_cli.authoring.parse`, as everywhere). The prompt functions are
parameters, so tests (and other front ends) can drive the dialogue without a terminal.

Every question and message is a whole sentence in the catalog: German needs the
gender of the noun ("kein Handlungsfeld", "keine Zielgruppe"), so no message is put
together from a translated noun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from integ_cli.authoring.records import Vocabularies
from integ_cli.cli import prompts
from integ_cli.codelists import Codelist, Codelists
from integ_cli.i18n import N_, _
from integ_cli.suggest import did_you_mean

#: ask(question, default) -> answer; default "" means the question may be skipped.
Ask = Callable[[str, str], str]
#: say(text): show a line to the person answering.
Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Words:
    """What the dialogue says about the answers from one vocabulary."""

    unknown: str  #: an id not in it: ``{token}``
    needed: str  #: a required question skipped
    only_one: str = ""  #: several given where one is asked for


FIELD = Words(
    N_("unknown action field '{token}'"),
    N_("an action field is needed: a number or an id from the list"),
    N_("choose one action field"),
)
TARGET_GROUPS = Words(
    N_("unknown target group '{token}'"),
    N_("at least one target group is needed: numbers or ids from the list, e.g. 1,3"),
)
LEAD = Words(
    N_("unknown actor '{token}'"),
    N_("a lead is needed: a number or an id from the list"),
    N_("choose one actor"),
)
PARTNERS = Words(
    N_("unknown actor '{token}'"),
    N_("at least one partner is needed: numbers or ids from the list, e.g. 1,3"),
)
DISTRICTS = Words(
    N_("unknown district '{token}'"),
    N_("at least one district is needed: numbers or ids from the list, e.g. 1,3"),
)
#: codelist -> the message for an answer that names none of its codes.
NOT_A_CODE = {
    "status": N_("'{answer}' is not a status; choose one of: {codes}"),
    "horizon": N_("'{answer}' is not a horizon; choose one of: {codes}"),
    "visibility": N_("'{answer}' is not a visibility; choose one of: {codes}"),
}


class Invalid(ValueError):
    """An answer that does not fit; the message says why, and the question is asked again."""


@dataclass(slots=True)
class Question:
    key: str
    text: str
    read: Callable[[str], Any]
    default: str = ""
    menu: dict[str, str] | None = None


class Dialogue:
    """Asks for every value of a new measure that is not given yet."""

    def __init__(
        self,
        vocab: Vocabularies,
        schema: dict[str, Any],
        codes: Codelists,
        ask: Ask = prompts.ask,
        say: Say = prompts.say,
    ) -> None:
        self.vocab = vocab
        self.schema = schema
        self.codes = codes
        self.ask = ask
        self.say = say
        self._order: list[str] = []  # the menu shown last, for answers given as numbers

    def questions(self, values: dict[str, Any]) -> list[Question]:
        """The questions, in the language of this process (asked in this order)."""
        v, schema = self.vocab, self.schema
        required = set(schema.get("required", []))
        status, horizon, visibility = self.codes["status"], self.codes["horizon"], self.codes["visibility"]

        def req(key: str) -> bool:
            return key in required

        return [
            Question("field", _("Action field (Handlungsfeld)"), self._one(v.fields, FIELD, True), menu=v.fields),
            Question("title", _("Title"), self._text("title", req("title"))),
            Question(
                "summary",
                _("Summary: what the measure does, in two or three sentences"),
                self._text("summary", True),
            ),
            Question("goal", _("Goal (Ziel; Enter to skip)"), self._text("goal", req("goal"))),
            Question(
                "target_groups",
                _("Target groups (Zielgruppen), one or more"),
                self._many(v.target_groups, TARGET_GROUPS, req("target_groups")),
                menu=v.target_groups,
            ),
            Question(
                "lead",
                _("Lead (Federführung; Enter to skip)"),
                self._one(v.actors, LEAD, req("lead")),
                menu=v.actors,
            ),
            Question(
                "partners",
                _("Partners (Enter to skip)"),
                self._many(v.actors, PARTNERS, req("partners")),
                menu=v.actors,
            ),
            Question(
                "districts",
                _("Districts (Stadtbezirke), one or more"),
                self._many(v.districts, DISTRICTS, req("districts")),
                menu=v.districts,
            ),
            Question(
                "status",
                _("Status ({codes})").format(codes=status.describe()),
                self._choice(status, "status"),
                status.codes[0] if status.codes else "",  # the first status of the life cycle
            ),
            Question(
                "horizon", _("Horizon ({codes})").format(codes=horizon.describe()), self._choice(horizon, "horizon")
            ),
            Question("start", _("Start date, DD.MM.YYYY (Enter to skip)"), self._date(req("start"))),
            Question("end", _("End date, DD.MM.YYYY (Enter to skip)"), self._date(req("end"), values)),
            Question(
                "visibility",
                _("Visibility ({codes})").format(codes=visibility.describe()),
                self._choice(visibility, "visibility"),
                "public" if "public" in visibility else "",
            ),
        ]

    def run(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` completed by asking for everything not given (in place, returned)."""
        for question in self.questions(values):
            if values.get(question.key) not in (None, [], ""):
                continue
            if question.menu is not None:
                self.say(self._menu(question.menu))
            while True:
                answer = self.ask(question.text, question.default).strip()
                try:
                    value = question.read(answer)
                except Invalid as error:
                    self.say(f"  {error}")
                    continue
                break
            if value not in (None, [], ""):
                values[question.key] = value
        return values

    # --- menus and readers ---------------------------------------------------------------

    def _menu(self, entries: dict[str, str]) -> str:
        parents = self.vocab.parents
        depth: dict[str, int] = {}

        def level(entry: str, seen: tuple[str, ...] = ()) -> int:
            parent = parents.get(entry)
            if parent is None or parent not in entries or parent in seen:
                return 0
            return depth.setdefault(entry, level(parent, (*seen, entry)) + 1)

        ordered: list[str] = []

        def visit(entry: str) -> None:
            if entry in ordered:
                return
            ordered.append(entry)
            for child in entries:
                if parents.get(child) == entry:
                    visit(child)

        for entry in entries:
            if level(entry) == 0:
                visit(entry)
        ordered += [e for e in entries if e not in ordered]  # cycles: show them anyway
        self._order = ordered
        width = len(str(len(ordered)))
        return "\n".join(
            f"  {n:>{width}}  {'  ' * level(entry)}{entry}" + (f"  ({entries[entry]})" if entries[entry] else "")
            for n, entry in enumerate(ordered, 1)
        )

    def _pick(self, token: str, entries: dict[str, str], words: Words) -> str:
        order = self._order or list(entries)
        if token.isdigit():
            if 1 <= int(token) <= len(order):
                return order[int(token) - 1]
            raise Invalid(_("there is no number {number}; choose 1 to {last}").format(number=token, last=len(order)))
        if token in entries:
            return token
        same = [entry for entry in entries if entry.casefold() == token.casefold()]  # "Wohnen" for wohnen
        if len(same) == 1:
            return same[0]
        raise Invalid(_(words.unknown).format(token=token) + did_you_mean(token, entries))

    def _one(self, entries: dict[str, str], words: Words, required: bool) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            if not answer:
                if required:
                    raise Invalid(_(words.needed))
                return None
            tokens = _tokens(answer)
            if len(tokens) != 1:
                raise Invalid(_(words.only_one))
            return self._pick(tokens[0], entries, words)

        return read

    def _many(self, entries: dict[str, str], words: Words, required: bool) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            if not answer:
                if required:
                    raise Invalid(_(words.needed))
                return []
            return list(dict.fromkeys(self._pick(token, entries, words) for token in _tokens(answer)))

        return read

    def _choice(self, codelist: Codelist, key: str) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            # Forgiving like the menus: the code, its name or an alias in any case, or its place in the list.
            code = codelist.resolve(answer)
            if code is not None:
                return code
            if answer.isdigit() and 1 <= int(answer) <= len(codelist.codes):
                return codelist.codes[int(answer) - 1]
            raise Invalid(_(NOT_A_CODE[key]).format(answer=answer, codes=codelist.describe()))

        return read

    def _text(self, key: str, required: bool) -> Callable[[str], Any]:
        from integ_cli.checking.schema import subschema

        rules = subschema(self.schema, [key])
        shortest, longest = int(rules.get("minLength", 1)), rules.get("maxLength")

        def read(answer: str) -> Any:
            if not answer and not required:
                return None
            if len(answer) < shortest:
                raise Invalid(_("at least {n} characters, please").format(n=shortest))
            if longest is not None and len(answer) > int(longest):
                raise Invalid(
                    _("at most {n} characters, please (this is {length})").format(n=longest, length=len(answer))
                )
            return answer

        return read

    def _date(self, required: bool, values: dict[str, Any] | None = None) -> Callable[[str], Any]:
        from integ_cli.authoring.parse import parse_date

        def read(answer: str) -> Any:
            if not answer:
                if required:
                    raise Invalid(_("a date is needed, written DD.MM.YYYY or YYYY-MM-DD"))
                return None
            try:
                date = parse_date(answer)
            except ValueError as error:
                raise Invalid(str(error)) from None
            start = values.get("start") if values is not None else None
            if isinstance(start, str) and date < start:
                raise Invalid(_("the end cannot be before the start ({start})").format(start=start))
            return date

        return read


def _tokens(answer: str) -> list[str]:
    return [token for token in re.split(r"[,\s]+", answer) if token]
