"""`python -m bench.profile_checkout [--postgres URL] [--rounds N]`: where the portal's CPU goes
in a family round (add a class to the cart, tokenize a card, check out and pay).

The portal runs in a process of its own with every request handled on its event loop thread
(FastAPI's threadpool hand-off is replaced by a direct call, so cProfile, which follows one
thread, sees all of the work); one family's rounds are sent one after another. Prints the CPU
per round (measured in a second run without the profiler) and the profile's top functions by
own time and by cumulative time. A tool for finding the costs, not a figure of the table.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .checkout import _postgres_database, _prepare, _shop
from .common import ROOT, copy_sqlite
from .dataset import demo_portal_db, seed_into

WARM_UP_ROUNDS = 5


def serve(database_url: str, profile_out: str) -> None:
    """The child: the portal on a free port, every handler on the loop thread; prints `URL`,
    starts counting at `go` on stdin, stops when stdin closes and writes the profile."""
    import fastapi.concurrency
    import fastapi.dependencies.utils
    import fastapi.routing
    import uvicorn

    from portal.app import create_app
    from portal.core.config import PortalSettings

    async def inline(func: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = inline  # type: ignore[assignment]
    fastapi.concurrency.run_in_threadpool = inline  # type: ignore[assignment]

    profiler = cProfile.Profile() if profile_out != "-" else None
    counting = threading.Event()
    started: dict[str, float] = {}
    app = create_app(PortalSettings(database_url=database_url, log_level="warning"))

    async def counted(scope: Any, receive: Any, send: Any) -> None:
        if counting.is_set() and not started:
            started["cpu"] = time.process_time()
            if profiler is not None:
                profiler.enable()  # on the loop thread, where every request now runs
        await app(scope, receive, send)

    config = uvicorn.Config(counted, port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)

    def watch_stdin() -> None:
        while not server.started:
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        print(f"URL http://127.0.0.1:{port}", flush=True)
        for line in sys.stdin:
            if line.strip() == "go":
                counting.set()
        server.should_exit = True

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.run()
    cpu = time.process_time() - started.get("cpu", time.process_time())
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_out)
    print(f"CPU {cpu:.6f}", flush=True)


def _run_child(database_url: str, profile_out: str, rounds_student_ids: Any) -> float:
    shopper, pool = rounds_student_ids
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.profile_checkout", "--serve", database_url, profile_out],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    url = child.stdout.readline().split()[1]
    ids = list(shopper.student_ids)
    shopper.student_ids = ids[:WARM_UP_ROUNDS]
    _shop(url, shopper, 0, pool, threading.Barrier(1))
    child.stdin.write("go\n")
    child.stdin.flush()
    shopper.student_ids = ids[WARM_UP_ROUNDS:]
    done_before = shopper.done
    _shop(url, shopper, 1, pool, threading.Barrier(1))
    child.stdin.close()
    cpu = float(child.stdout.read().split("CPU")[1])
    child.wait(timeout=60)
    if shopper.errors:
        raise RuntimeError(f"rounds failed: {shopper.errors[:5]}")
    return cpu * 1000 / max(1, shopper.done - done_before)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        serve(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.profile_checkout", description=__doc__)
    parser.add_argument("--postgres", metavar="URL", default=None, help="a PostgreSQL server URL")
    parser.add_argument("--rounds", type=int, default=60, help="profiled rounds (default 60)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, default=Path("/tmp/portal-checkout.prof"))
    args = parser.parse_args(argv)
    drop = None
    if args.postgres:
        url, drop = _postgres_database(args.postgres)
        seed_into(url, big=False)
    else:
        url = f"sqlite:///{copy_sqlite(demo_portal_db(), Path('/tmp/profile-checkout.sqlite3'))}"
    try:
        per_run = WARM_UP_ROUNDS + args.rounds
        pool, shoppers = _prepare(url, per_run, solo_rounds=per_run)
        plain = _run_child(url, "-", (shoppers[0], pool))
        profiled = _run_child(url, str(args.out), (shoppers[1], pool))
    finally:
        if drop is not None:
            drop()
    print(f"portal CPU per round: {plain:.1f} ms ({profiled:.1f} ms under the profiler)")
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(str(args.out), stream=text).sort_stats(order).print_stats(args.top)
        print(text.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
