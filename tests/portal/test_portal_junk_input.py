"""No input makes the accounts API answer 5xx: wrong shapes, types, sizes, unicode, bytes.

The tests share one portal per module (`shared_api`): they assert only on the status and shape of
each answer, never on data an earlier test may have changed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from portal.seed import DEMO_EMAIL_SIMPSON
from tests.portal.helpers import V1, account_body, bearer, set_path, token_for

JUNK_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**64,
    1.5e308,
    "",
    "   ",
    "x" * 100_000,
    "\x00",
    "abc\x00def",
    "\ud800",  # a lone surrogate (sent as the JSON escape \ud800)
    "🙂🙂🙂",
    "\u202e\u200b\ufeff",
    "<script>alert(1)</script>",
    "'; DROP TABLE guardians; --",
    "١٢٣٤٥٦",
    [],
    [1, "2"],
    {},
    {"nested": {"deeper": [None]}},
]

RAW_BODIES: list[bytes] = [
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"123",
    b"{",
    b'{"email": NaN, "familyId": Infinity}',
    b"\xff\xfe\x00",
    b"[" * 5000 + b"]" * 5000,
    b'{"a":' * 3000 + b"1" + b"}" * 3000,
]

# (method, path, needs a token, a valid body)
ROUTES: list[tuple[str, str, bool, Any]] = [
    (
        "POST",
        "/auth/login",
        False,
        {"email": "ned@example.com", "password": "x" * 9, "deviceId": "k"},
    ),
    ("POST", "/auth/family", True, {"familyId": 1}),
    ("POST", "/auth/logout", True, None),
    ("POST", "/auth/forgot-password", False, {"email": "ned@example.com"}),
    (
        "POST",
        "/auth/reset-password",
        False,
        {
            "email": "ned@example.com",
            "code": "123456",
            "newPassword": "long-enough-1",
            "deviceId": "k",
        },
    ),
    ("POST", "/accounts", False, account_body()),
    ("GET", "/family", True, None),
    (
        "PATCH",
        "/family/guardians/1",
        True,
        {"firstName": "Marge", "phone": "2175550101", "address": {"zip": "62701"}},
    ),
    ("PUT", "/family/emergency-contact", True, {"name": "Patty", "phone": "2175550150"}),
    (
        "POST",
        "/family/students",
        True,
        {"firstName": "A", "lastName": "B", "birthDate": "2018-01-01"},
    ),
    ("PATCH", "/family/students/1", True, {"firstName": "Bart", "birthDate": "2016-01-01"}),
    ("GET", "/family/policies", True, None),
    ("POST", "/family/policies/accept", True, {"acceptances": [{"policyId": 1, "version": 2}]}),
    ("GET", "/demo/mailbox", False, None),
]


def _leaves(value: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{prefix}{index}.")
    if prefix:
        yield prefix[:-1]


def _send(api: httpx.Client, method: str, path: str, content: bytes, headers: dict[str, str]):
    return api.request(
        method,
        f"{V1}{path}",
        content=content,
        headers={"Content-Type": "application/json", **headers},
    )


def _check(response: httpx.Response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body.get("message"), str) and body["message"], what
        assert "Traceback" not in response.text, what


@pytest.mark.parametrize(
    ("method", "path", "authed", "valid"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES]
)
def test_no_input_is_a_server_error(shared_api, method, path, authed, valid):
    api = shared_api
    headers = bearer(token_for(api, DEMO_EMAIL_SIMPSON)) if authed else {}
    for raw in RAW_BODIES:
        _check(_send(api, method, path, raw, headers), f"raw {raw[:30]!r}")
    _check(api.request(method, f"{V1}{path}", data={"email": "a"}, headers=headers), "form-encoded")
    if not isinstance(valid, dict):
        return
    for leaf in _leaves(valid):
        for junk in JUNK_VALUES:
            body = copy.deepcopy(valid)
            set_path(body, leaf, junk)
            content = json.dumps(body).encode()  # ASCII escapes keep the lone surrogate
            _check(_send(api, method, path, content, headers), f"{leaf}={junk!r:.40}")
    for junk in JUNK_VALUES:
        _check(_send(api, method, path, json.dumps(junk).encode(), headers), f"body={junk!r:.40}")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/%00/auth/login",
        "/api/v1/demo%00/auth/login",
        "/api/v1/" + "x" * 300 + "/auth/login",
        "/api/v1/d%C3%A9mo/auth/login",
        "/api/v1/%F0%9F%99%82/accounts",
    ],
)
def test_odd_account_names_are_404(shared_api, path):
    api = shared_api
    response = api.post(path, json={"email": "a@b.co", "password": "password-123"})
    assert response.status_code == 404
    assert "message" in response.json()


def test_odd_headers_are_4xx(shared_api):
    api = shared_api
    token = token_for(api, DEMO_EMAIL_SIMPSON)
    for headers in (
        {"Idempotency-Key": "x" * 300},
        {"Idempotency-Key": "has space"},
        {"Idempotency-Key": ""},
        {"Authorization": f"Bearer {token} extra"},
        {"Authorization": ("Bearer " + "é" * 10).encode("latin-1")},
        {"Idempotency-Key": "clé".encode("latin-1")},
    ):
        response = api.post(
            f"{V1}/family/students",
            json={"firstName": "A", "lastName": "B", "birthDate": "2018-01-01"},
            headers={**bearer(token), **headers},
        )
        assert 400 <= response.status_code < 500, (headers, response.text)


def test_a_huge_body_is_413(shared_api):
    api = shared_api
    response = api.post(f"{V1}/accounts", content=b"{" + b" " * 600_000 + b"}")
    assert response.status_code == 413
    assert response.json() == {"message": "That request is too large."}

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(40):
            yield b" " * 10_000

    streamed = api.post(f"{V1}/accounts", content=chunks())
    assert streamed.status_code == 413
