"""A portal process for the crash tests: serves the database it is given on the port it is
given until the test kills it with SIGKILL (as a power cut would) or closes its stdin.

Arguments: database URL, port. Prints `URL <base>` once it accepts connections.
"""

from __future__ import annotations

import sys

from portal.embedded import EmbeddedPortal


def main() -> None:
    database_url, port = sys.argv[1], int(sys.argv[2])
    portal = EmbeddedPortal(database_url, port=port, seed_demo=True, checkin_day=False)
    print(f"URL {portal.start()}", flush=True)
    try:
        sys.stdin.read()
    finally:
        portal.close()


if __name__ == "__main__":
    main()
