"""The catalogue as related tables for other tools: measures, budget lines, indicators,
links and the vocabularies with their hierarchy, each row with the municipality and the
git revision it came from.

:mod:`~integ_cli.tables.columns` defines the tables, :mod:`~integ_cli.tables.rows`
builds their rows from a catalogue, :mod:`~integ_cli.tables.write` writes them as
Parquet or JSON Lines, :mod:`~integ_cli.tables.engine` queries them with DuckDB,
:mod:`~integ_cli.tables.source` says which city and revision they belong to.
"""
