"""A federation of cities: many data repositories, one set of tables.

:mod:`~integ_cli.federation.config` reads the federation file (each city's repository,
revision and vocabulary mapping); :mod:`~integ_cli.federation.run` checks, reports on and
exports the cities in parallel processes; :mod:`~integ_cli.federation.report` is the
report over all of them (rendered by :mod:`integ_cli.render.federation`). The tables
are those of :mod:`integ_cli.tables`.
"""
