"""The example queries an analyst starts from, as ``docs/analytics.md`` shows them and
``integ sql --example NAME`` runs them (the tests check both against the YAML)."""

from __future__ import annotations

from integ_cli.i18n import N_

#: name -> (what it answers, the SQL).
EXAMPLES: dict[str, tuple[str, str]] = {
    "budget": (
        N_("Budget per action field and funding source per year"),
        """SELECT m.municipality, m.field, b.source, b.year,
       sum(b.planned) AS planned,
       sum(coalesce(b.revised, b.planned)) AS revised,
       sum(b.spent) AS spent
FROM budget_lines b
JOIN measures m ON m.municipality = b.municipality AND m.id = b.measure_id
GROUP BY ALL
ORDER BY ALL""",
    ),
    "target-groups": (
        N_("Measures per main target group, sub-groups included"),
        """SELECT g.municipality, g.id AS target_group, g.name,
       count(DISTINCT l.measure_id) AS measures
FROM target_groups g
JOIN ancestors a ON a.municipality = g.municipality
     AND a.vocabulary = 'target_groups' AND a.ancestor = g.id
JOIN links l ON l.municipality = a.municipality
     AND l.relation = 'target_group' AND l.target = a.id
WHERE g.main
GROUP BY ALL
ORDER BY ALL""",
    ),
    "overdue": (
        N_("Overdue measures (active, end date passed) per district"),
        """SELECT l.municipality, l.target AS district, count(*) AS overdue
FROM measures m
JOIN links l ON l.municipality = m.municipality
     AND l.measure_id = m.id AND l.relation = 'district'
WHERE m.status = 'active' AND m."end" < current_date
GROUP BY ALL
ORDER BY ALL""",
    ),
}
