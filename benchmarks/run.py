"""Speed benchmark: every speed target of issue 16, with its ratio and pass or FAIL.

Prints, for one corpus (and with ``--variety`` also for a corpus written as people
write, ``generate_corpus.py --variety``) and in one run, the median of several rounds:

* start-up: ``integ --help``, ``integ --version`` and ``integ validate`` on the bundled
  data against ``python -c "import typer"``, validate without its result cache, with an
  empty one before each run, and with the one the previous run left; beside them,
  without a target, the import of the libraries validate needs (typer, jsonschema_rs,
  yaml_rs), the floor of its start-up;
* the floor (``floor.py``: parse every file with ``yaml.CSafeLoader``), ``integ
  validate`` and ``integ validate`` in one process (``INTEG_JOBS=1``), interleaved;
* ``check-jsonschema --schemafile schemas/measure.schema.json`` on the measure files;
* with ``--commands``: every reading command (report and list in each format, list's
  filters, the overviews), ``export -o x.xlsx`` and ``import x.xlsx --dry-run`` of an
  unchanged export against ``integ validate`` of the same corpus, and the one-record
  edits; beside them, without a target, the bound of a reading command (``bound.py``:
  the files checked and the report's keys taken, nothing counted or written);
* with ``--edits``: the one-record edits and ``integ validate FILE...`` of three measure
  files (what the pre-commit hook runs) on the corpus against the same on a copy of
  the bundled data;
* with ``--memory``: the peak resident memory, summed over all processes, of every
  command of the three sections above, of `integ tables` and `integ sql`, and of `integ
  federation report` and `export` of a federation whose one city is the corpus.

Then a summary, one line per target: target | measured | limit | pass/FAIL. Ratios are
against numbers measured in the same run, so they hold on any machine. Commands that
are compared run interleaved, round after round (the machine may be shared: a slow
moment then hits all of them alike), and the median of the rounds is taken. The verdict
is on wall time, what a person waits for; processor time (user + system, all processes)
is printed beside it because it moves less on a loaded machine. Progress goes to
stderr; the exit status is 0 whatever the verdicts (it is a report).

    python benchmarks/run.py --measures 10000 --commands           # targets 1, 2, 4, 5
    python benchmarks/run.py --measures 10000 --commands --variety # and on a varied corpus
    python benchmarks/run.py --measures 100000 --edits --memory    # targets 3 and 6
    python benchmarks/run.py --scaling                             # 1,000 / 10,000 / 100,000

Run it with the virtualenv that has integ installed (``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

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
#: Also without integ validate's result cache (INTEG_NO_CACHE): every round after the
#: first would otherwise measure a run whose results all come from the cache. The
#: start-up section measures the cache on purpose, cold and warm, in folders of its own.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {"INTEG_NO_CACHE": "1"}

#: The reading commands' line of ``bound.py``: what each does before its own work.
BOUND = "bound (bound.py)"
#: The start-up line of what ``integ validate`` imports that is not integ's: its floor there.
DEPENDENCIES = 'python -c "import typer, jsonschema_rs, yaml_rs"'

#: Issue 16's memory limits, in bytes (MB, not MiB).
MEMORY_LIMIT = 300e6
EXPORT_MEMORY_LIMIT = 150e6


def progress(message: str) -> None:
    """A progress line on stderr, so stdout stays the report."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Timing:
    """Wall and processor time (user + system of the process and every process it waited for)."""

    wall: float
    cpu: float
    exit_code: int = 0


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[Timing, int]:
    """One run's times and its exit code (output discarded); ``env`` instead of :data:`ENV`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Timing(time.perf_counter() - start, usage.ru_utime + usage.ru_stime), process.returncode


def median_of(commands: list[list[str]], cwd: Path, rounds: int) -> float:
    """Median, over ``rounds``, of the summed wall time of ``commands`` run one after
    another (a job split into batches), after one warm-up round."""
    for command in commands:
        _, code = timed(command, cwd)
        if code != 0:
            sys.exit(f"{' '.join(command[:4])} ... exited {code}, expected 0")
    return statistics.median(sum(timed(command, cwd)[0].wall for command in commands) for _ in range(rounds))


def interleaved(
    commands: dict[str, list[str]],
    cwd: Path,
    rounds: int,
    envs: dict[str, dict[str, str]] | None = None,
    before: dict[str, Callable[[], None]] | None = None,
) -> dict[str, Timing]:
    """Median times of each command over ``rounds`` rounds, each round running every
    command once in turn, after one warm-up round. A command that exits non-zero is
    dropped from the rounds and comes back as a ``Timing`` with its exit code, so the
    run goes on and the command's target is printed as failed. ``envs`` gives a command
    its own environment; ``before`` something to do, untimed, before each of its runs."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    failed: dict[str, int] = {}
    for round_number in range(rounds + 1):
        progress(f"round {round_number}/{rounds}" + (" (warm-up)" if not round_number else ""))
        for name, command in commands.items():
            if name in failed:
                continue
            if before and name in before:
                before[name]()
            times, code = timed(command, cwd, (envs or {}).get(name))
            if code != 0:
                progress(f"{name}: exited {code}, expected 0")
                failed[name] = code
            elif round_number:
                walls[name].append(times.wall)
                cpus[name].append(times.cpu)
    return {
        name: Timing(math.nan, math.nan, failed[name])
        if name in failed
        else Timing(statistics.median(walls[name]), statistics.median(cpus[name]))
        for name in commands
    }


@dataclass
class Summary:
    """The lines of the final table, in the order the targets were measured."""

    rows: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def ratio(self, target: str, ratio: float, limit: float) -> str:
        """Record a ratio against its upper limit; returns the verdict."""
        return self._add(target, f"{ratio:.2f}x", f"<= {limit:.1f}x", ratio <= limit)

    def memory(self, target: str, peak: int, limit: float) -> str:
        """Record a peak memory against its limit (bytes); returns the verdict."""
        return self._add(target, f"{peak / 1e6:.0f} MB", f"< {limit / 1e6:.0f} MB", peak < limit)

    def failure(self, target: str, exit_code: int, limit: str) -> str:
        """Record a target whose command failed (exit code ``exit_code``): a FAIL, whatever the limit."""
        return self._add(target, f"exit {exit_code}", limit, False)

    def _add(self, target: str, measured: str, limit: str, passed: bool) -> str:
        self.rows.append((target, measured, limit, passed))
        return verdict(passed)

    def print(self) -> None:
        width = max((len(row[0]) for row in self.rows), default=6)
        print("\nSummary (one line per target; pass/FAIL on wall time):")
        print(f"| {'target':<{width}} | measured | limit     | result |")
        print(f"|{'-' * (width + 2)}|----------|-----------|--------|")
        for target, measured, limit, passed in self.rows:
            print(f"| {target:<{width}} | {measured:>8} | {limit:<9} | {verdict(passed):<6} |")
        failed = sum(not row[3] for row in self.rows)
        print(f"{len(self.rows) - failed} of {len(self.rows)} targets met")


def verdict(passed: bool) -> str:
    return "pass" if passed else "FAIL"


def compared(
    title: str,
    base: str,
    results: dict[str, Timing],
    targets: dict[str, tuple[str, float]],
    summary: Summary,
    label: str,
) -> None:
    """A table of each result against ``results[base]`` (wall and processor time), with
    its target (the issue's number and the limit) and verdict, each also recorded in
    ``summary`` as ``NUMBER NAME / BASE (label)``."""
    print(f"\n{title}")
    print(f"  {'':<58} {'wall':>8}     {'ratio':>6}  {'cpu':>8}     {'ratio':>6}")
    for name, times in results.items():
        ratio, cpu_ratio = times.wall / results[base].wall, times.cpu / results[base].cpu
        check = "baseline" if name == base else "no target"
        if name in targets:
            number, target = targets[name]
            row = f"{number} {name} / {base}{label}"
            if times.exit_code:
                check = f"target <= {target:.1f}x  " + summary.failure(row, times.exit_code, f"<= {target:.1f}x")
                print(f"  {name:<58} exited {times.exit_code}, expected 0  {check}")
                continue
            check = f"target <= {target:.1f}x  " + summary.ratio(row, ratio, target)
        print(
            f"  {name:<58} {times.wall * 1000:8.0f} ms  {ratio:5.2f}x  {times.cpu * 1000:8.0f} ms  {cpu_ratio:5.2f}x"
            f"  {check}"
        )


def reading_commands(integ: str, group: str, xlsx: Path) -> dict[str, list[str]]:
    """Every reading command of issue 16's list (report and list in each format and with
    each filter, the overviews, export), by the name printed."""
    commands = {}
    for fmt in ("text", "table", "md", "html", "json"):
        commands[f"report -f {fmt}"] = [integ, "report", "--format", fmt]
    for fmt in ("text", "table", "json", "yaml", "csv", "md"):
        commands[f"list -f {fmt}"] = [integ, "list", "--format", fmt]
    commands[f"list -t {group} -f json"] = [integ, "list", "--target-group", group, "--format", "json"]
    commands["list -q sprache"] = [integ, "list", "-q", "sprache"]
    commands["list --status active --sort -budget"] = [integ, "list", "--status", "active", "--sort", "-budget"]
    commands["list --district haaren"] = [integ, "list", "--district", "haaren"]
    commands["list --field sprache"] = [integ, "list", "--field", "sprache"]
    for overview in ("fields", "target-groups", "actors", "districts"):
        commands[overview] = [integ, overview]
    commands["export -o x.xlsx"] = [integ, "export", "--output", str(xlsx)]
    return commands


@dataclass(frozen=True)
class Subject:
    """The measure the edits change, and what of it they name: an existing indicator
    (``indicator`` sets its actual value) and an existing entry ``unlink`` removes."""

    measure: str
    indicator: list[str]
    unlink: list[str]
    files: list[str]


def subject(repo: Path) -> Subject:
    """The first measure (by file name) that has an indicator and a tag, partner or
    second district to remove, and the files ``validate FILE...`` checks: it and the
    next two measure files, as a commit that touches three measures passes them."""
    paths = sorted((repo / "data" / "measures").glob("*.yaml"))
    for number, path in enumerate(paths):
        record = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        indicators = record.get("indicators") or []
        removable = [
            [kind, values[0]]
            for kind, values in (
                ("tag", record.get("tags") or []),
                ("partner", record.get("partners") or []),
                ("district", (record.get("districts") or [])[1:]),
            )
            if values
        ]
        if not indicators or not removable:
            continue
        indicator = [str(indicators[0]["name"])]
        if "year" in indicators[0]:
            indicator += ["--year", str(indicators[0]["year"])]
        files = [str(p) for p in paths[number : number + 3]]
        return Subject(str(record["id"]), indicator, removable[0], files)
    sys.exit(f"no measure in {repo} has an indicator and a tag, partner or second district")


def edits(integ: str, repo: Path, chosen: Subject) -> dict[str, list[str]]:
    """One-record edits of ``chosen.measure`` in ``repo``, with --dry-run (every edit
    command has it): all the work (read, edit, check against the whole repository) but
    the write, so they can be repeated and the corpus stays unchanged; and ``validate``
    of three files, which reads only."""
    base = [integ, "--repo", str(repo)]
    measure = chosen.measure
    return {
        "status": [*base, "status", measure, "suspended", "--dry-run"],
        "set": [*base, "set", measure, "horizon=long", "--dry-run"],
        "budget": [
            *[*base, "budget", measure, "--year", "2031", "--planned", "1000", "--source", "municipal"],
            "--dry-run",
        ],
        "indicator": [*base, "indicator", measure, *chosen.indicator, "--actual", "5", "--dry-run"],
        "link": [*base, "link", measure, "tag", "benchmark", "--dry-run"],
        "unlink": [*base, "unlink", measure, *chosen.unlink, "--dry-run"],
        "add": [
            *[*base, "add", "--no-input", "--field", "sprache", "--title", "Sprachcafé"],
            *["--summary", "Ein offenes Sprachcafé.", "-t", "neuzuwanderer", "-d", "haaren"],
            *["--status", "planned", "--horizon", "short", "--dry-run"],
        ],
        "milestone": [*base, "milestone", measure, "add", "Räume angemietet", "--due", "2030", "--dry-run"],
        "update": [*base, "update", measure, "--note", "Zweiter Kurs startet im Herbst.", "--dry-run"],
        "validate 3 FILES": [*base, "validate", *chosen.files],
    }


def bundled_copy() -> Path:
    """A copy of the bundled data (data/ and schemas/), for edits to compare against."""
    example = Path(tempfile.mkdtemp(prefix="integ-bench-example-"))
    for folder in ("data", "schemas"):
        shutil.copytree(PROJECT / folder, example / folder)
    return example


class Corpus:
    """One corpus under test and the sections run on it; each adds its targets to the summary."""

    def __init__(self, root: Path, name: str, integ: str, rounds: int, summary: Summary) -> None:
        self.root, self.integ, self.rounds, self.summary = root, integ, rounds, summary
        self.size = sum(1 for _ in (root / "data" / "measures").glob("*.yaml"))
        self.label = f" ({name}, {self.size:,})"
        self.scratch = Path(tempfile.mkdtemp(prefix="integ-bench-files-"))

    def close(self) -> None:
        shutil.rmtree(self.scratch)

    def export(self) -> Path:
        """An unchanged export of the corpus, made once, for ``import --dry-run``."""
        unchanged = self.scratch / "unchanged.xlsx"
        if not unchanged.exists():
            progress(f"exporting{self.label} for the import")
            # Not checked: if export fails, so does the import of its missing file, printed as a FAIL.
            subprocess.run([self.integ, "export", "--output", str(unchanged)], cwd=self.root, env=ENV)
        return unchanged

    def floor(self, cj_rounds: int) -> None:
        """The floor, validate and validate in one process (target 5), check-jsonschema."""
        python, root = sys.executable, self.root
        progress(f"floor and validate{self.label}")
        timing = interleaved(
            {
                "floor (floor.py)": [python, str(HERE / "floor.py"), str(root)],
                "validate": [self.integ, "validate"],
                "validate, INTEG_JOBS=1 (one process)": ["env", "INTEG_JOBS=1", self.integ, "validate"],
            },
            root,
            self.rounds,
        )
        compared(
            f"Corpus{self.label} in {root}: against the floor (interleaved, median of {self.rounds}):",
            "floor (floor.py)",
            timing,
            {"validate": ("older", 1.0), "validate, INTEG_JOBS=1 (one process)": ("5", 0.4)},
            self.summary,
            self.label,
        )
        if cj_rounds > 0:
            progress(f"check-jsonschema{self.label}")
            measures = sorted(str(p.relative_to(root)) for p in (root / "data" / "measures").glob("*.yaml"))
            checker = [tool("check-jsonschema"), "--schemafile", str(PROJECT / "schemas" / "measure.schema.json")]
            batches = [[*checker, *measures[i : i + CJ_BATCH]] for i in range(0, len(measures), CJ_BATCH)]
            cj = median_of(batches, root, cj_rounds)
            ratio = cj / timing["validate"].wall
            print(f"  check-jsonschema: {cj * 1000:.0f} ms, {ratio:.1f}x integ validate  target >= 10x")
            # Recorded as validate / check-jsonschema, so the limit is an upper one like the others.
            self.summary.ratio(f"older validate / check-jsonschema{self.label}", 1 / ratio, 0.1)

    def reading(self, group: str) -> None:
        """Targets 1 and 2: the reading commands, export and import against validate."""
        commands = {"validate": [self.integ, "validate"], BOUND: [sys.executable, str(HERE / "bound.py"), "."]}
        commands.update(reading_commands(self.integ, group, self.scratch / "x.xlsx"))
        commands["import x.xlsx --dry-run"] = [self.integ, "import", str(self.export()), "--dry-run"]
        progress(f"{len(commands)} reading commands{self.label}")
        times = interleaved(commands, self.root, self.rounds)
        targets = dict.fromkeys(commands, ("1", 1.0))
        targets["export -o x.xlsx"] = targets["import x.xlsx --dry-run"] = ("2", 2.0)
        del targets["validate"], targets[BOUND]
        compared(
            f"Reading commands{self.label} against integ validate (interleaved, median of {self.rounds}):",
            "validate",
            times,
            targets,
            self.summary,
            self.label,
        )

    def edits(self) -> None:
        """Target 3: one-record edits and validate FILE... on the corpus against the bundled data."""
        example = bundled_copy()
        small, large = subject(example), subject(self.root)
        on_example, on_corpus = edits(self.integ, example, small), edits(self.integ, self.root, large)
        both = {f"{name} (bundled)": command for name, command in on_example.items()}
        both.update({f"{name} (corpus)": command for name, command in on_corpus.items()})
        progress(f"{len(on_example)} edits{self.label} and on the bundled data")
        times = interleaved(both, self.root, self.rounds)
        print(
            f"\nOne-record edits of {large.measure}{self.label} against {small.measure} of the bundled data"
            f" (--dry-run: nothing written; interleaved, median of {self.rounds}):"
        )
        print(f"  {'':<24} {'bundled':>9}    {'corpus':>9}     {'ratio':>6}  {'cpu ratio':>9}")
        for name in on_example:
            bundled, corpus = times[f"{name} (bundled)"], times[f"{name} (corpus)"]
            row = f"3 {name} / same on bundled data{self.label}"
            if bundled.exit_code or corpus.exit_code:
                check = self.summary.failure(row, corpus.exit_code or bundled.exit_code, "<= 1.5x")
                codes = f"exited {corpus.exit_code} on the corpus, {bundled.exit_code} on the bundled data"
                print(f"  integ {name:<18} {codes}  {check}")
                continue
            ratio = corpus.wall / bundled.wall
            check = self.summary.ratio(row, ratio, 1.5)
            print(
                f"  integ {name:<18} {bundled.wall * 1000:6.0f} ms  {corpus.wall * 1000:6.0f} ms  {ratio:5.2f}x"
                f"  {corpus.cpu / bundled.cpu:8.2f}x  target <= 1.5x  {check}"
            )
        shutil.rmtree(example)

    def memory(self, group: str) -> None:
        """Target 6 (and export's limit of target 2): peak memory of every command of targets 1-3."""
        commands = {"validate": [self.integ, "validate"]}
        commands.update(reading_commands(self.integ, group, self.scratch / "x.xlsx"))
        commands["import x.xlsx --dry-run"] = [self.integ, "import", str(self.export()), "--dry-run"]
        # The tables and SQL on them (the extra integ[sql]): rows written as they come.
        for fmt in ("parquet", "jsonl"):
            commands[f"tables -f {fmt}"] = [self.integ, "tables", "-o", str(self.scratch / "tabellen"), "-f", fmt]
        commands["sql --example budget"] = [self.integ, "sql", "--example", "budget"]
        # A federation whose one city is the corpus: each city is read in a worker of its own.
        land = self.scratch / "land.yaml"
        land.write_text(f"cities:\n  - path: {json.dumps(str(self.root))}\n    key: '05999001'\n", encoding="utf-8")
        commands["federation report"] = [self.integ, "federation", "report", str(land)]
        out = str(self.scratch / "verbund")
        commands["federation export"] = [self.integ, "federation", "export", str(land), "-o", out]
        chosen = subject(self.root)
        commands.update({f"{name} (edit)": command for name, command in edits(self.integ, self.root, chosen).items()})
        print(f"\nPeak memory{self.label}, summed over all processes (one run each):")
        for number, (name, command) in enumerate(commands.items(), 1):
            progress(f"memory {number}/{len(commands)}: {name}{self.label}")
            peak, seconds, code = peak_memory(command, self.root)
            row = f"6 peak memory of {name}{self.label}"
            if code:
                # Its memory says nothing about the command's work: a failure, not a measurement.
                check = self.summary.failure(row, code, f"< {MEMORY_LIMIT / 1e6:.0f} MB")
                if name.startswith("export"):
                    self.summary.failure(f"2 peak memory of {name}{self.label}", code, "< 150 MB")
                print(f"  {name:<42} exited {code}, expected 0  {check}")
                continue
            check = self.summary.memory(row, peak, MEMORY_LIMIT)
            line = (
                f"  {name:<42} {peak / 1e6:6.0f} MB in {seconds:6.1f} s  target < {MEMORY_LIMIT / 1e6:.0f} MB  {check}"
            )
            if name.startswith("export"):
                strict = self.summary.memory(f"2 peak memory of {name}{self.label}", peak, EXPORT_MEMORY_LIMIT)
                line += f", < {EXPORT_MEMORY_LIMIT / 1e6:.0f} MB  {strict}"
            print(line)


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


def peak_memory(command: list[str], cwd: Path) -> tuple[int, float, int]:
    """Peak summed RSS of the command's process tree (sampled every 20 ms), its time and
    its exit code."""
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
    return peak, time.perf_counter() - start, process.returncode


def corpus(measures: int, keep: Path | None, variety: bool = False) -> Path:
    """Generate (or reuse) a corpus of ``measures`` measures."""
    target = keep or Path(tempfile.mkdtemp(prefix=f"integ-bench-{measures}-"))
    if not (target / "data" / "measures").is_dir():
        progress(f"generating {measures:,} measures{' with variety' if variety else ''} in {target}")
        command = [sys.executable, str(HERE / "generate_corpus.py"), str(target), "--measures", str(measures)]
        subprocess.run(
            [*command, "--force", *(["--variety"] if variety else [])], check=True, stdout=subprocess.DEVNULL
        )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measures", type=int, default=10_000, help="corpus size (default 10,000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per command (median; default 5)")
    parser.add_argument(
        "--cj-rounds", type=int, default=3, help="rounds for check-jsonschema (slow; default 3; 0 skips it)"
    )
    parser.add_argument("--corpus", type=Path, help="reuse or keep the corpus in this folder")
    parser.add_argument(
        "--variety", action="store_true", help="also run every section on a corpus made with generate_corpus --variety"
    )
    parser.add_argument("--variety-corpus", type=Path, help="reuse or keep the variety corpus in this folder")
    parser.add_argument(
        "--memory", action="store_true", help="peak memory of every command of the reading, import and edit targets"
    )
    parser.add_argument("--scaling", action="store_true", help="validate at 1,000, 10,000 and 100,000 measures")
    parser.add_argument("--target-group", default="kinder-jugendliche", help="group for the list benchmark")
    parser.add_argument(
        "--commands",
        action="store_true",
        help="every reading command, export and import against validate, and the edits",
    )
    parser.add_argument(
        "--edits", action="store_true", help="one-record edits and validate FILE... against the bundled data"
    )
    args = parser.parse_args()

    integ = tool("integ")
    python = sys.executable
    print(f"integ benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    summary = Summary()

    if args.scaling:
        print("\nScaling of integ validate (one round each after a warm-up):")
        for size in (1_000, 10_000, 100_000):
            root = corpus(size, None)
            seconds = median_of([[integ, "validate"]], root, 1)
            per_measure = f"{seconds / size * 1e6:.0f} us per measure"
            print(f"  integ validate, {size:>7,} measures {seconds * 1000:9.0f} ms  {per_measure}")
            shutil.rmtree(root)
        return

    startup_rounds = args.rounds * 2
    progress("start-up")
    # integ validate three ways: without the cache; with an empty cache before each run
    # (the first run after a change to integ, the schemas or the vocabularies: it checks
    # everything and writes the cache); with the cache the previous run left (the second
    # run of a pre-commit hook on unchanged data), each in a cache folder of its own.
    validate = [integ, "--repo", str(PROJECT), "validate"]
    cold, warm = "integ validate (bundled data, cold cache)", "integ validate (bundled data, warm cache)"
    homes = {name: Path(tempfile.mkdtemp(prefix="integ-cache-")) for name in (cold, warm)}
    with_cache = {key: value for key, value in ENV.items() if key != "INTEG_NO_CACHE"}
    startup = interleaved(
        {
            'python -c "import typer"': [python, "-c", "import typer"],
            # without a target: the libraries validate cannot do without, nothing of integ
            DEPENDENCIES: [python, "-c", "import typer, jsonschema_rs, yaml_rs"],
            "integ --version": [integ, "--version"],
            "integ --help": [integ, "--help"],
            "integ validate (bundled data, no cache)": validate,
            cold: validate,
            warm: validate,
        },
        PROJECT,
        startup_rounds,
        envs={name: with_cache | {"XDG_CACHE_HOME": str(home)} for name, home in homes.items()},
        before={cold: lambda: shutil.rmtree(homes[cold] / "integ", ignore_errors=True)},
    )
    for home in homes.values():
        shutil.rmtree(home)
    compared(
        f"Start-up (interleaved, median of {startup_rounds} rounds):",
        'python -c "import typer"',
        startup,
        {
            "integ --version": ("older", 1.2),
            "integ --help": ("4", 1.5),
            "integ validate (bundled data, no cache)": ("4", 1.5),
            cold: ("4", 1.5),
            warm: ("4", 1.5),
        },
        summary,
        "",
    )

    label = args.corpus.name if args.corpus else "generator"
    corpora = [(label, corpus(args.measures, args.corpus), args.corpus is None)]
    if args.variety:
        corpora.append(
            (
                args.variety_corpus.name if args.variety_corpus else "variety",
                corpus(args.measures, args.variety_corpus, variety=True),
                args.variety_corpus is None,
            )
        )
    for name, root, generated in corpora:
        under_test = Corpus(root, name, integ, args.rounds, summary)
        if not args.edits or args.commands:
            under_test.floor(args.cj_rounds)
        if args.commands:
            under_test.reading(args.target_group)
        if args.commands or args.edits:
            under_test.edits()
        if args.memory:
            under_test.memory(args.target_group)
        under_test.close()
        if generated:
            shutil.rmtree(root)
    summary.print()


if __name__ == "__main__":
    main()
