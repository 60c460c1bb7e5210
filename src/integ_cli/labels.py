"""German names of the schema's fixed values (status, horizon, visibility, funding
source), for everything a person reads: reports, the spreadsheet's lists, the
dialogue. The files and the JSON keep the English values the schema defines.
"""

from __future__ import annotations

STATUS = {
    "planned": "geplant",
    "active": "laufend",
    "completed": "abgeschlossen",
    "suspended": "ausgesetzt",
    "dropped": "verworfen",
}
HORIZON = {"short": "kurzfristig", "mid": "mittelfristig", "long": "langfristig"}
VISIBILITY = {"public": "öffentlich", "internal": "intern"}
SOURCE = {
    "municipal": "kommunal",
    "state": "Land NRW",
    "jobcenter": "Jobcenter",
    "federal": "Bund",
    "eu": "EU",
    "foundation": "Stiftung",
    "other": "sonstige",
}
