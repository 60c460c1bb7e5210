"""The overview counts: measures per action field, target group, actor and district."""

from __future__ import annotations

import pickle

from integ_cli.codelists import of_repository
from integ_cli.report.counts import (
    FieldTally,
    actor_counts,
    actors_tally,
    district_counts,
    field_counts,
    target_group_counts,
    target_groups_tally,
)
from tests.helpers import CATALOGUE_FIELDS as FIELDS
from tests.helpers import CATALOGUE_VOCABULARIES as VOCABULARIES
from tests.helpers import as_measures, measure

MEASURES = as_measures(
    measure("m1", field="sprache", status="active", target_groups=["vorschulkinder"], lead="vhs"),
    measure("m2", field="sprache", status="planned", target_groups=["kinder", "vorschulkinder"], lead="stadt"),
    measure("m3", field="wohnen", also_fields=["sprache"], target_groups=["junge-muetter"], districts=["stadtweit"]),
    measure("m4", field="wohnen", lead="migrationsrat", partners=["vhs", "stadt"], districts=["brand", "stadtweit"]),
)


def test_counts() -> None:
    measures = MEASURES
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


def test_tallies_of_runs_sent_and_merged_count_as_one_pass() -> None:
    """Workers count their runs and send the tallies (pickled); merged in file order, the
    overview is the one of all the records in one pass."""
    statuses = of_repository(None)["status"]
    makers = [
        (lambda: FieldTally(FIELDS, statuses), lambda tally: [f.as_dict() for f in tally.rows()]),
        (lambda: target_groups_tally(VOCABULARIES["target-groups"]), lambda tally: tally.rows()),
        (lambda: actors_tally(VOCABULARIES["actors"]), lambda tally: tally.rows()),
    ]
    for make, rows in makers:
        whole, merged = make(), make()
        for m in MEASURES:
            whole.add(m.data)
        for run in (MEASURES[:1], MEASURES[1:3], MEASURES[3:]):
            part = merged.empty()
            for m in run:
                part.add(m.data)
            merged.merge(pickle.loads(pickle.dumps(part)))
        assert rows(merged) == rows(whole)
