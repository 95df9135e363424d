"""A kiosk process for the crash tests: sends one payment through the outbox, then exits.

The test kills it with SIGKILL at a point the fault proxy holds its connection (or at a random
moment), as a power cut would. Arguments: cache path, portal (proxy) URL, account; the body
and the family's token come in the environment, never on the command line.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from kiosk.api.client import PortalClient
from kiosk.cache.db import open_cache
from kiosk.outbox import OutboxSender


def main() -> None:
    cache, url, account = sys.argv[1:4]
    body = json.loads(os.environ["RELIABILITY_BODY"])
    token = os.environ["RELIABILITY_TOKEN"]
    factory = open_cache(Path(cache))
    client = PortalClient(url, account, timeout=30, max_retries=0)
    print("ready", flush=True)  # imports done: the test's random kill moments start here
    OutboxSender(client, factory).send("payment", "family/payments", body, token)
    print("delivered", flush=True)


if __name__ == "__main__":
    main()
