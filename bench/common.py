"""What every benchmark shares: results, statistics, the child-process environment, a portal."""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
# Generated portal databases are kept between runs (they take a while to build); not in git.
CACHE_DIR = BENCH_DIR / ".cache"
RESULTS_FILE = BENCH_DIR / "results.json"

SCREEN_WIDTH, SCREEN_HEIGHT = 1920, 1080
DEMO_EMAIL = "marge@example.com"  # the Simpsons: policies done, so a login lands on the dashboard
DEMO_PASSWORD = "springfield-demo"


# ----- results ------------------------------------------------------------------------------


@dataclass
class Result:
    """One row of the table. `passed` is None when the figure has no target (report only) or
    could not be measured; `ratio` is figure / floor unless the notes say otherwise."""

    figure: str
    unit: str
    samples: int
    median: float | None
    p95: float | None
    target: str = ""
    passed: bool | None = None
    floor: float | None = None
    ratio: float | None = None
    ratio_goal: float | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["pass"] = data.pop("passed")
        for key in ("median", "p95", "floor", "ratio"):
            if isinstance(data[key], float):
                data[key] = round(data[key], 4)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        values = dict(data)
        values["passed"] = values.pop("pass", None)
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in values.items() if k in known})


def failed(figure: str, unit: str, target: str, why: str) -> Result:
    """A row for a figure that could not be measured."""
    return Result(figure, unit, 0, None, None, target=target, passed=None, notes=f"ERROR: {why}")


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (what numpy calls 'linear')."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * pct / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p95(values: Sequence[float]) -> float:
    return percentile(values, 95)


def timed_result(
    figure: str,
    unit: str,
    values: Sequence[float],
    *,
    limit: float | None = None,
    stat: str = "p95",
    notes: str = "",
    floor: float | None = None,
    ratio_goal: float | None = None,
    extra: dict[str, Any] | None = None,
) -> Result:
    """A row from raw samples; pass when `stat` (median or p95) is at most `limit`."""
    if not values:
        target = f"{stat} <= {limit:g} {unit}" if limit is not None else ""
        return failed(figure, unit, target, notes or "no samples")
    mid, high = median(values), p95(values)
    passed = None
    target = ""
    if limit is not None:
        value = high if stat == "p95" else mid
        passed = value <= limit
        target = f"{stat} <= {limit:g} {unit}"
    ratio = mid / floor if floor else None
    return Result(
        figure,
        unit,
        len(values),
        mid,
        high,
        target=target,
        passed=passed,
        floor=floor,
        ratio=ratio,
        ratio_goal=ratio_goal,
        notes=notes,
        extra=extra or {},
    )


def write_results(path: Path, results: Sequence[Result]) -> None:
    path.write_text(json.dumps([r.to_json() for r in results], indent=2) + "\n", encoding="utf-8")


def read_results(path: Path) -> list[Result]:
    return [Result.from_json(item) for item in json.loads(path.read_text(encoding="utf-8"))]


# ----- the environment of a child process ---------------------------------------------------


def offscreen_config(work: Path) -> Path:
    """An offscreen 'screen' of 1920 x 1080, so full screen means what it means at a kiosk."""
    path = work / "screen-1080p.json"
    if not path.exists():
        screen = {
            "name": "bench",
            "x": 0,
            "y": 0,
            "width": SCREEN_WIDTH,
            "height": SCREEN_HEIGHT,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
        path.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return path


def child_env(work: Path) -> dict[str, str]:
    """Qt headless on the software renderer at 1080p; no kiosk settings from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    platform = env.get("QT_QPA_PLATFORM", "offscreen")
    if platform in ("", "offscreen"):
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={offscreen_config(work)}"
    env["QT_QUICK_BACKEND"] = "software"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    # A kiosk compiles its modules once and starts from .pyc files ever after; so do we, but
    # into bench/.cache rather than next to the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE_DIR / "pycache")
    return env


def rss_mb() -> float:
    """Resident set size of this process (psutil is not a dependency)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS in /proc/self/status")


# ----- files --------------------------------------------------------------------------------


def copy_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite database (its WAL folded in)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def copy_kiosk_dir(source: Path, target: Path) -> Path:
    """A kiosk data directory (cache, media, device id) to use on its own."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name.startswith("kiosk-cache.sqlite3"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)
    copy_sqlite(source / "kiosk-cache.sqlite3", target / "kiosk-cache.sqlite3")
    return target


# ----- a portal in a process of its own ------------------------------------------------------


class PortalProcess:
    """`python -m bench.portal_server` on a database URL: the portal the kiosk talks to, kept
    out of the measured process so its request handling does not share that process's GIL."""

    def __init__(self, database_url: str, log: Path) -> None:
        self.database_url = database_url
        self.log = log
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> str:
        env = child_env(self.log.parent)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log.open("a", encoding="utf-8")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bench.portal_server", self.database_url],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
        )
        assert self._proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self._proc.stdout.readline()
            if line.startswith("URL "):
                self.url = line.split()[1]
                return self.url
            if not line and self._proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"the portal did not start (see {self.log})")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the portal process has used so far."""
        assert self._proc is not None
        fields = Path(f"/proc/{self._proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # the server stops when its stdin closes
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        finally:
            self._log_file.close()


@contextmanager
def portal_process(database_url: str, log: Path) -> Iterator[PortalProcess]:
    portal = PortalProcess(database_url, log)
    portal.start()
    try:
        yield portal
    finally:
        portal.stop()


# ----- what a benchmark is given --------------------------------------------------------------


@dataclass
class Context:
    """`work`: a directory of the benchmark's own; `shared`: what bench.prepare made for all
    (the big portal database, warm kiosk caches); `quick`: fewer samples."""

    work: Path
    shared: Path
    quick: bool = False
    postgres_url: str | None = None

    @property
    def big_db(self) -> Path:
        return self.shared / "portal-10k.sqlite3"

    @property
    def demo_db(self) -> Path:
        return self.shared / "portal-demo.sqlite3"

    @property
    def warm_big(self) -> Path:
        """A kiosk data directory synced (with images) from the big catalog."""
        return self.shared / "warm-10k"

    @property
    def warm_demo(self) -> Path:
        return self.shared / "warm-demo"

    def samples(self, full: int, quick: int) -> int:
        return quick if self.quick else full
