"""The report as JSON, for other tools: the report model as it is (``dataclasses.asdict``).

Keys keep the model's order (``report_version`` first), so the same data gives the same
bytes and a committed report diffs line by line. Ids and English keys, amounts in EUR as
numbers (whole euros as integers), ``null`` where a value is unknown.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from integ_cli.report.model import Report


def render_json(report: Report) -> str:
    data = asdict(report)
    version = data.pop("report_version")
    return json.dumps({"report_version": version, **data}, ensure_ascii=False, indent=2) + "\n"
