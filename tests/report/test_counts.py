"""The overview counts: measures per action field, target group, actor and district."""

from __future__ import annotations

from integ_cli.codelists import of_repository
from integ_cli.report.counts import actor_counts, district_counts, field_counts, target_group_counts
from tests.helpers import CATALOGUE_FIELDS as FIELDS
from tests.helpers import CATALOGUE_VOCABULARIES as VOCABULARIES
from tests.helpers import as_measures, measure


def test_counts() -> None:
    measures = as_measures(
        measure("m1", field="sprache", status="active", target_groups=["vorschulkinder"], lead="vhs"),
        measure("m2", field="sprache", status="planned", target_groups=["kinder", "vorschulkinder"], lead="stadt"),
        measure(
            "m3", field="wohnen", also_fields=["sprache"], target_groups=["junge-muetter"], districts=["stadtweit"]
        ),
        measure(
            "m4", field="wohnen", lead="migrationsrat", partners=["vhs", "stadt"], districts=["brand", "stadtweit"]
        ),
    )
    fields = {f.id: f.as_dict() for f in field_counts(FIELDS, measures, of_repository(None)["status"])}
    assert list(fields) == ["sprache", "bildung", "wohnen"]
    assert fields["sprache"]["by_status"] == {
        "planned": 1,
        "active": 1,
        "completed": 0,
        "suspended": 0,
        "dropped": 0,
        "unknown": 0,
    }
    assert (fields["sprache"]["measures"], fields["sprache"]["also"], fields["sprache"]["prioritised"]) == (2, 1, True)
    assert fields["wohnen"]["measures"] == 2

    groups = {c.id: (c.depth, c.direct, c.total) for c in target_group_counts(VOCABULARIES["target-groups"], measures)}
    assert groups == {
        "kinder-jugendliche": (0, 0, 2),  # m1 and m2, each counted once
        "kinder": (1, 1, 2),
        "vorschulkinder": (2, 2, 2),
        "jugendliche": (1, 0, 0),
        "junge-muetter": (0, 2, 2),
    }
    actors = {
        c.id: (c.extra["lead"], c.extra["partner"], c.total) for c in actor_counts(VOCABULARIES["actors"], measures)
    }
    assert actors == {"stadt": (1, 1, 3), "vhs": (1, 1, 2), "migrationsrat": (1, 0, 1)}
    districts = {c.id: (c.direct, c.total) for c in district_counts(VOCABULARIES["districts"], measures)}
    # brand: m1, m2 name it; m3 is city-wide; m4 names both and counts once.
    assert districts == {"stadtweit": (2, 2), "brand": (3, 4), "eilendorf": (0, 2)}
