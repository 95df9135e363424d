"""`python -m bench`: run every benchmark, each in a process of its own, print the table and
write bench/results.json. A missed target is reported (MISSED), never an error exit."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.core.clock import clock

from .common import RESULTS_FILE, ROOT, Result, child_env, failed, read_results

# In the order they run; the Qt ones first while the machine is quiet.
BENCHMARKS = (
    "cold_start",
    "tap",
    "frames",
    "search",
    "memory",
    "sync",
    "checkout",
    "checkin",
)
NEEDS_PREPARE = {"cold_start", "tap", "frames", "search", "memory", "sync"}
TIMEOUT_S = {"prepare": 600, "checkout": 900}
DEFAULT_TIMEOUT_S = 600
# A load average above this many runnable processes per CPU means others shared the machine.
BUSY_LOAD = 0.75


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only this benchmark (repeatable, or comma-separated): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=os.environ.get("BENCH_POSTGRES_URL") or None,
        help="a PostgreSQL server URL for the portal checkout figure, e.g. "
        "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres (default: $BENCH_POSTGRES_URL; "
        "skipped when absent); a throwaway database is created on it and dropped",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the run directory (logs, databases)"
    )
    parser.add_argument(
        "--out", type=Path, default=RESULTS_FILE, help="where to write the JSON results"
    )
    args = parser.parse_args(argv)
    chosen: list[str] = []
    for item in args.only or []:
        chosen.extend(name.strip() for name in item.split(",") if name.strip())
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {', '.join(BENCHMARKS)}")
    args.selected = [name for name in BENCHMARKS if not chosen or name in chosen]
    return args


def run_child(name: str, run_dir: Path, args: argparse.Namespace) -> tuple[list[Result], float]:
    """One benchmark in its own process; its rows (or an error row) and the seconds it took."""
    out = run_dir / f"{name}.json"
    log_path = run_dir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "bench.child",
        name,
        "--work",
        str(run_dir / name),
        "--shared",
        str(run_dir / "shared"),
        "--out",
        str(out),
    ]
    if args.quick:
        command.append("--quick")
    if args.postgres:
        command += ["--postgres", args.postgres]
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    with log_path.open("w", encoding="utf-8") as log:
        try:
            proc = subprocess.run(
                command,
                cwd=ROOT,
                env=child_env(run_dir),
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=TIMEOUT_S.get(name, DEFAULT_TIMEOUT_S),
            )
            code: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            code = None
    took = time.monotonic() - started
    load = (round(load_before, 2), round(os.getloadavg()[0], 2))
    if out.exists():
        rows = read_results(out)
        for row in rows:
            row.extra["load"] = load
        return rows, took
    tail = " | ".join(log_path.read_text(encoding="utf-8").strip().splitlines()[-3:])
    why = "timed out" if code is None else f"exit code {code}"
    return [failed(name, "", "", f"{why}; log {log_path}: {tail}")], took


# ----- the table ------------------------------------------------------------------------------


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def status(result: Result) -> str:
    if result.notes.startswith("ERROR"):
        return "ERROR"
    if result.notes.startswith("SKIPPED"):
        return "skipped"
    if result.passed is None:
        return "-"
    return "pass" if result.passed else "MISSED"


def ratio_text(result: Result) -> str:
    if result.ratio is None:
        return "-"
    text = f"{fmt(result.ratio)}x"
    if result.ratio_goal is not None:
        missed = "" if result.ratio <= result.ratio_goal else " MISSED"
        text += f" (goal {fmt(result.ratio_goal)}x{missed})"
    return text


def table(results: list[Result]) -> str:
    header = ("figure", "unit", "n", "median", "p95", "target", "result", "floor", "ratio")
    rows = [
        (
            r.figure,
            r.unit,
            str(r.samples),
            fmt(r.median),
            fmt(r.p95),
            r.target or "-",
            status(r),
            fmt(r.floor),
            ratio_text(r),
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 3, 4, 7}

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    notes = [f"- {r.figure}: {r.notes}" for r in results if r.notes]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)


def machine() -> dict[str, object]:
    info: dict[str, object] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "code": code_state(),
    }
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:  # pragma: no cover - the kiosk needs it anyway
        pass
    return info


def code_state() -> str:
    """The commit measured, and how many files differed from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
        ).stdout.splitlines()
    except OSError:
        return "unknown"
    return f"{commit} + {len(changed)} changed files" if changed else commit


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    run_dir = Path(tempfile.mkdtemp(prefix="lobby-bench-"))
    print(f"bench run in {run_dir} ({'quick' if args.quick else 'full'})", flush=True)
    started = time.monotonic()
    results: list[Result] = []
    busy: list[str] = []
    try:
        steps = list(args.selected)
        if NEEDS_PREPARE & set(steps):
            steps.insert(0, "prepare")
        for name in steps:
            print(f"== {name} ...", end=" ", flush=True)
            rows, took = run_child(name, run_dir, args)
            print(f"{took:.0f} s", flush=True)
            load = max((max(r.extra.get("load", (0, 0))) for r in rows), default=0)
            if load > BUSY_LOAD * (os.cpu_count() or 1):
                busy.append(name)
                print(f"   the machine was busy (load {load:.1f} on {os.cpu_count()} CPUs)")
            errors = [r for r in rows if r.notes.startswith("ERROR")]
            for row in errors:
                print(f"   {row.figure}: {row.notes}", flush=True)
            if name == "prepare":
                if errors:  # nothing that needs the shared inputs can run
                    results += [failed(n, "", "", "prepare failed") for n in args.selected]
                    break
                continue
            results += rows
    finally:
        if args.keep:
            print(f"kept {run_dir}")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)

    print()
    print(table(results))
    missed = [r.figure for r in results if r.passed is False]
    goals = [
        r.figure
        for r in results
        if r.ratio is not None and r.ratio_goal is not None and r.ratio > r.ratio_goal
    ]
    errors = [r.figure for r in results if status(r) == "ERROR"]
    print()
    print(f"MISSED targets: {', '.join(missed)}" if missed else "All targets met.")
    if goals:
        print(f"MISSED ratio goals: {', '.join(goals)}")
    if errors:
        print(f"Could not measure: {', '.join(errors)}")
    if busy:
        print(
            f"WARNING: other processes kept the CPUs busy during {', '.join(busy)}; "
            "those figures are slower than this machine can do (see 'load' in the JSON)."
        )
    payload = {
        "generated": clock.now().isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started, 1),
        "quick": args.quick,
        "machine": machine(),
        "busy_during": busy,
        "results": [r.to_json() for r in results],
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
