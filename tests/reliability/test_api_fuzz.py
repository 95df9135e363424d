"""API fuzzing: schemathesis generates requests for every operation of the portal's OpenAPI
document and sends them to a real portal over HTTP - as nobody, as a signed-in family and as
front-desk staff. Every answer must be below 500 and match the document (status code, content
type, body schema, headers); schema-breaking input must be refused with 4xx; a route that
declares a bearer token must not ignore a missing or wrong one.

The schema is built at collection time from the same `create_app()` the portal serves (pytest
parametrizes one test per operation from it), and the first test checks that the running
portal's `/openapi.json` is exactly that document. Examples per operation: FUZZ_PROFILE
(tests/reliability/conftest.py) - a few in make test, many more in make soak.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.app import create_app
from portal.core.config import PortalSettings
from portal.seed import DEMO_ACCOUNT, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD, DEMO_STAFF_PINS
from tests.portal.helpers import enrolled_credential
from tests.reliability.conftest import API_EXAMPLES, fuzz_profile
from tests.reliability.recorder import record

# A deprecation in the portal's SQL is tomorrow's 500: make it one today.
pytestmark = [pytest.mark.fuzz, pytest.mark.filterwarnings("error::DeprecationWarning")]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    ignored_auth,
]
STAFF_PIN = next(iter(DEMO_STAFF_PINS))  # "246813", Priya at the front desk
TOKEN_MAX_AGE_SECONDS = 10 * 60  # staff tokens last 15 minutes; a soak run takes longer
V1 = f"/api/v1/{DEMO_ACCOUNT}"


def _document() -> dict[str, Any]:
    """The OpenAPI document a demo portal serves (no database is touched to build it)."""
    return create_app(PortalSettings(database_url="sqlite://", demo=True)).openapi()


SCHEMA = schemathesis.openapi.from_dict(_document())
# Every route lives under one organisation: fuzz the demo's, where the data is.
SCHEMA.config.update(parameters={"account": DEMO_ACCOUNT}, request_timeout=30)
SCHEMA.config.generation.update(
    max_examples=API_EXAMPLES[fuzz_profile()], deterministic=fuzz_profile() == "fast"
)
# With a token, logging out would end the identity for every operation after it.
SIGNED_IN = SCHEMA.exclude(path_regex=r"/logout$")


@dataclass
class Identity:
    """Who sends the fuzzed requests, and what came back."""

    name: str
    login: tuple[str, dict[str, Any]] | None  # (path, body) that answers {"token": ...}
    token: str | None = None
    issued_at: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)
    operations: set[str] = field(default_factory=set)


class FuzzTarget:
    def __init__(self, base_url: str, new_credential: Callable[[], str]) -> None:
        self.base_url = base_url
        # Each sign-in happens at a freshly enrolled kiosk: fuzzed PINs count against the kiosk
        # they were sent from, and a staff token works only at the kiosk it was issued to.
        self.new_credential = new_credential
        self.credentials: dict[str, str] = {}
        self.http = requests.Session()
        self.lock = threading.Lock()
        self.identities = {
            "anonymous": Identity("anonymous", None),
            "family": Identity(
                "family",
                (
                    f"{V1}/auth/login",
                    {
                        "email": DEMO_EMAIL_SIMPSON,
                        "password": DEMO_PASSWORD,
                        "deviceId": "fuzz-family",
                    },
                ),
            ),
            "staff": Identity(
                "staff", (f"{V1}/staff/login", {"pin": STAFF_PIN, "deviceId": "fuzz-staff"})
            ),
        }

    def headers(self, identity: Identity) -> dict[str, str]:
        if identity.login is None:
            return {}
        if identity.token is None or time.monotonic() - identity.issued_at > TOKEN_MAX_AGE_SECONDS:
            path, body = identity.login
            self.credentials[identity.name] = self.new_credential()
            answer = self.http.post(
                f"{self.base_url}{path}",
                json=body,
                headers={"X-Kiosk-Credential": self.credentials[identity.name]},
                timeout=30,
            )
            assert answer.status_code == 200, f"{identity.name} login: {answer.text}"
            identity.token, identity.issued_at = answer.json()["token"], time.monotonic()
        return {
            "Authorization": f"Bearer {identity.token}",
            "X-Kiosk-Credential": self.credentials[identity.name],
        }

    def send(self, case: Any, who: str) -> None:
        identity = self.identities[who]
        identity.operations.add(case.operation.label)
        response = case.call(base_url=self.base_url, headers=self.headers(identity))
        with self.lock:
            identity.statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)


@pytest.fixture(scope="module")
def target(shared_portal: Any) -> Iterator[FuzzTarget]:
    fuzz = FuzzTarget(shared_portal.url, lambda: enrolled_credential(shared_portal, "Fuzz"))
    # Sign in before any fuzzed login attempt can count against the throttles.
    for identity in fuzz.identities.values():
        fuzz.headers(identity)
    yield fuzz
    fuzz.http.close()
    for identity in fuzz.identities.values():
        if not identity.operations:
            continue
        sent = sum(identity.statuses.values())
        record(
            f"API fuzz as {identity.name}",
            operations=sent,
            server_errors=sum(n for status, n in identity.statuses.items() if status >= 500),
            throttled=identity.statuses[429],
            note=f"{len(identity.operations)} API operations; statuses "
            + ", ".join(f"{status}: {n}" for status, n in sorted(identity.statuses.items())),
        )


def test_the_fuzzed_document_is_the_one_the_portal_serves(shared_portal):
    served = requests.get(f"{shared_portal.url}/openapi.json", timeout=30)
    assert served.status_code == 200
    assert served.json() == SCHEMA.raw_schema
    assert len(list(SCHEMA.get_all_operations())) >= 50  # every route, not a subset


@SIGNED_IN.parametrize()
def test_as_a_family(case, target):
    target.send(case, "family")


@SIGNED_IN.parametrize()
def test_as_staff(case, target):
    target.send(case, "staff")


@SCHEMA.parametrize()
def test_as_nobody(case, target):
    target.send(case, "anonymous")
