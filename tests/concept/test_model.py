"""The concept model: dates as precise as they are known, and the record as data."""

from __future__ import annotations

import datetime as dt

import pytest

from integ_cli import i18n
from integ_cli.concept.model import Edition, PartialDate, concept_from


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014", PartialDate(2014)),
        ("2014-06", PartialDate(2014, 6)),
        ("2014-06-30", PartialDate(2014, 6, 30)),
    ],
)
def test_a_date_is_read_as_precisely_as_it_is_written(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize("text", ["2014-13", "2014-02-30", "2014-00", "2014-6", "14", "2014-06-30T00:00", "Juni 2014"])
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match=f"'{text}' is not a"):
        PartialDate.parse(text)


def test_a_leap_day_exists_only_in_a_leap_year() -> None:
    assert PartialDate.parse("2024-02-29").last == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="not a real date"):
        PartialDate.parse("2023-02-29")


def test_dates_sort_by_what_is_known_the_vaguer_first() -> None:
    dates = [PartialDate.parse(t) for t in ("2014-07", "2014-06-30", "2013-12-31", "2014", "2014-06")]
    assert [str(d) for d in sorted(dates)] == ["2013-12-31", "2014", "2014-06", "2014-06-30", "2014-07"]
    assert PartialDate(2014) < PartialDate(2014, 1, 1)
    assert PartialDate(2014, 6) >= PartialDate(2014, 6)


def test_a_vague_date_is_before_another_only_where_every_day_it_may_mean_is() -> None:
    year, june = PartialDate(2014), PartialDate(2014, 6)
    assert not year.before(june)  # "2014" may mean a day in July
    assert not june.before(year)
    assert june.before(PartialDate(2014, 7, 1))
    day = PartialDate(2014, 7, 1)
    assert PartialDate(2014, 6, 30).before(day)
    assert not day.before(day)
    assert not PartialDate(2015, 1, 1).before(day)
    assert PartialDate(2013).before(june)
    assert (june.first, june.last) == (dt.date(2014, 6, 1), dt.date(2014, 6, 30))
    assert (year.first, year.last) == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("30.06.2014", "2014-06-30"), ("1.6.2014", "2014-06-01"), ("06.2014", "2014-06"), (" 2014 ", "2014")],
)
def test_dates_as_german_users_type_them(typed: str, expected: str) -> None:
    assert str(PartialDate.from_typed(typed)) == expected


def test_a_typed_date_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'31\.06\.2014' is not a real date"):
        PartialDate.from_typed("31.06.2014")


def test_a_message_about_a_date_speaks_german(german: None) -> None:
    with pytest.raises(ValueError, match="'2014-02-30' ist kein gültiges Datum"):
        PartialDate.parse("2014-02-30")


def test_a_date_read_again_is_shared_and_a_refused_one_is_refused_again_in_the_language_of_the_moment(
    german: None,
) -> None:
    assert PartialDate.parse("2014-06") is PartialDate.parse("2014-06")  # read once for 10,000 records
    with pytest.raises(ValueError, match="ist kein gültiges Datum"):
        PartialDate.parse("2014-02-31")
    i18n.setup("en")
    with pytest.raises(ValueError, match="is not a real date"):
        PartialDate.parse("2014-02-31")


RECORD = {
    "schema_version": 1,
    "municipality": {"name": "Aachen", "kind": "city", "official_key": "05334002"},
    "title": "Integrationskonzept der Stadt Aachen",
    "unit": "stabsstelle-integration",
    "illustrative": True,
    "decisions": [
        {
            "body": "Rat der Stadt Aachen",
            "date": "2006-10",
            "paper": "BEISPIEL-2006/001",
            "outcome": "adopted",
            "consultation": [{"body": "Integrationsrat", "date": "2006-09", "outcome": "recommended"}],
        }
    ],
    "editions": [
        {"name": "2018", "date": "2018", "fields": ["sprache", "bildung"], "tag": "edition-2018"},
        {"name": "2006", "date": "2006-10", "decision": "BEISPIEL-2006/001", "fields": ["sprache"], "measures": 23},
    ],
}


def test_the_record_as_a_model() -> None:
    concept = concept_from(RECORD)
    assert concept.municipality.official_key == "05334002"
    assert concept.illustrative is True
    assert concept.decision("BEISPIEL-2006/001").consultation[0].date == PartialDate(2006, 9)  # type: ignore[union-attr]
    assert concept.decision("BEISPIEL-1999/999") is None
    assert [e.name for e in concept.chronological()] == ["2006", "2018"]
    assert concept.edition("2006").measures == 23  # type: ignore[union-attr]
    assert concept.edition("2010") is None


def test_an_edition_is_written_back_as_the_file_has_it() -> None:
    edition = Edition("2018", PartialDate(2018, 6, 20), decision="BEISPIEL-2018/001", fields=("sprache",), tag="t")
    assert edition.as_dict() == {
        "name": "2018",
        "date": "2018-06-20",
        "decision": "BEISPIEL-2018/001",
        "fields": ["sprache"],
        "tag": "t",
    }
    assert concept_from({**RECORD, "editions": [edition.as_dict()]}).editions == (edition,)
