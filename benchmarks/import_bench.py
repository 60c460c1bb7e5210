"""Import benchmark: time and peak memory of ``integ import --dry-run`` and of the workbook readers.

Prints, for one corpus and in one run:

* ``integ validate`` and ``integ import x.xlsx --dry-run`` of an unchanged export of the
  corpus, run **interleaved** (each round runs validate, then import, after a warm-up
  round), with the median wall and processor time and the median of each round's
  ratio, and peak memory summed over processes; with ``--baseline DIR`` the same two
  commands of the integ in the source tree DIR (e.g. a checkout of main) run in the
  same rounds, so before and after are measured under the same load;
* the readers on that export, each in a process of its own (time and peak memory):
  integ's streaming reader, openpyxl in read-only mode, and python-calamine where it
  is installed (``pip install python-calamine``; integ does not depend on it);
* ``integ import --dry-run`` of hostile workbooks made from the export: a zip bomb (a
  cell of ``--bomb-mb`` MB of text, about a thousandth of that packed), a sheet of
  100,000 rows (all naming one measure) and a cell at ``XFD1048576``. Each must end with a message, never a
  traceback, and stay under 300 MB.

    python benchmarks/import_bench.py --measures 10000
    PYTHONPATH=src python benchmarks/import_bench.py --measures 10000 --rounds 5 --baseline ../main --no-hostile

Run it with the virtualenv that has integ installed (``.venv/bin/python``); the commands
run with the environment's ``PYTHONPATH``, so ``PYTHONPATH=src`` measures a working tree.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from run import ENV, corpus, median_of, peak_memory, tool

SHEETS = ["Maßnahmen", "Budget", "Indikatoren", "Links"]
MEASURES_PART = "xl/worksheets/sheet1.xml"
READERS = {
    "integ (stdlib zipfile + expat, streaming)": (
        "integ_cli",
        "import sys; from integ_cli.spreadsheet.xlsx import read_workbook; read_workbook(sys.argv[1], {sheets})",
    ),
    "openpyxl read-only, values only": (
        "openpyxl",
        "import sys; from openpyxl import load_workbook\n"
        "book = load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
        "for title in {sheets}:\n    for row in book[title].iter_rows(values_only=True): list(row)",
    ),
    "python-calamine": (
        "python_calamine",
        "import sys; from python_calamine import CalamineWorkbook\n"
        "book = CalamineWorkbook.from_path(sys.argv[1])\n"
        "for title in {sheets}:\n    for row in book.get_sheet_by_name(title).iter_rows(): pass",
    ),
}


def hostile(export: Path, target: Path, pieces: Iterable[bytes]) -> Path:
    """The export with its measures sheet replaced by ``pieces`` of XML (streamed)."""
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            if info.filename != MEASURES_PART:
                book.writestr(info.filename, source.read(info))
        with book.open(MEASURES_PART, "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            sheet.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>Ma\xc3\x9fnahme-ID (id)</t></is></c></row>')
            for piece in pieces:
                sheet.write(piece)
            sheet.write(b"</sheetData></worksheet>")
    return target


def bomb(megabytes: int) -> Iterable[bytes]:
    chunk = b"x" * (1 << 20)
    return itertools.chain(
        [b'<row r="2"><c r="B2" t="inlineStr"><is><t>'], [chunk] * megabytes, [b"</t></is></c></row>"]
    )


def many_rows(count: int, measure_id: bytes) -> Iterable[bytes]:
    """``count`` rows naming one measure: the first row is read as its row, every other
    one is a problem (the id has a row already), cheap to check but all read."""
    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>' + measure_id + b"</t></is></c></row>"
    for start in range(2, count + 2, 10_000):
        yield b"".join(row % (n, n) for n in range(start, min(start + 10_000, count + 2)))


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and processor time (user and system, of the command and every process it
    waited for) of one run; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str]]], cwd: Path, rounds: int
) -> dict[str, list[tuple[float, float]]]:
    """(wall, processor) of each command in each of ``rounds`` rounds, every round running
    each command once in turn, after a warm-up round: a busy moment of a shared machine
    slows the commands of one round alike, so each round's ratio holds better than the times."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_number in range(rounds + 1):
        for name, (command, env) in commands.items():
            measured = run_once(command, cwd, env)
            if round_number:
                times[name].append(measured)
    return times


def ratios(times: list[tuple[float, float]], base: list[tuple[float, float]]) -> tuple[float, float]:
    """The median over the rounds of each round's wall and processor ratio."""
    return (
        statistics.median(t[0] / b[0] for t, b in zip(times, base, strict=True)),
        statistics.median(t[1] / b[1] for t, b in zip(times, base, strict=True)),
    )


def cpu(command: list[str], cwd: Path, rounds: int) -> float:
    """Median processor time (user and system, the command and every process it waited
    for) of ``rounds`` runs: on a machine shared with other work, steadier than wall time."""
    times = []
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times)


def line(name: str, seconds: float, peak: int | None = None, processor: float | None = None, note: str = "") -> None:
    memory = f"{peak / 2**20:7.0f} MiB" if peak is not None else " " * 11
    used = f"{processor * 1000:8.0f} ms" if processor is not None else " " * 11
    print(f"  {name:<44} {seconds * 1000:8.0f} ms {used} {memory}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measures", type=int, default=10_000, help="corpus size (default 10,000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per command (median; default 3)")
    parser.add_argument("--corpus", type=Path, help="reuse (or create) the corpus in this folder")
    parser.add_argument("--bomb-mb", type=int, default=3200, help="unpacked size of the zip bomb (default 3,200 MB)")
    parser.add_argument("--baseline", type=Path, help="also run the integ of this source tree (DIR/src) in each round")
    parser.add_argument("--no-hostile", action="store_true", help="skip the readers and the hostile workbooks")
    args = parser.parse_args()
    integ = tool("integ")
    root = corpus(args.measures, args.corpus)
    work = Path(tempfile.mkdtemp(prefix="integ-import-bench-"))
    try:
        export = work / "x.xlsx"
        subprocess.run([integ, "export", "-o", str(export)], cwd=root, env=ENV, check=True, capture_output=True)
        print(f"{args.measures:,} measures; export {export.stat().st_size / 2**20:.1f} MiB (median of {args.rounds})")
        print(f"  {'':<44} {'wall':>11} {'processor':>11} {'peak':>11}")
        validate = [integ, "validate"]
        trees = {"": ENV}
        if args.baseline is not None:
            trees[" (baseline)"] = {**ENV, "PYTHONPATH": str((args.baseline / "src").resolve())}
        commands = {}
        for label, env in trees.items():
            own = export
            if label:  # each integ imports the workbook it exports itself
                own = work / "baseline.xlsx"
                subprocess.run([integ, "export", "-o", str(own)], cwd=root, env=env, check=True, capture_output=True)
            commands[f"integ validate{label}"] = (validate, env)
            commands[f"integ import x.xlsx --dry-run{label}"] = ([integ, "import", str(own), "--dry-run"], env)
        times = interleaved(commands, root, args.rounds)
        for label in trees:
            base = times[f"integ validate{label}"]
            for name in (f"integ validate{label}", f"integ import x.xlsx --dry-run{label}"):
                wall, used = ratios(times[name], base)
                peak = peak_memory(commands[name][0], root)[0] if not label else None
                note = f"{wall:.2f}x validate (wall), {used:.2f}x (processor)" if "import" in name else ""
                line(
                    name,
                    statistics.median(t[0] for t in times[name]),
                    peak,
                    statistics.median(t[1] for t in times[name]),
                    note + ("; target <= 2x" if note and not label else ""),
                )
        if args.no_hostile:
            return
        print("readers of the export (each in its own process):")
        for name, (module, code) in READERS.items():
            if importlib.util.find_spec(module) is None:
                line(name, 0, note="not installed")
                continue
            command = [sys.executable, "-c", code.format(sheets=SHEETS), str(export)]
            line(
                name,
                median_of([command], root, args.rounds),
                peak_memory(command, root)[0],
                cpu(command, root, args.rounds),
            )
        print("hostile workbooks (integ import FILE --dry-run):")
        cases = {
            f"zip bomb ({args.bomb_mb:,} MB unpacked)": bomb(args.bomb_mb),
            "100,000 rows": many_rows(100_000, min(root.glob("data/measures/*.yaml")).stem.encode()),
            "one cell at XFD1048576": [b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'],
        }
        for name, pieces in cases.items():
            path = hostile(export, work / "hostile.xlsx", pieces)
            command = [integ, "import", str(path), "--dry-run"]
            done = subprocess.run(command, cwd=root, env=ENV, capture_output=True, text=True)
            peak, seconds, _ = peak_memory(command, root)
            said = (done.stderr.strip().splitlines() or [""])[-1][:90]
            note = f"{path.stat().st_size / 2**20:.1f} MiB packed; exit {done.returncode}: {said}"
            line(name, seconds, peak, note=note + (" TRACEBACK" if "Traceback" in done.stderr else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
