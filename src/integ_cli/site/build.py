"""The whole site as files: site path -> bytes, and writing them into a folder.

:func:`build_site` is plain: it reads nothing but the catalogue, the concept and the
stylesheet and script shipped in ``integ_cli/site/static``, and the same input gives the
same bytes (the date is the caller's, paths are sorted, nothing else varies), so a
published site can be rebuilt and compared.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from integ_cli.render.report.svg import CHART_STYLE
from integ_cli.site.concept import Concept
from integ_cli.site.context import site_context
from integ_cli.site.finding import search_index, search_page
from integ_cli.site.layout import INDEX_SCRIPT, SCRIPT, SEARCH, START, STATEMENT, STYLESHEET
from integ_cli.site.listings import measure_path
from integ_cli.site.measure import measure_page
from integ_cli.site.pages import listing_page, start_page
from integ_cli.site.report_pages import report_pages
from integ_cli.site.statement import statement_page

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue


def _static(name: str) -> str:
    return resources.files("integ_cli.site").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def build_site(catalogue: Catalogue, concept: Concept, date: dt.date, *, internal: bool = False) -> dict[str, bytes]:
    """Every file of the site for ``catalogue``'s public measures as of ``date``, by path
    (with ``internal`` the internal ones too, each page marked not for publication)."""
    site = site_context(catalogue, concept, date, internal=internal)
    files = {START: start_page(site), SEARCH: search_page(site), STATEMENT: statement_page(site)}
    files.update({measure_path(mid): measure_page(site, mid) for mid in site.measures})
    files.update({path: listing_page(site, listing) for path, listing in site.listings.items()})
    files.update(report_pages(site))
    files[INDEX_SCRIPT] = search_index(site)
    files[STYLESHEET] = _static("site.css") + CHART_STYLE
    files[SCRIPT] = _static("search.js")
    return {path: files[path].encode("utf-8") for path in sorted(files)}


#: The list of files the last build wrote, kept in the output folder.
MANIFEST = ".integ-site"


def write_site(files: dict[str, bytes], output: Path, root: Path | None = None) -> int:
    """Write ``files`` below ``output`` (created where missing); files whose bytes are
    already there are left untouched. Pages an earlier build wrote and this one does not
    (a measure made internal, say) are removed, so they are not published on; other
    files in the folder are never touched. Every file is checked where it really leads
    (:func:`~integ_cli.files.outputs.check_output_target`): a link inside the folder
    that points into the repository's ``data/`` or ``schemas/`` is refused, never
    written through or removed. Returns how many files were written."""
    from integ_cli.files.outputs import check_output_target, write_output

    manifest = output / MANIFEST
    earlier = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    for stale in sorted(set(earlier) - set(files)):
        if ".." in Path(stale).parts:
            continue
        target = check_output_target(root, output / stale)
        if target.is_file():
            target.unlink()
    written = 0
    for path, content in files.items():
        target = check_output_target(root, output / path)
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_output(root, target, content)
        written += 1
    write_output(root, manifest, "".join(f"{path}\n" for path in files).encode("utf-8"))
    return written
