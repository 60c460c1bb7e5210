"""A new city's data repository: the files ``integ init`` writes."""
