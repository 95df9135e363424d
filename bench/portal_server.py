"""`python -m bench.portal_server URL`: the portal on a free port; prints `URL <base>`, stops
when its stdin closes (so it never outlives the benchmark that started it)."""

from __future__ import annotations

import sys

from portal.embedded import EmbeddedPortal


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bench.portal_server DATABASE_URL", file=sys.stderr)
        return 2
    portal = EmbeddedPortal(argv[0], seed_demo=True)
    url = portal.start()
    print(f"URL {url}", flush=True)
    try:
        sys.stdin.read()
    finally:
        portal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
