"""Cold-start harness, run as its own process by bench.cold_start.

`python -m bench.harness_start kiosk --portal URL --account NAME --data-dir DIR` does what
main.py does for a remote portal (settings, logging, prepare_environment, QGuiApplication,
build_kiosk, full screen) and reports the time from the spawn (BENCH_SPAWN_TIME, set by the
parent just before it started this process) to the first frame swapped while the landing page
is the current screen. `python -m bench.harness_start floor` is the floor: a bare PySide6
process that shows an empty QML window, timed the same way.

Prints one line `BENCH {json}` and exits at once (os._exit: a kiosk that cannot reach its portal
may be sleeping in a retry, and tearing down is not what is measured).
"""

from __future__ import annotations

import os
import sys
import time

SPAWNED = float(os.environ.get("BENCH_SPAWN_TIME", "0") or 0) or time.monotonic()
TIMEOUT_MS = 30_000
# With BENCH_AFTER_MS set, the kiosk keeps running that long after its first landing frame and
# reports the GUI thread's longest stall meanwhile (what loads after the first frame).
AFTER_MS = int(os.environ.get("BENCH_AFTER_MS", "0") or 0)


def since_spawn() -> float:
    return time.monotonic() - SPAWNED


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def cpu_s() -> float:
    """This process's CPU time (user + system): on a machine other work keeps busy, what the
    kiosk itself spent, where the wall clock also counts the waits for a CPU."""
    times = os.times()
    return times.user + times.system


def report(payload: dict[str, object]) -> None:
    import json

    payload.pop("_timer", None)
    payload["rss_mb"] = rss_mb()
    print("BENCH " + json.dumps(payload), flush=True)
    sys.stderr.flush()
    os._exit(0)


def run_floor() -> None:
    from PySide6.QtCore import QByteArray, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    marks: dict[str, object] = {"imports": since_spawn()}
    app = QGuiApplication(sys.argv[:1])
    marks["app"] = since_spawn()
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(b"import QtQuick\nWindow { width: 1920; height: 1080 }\n"))
    window = engine.rootObjects()[0]
    marks["built"] = since_spawn()

    def on_swapped() -> None:
        marks["first_frame"] = since_spawn()
        marks["first_frame_cpu"] = cpu_s()
        report(marks)

    window.frameSwapped.connect(on_swapped)  # type: ignore[attr-defined]
    window.showFullScreen()  # type: ignore[attr-defined]
    QTimer.singleShot(TIMEOUT_MS, lambda: report({**marks, "error": "no frame"}))
    app.exec()


def run_kiosk(argv: list[str]) -> None:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser()
    parser.add_argument("--portal", required=True)
    parser.add_argument("--account", default="demo")
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args(argv)

    # The same steps, in the same order, as main.py with --portal.
    from kiosk.config import load_settings
    from kiosk.logs import configure_logging

    configure_logging(args.data_dir)
    settings = load_settings(
        None, data_dir=args.data_dir, portal_url=args.portal, account=args.account
    )
    from ui.app import build_kiosk, start_application

    marks: dict[str, object] = {"imports": since_spawn()}
    app = start_application(sys.argv[:1])
    from PySide6.QtCore import QTimer  # after ui, as in main.py (see ui/__init__.py)

    marks["app"] = since_spawn()
    kiosk_app = build_kiosk(settings, kiosk_mode=True)
    marks["built"] = since_spawn()
    window = kiosk_app.window

    def on_swapped() -> None:
        marks.setdefault("any_frame", since_spawn())
        if "first_frame" in marks:
            return
        if window.property("currentScreen") == "landingScreen" and not window.property(
            "navigating"
        ):
            marks["first_frame"] = since_spawn()
            marks["first_frame_cpu"] = cpu_s()
            marks["online"] = bool(kiosk_app.kiosk.property("online"))
            if AFTER_MS <= 0:
                report(marks)
            watch_after_first_frame(marks)

    window.frameSwapped.connect(on_swapped)
    window.showFullScreen()
    QTimer.singleShot(TIMEOUT_MS, lambda: report({**marks, "error": "no landing frame"}))
    app.exec()


def watch_after_first_frame(marks: dict[str, object]) -> None:
    """For AFTER_MS after the first frame (while what was deferred loads): how late a 16 ms
    timer fires, i.e. how long the GUI thread could not draw a frame (a stall over 33 ms is a
    visible hitch; the offscreen platform draws only on change, so frame times say less)."""
    from PySide6.QtCore import QTimer

    gaps: list[float] = []
    last = [time.monotonic()]
    started = last[0]
    timer = QTimer()
    timer.setInterval(16)

    def tick() -> None:
        now = time.monotonic()
        gaps.append((now - last[0]) * 1000.0)
        last[0] = now
        if (now - started) * 1000.0 >= AFTER_MS:
            timer.stop()
            marks["after_max_gap_ms"] = round(max(gaps), 1)
            marks["after_gaps_over_33ms"] = sum(1 for gap in gaps if gap > 33.0)
            marks["after_ticks"] = len(gaps)
            report(marks)

    timer.timeout.connect(tick)
    timer.start()
    marks["_timer"] = timer  # kept alive until the report; never printed (report pops it)


def main(argv: list[str]) -> None:
    if argv[:1] == ["floor"]:
        run_floor()
    elif argv[:1] == ["kiosk"]:
        run_kiosk(argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
