"""Speed benchmark: integ against the parse-only floor and against check-jsonschema.

Prints, for one corpus and in one run, the median of several rounds of

* the floor: ``floor.py`` parses every file with ``yaml.CSafeLoader``, no validation;
* ``integ validate``;
* ``integ list --target-group X --format json``;
* ``check-jsonschema --schemafile schemas/measure.schema.json`` on the measure files;

and start-up: ``integ --version`` and ``integ --help`` against
``python -c "import typer"``, and ``integ validate`` on the bundled data. Ratios are
against numbers measured in the same run, so they hold on any machine.

    python benchmarks/run.py --measures 10000            # the issue's targets
    python benchmarks/run.py --measures 100000 --memory  # peak memory at scale
    python benchmarks/run.py --scaling                   # 1,000 / 10,000 / 100,000

Run it with the virtualenv that has integ installed (``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A console script of this virtualenv (integ, check-jsonschema)."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed; run: pip install '.[test]'")
    return found


#: check-jsonschema takes the files as arguments; 100,000 paths exceed what the system
#: accepts on one command line, so larger corpora are checked in batches of this many.
CJ_BATCH = 20_000

#: The environment commands run in. Without PYTHONDONTWRITEBYTECODE, so the warm-up
#: run leaves compiled modules as an installed package has them; with it, an editable
#: install would compile integ's sources on every start and look 10-20 ms slower.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time of one run and its exit code (output discarded)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    return time.perf_counter() - start, done.returncode


def median(command: list[str], cwd: Path, rounds: int) -> float:
    """Median wall time of ``rounds`` runs after one warm-up (file cache, .pyc)."""
    return median_of([command], cwd, rounds)


def median_of(commands: list[list[str]], cwd: Path, rounds: int) -> float:
    """Median, over ``rounds``, of the summed wall time of ``commands`` run one after
    another (a job split into batches), after one warm-up round."""
    for command in commands:
        _, code = timed(command, cwd)
        if code != 0:
            sys.exit(f"{' '.join(command[:4])} ... exited {code}, expected 0")
    return statistics.median(sum(timed(command, cwd)[0] for command in commands) for _ in range(rounds))


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except OSError:
            continue
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
        todo += children.get(current, [])
    return total


def peak_memory(command: list[str], cwd: Path) -> tuple[int, float]:
    """Peak summed RSS of the command's process tree (sampled every 20 ms), and its time."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    sampler.join()
    return peak, time.perf_counter() - start


def corpus(measures: int, keep: Path | None) -> Path:
    """Generate (or reuse) a corpus of ``measures`` measures."""
    target = keep or Path(tempfile.mkdtemp(prefix=f"integ-bench-{measures}-"))
    if not (target / "data" / "measures").is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate_corpus.py"), str(target), "--measures", str(measures)], check=True
        )
    return target


def row(name: str, seconds: float, floor: float | None = None, note: str = "") -> None:
    ratio = f"{seconds / floor:6.2f}x" if floor else "       "
    print(f"  {name:<46} {seconds * 1000:9.0f} ms  {ratio}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measures", type=int, default=10_000, help="corpus size (default 10,000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per command (median; default 5)")
    parser.add_argument(
        "--cj-rounds", type=int, default=3, help="rounds for check-jsonschema (slow; default 3; 0 skips it)"
    )
    parser.add_argument("--corpus", type=Path, help="reuse or keep the corpus in this folder")
    parser.add_argument("--memory", action="store_true", help="also measure peak memory of integ validate")
    parser.add_argument("--scaling", action="store_true", help="validate at 1,000, 10,000 and 100,000 measures")
    parser.add_argument("--target-group", default="kinder-jugendliche", help="group for the list benchmark")
    args = parser.parse_args()

    integ = tool("integ")
    python = sys.executable
    print(f"integ benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    print("\nStart-up (median of", args.rounds * 2, "rounds):")
    startup_rounds = args.rounds * 2
    typer_floor = median([python, "-c", "import typer"], PROJECT, startup_rounds)
    row('python -c "import typer"', typer_floor, typer_floor, "floor")
    row("integ --version", median([integ, "--version"], PROJECT, startup_rounds), typer_floor, "target <= 1.2x")
    row("integ --help", median([integ, "--help"], PROJECT, startup_rounds), typer_floor)
    row(
        "integ validate (bundled data)",
        median([integ, "--repo", str(PROJECT), "validate"], PROJECT, startup_rounds),
        typer_floor,
        "target <= 2x",
    )

    if args.scaling:
        print("\nScaling of integ validate (one round each after a warm-up):")
        for size in (1_000, 10_000, 100_000):
            root = corpus(size, None)
            seconds = median([integ, "validate"], root, 1)
            row(f"integ validate, {size:,} measures", seconds, None, f"{seconds / size * 1e6:.0f} us per measure")
            shutil.rmtree(root)
        return

    root = corpus(args.measures, args.corpus)
    measures = sorted(str(p.relative_to(root)) for p in (root / "data" / "measures").glob("*.yaml"))
    print(f"\nCorpus: {len(measures):,} measures in {root} (median of {args.rounds} rounds):")
    floor = median([python, str(HERE / "floor.py"), str(root)], root, args.rounds)
    row("floor: parse every file with CSafeLoader", floor, floor, "floor")
    validate = median([integ, "validate"], root, args.rounds)
    row("integ validate", validate, floor, "target <= 1.0x floor")
    listing = median([integ, "list", "--target-group", args.target_group, "--format", "json"], root, args.rounds)
    row(f"integ list --target-group {args.target_group} --format json", listing, floor, "target <= validate")
    cj = None
    if args.cj_rounds > 0:
        checker = [tool("check-jsonschema"), "--schemafile", str(PROJECT / "schemas" / "measure.schema.json")]
        batches = [[*checker, *measures[i : i + CJ_BATCH]] for i in range(0, len(measures), CJ_BATCH)]
        cj = median_of(batches, root, args.cj_rounds)
        batched = f", {len(batches)} batches" if len(batches) > 1 else ""
        row("check-jsonschema --schemafile measure.schema.json", cj, floor, f"median of {args.cj_rounds}{batched}")
    print("\nRatios:")
    print(f"  integ validate / floor            {validate / floor:6.2f}   (target <= 1.0)")
    if cj is not None:
        print(f"  check-jsonschema / integ validate {cj / validate:6.1f}   (target >= 10)")
    print(f"  integ list / integ validate       {listing / validate:6.2f}   (target <= 1.0)")
    if args.memory:
        peak, seconds = peak_memory([integ, "validate"], root)
        print(f"\nPeak memory of integ validate (all processes): {peak / 2**20:.0f} MiB in {seconds:.1f} s")
    if args.corpus is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
