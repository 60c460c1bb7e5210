"""The report for the council and the overviews: plain models built from the catalogue."""
