"""Federation benchmark: many generated city repositories, checked and exported at once.

Generates one synthetic repository of ``--measures`` measures (``generate_corpus.py``)
and ``--cities`` copies of it (hard links, each with its own ``data/concept.yaml``
key; with ``--git`` each one a git repository with one commit, as real cities are, so
that settling each city's revision costs what it does there), then measures, on this
machine and in one run:

* ``integ validate`` in every city, one after the other (what a user would do without
  a federation): the baseline;
* ``integ federation validate``, ``report`` and ``export`` (Parquet) over all
  cities, time and peak memory of all processes (the time: the best of ``--repeat``
  runs, as the machine may be busy);
* ``integ tables`` for one city, against ``integ validate`` of that city;
* ``integ sql --tables DIR --example budget`` on the federation's tables.

Times are printed as ratios against the one-by-one validation, memory against the peak
of one ``integ validate``, so they hold on any machine.

    python benchmarks/federation.py                    # 40 cities x 500 measures
    python benchmarks/federation.py --cities 400       # a state: 400 x 500 = 200,000 measures

Run it with the virtualenv that has integ and its sql extra installed (``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the helpers of the sibling script run.py

from run import ENV, corpus, peak_memory, tool


def city_copies(source: Path, folder: Path, cities: int, git: bool) -> list[Path]:
    """``cities`` repositories sharing ``source``'s files (hard links), each with its own
    key, and with ``git`` each committed in a git repository of its own."""
    roots = []
    for number in range(1, cities + 1):
        root = folder / f"stadt-{number:04d}"
        if not root.is_dir():
            shutil.copytree(source / "data", root / "data", copy_function=os.link)
        (root / "data" / "concept.yaml").write_text(
            f'municipality:\n  key: "bench-{number:04d}"\n  name: Stadt {number}\n', encoding="utf-8"
        )
        if git and not (root / ".git").is_dir():
            who = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
            for command in (["init", "-q"], ["add", "-A"], [*who, "commit", "-q", "-m", "Stand"]):
                subprocess.run(["git", *command], cwd=root, check=True, stdout=subprocess.DEVNULL)
        roots.append(root)
    return roots


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} exited {result.returncode}: {result.stderr.decode()[-400:]}")
    return time.perf_counter() - start


def best(command: list[str], cwd: Path, repeat: int) -> tuple[int, float]:
    """The highest peak memory and the shortest time of ``repeat`` runs."""
    runs = [peak_memory(command, cwd) for _ in range(repeat)]
    return max(peak for peak, _, _ in runs), min(seconds for _, seconds, _ in runs)


def line(name: str, seconds: float, base: float, memory: int | None = None, base_memory: int | None = None) -> None:
    peak = f"  {memory / 2**20:6.0f} MiB  {memory / base_memory:5.2f}x" if memory and base_memory else ""
    print(f"  {name:<52} {seconds:8.2f} s  {seconds / base:5.2f}x{peak}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cities", type=int, default=40, help="number of city repositories (default 40)")
    parser.add_argument("--measures", type=int, default=500, help="measures per city (default 500)")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it (reused when it exists)")
    parser.add_argument("--git", action="store_true", help="make each city a git repository with one commit")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each federation command, the best counts")
    args = parser.parse_args()
    integ = tool("integ")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="integ-federation-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = corpus(args.measures, folder / "source")
    roots = city_copies(source, folder, args.cities, args.git)
    entries = "".join(f"  - path: {root.name}\n" for root in roots)
    (folder / "land.yaml").write_text(f"name: Benchmark\ncities:\n{entries}", encoding="utf-8")
    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)

    total = args.cities * args.measures
    print(f"{args.cities} cities x {args.measures} measures = {total:,} measures, {os.cpu_count()} processors\n")
    one_by_one = sum(timed([integ, "validate"], root) for root in roots)
    one_validate = timed([integ, "validate"], roots[0])
    validate_peak, _, _ = peak_memory([integ, "validate"], roots[0])
    fed_peak, fed_validate = best([integ, "federation", "validate", "land.yaml"], folder, args.repeat)
    report_peak, fed_report = best([integ, "federation", "report", "land.yaml", "-o", "land.md"], folder, args.repeat)
    export_peak, fed_export = best([integ, "federation", "export", "land.yaml", "--output", "out"], folder, args.repeat)
    tables = timed([integ, "tables", "--output", str(folder / "one")], roots[0])
    sql = timed([integ, "sql", "--tables", "out", "--example", "budget", "--format", "csv"], folder)

    print(f"  {'':<52} {'time':>10}  {'ratio':>5}  {'peak memory':>11}  {'ratio':>5}")
    line("integ validate in every city, one after the other", one_by_one, one_by_one)
    line("integ validate, one city", one_validate, one_by_one, validate_peak, validate_peak)
    line("integ federation validate", fed_validate, one_by_one, fed_peak, validate_peak)
    line("integ federation report", fed_report, one_by_one, report_peak, validate_peak)
    line("integ federation export (Parquet)", fed_export, one_by_one, export_peak, validate_peak)
    line("integ sql --tables out --example budget", sql, one_by_one)
    print(f"\n  integ tables, one city: {tables:.2f} s = {tables / one_validate:.2f}x integ validate of that city")
    size = sum(path.stat().st_size for path in out.rglob("*.parquet"))
    print(f"  Parquet written by the export: {size / 2**20:.1f} MiB in {len(list(out.rglob('*.parquet')))} files")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
