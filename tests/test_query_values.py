"""Query values as people type them: ids, German names, codes, names of codes; and
what an unknown value is told with."""

from __future__ import annotations

import pytest

from integ_cli.codelists import of_repository
from integ_cli.query import Query
from integ_cli.query_values import resolved, unknown_values
from tests.helpers import CATALOGUE_FIELDS as FIELDS
from tests.helpers import CATALOGUE_VOCABULARIES as VOCABULARIES

#: The codelists of the schemas shipped with integ.
CODES = of_repository(None)


def resolve(**values: tuple[str, ...]) -> Query:
    query, unknown = resolved(Query(**values), FIELDS, VOCABULARIES, CODES)  # type: ignore[arg-type]
    assert unknown == []
    return query


def test_unknown_values_name_the_closest_match() -> None:
    query = Query(
        target_groups=("jugend",),
        fields=("sprahce",),
        actors=("stadt",),
        districts=("xyz",),
        statuses=("activ",),
        horizons=("mid",),
        sort="-budgt",
    )
    unknown = unknown_values(query, FIELDS, VOCABULARIES, CODES)
    assert [(u.what, u.value) for u in unknown] == [
        ("target group", "jugend"),
        ("action field", "sprahce"),
        ("district", "xyz"),
        ("status", "activ"),
        ("sort key", "budgt"),
    ]
    messages = [u.message() for u in unknown]
    assert messages[0] == (
        "unknown target group 'jugend'; did you mean 'jugendliche' (Jugendliche) "
        "or 'kinder-jugendliche' (Kinder und Jugendliche)?"
    )
    assert messages[1] == "unknown action field 'sprahce'; did you mean 'sprache' (Sprachförderung)?"
    assert messages[2] == "unknown district 'xyz'; known: stadtweit, brand, eilendorf"
    assert messages[3] == "unknown status 'activ'; did you mean 'active'?"
    assert messages[4] == "unknown sort key 'budgt'; did you mean 'budget'?"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mütter", "junge-muetter"),
        ("Muetter", "junge-muetter"),
        ("junge mütter", "junge-muetter"),
        ("Kinder im Vorschulalter", "vorschulkinder"),
        ("KINDER", "kinder"),
    ],
)
def test_target_groups_are_found_by_their_german_name(typed: str, expected: str) -> None:
    assert resolve(target_groups=(typed,)).target_groups == (expected,)


def test_fields_actors_and_districts_are_found_by_name() -> None:
    query = resolve(fields=("Sprache",), actors=("Volkshochschule",), districts=("Gesamtstadt",))
    assert (query.fields, query.actors, query.districts) == (("sprache",), ("vhs",), ("stadtweit",))


def test_statuses_and_horizons_are_found_by_their_german_name() -> None:
    query = resolve(statuses=("laufend", "Geplant", "active"), horizons=("mittelfristig",))
    assert (query.statuses, query.horizons) == (("active", "planned", "active"), ("mid",))


def test_a_name_several_entries_share_is_not_guessed() -> None:
    (unknown,) = unknown_values(Query(target_groups=("kind",)), FIELDS, VOCABULARIES, CODES)
    assert unknown.candidates == ("kinder", "vorschulkinder", "kinder-jugendliche")
    assert "did you mean 'kinder' (Kinder) or 'vorschulkinder'" in unknown.message()


def test_an_unknown_value_in_german(german: None) -> None:
    (unknown,) = unknown_values(Query(statuses=("laufen",)), FIELDS, VOCABULARIES, CODES)
    assert unknown.message() == "unbekannter Status 'laufen'; meinten Sie 'active' (laufend)?"
