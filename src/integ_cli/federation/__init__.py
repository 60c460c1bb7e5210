"""A federation of cities: many data repositories, one set of tables.

:mod:`~integ_cli.federation.config` reads the federation file (each city's repository,
revision and vocabulary mapping); :mod:`~integ_cli.federation.run` checks and exports
the cities in parallel processes. The tables are those of :mod:`integ_cli.tables`.
"""
