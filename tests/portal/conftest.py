"""Portal test fixtures: an HTTP client on the running portal, acting as an enrolled kiosk."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from portal.embedded import EmbeddedPortal
from tests.portal.helpers import HTTP_TIMEOUT_S, enrolled_credential


@pytest.fixture
def api(portal: EmbeddedPortal) -> Iterator[httpx.Client]:
    """A client of the portal that is an enrolled kiosk (it sends its device credential)."""
    with httpx.Client(base_url=portal.url, timeout=HTTP_TIMEOUT_S) as client:
        client.headers["X-Kiosk-Credential"] = enrolled_credential(portal, "Front desk")
        yield client


@pytest.fixture
def unenrolled_api(portal: EmbeddedPortal) -> Iterator[httpx.Client]:
    """A client of the portal with no device credential (a laptop on the kiosk's network)."""
    with httpx.Client(base_url=portal.url, timeout=HTTP_TIMEOUT_S) as client:
        yield client


@pytest.fixture(scope="module")
def shared_api(shared_portal: EmbeddedPortal) -> Iterator[httpx.Client]:
    """A client on the module's `shared_portal`, enrolled as a kiosk."""
    with httpx.Client(base_url=shared_portal.url, timeout=HTTP_TIMEOUT_S) as client:
        client.headers["X-Kiosk-Credential"] = enrolled_credential(shared_portal, "Front desk")
        yield client
