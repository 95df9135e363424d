"""`python -m bench.child NAME --work DIR --shared DIR --out FILE [--quick] [--postgres URL]`:
one benchmark in a process of its own; its rows go to FILE as JSON."""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

from .common import Context, failed, write_results

MODULES = {
    "prepare": "bench.prepare",
    "cold_start": "bench.cold_start",
    "tap": "bench.ui_tap",
    "frames": "bench.ui_frames",
    "search": "bench.ui_search",
    "memory": "bench.ui_memory",
    "sync": "bench.sync",
    "checkout": "bench.checkout",
    "checkin": "bench.checkin",
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    parser.add_argument("name", choices=sorted(MODULES))
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = Context(args.work, args.shared, quick=args.quick, postgres_url=args.postgres or None)
    # The kiosk's start order (main.py): its core before PySide6, see ui/__init__.py.
    importlib.import_module("ui")
    module = importlib.import_module(MODULES[args.name])
    try:
        results = module.run(ctx)
    except Exception as exc:
        traceback.print_exc()
        results = [failed(args.name, "", "", f"{type(exc).__name__}: {exc}")]
        write_results(args.out, results)
        return 1
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
