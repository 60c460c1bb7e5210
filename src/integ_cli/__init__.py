"""integ: keep a city's integration concept as validated YAML, query it, report on it."""

__version__ = "0.1.0"
