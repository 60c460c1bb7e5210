"""The lists behind the site's numbers follow the report's counting rules."""

from __future__ import annotations

from tests.helpers import entries

from integ_cli.site.listings import ALL, build_listings, district_path, field_path, group_path

FIELDS = entries({"id": "sprache"}, {"id": "bildung"})
GROUPS = entries(
    {"id": "kinder-jugendliche", "main": True},
    {"id": "kinder", "parent": "kinder-jugendliche"},
    {"id": "vorschulkinder", "parent": "kinder"},
    {"id": "eltern"},
)
DISTRICTS = entries({"id": "stadtweit", "city_wide": True}, {"id": "brand"}, {"id": "haaren"})
MEASURES = [
    {"id": "a", "field": "sprache", "status": "active", "target_groups": ["vorschulkinder"], "districts": ["brand"]},
    {
        "id": "b",
        "field": "sprache",
        "status": "planned",
        "also_fields": ["bildung"],
        "target_groups": ["eltern"],
        "districts": ["stadtweit"],
    },
]


def test_a_main_target_group_counts_the_measures_of_its_sub_groups() -> None:
    listings, mains = build_listings(MEASURES, FIELDS, GROUPS, DISTRICTS)
    assert mains == ["kinder-jugendliche"]
    assert listings[group_path("kinder-jugendliche")].measures == ["a"]
    assert listings[field_path("sprache", "zielgruppe-kinder-jugendliche")].measures == ["a"]


def test_city_wide_measures_serve_every_district_but_are_listed_apart() -> None:
    listings, _ = build_listings(MEASURES, FIELDS, GROUPS, DISTRICTS)
    assert listings[district_path("brand")].measures == ["a"]
    assert listings[district_path("haaren")].measures == []  # its page exists, empty
    assert listings[district_path("stadtweit")].measures == ["b"]
    assert listings[district_path("brand", True)].measures == ["a", "b"]
    assert listings[district_path("haaren", True)].measures == ["b"]
    assert district_path("stadtweit", True) not in listings


def test_a_further_action_field_is_listed_apart_from_the_main_field() -> None:
    listings, _ = build_listings(MEASURES, FIELDS, GROUPS, DISTRICTS)
    assert listings.count(field_path("sprache")) == 2
    assert listings.count(field_path("bildung")) == 0
    assert listings[field_path("bildung", "weitere")].measures == ["b"]
    assert listings.count(field_path("sprache", "status-active")) == 1
    assert listings.count(ALL) == 2
