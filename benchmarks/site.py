"""Speed of ``integ site`` against ``integ validate`` on the same repository.

The target: building the site for 10,000 measures takes at most three times as long
as validating them. Both are timed in the same run (median of several rounds after a
warm-up), the site into a fresh folder each round so that every file is written.

    .venv/bin/python benchmarks/site.py --measures 10000
    .venv/bin/python benchmarks/site.py --corpus /tmp/corpus --rounds 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
INTEG = str(Path(sys.executable).parent / "integ")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measures", type=int, default=10_000, help="measures of the generated corpus")
    parser.add_argument("--corpus", type=Path, help="a repository to use instead of generating one")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each command (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(scratch) / "corpus"
            generator = [
                sys.executable,
                str(HERE / "generate_corpus.py"),
                str(corpus),
                "--measures",
                str(args.measures),
            ]
            subprocess.run(generator, check=True, capture_output=True)
        output = Path(scratch) / "site"
        site = [INTEG, "site", "--output", str(output), "--date", "2026-03-01"]
        validate = [INTEG, "validate"]
        times: dict[str, list[float]] = {"validate": [], "site": []}
        for round_ in range(args.rounds + 1):  # the first round warms the caches and is not counted
            shutil.rmtree(output, ignore_errors=True)
            taken = {"validate": timed(validate, corpus), "site": timed(site, corpus)}
            if round_:
                for name, seconds in taken.items():
                    times[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, seconds in medians.items():
        print(f"integ {name:<9} {seconds:6.2f} s")
    print(f"site / validate   {medians['site'] / medians['validate']:6.2f} (target: at most 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
