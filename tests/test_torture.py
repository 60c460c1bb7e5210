"""Crash and concurrency torture for the writing commands.

Processes are killed with SIGKILL at random moments (weighted towards the end of a
run, where the writing happens) during ``add``, ``set``, ``status`` and ``edit``:
afterwards every record file holds its old content or the complete new one, and the
repository validates. Hidden temporary files a killed process leaves are not
records (``scan`` skips them); they are counted, and must never be read as records.

Concurrent writers, on one measure and on several, lose no update: each edit takes
the file's lock (integ_cli.files.atomic.locked), so all succeed and every change is in
the final files. An edit by hand that overlaps another change is refused, not lost.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.files.loading import load_document

MINIREPO = Path(__file__).parent / "fixtures" / "minirepo"
M1 = "data/measures/sprache-001.yaml"
KILLS = 8
WRITERS = 8


def command(repo: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "integ_cli", "--repo", str(repo), *args]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("INTEG_REPO", "GITHUB_ACTIONS", "VISUAL")}
    env.update(NO_COLOR="1", INTEG_JOBS="1", **extra)
    return env


def files(repo: Path) -> dict[str, bytes]:
    """Every visible file under data/, by path."""
    return {
        p.relative_to(repo).as_posix(): p.read_bytes()
        for p in (repo / "data").rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def leftovers(repo: Path) -> list[Path]:
    return [p for p in (repo / "data").rglob(".*") if p.is_file()]


def valid(repo: Path) -> None:
    catalogue = load_catalogue(repo)
    assert catalogue.ok, [p.message for p in catalogue.problems]


def timed(repo: Path, args: list[str], env: dict[str, str]) -> float:
    """How long one undisturbed run takes (its effect is kept)."""
    start = time.monotonic()
    subprocess.run(command(repo, *args), env=env, capture_output=True, timeout=60, check=True)
    return time.monotonic() - start


def kill_during(repo: Path, args: list[str], env: dict[str, str], delay: float) -> int | None:
    """Start integ, SIGKILL it after ``delay`` seconds; its exit code if it finished first."""
    process = subprocess.Popen(
        command(repo, *args), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    time.sleep(delay)
    finished = process.poll()
    if finished is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return finished


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(MINIREPO, dest)
    return dest


def torture(repo: Path, make_args: list[list[str]], env: dict[str, str], seed: int) -> tuple[int, int]:
    """Kill each of ``make_args``'s runs at a random moment; after each, every file is
    old or new and the repository is valid. Returns (runs killed, leftover temp files)."""
    rng = random.Random(seed)
    duration = timed(repo, make_args[0], env)
    killed = 0
    for args in make_args[1:]:
        before = files(repo)
        finished = kill_during(repo, args, env, rng.uniform(0.4, 1.2) * duration)
        killed += finished is None
        after = files(repo)
        for rel, content in after.items():
            if rel in before and content != before[rel]:
                assert load_document(content, rel) is not None, f"{rel} is neither old nor complete"
        assert set(before) <= set(after), "a killed write removed a file"
        valid(repo)
    return killed, len(leftovers(repo))


def test_killed_set_and_status_leave_old_or_new(repo: Path) -> None:
    runs = [["set", "sprache-001", f"title=Titel {i}", f"notes=Notiz {i}"] for i in range(KILLS)]
    runs += [["status", "sprache-001", s] for s in ("planned", "completed", "suspended", "active") * (KILLS // 4)]
    killed, left = torture(repo, runs, environment(), seed=1)
    text = (repo / M1).read_text(encoding="utf-8")
    assert "# A comment that editors keep." in text
    print(f"set/status: {killed} of {len(runs) - 1} runs killed, {left} hidden temporary files left")


def test_killed_add_leaves_complete_records_only(repo: Path) -> None:
    values = ["--summary", "Eine kurze Beschreibung.", "-t", "junge-muetter", "-d", "eilendorf"]
    values += ["--status", "planned", "--horizon", "short"]
    runs = [["add", "--no-input", "--field", "sprache", "--title", f"Neu {i}", *values] for i in range(KILLS + 1)]
    killed, left = torture(repo, runs, environment(), seed=2)
    new = sorted(p.name for p in (repo / "data/measures").glob("sprache-*.yaml"))
    numbers = [int(name[len("sprache-") : -len(".yaml")]) for name in new]
    assert numbers[:2] == [1, 2] and len(set(numbers)) == len(numbers)
    print(f"add: {killed} of {len(runs) - 1} runs killed, {len(new) - 2} added, {left} hidden temporary files left")


def test_killed_edit_leaves_old_or_new(repo: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib, time\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8').replace('status: active', 'status: planned')"
        ".replace('status: planned\\n', 'status: planned\\n', 1), encoding='utf-8')\n",
        encoding="utf-8",
    )
    env = environment(EDITOR=f"{sys.executable} {editor}")
    runs = [["edit", "sprache-001"]] * (KILLS + 1)
    killed, left = torture(repo, runs, env, seed=3)
    assert b"status: planned" in (repo / M1).read_bytes() or killed == KILLS
    print(f"edit: {killed} of {len(runs) - 1} runs killed, {left} hidden temporary files left")


def test_a_temporary_file_left_by_a_kill_is_never_a_record(repo: Path) -> None:
    (repo / "data/measures/.sprache-001.yaml.0123456789ab.tmp").write_bytes(b"half a rec")
    valid(repo)
    result = subprocess.run(command(repo, "list"), env=environment(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "skipped" not in result.stderr


def run_all(repo: Path, runs: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every run at once and wait for all."""
    processes = [
        subprocess.Popen(
            command(repo, *args), env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for args in runs
    ]
    results = []
    for args, process in zip(runs, processes, strict=True):
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(args, process.returncode, out, err))
    return results


def test_concurrent_writers_on_one_measure_lose_no_update(repo: Path) -> None:
    runs = [["budget", "sprache-001", "--year", str(2030 + i), "--planned", str(1000 + i), "--source", "state"]
            for i in range(WRITERS // 2)]  # fmt: skip
    runs += [["link", "sprache-001", "tag", f"welle-{i}"] for i in range(WRITERS // 2)]
    for result in run_all(repo, runs):
        assert result.returncode == 0, (result.args, result.stderr)
        assert "Traceback" not in result.stderr
    document = load_document((repo / M1).read_bytes(), M1)
    assert document is not None
    years = {line["year"] for line in document.data["budget"]}
    assert years >= {2030 + i for i in range(WRITERS // 2)}, years
    assert set(document.data["tags"]) == {f"welle-{i}" for i in range(WRITERS // 2)}
    assert "# A comment that editors keep." in (repo / M1).read_text(encoding="utf-8")
    valid(repo)


def test_concurrent_writers_on_different_measures_lose_no_update(repo: Path) -> None:
    ids = ["sprache-001", "sprache-002", "wohnen-001"]
    runs = [["link", ids[i % 3], "tag", f"parallel-{i}"] for i in range(WRITERS)]
    runs.append(["set", "sprache-002", "notes=zugleich"])
    for result in run_all(repo, runs):
        assert result.returncode == 0, (result.args, result.stderr)
    for number, measure in enumerate(ids):
        rel = f"data/measures/{measure}.yaml"
        document = load_document((repo / rel).read_bytes(), rel)
        assert document is not None
        assert set(document.data["tags"]) == {f"parallel-{i}" for i in range(WRITERS) if i % 3 == number}
    assert "notes: zugleich" in (repo / "data/measures/sprache-002.yaml").read_text(encoding="utf-8")
    valid(repo)


def test_an_edit_by_hand_overlapping_another_change_is_refused_not_lost(repo: Path, tmp_path: Path) -> None:
    """While the editor is open, someone sets the title; saving the editor's copy would
    drop that change, so it is refused and the copy kept."""
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import subprocess, sys, pathlib\n"
        f"subprocess.run({command(repo, 'set', 'sprache-001', 'title=Von nebenan')!r}, check=True)\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8').replace('status: active', 'status: planned'), encoding='utf-8')\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        command(repo, "edit", "sprache-001"),
        env=environment(EDITOR=f"{sys.executable} {editor}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "changed by someone else" in result.stderr
    text = (repo / M1).read_text(encoding="utf-8")
    assert "title: Von nebenan" in text and "status: active" in text
    kept = Path(result.stderr.rsplit("kept in ", 1)[1].strip())
    assert "status: planned" in kept.read_text(encoding="utf-8")
    shutil.rmtree(kept.parent)
