"""Shared inputs of a bench run: the portal databases and kiosk data directories synced from
them (a warm cache, images included), made once per run in the run's shared directory."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk.api.client import PortalClient
from kiosk.cache.db import open_cache
from kiosk.sync.catalog import CatalogSync

from .common import Context, Result, copy_sqlite, portal_process
from .dataset import big_portal_db, demo_portal_db


def sync_kiosk_dir(portal_url: str, data_dir: Path, *, download_media: bool = True) -> float:
    """Sync the catalog into the kiosk data directory as a kiosk would; seconds taken."""
    data_dir.mkdir(parents=True, exist_ok=True)
    factory = open_cache(data_dir / "kiosk-cache.sqlite3")
    client = PortalClient(portal_url, "demo")
    try:
        started = time.perf_counter()
        CatalogSync(client, factory, data_dir / "media", download_media=download_media).run()
        return time.perf_counter() - started
    finally:
        client.close()
        bind = factory.kw.get("bind")
        if bind is not None:
            bind.dispose()


def run(ctx: Context) -> list[Result]:
    started = time.perf_counter()
    ctx.shared.mkdir(parents=True, exist_ok=True)
    copy_sqlite(big_portal_db(), ctx.big_db)
    copy_sqlite(demo_portal_db(), ctx.demo_db)
    built = time.perf_counter() - started
    for db, warm in ((ctx.big_db, ctx.warm_big), (ctx.demo_db, ctx.warm_demo)):
        scratch = ctx.work / f"{warm.name}-portal.sqlite3"
        copy_sqlite(db, scratch)
        with portal_process(f"sqlite:///{scratch}", ctx.work / "portal.log") as portal:
            sync_kiosk_dir(portal.url, warm)
    print(
        f"prepared in {time.perf_counter() - started:.1f} s "
        f"(portal databases ready after {built:.1f} s, cached in bench/.cache)",
        file=sys.stderr,
    )
    return []
