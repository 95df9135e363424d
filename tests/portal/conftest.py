"""Portal test fixtures: an HTTP client on the running portal."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from portal.embedded import EmbeddedPortal


@pytest.fixture
def api(portal: EmbeddedPortal) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=portal.url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def shared_api(shared_portal: EmbeddedPortal) -> Iterator[httpx.Client]:
    """A client on the module's `shared_portal`."""
    with httpx.Client(base_url=shared_portal.url, timeout=10) as client:
        yield client
