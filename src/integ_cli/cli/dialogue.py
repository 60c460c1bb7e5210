"""The question-and-answer dialogue of ``integ add`` on a terminal.

Each answer is checked as it is given (a known id, a date, long enough text), and the
question is asked again with the reason where it does not fit. Vocabularies are
offered as numbered menus, hierarchies indented; an answer may be numbers or ids,
several separated by commas. The prompt functions are parameters, so tests (and
other front ends) can drive the dialogue without a terminal.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer

from integ_cli.authoring.records import Vocabularies
from integ_cli.codelists import Codelist, Codelists
from integ_cli.patterns import DATE
from integ_cli.suggest import did_you_mean

#: ask(question, default) -> answer; default "" means the question may be skipped.
Ask = Callable[[str, str], str]
#: say(text): show a line to the person answering.
Say = Callable[[str], None]


def terminal_ask(question: str, default: str) -> str:
    """Ask on the terminal (stderr, so stdout stays clean for the result)."""
    answer = typer.prompt(question, default=default, show_default=bool(default), err=True)
    return str(answer)


def terminal_say(text: str) -> None:
    typer.echo(text, err=True)


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
        ask: Ask = terminal_ask,
        say: Say = terminal_say,
    ) -> None:
        self.vocab = vocab
        self.schema = schema
        self.codes = codes
        self.ask = ask
        self.say = say
        self._order: list[str] = []  # the menu shown last, for answers given as numbers

    def questions(self, values: dict[str, Any]) -> list[Question]:
        v, schema = self.vocab, self.schema
        required = set(schema.get("required", []))
        status, horizon, visibility = self.codes["status"], self.codes["horizon"], self.codes["visibility"]

        def req(key: str) -> bool:
            return key in required

        return [
            Question("field", "Action field (Handlungsfeld)", self._one(v.fields, "action field", True), menu=v.fields),
            Question("title", "Title", self._text("title", req("title"))),
            Question(
                "summary", "Summary: what the measure does, in two or three sentences", self._text("summary", True)
            ),
            Question("goal", "Goal (Ziel; Enter to skip)", self._text("goal", req("goal"))),
            Question(
                "target_groups",
                "Target groups (Zielgruppen), one or more",
                self._many(v.target_groups, "target group", req("target_groups")),
                menu=v.target_groups,
            ),
            Question(
                "lead", "Lead (Federführung; Enter to skip)", self._one(v.actors, "actor", req("lead")), menu=v.actors
            ),
            Question(
                "partners",
                "Partners (Enter to skip)",
                self._many(v.actors, "actor", req("partners")),
                menu=v.actors,
            ),
            Question(
                "districts",
                "Districts (Stadtbezirke), one or more",
                self._many(v.districts, "district", req("districts")),
                menu=v.districts,
            ),
            Question(
                "status",
                f"Status ({status.describe()})",
                self._choice(status, "status"),
                status.codes[0] if status.codes else "",  # the first status of the life cycle
            ),
            Question("horizon", f"Horizon ({horizon.describe()})", self._choice(horizon, "horizon")),
            Question("start", "Start date, YYYY-MM-DD (Enter to skip)", self._date(req("start"))),
            Question("end", "End date, YYYY-MM-DD (Enter to skip)", self._date(req("end"), values)),
            Question(
                "visibility",
                f"Visibility ({visibility.describe()})",
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

    def _pick(self, token: str, entries: dict[str, str], what: str) -> str:
        order = self._order or list(entries)
        if token.isdigit():
            if 1 <= int(token) <= len(order):
                return order[int(token) - 1]
            raise Invalid(f"there is no number {token}; choose 1 to {len(order)}")
        if token in entries:
            return token
        raise Invalid(f"unknown {what} '{token}'{did_you_mean(token, entries)}")

    def _one(self, entries: dict[str, str], what: str, required: bool) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            if not answer:
                if required:
                    raise Invalid(f"a {what} is needed: a number or an id from the list")
                return None
            tokens = _tokens(answer)
            if len(tokens) != 1:
                raise Invalid(f"choose one {what}")
            return self._pick(tokens[0], entries, what)

        return read

    def _many(self, entries: dict[str, str], what: str, required: bool) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            if not answer:
                if required:
                    raise Invalid(f"at least one {what} is needed: numbers or ids from the list, e.g. 1,3")
                return []
            return list(dict.fromkeys(self._pick(token, entries, what) for token in _tokens(answer)))

        return read

    def _choice(self, codelist: Codelist, what: str) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            # Forgiving like the menus: the code, its name or an alias in any case, or its place in the list.
            code = codelist.resolve(answer)
            if code is not None:
                return code
            if answer.isdigit() and 1 <= int(answer) <= len(codelist.codes):
                return codelist.codes[int(answer) - 1]
            raise Invalid(f"'{answer}' is not a {what}; choose one of: {codelist.describe()}")

        return read

    def _text(self, key: str, required: bool) -> Callable[[str], Any]:
        from integ_cli.checking.schema import subschema

        rules = subschema(self.schema, [key])
        shortest, longest = int(rules.get("minLength", 1)), rules.get("maxLength")

        def read(answer: str) -> Any:
            if not answer and not required:
                return None
            if len(answer) < shortest:
                raise Invalid(f"at least {shortest} characters, please")
            if longest is not None and len(answer) > int(longest):
                raise Invalid(f"at most {longest} characters, please (this is {len(answer)})")
            return answer

        return read

    def _date(self, required: bool, values: dict[str, Any] | None = None) -> Callable[[str], Any]:
        def read(answer: str) -> Any:
            if not answer:
                if required:
                    raise Invalid("a date is needed, written YYYY-MM-DD")
                return None
            if not DATE.fullmatch(answer):
                raise Invalid(f"'{answer}' is not a date written YYYY-MM-DD, e.g. 2027-01-15")
            try:
                datetime.date.fromisoformat(answer)
            except ValueError:
                raise Invalid(f"there is no day {answer} in the calendar") from None
            start = values.get("start") if values is not None else None
            if isinstance(start, str) and answer < start:
                raise Invalid(f"the end cannot be before the start ({start})")
            return answer

        return read


def _tokens(answer: str) -> list[str]:
    return [token for token in re.split(r"[,\s]+", answer) if token]
