"""The test suite's own layout: test modules mirror the package, and share code only
through ``conftest.py`` and ``helpers.py``.

A test module that imports from another couples two modules' fixtures, so changing
one test's data breaks the other; a test module named after no module hides what it
covers. Both crept in before, so they are checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
PACKAGE = TESTS.parent / "src" / "integ_cli"


def shared(module: str) -> bool:
    """Whether test modules may import from ``module``: a conftest or a helpers module."""
    return module.rsplit(".", 1)[-1] in ("conftest", "helpers")


#: Suites about the whole tool rather than one module.
WHOLE_TOOL = {"test_bundled_data", "test_hostile", "test_pre_commit_hooks", "test_properties", "test_readme"}
WHOLE_TOOL |= {"test_suite_layout", "test_torture", "test_codelist_extension"}
WHOLE_TOOL |= {"test_guide", "test_hostile_output", "test_real_measures"}


def suite_modules() -> list[Path]:
    return sorted(TESTS.rglob("test_*.py"))


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_no_test_module_imports_from_another() -> None:
    crossing = {
        path.relative_to(TESTS).as_posix(): sorted(
            m for m in imported(path) if m.startswith("tests.") and not shared(m)
        )
        for path in suite_modules()
    }
    assert {path: modules for path, modules in crossing.items() if modules} == {}


def test_every_test_module_mirrors_a_module_of_the_package() -> None:
    """``tests/X/test_y.py`` tests ``src/integ_cli/X/y.py``."""
    stray = []
    for path in suite_modules():
        relative = path.relative_to(TESTS)
        if len(relative.parts) == 1 and path.stem in WHOLE_TOOL:
            continue
        if not (PACKAGE / relative.parent / f"{path.stem.removeprefix('test_')}.py").is_file():
            stray.append(relative.as_posix())
    assert stray == []
