"""Calendar time is read in two places only: kiosk/clock.py and portal/core/clock.py.

Anything else that reads the date or the time of day straight from the machine cannot be pinned
by a test, and a suite that depends on the day it runs is red on some days. Durations
(time.monotonic(), time.perf_counter(), Qt timers) are fine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLOCK_MODULES = {ROOT / "kiosk" / "clock.py", ROOT / "portal" / "core" / "clock.py"}
PYTHON_ROOTS = ("kiosk", "portal", "ui", "tests", "bench", "scripts")

# receiver name (last part) -> methods that read the machine's calendar
_CALENDAR_READS = {
    "date": {"today"},
    "datetime": {"now", "utcnow", "today"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime"},
    "QDate": {"currentDate"},
    "QTime": {"currentTime"},
    "QDateTime": {
        "currentDateTime",
        "currentDateTimeUtc",
        "currentSecsSinceEpoch",
        "currentMSecsSinceEpoch",
    },
}
# In QML/JavaScript: `new Date()` with no argument, and Date.now().
_QML_READS = re.compile(r"new\s+Date\s*\(\s*\)|\bDate\s*\.\s*now\s*\(")


def calendar_reads(source: str, filename: str = "<source>") -> list[str]:
    """`file:line call` for every call that reads the calendar in Python `source`."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        receiver = node.func.value
        name = (
            receiver.id
            if isinstance(receiver, ast.Name)
            else receiver.attr
            if isinstance(receiver, ast.Attribute)
            else ""
        )
        # time.localtime(secs) / time.gmtime(secs) convert a given instant: that is fine.
        if name == "time" and node.func.attr in ("localtime", "gmtime", "ctime") and node.args:
            continue
        if node.func.attr in _CALENDAR_READS.get(name, ()):
            found.append(f"{filename}:{node.lineno} {name}.{node.func.attr}()")
    return found


def _python_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for folder in PYTHON_ROOTS:
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return [f for f in files if f not in CLOCK_MODULES and "/migrations/versions/" not in str(f)]


def test_only_the_two_clock_modules_read_the_calendar():
    offenders = []
    for path in _python_files():
        offenders.extend(
            calendar_reads(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
        )
    for path in sorted((ROOT / "ui" / "qml").rglob("*.qml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _QML_READS.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number} {line.strip()}")
    assert offenders == [], (
        "read the calendar through kiosk.clock / portal.core.clock instead:\n"
        + "\n".join(offenders)
    )


def test_the_check_sees_every_way_of_reading_the_calendar():
    source = "\n".join(
        [
            "import datetime as dt, time",
            "from datetime import date, datetime",
            "a = date.today()",
            "b = datetime.now(UTC)",
            "c = dt.datetime.utcnow()",
            "d = time.time()",
            "e = QDateTime.currentDateTime()",
            "f = time.monotonic()",  # a duration: fine
            "g = time.localtime(12)",  # converts a given instant: fine
            "h = datetime.fromisoformat('2026-12-06')",  # not a reading: fine
        ]
    )
    assert [hit.split(" ")[1] for hit in calendar_reads(source)] == [
        "date.today()",
        "datetime.now()",
        "datetime.utcnow()",
        "time.time()",
        "QDateTime.currentDateTime()",
    ]
    assert _QML_READS.search("var d = new Date()")
    assert _QML_READS.search("Date.now()")
    assert not _QML_READS.search("new Date(2026, 11, 6)")
