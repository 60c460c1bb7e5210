"""The public site: the catalogue's public records as static, accessible HTML pages.

:mod:`~integ_cli.site.listings` groups the measures into the lists every number links
to, :mod:`~integ_cli.site.pages` and :mod:`~integ_cli.site.measure` draw the pages in
the frame of :mod:`~integ_cli.site.layout`, and :mod:`~integ_cli.site.build` puts them
together as files (path -> bytes), which ``integ site`` writes.
"""
