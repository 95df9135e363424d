"""A kiosk process for the crash tests: runs a catalog sync in small pages, slowly, until the
test kills it with SIGKILL part-way, as a power cut would. Arguments: cache path, media folder,
portal (proxy) URL, account."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.api.client import PortalClient
from kiosk.cache.db import open_cache
from kiosk.sync.catalog import CatalogSync


def main() -> None:
    cache, media, url, account = sys.argv[1:5]
    factory = open_cache(Path(cache))
    client = PortalClient(url, account, timeout=30, max_retries=0)
    print("ready", flush=True)
    CatalogSync(client, factory, Path(media), page_size=5).run()
    print("synced", flush=True)


if __name__ == "__main__":
    main()
