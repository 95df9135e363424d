"""A TCP port on 127.0.0.1 for a server a test starts in another process.

Tests run in parallel (pytest-xdist) and most servers bind port 0, which the kernel answers from
its ephemeral range. A port picked from that range and handed to a child process can be taken by
another test's bind(0) before the child binds it; one picked below the range cannot.
"""

from __future__ import annotations

import random
import socket

_BELOW_EPHEMERAL = (20000, 32000)


def unused_port() -> int:
    """A port nobody listens on now, outside the kernel's ephemeral range."""
    for _ in range(200):
        port = random.randrange(*_BELOW_EPHEMERAL)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")
