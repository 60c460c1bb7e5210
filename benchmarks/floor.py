"""The floor: read and parse every record file with PyYAML's CSafeLoader, nothing else.

``integ validate`` is measured against this: validation that costs no more than
parsing the files at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(root: Path) -> int:
    count = 0
    for path in sorted((root / "data").rglob("*.yaml")):
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    main(Path(sys.argv[1]))
