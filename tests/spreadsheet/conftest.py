"""Fixtures of the spreadsheet tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spreadsheet.helpers import copy_bundled


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled example data (30 measures), safe to change."""
    return copy_bundled(tmp_path)
