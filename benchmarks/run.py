"""Speed benchmark: integ against the parse-only floor and against check-jsonschema.

Prints, for one corpus and in one run, the median of several rounds of

* the floor: ``floor.py`` parses every file with ``yaml.CSafeLoader``, no validation;
* ``integ validate``, and ``integ validate`` in one process (``INTEG_JOBS=1``),
  interleaved with the floor;
* ``integ list --target-group X --format json``;
* ``check-jsonschema --schemafile schemas/measure.schema.json`` on the measure files;

and start-up: ``integ --version`` and ``integ --help`` against
``python -c "import typer"``, and ``integ validate`` on the bundled data. Ratios are
against numbers measured in the same run, so they hold on any machine.

With ``--commands``, every reading command (report and list in each format, the
overviews, export) against ``integ validate`` of the same corpus, and one-record edits
on the corpus against the same edits on a copy of the bundled data; each with its
target and pass or fail. The commands compared are run interleaved, round after round
(the machine may be shared: a slow moment then hits all of them alike), and the median
of the rounds is taken.

    python benchmarks/run.py --measures 10000            # the issue's targets
    python benchmarks/run.py --measures 10000 --commands # every command against validate
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


def interleaved(commands: dict[str, list[str]], cwd: Path, rounds: int) -> dict[str, float]:
    """Median wall time of each command over ``rounds`` rounds, each round running every
    command once in turn, after one warm-up round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(rounds + 1):
        for name, command in commands.items():
            seconds, code = timed(command, cwd)
            if code != 0:
                sys.exit(f"{name}: exited {code}, expected 0")
            if round_number:
                times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def verdict(ratio: float, target: float) -> str:
    return "pass" if ratio <= target else "FAIL"


def compared(title: str, base: str, results: dict[str, float], targets: dict[str, float]) -> None:
    """A table of each result against ``results[base]``, with its target and verdict."""
    print(f"\n{title}")
    for name, seconds in results.items():
        ratio = seconds / results[base]
        target = targets.get(name)
        check = f"target <= {target:.1f}x  {verdict(ratio, target)}" if target is not None else "baseline"
        print(f"  {name:<58} {seconds * 1000:8.0f} ms  {ratio:5.2f}x  {check}")


def reading_commands(integ: str, group: str, xlsx: Path) -> dict[str, list[str]]:
    """Every reading command of issue 16's list (report and list in each format, the
    overviews, export), by the name printed."""
    commands = {"validate": [integ, "validate"]}
    for fmt in ("text", "table", "md", "html", "json"):
        commands[f"report -f {fmt}"] = [integ, "report", "--format", fmt]
    for fmt in ("text", "table", "json", "yaml", "csv", "md"):
        commands[f"list -f {fmt}"] = [integ, "list", "--format", fmt]
    commands[f"list -t {group} -f json"] = [integ, "list", "--target-group", group, "--format", "json"]
    commands["list -q sprache"] = [integ, "list", "-q", "sprache"]
    commands["list --status active --sort -budget"] = [integ, "list", "--status", "active", "--sort", "-budget"]
    for overview in ("fields", "target-groups", "actors", "districts"):
        commands[overview] = [integ, overview]
    commands["export -o x.xlsx"] = [integ, "export", "--output", str(xlsx)]
    return commands


def edits(integ: str, repo: Path, measure: str) -> dict[str, list[str]]:
    """One-record edits of ``measure`` in ``repo``, with --dry-run: all the work (read,
    edit, check against the whole repository) but the write, so they can be repeated."""
    base = [integ, "--repo", str(repo)]
    return {
        "status": [*base, "status", measure, "suspended", "--dry-run"],
        "set": [*base, "set", measure, "horizon=long", "--dry-run"],
        "budget": [
            *base,
            "budget",
            measure,
            "--year",
            "2031",
            "--planned",
            "1000",
            "--source",
            "municipal",
            "--dry-run",
        ],
        "link": [*base, "link", measure, "tag", "benchmark", "--dry-run"],
        "add": [
            *base,
            "add",
            "--no-input",
            "--field",
            "sprache",
            "--title",
            "Sprachcafé",
            "--summary",
            "Ein offenes Sprachcafé.",
            "-t",
            "neuzuwanderer",
            "-d",
            "haaren",
            "--status",
            "planned",
            "--horizon",
            "short",
            "--dry-run",
        ],
    }


def reading_section(integ: str, root: Path, rounds: int, group: str) -> None:
    """``--commands``: the reading commands against validate, and export's peak memory."""
    xlsx = Path(tempfile.mkdtemp(prefix="integ-bench-export-")) / "x.xlsx"
    reading = interleaved(reading_commands(integ, group, xlsx), root, rounds)
    targets = dict.fromkeys(reading, 1.0)
    targets["export -o x.xlsx"] = 2.0
    del targets["validate"]
    compared(
        f"Reading commands against integ validate (interleaved, median of {rounds}):", "validate", reading, targets
    )
    peak, seconds = peak_memory([integ, "export", "--output", str(xlsx)], root)
    shown = f"{peak / 2**20:.0f} MiB in {seconds:.1f} s"
    print(f"  peak memory of export -o x.xlsx, all processes: {shown}  target < 150 MB  {verdict(peak / 150e6, 1.0)}")
    shutil.rmtree(xlsx.parent)


def edits_section(integ: str, root: Path, rounds: int) -> None:
    """``--commands`` or ``--edits``: one-record edits on the corpus against the bundled data."""
    example = Path(tempfile.mkdtemp(prefix="integ-bench-example-"))
    for folder in ("data", "schemas"):
        shutil.copytree(PROJECT / folder, example / folder)
    first = min(p.stem for p in (root / "data" / "measures").glob("sprache-*.yaml"))
    small, large = edits(integ, example, "sprache-001"), edits(integ, root, first)
    both = {f"{name} (bundled data)": small[name] for name in small}
    both.update({f"{name} ({first}, this corpus)": large[name] for name in large})
    times = interleaved(both, root, rounds)
    print(f"\nOne-record edits, --dry-run (interleaved, median of {rounds}):")
    for name in small:
        on_example, on_corpus = times[f"{name} (bundled data)"], times[f"{name} ({first}, this corpus)"]
        ratio = on_corpus / on_example
        print(
            f"  integ {name:<8} bundled {on_example * 1000:6.0f} ms  corpus {on_corpus * 1000:6.0f} ms"
            f"  {ratio:5.2f}x  target <= 1.5x  {verdict(ratio, 1.5)}"
        )
    shutil.rmtree(example)


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
    parser.add_argument(
        "--commands", action="store_true", help="every reading command against validate, and one-record edits"
    )
    parser.add_argument("--edits", action="store_true", help="one-record edits against the bundled data only")
    args = parser.parse_args()

    integ = tool("integ")
    python = sys.executable
    print(f"integ benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    startup_rounds = args.rounds * 2
    startup = interleaved(
        {
            'python -c "import typer"': [python, "-c", "import typer"],
            "integ --version": [integ, "--version"],
            "integ --help": [integ, "--help"],
            "integ validate (bundled data)": [integ, "--repo", str(PROJECT), "validate"],
        },
        PROJECT,
        startup_rounds,
    )
    compared(
        f"Start-up (interleaved, median of {startup_rounds} rounds):",
        'python -c "import typer"',
        startup,
        {"integ --version": 1.2, "integ --help": 1.5, "integ validate (bundled data)": 1.5},
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
    if args.edits and not args.commands:  # the edits alone, e.g. at 100,000 measures
        edits_section(integ, root, args.rounds)
        if args.corpus is None:
            shutil.rmtree(root)
        return
    measures = sorted(str(p.relative_to(root)) for p in (root / "data" / "measures").glob("*.yaml"))
    print(f"\nCorpus: {len(measures):,} measures in {root} (median of {args.rounds} rounds):")
    # Interleaved: the one-process target is a ratio to the floor, and a busy moment of
    # a shared machine should slow both alike.
    timing = interleaved(
        {
            "floor": [python, str(HERE / "floor.py"), str(root)],
            "validate": [integ, "validate"],
            "validate, one process": ["env", "INTEG_JOBS=1", integ, "validate"],
        },
        root,
        args.rounds,
    )
    floor, validate, one_process = timing["floor"], timing["validate"], timing["validate, one process"]
    row("floor: parse every file with CSafeLoader", floor, floor, "floor")
    row("integ validate", validate, floor, "target <= 1.0x floor")
    row("integ validate, INTEG_JOBS=1 (one process)", one_process, floor, "target <= 0.4x floor")
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
    print(
        f"  integ validate, one process / floor {one_process / floor:4.2f}   (target <= 0.4)"
        f"  {verdict(one_process / floor, 0.4)}"
    )
    if cj is not None:
        print(f"  check-jsonschema / integ validate {cj / validate:6.1f}   (target >= 10)")
    print(f"  integ list / integ validate       {listing / validate:6.2f}   (target <= 1.0)")
    if args.commands:
        reading_section(integ, root, args.rounds, args.target_group)
    if args.commands or args.edits:
        edits_section(integ, root, args.rounds)
    if args.memory:
        peak, seconds = peak_memory([integ, "validate"], root)
        print(f"\nPeak memory of integ validate (all processes): {peak / 2**20:.0f} MiB in {seconds:.1f} s")
    if args.corpus is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
