"""The accounts API's surface: OpenAPI, the demo mailbox, SMTP delivery, hashing parameters."""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Iterator

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type
from sqlalchemy import select

from portal.core import security
from portal.embedded import EmbeddedPortal
from portal.models import MailMessage
from portal.rules import common_passwords
from portal.seed import DEMO_EMAIL_SIMPSON
from portal.services import mail
from tests.portal.helpers import V1, account_body, bearer, patient_http, token_for

ACCOUNT_PATHS = {
    "/api/v1/{account}/auth/login",
    "/api/v1/{account}/auth/family",
    "/api/v1/{account}/auth/logout",
    "/api/v1/{account}/auth/forgot-password",
    "/api/v1/{account}/auth/reset-password",
    "/api/v1/{account}/accounts",
    "/api/v1/{account}/family",
    "/api/v1/{account}/family/guardians/{guardianId}",
    "/api/v1/{account}/family/emergency-contact",
    "/api/v1/{account}/family/students",
    "/api/v1/{account}/family/students/{studentId}",
    "/api/v1/{account}/family/policies",
    "/api/v1/{account}/family/policies/accept",
    "/api/v1/{account}/demo/mailbox",
    "/demo/mailbox",
}


def test_openapi_documents_the_accounts_api(api):
    spec = api.get("/openapi.json").json()
    assert set(spec["paths"]) >= ACCOUNT_PATHS
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerAuth"]["description"],
    }
    family = spec["paths"]["/api/v1/{account}/family"]["get"]
    assert family["security"] == [{"bearerAuth": []}]
    assert "FamilyOut" in str(family["responses"]["200"])
    login = spec["paths"]["/api/v1/{account}/auth/login"]["post"]
    assert "LoginResult" in str(login["responses"]["200"])
    assert {"400", "401", "403", "429"} <= set(login["responses"])
    assert "422" not in login["responses"]
    create = spec["paths"]["/api/v1/{account}/accounts"]["post"]
    assert "201" in create["responses"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    schemas = spec["components"]["schemas"]
    assert {"LoginResult", "FamilyOut", "FamilyPolicies", "CreateAccountRequest", "Mailbox"} <= set(
        schemas
    )
    assert set(schemas["LoginResult"]["properties"]) == {
        "token",
        "expiresAt",
        "guardian",
        "families",
        "family",
    }


def test_argon2id_parameters_meet_owasp():
    encoded = security.hash_password("correct horse battery staple")
    params = extract_parameters(encoded)
    assert params.type is Type.ID
    assert params.memory_cost >= 19456 and params.time_cost >= 2 and params.parallelism == 1
    assert encoded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert not security.needs_rehash(encoded)


def test_the_common_password_list_is_substantial():
    words = common_passwords()
    assert len(words) >= 500
    assert sum(1 for w in words if len(w) >= 8) >= 400
    assert {"password", "12345678", "iloveyou", "qwerty123", "password1"} <= words


def test_the_html_mailbox_shows_escaped_mail(api, portal):
    created = api.post(
        f"{V1}/accounts",
        json=account_body(**{"emergencyContact.relationship": "<b>Friend</b>"}),
    )
    assert created.status_code == 201
    with portal.session_factory.begin() as session:
        mail.enqueue(
            session, 1, kind="test", to="x@example.com", subject="<script>x</script>", body="a&b"
        )
    page = patient_http.get(f"{portal.url}/demo/mailbox", params={"account": "demo"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Welcome to Springfield Gymnastics" in page.text
    assert "&lt;script&gt;x&lt;/script&gt;" in page.text and "<script>x" not in page.text
    assert (
        patient_http.get(f"{portal.url}/demo/mailbox", params={"account": "nope"}).status_code
        == 404
    )


def test_without_demo_mode_there_is_no_mailbox(portal):
    url = portal.database_url
    portal.close()
    with EmbeddedPortal(url, seed_demo=False) as plain:
        for path in (f"{V1}/demo/mailbox", "/demo/mailbox?account=demo"):
            response = patient_http.get(f"{plain.url}{path}")
            assert response.status_code == 404
            assert "demo" in response.json()["message"]
        # Everything else works as usual.
        assert (
            patient_http.post(
                f"{plain.url}{V1}/auth/forgot-password", json={"email": DEMO_EMAIL_SIMPSON}
            ).status_code
            == 202
        )


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greets, accepts one message per DATA, records it."""

    def handle(self) -> None:
        server: _SmtpServer = self.server  # type: ignore[assignment]
        self.wfile.write(b"220 test ready\r\n")
        while line := self.rfile.readline():
            verb = line.strip().split(b" ", 1)[0].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data)
                server.messages.append(b"".join(lines).decode())
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.messages: list[str] = []


@pytest.fixture
def smtp_server() -> Iterator[_SmtpServer]:
    server = _SmtpServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_outbox_is_delivered_by_smtp_and_failures_are_retried(api, portal, smtp_server):
    api.post(f"{V1}/auth/forgot-password", json={"email": DEMO_EMAIL_SIMPSON})
    down = mail.SmtpMailSender("127.0.0.1", 1)  # nothing listens on port 1
    assert mail.deliver_pending(portal.session_factory, down) == 0
    with portal.session_factory() as session:
        row = session.scalars(select(MailMessage)).one()
        assert row.sent_at is None and row.send_attempts == 1 and row.last_error

    sender = mail.SmtpMailSender("127.0.0.1", smtp_server.server_address[1], "desk@example.com")
    assert mail.deliver_pending(portal.session_factory, sender) == 1
    assert mail.deliver_pending(portal.session_factory, sender) == 0  # sent once
    (message,) = smtp_server.messages
    assert "To: marge@example.com" in message and "From: desk@example.com" in message
    assert "password code" in message
    with portal.session_factory() as session:
        assert session.scalars(select(MailMessage.sent_at)).one() is not None


def test_a_portal_with_smtp_sends_after_the_response(portal, smtp_server):
    url = portal.database_url
    portal.close()
    port = smtp_server.server_address[1]
    with EmbeddedPortal(url, smtp_host="127.0.0.1", smtp_port=port) as sending:
        response = patient_http.post(
            f"{sending.url}{V1}/auth/forgot-password", json={"email": DEMO_EMAIL_SIMPSON}
        )
        assert response.status_code == 202
        deadline = time.monotonic() + 10
        while not smtp_server.messages:
            assert time.monotonic() < deadline, "the code was not mailed"
            time.sleep(0.01)
    assert "To: marge@example.com" in smtp_server.messages[0]


def test_logout_works_for_a_suspended_family(api, portal):
    from sqlalchemy import update

    from portal.models import Family

    token = token_for(api, DEMO_EMAIL_SIMPSON)
    with portal.session_factory.begin() as session:
        session.execute(update(Family).values(suspended=True))
    assert api.post(f"{V1}/auth/logout", headers=bearer(token)).status_code == 204
