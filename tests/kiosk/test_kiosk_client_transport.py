"""PortalClient transport rules: retries, backoff, Idempotency-Key, timeouts, error mapping.

These run against a scripted HTTP peer because the real portal cannot be made to answer 503 or
429 on demand; everything the portal contract says is tested against the real portal.
"""

from __future__ import annotations

import pytest

from kiosk.accounts import FamilySession
from kiosk.api import errors
from kiosk.api.client import PortalClient
from tests.ports import unused_port


@pytest.fixture
def client(scripted, instant_client_class):
    return instant_client_class(scripted.url, "demo", timeout=2, max_retries=3)


SETTINGS = {"name": "Springfield Gymnastics", "account": "demo"}


def test_retries_5xx_then_succeeds(scripted, reply, client):
    scripted.script(
        reply(503, {"message": "busy"}), reply(502, None, raw=b"<html>"), reply(200, SETTINGS)
    )
    assert client.kiosk_settings().name == "Springfield Gymnastics"
    assert len(scripted.seen) == 3 and len(client.sleeps) == 2
    assert scripted.seen[0].path == "/api/v1/demo/kiosk/settings"


def test_5xx_after_retries_is_a_server_error_with_status_and_body(scripted, reply, client):
    scripted.script(*[reply(500, {"message": "Something went wrong on our side."})] * 4)
    with pytest.raises(errors.ServerError) as caught:
        client.kiosk_settings()
    assert caught.value.status == 500
    assert caught.value.message == "Something went wrong on our side."
    assert caught.value.body == {"message": "Something went wrong on our side."}
    assert len(scripted.seen) == 4  # 1 + max_retries


def test_429_honours_retry_after(scripted, reply, client):
    scripted.script(
        reply(429, {"message": "Slow down"}, {"Retry-After": "3"}), reply(200, SETTINGS)
    )
    client.kiosk_settings()
    assert client.sleeps and client.sleeps[0] >= 3


def test_429_with_a_long_retry_after_gives_up_at_once(scripted, reply, client):
    scripted.script(reply(429, {"message": "Slow down"}, {"Retry-After": "3600"}))
    with pytest.raises(errors.RateLimited) as caught:
        client.kiosk_settings()
    assert caught.value.retry_after == 3600 and client.sleeps == []


def test_posts_always_carry_one_idempotency_key_across_retries(scripted, reply, client):
    scripted.script(reply(503, {}), reply(201, {"ok": True}), reply(201, {"ok": True}))
    client._request("POST", client._v1("cart/items"), json={"classId": 1})
    first, second = scripted.seen[0].headers, scripted.seen[1].headers
    assert first["Idempotency-Key"] and first["Idempotency-Key"] == second["Idempotency-Key"]
    client._request("POST", client._v1("cart/items"), json={}, idempotency_key="my-key")
    assert scripted.seen[2].headers["Idempotency-Key"] == "my-key"


def test_other_methods_are_not_retried_unless_asked(scripted, reply, client):
    scripted.script(reply(503, {"message": "busy"}))
    with pytest.raises(errors.ServerError):
        client._request("PUT", client._v1("thing"), json={})
    assert len(scripted.seen) == 1


def test_token_goes_in_the_authorization_header_only(scripted, reply, client):
    """Each family call carries the token it is given; the client keeps none between calls."""
    scripted.script(reply(200, {"items": []}), reply(200, {"items": []}), reply(200, SETTINGS))
    client.get_cart(token="tok-123")
    client.get_cart(token=None)
    client.kiosk_settings()
    assert scripted.seen[0].headers["Authorization"] == "Bearer tok-123"
    assert "Authorization" not in scripted.seen[2].headers
    assert "tok-123" not in scripted.seen[0].path
    assert "Authorization" not in scripted.seen[1].headers


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            404,
            {
                "message": "We could not find an organisation called 'x'. Please check the "
                "account name."
            },
            errors.UnknownAccount,
        ),
        (404, {"message": "This organisation has no kiosk settings yet."}, errors.NotFound),
        (409, {"message": "The catalog was reset.", "latest": 7}, errors.CursorAhead),
        (409, {"message": "Key reused with another body."}, errors.Conflict),
        (401, {"message": "Please log in again."}, errors.AuthFailed),
        (
            403,
            {
                "message": "There is an issue with your account. Please contact us for further "
                "assistance"
            },
            errors.AccountSuspended,
        ),
        (400, {"message": "Bad."}, errors.BadRequest),
    ],
)
def test_status_codes_map_to_typed_errors(scripted, reply, client, status, body, expected):
    scripted.script(reply(status, body))
    with pytest.raises(expected) as caught:
        client.kiosk_settings()
    assert type(caught.value) is expected
    assert caught.value.message == body["message"] and caught.value.status == status


def test_field_errors_are_carried(scripted, reply, client):
    scripted.script(
        reply(
            400,
            {
                "message": "Invalid value for 'email': is not an email.",
                "errors": [{"field": "email", "message": "is not an email"}],
            },
        )
    )
    with pytest.raises(errors.ValidationError) as caught:
        client._request("POST", client._v1("accounts"), json={"email": "x"})
    assert caught.value.field_errors == {"email": "is not an email"}


def test_cursor_ahead_carries_latest(scripted, reply, client):
    scripted.script(reply(409, {"message": "reset", "latest": 12}))
    with pytest.raises(errors.CursorAhead) as caught:
        client.changes(after=99)
    assert caught.value.latest == 12
    assert "after=99" in scripted.seen[0].path and "limit=500" in scripted.seen[0].path


def test_an_unreadable_success_is_an_unknown_outcome_never_a_success(scripted, reply, client):
    """A 2xx cut off inside its answer says nothing of what happened: asked again, and when it
    stays unreadable, an UnknownOutcome (a lost connection to the callers), not a success."""
    scripted.script(*[reply(200, None, raw=b"<html>hello</html>")] * 4, reply(200, {"nope": 1}))
    with pytest.raises(errors.UnknownOutcome):
        client.kiosk_settings()
    assert len(scripted.seen) == 4
    # Readable but not the settings' shape: a bad response, not asked again.
    with pytest.raises(errors.BadResponse):
        client.kiosk_settings()


def test_an_empty_answer_to_a_post_is_asked_again_with_the_same_key(scripted, reply, client):
    """The answer to a checkout cut inside its headers (a success status, no body): the same
    request again, with the same Idempotency-Key, reads the real outcome the portal kept."""
    order = {"orderId": 7, "totalCents": 8900}
    scripted.script(reply(201, None, raw=b""), reply(201, order))
    assert client.checkout({"payment": None}, idempotency_key="cart-1", token=None) == order
    assert [seen.headers["Idempotency-Key"] for seen in scripted.seen] == ["cart-1", "cart-1"]


def test_nothing_listening_is_portal_unavailable_after_retries(instant_client_class):
    client = instant_client_class(f"http://127.0.0.1:{unused_port()}", "demo", max_retries=2)
    with pytest.raises(errors.PortalUnavailable):
        client.changes(after=0)
    assert len(client.sleeps) == 2
    assert client.ping() is False


def test_a_login_while_the_heartbeat_says_offline_is_one_quick_try(instant_client_class):
    """The kiosk knows the portal is gone: the family hears it at once, not after back-off."""
    url = f"http://127.0.0.1:{unused_port()}"
    known_gone = instant_client_class(url, "demo", max_retries=3)
    session = FamilySession(known_gone, "kiosk-test", portal_reachable=lambda: False)
    with pytest.raises(errors.PortalUnavailable):
        session.log_in("marge@example.com", "a password")
    assert known_gone.sleeps == []  # no retry waited for

    believed_up = instant_client_class(url, "demo", max_retries=3)
    with pytest.raises(errors.PortalUnavailable):
        FamilySession(believed_up, "kiosk-test").log_in("marge@example.com", "a password")
    assert len(believed_up.sleeps) == 3  # a blip would have been ridden out


def test_a_slow_answer_times_out(scripted, reply, instant_client_class):
    client = instant_client_class(scripted.url, "demo", timeout=0.2, max_retries=1)
    scripted.script(reply(200, SETTINGS, delay=0.6), reply(200, SETTINGS, delay=0.6))
    with pytest.raises(errors.PortalUnavailable):
        client.kiosk_settings()
    assert len(client.sleeps) == 1


def test_backoff_grows_is_jittered_and_capped():
    client = PortalClient("http://x", "demo", backoff_base=0.5, backoff_cap=4)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        delays = {client.backoff_delay(attempt) for _ in range(20)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1


def test_base_url_must_be_a_web_address():
    with pytest.raises(ValueError, match="not a web address"):
        PortalClient("portal.example.com", "demo")


def test_the_token_never_goes_to_another_host(scripted, reply, instant_client_class):
    port = scripted.url.rsplit(":", 1)[1]
    client = instant_client_class(f"http://localhost:{port}", "demo")
    scripted.script(reply(200, {"items": []}), reply(200, {"items": []}))
    client._request("GET", f"http://127.0.0.1:{port}/api/v1/demo/family/cart", token="tok-123")
    assert "Authorization" not in scripted.seen[0].headers
    client._request("GET", client._v1("family/cart"), token="tok-123")
    assert scripted.seen[1].headers["Authorization"] == "Bearer tok-123"


def test_a_409_from_the_feed_is_always_cursor_ahead(scripted, reply, client):
    scripted.script(reply(409, {"message": "Please sync from the start."}))
    with pytest.raises(errors.CursorAhead) as caught:
        client.changes(after=5)
    assert caught.value.latest is None and caught.value.message == "Please sync from the start."


@pytest.fixture
def spanish_portal_sentences():
    """What the UI installs (Qt's translator, context "portal"), as a dictionary."""
    from kiosk import i18n

    words = {
        "That class is full.": "Esa clase está llena.",
        "Please enter your email address.": "Escriba su correo electrónico.",
        errors.SUSPENDED_SENTENCE: "Hay un problema con su cuenta.",
    }
    i18n.install_translator(lambda text: text, portal=lambda text: words.get(text, text))
    yield words
    i18n.install_translator(lambda text: text, portal=lambda text: text)


def test_the_portals_sentences_read_in_the_familys_language(
    scripted, reply, client, spanish_portal_sentences
):
    scripted.script(
        reply(409, {"message": "That class is full.", "reason": "full"}),
        reply(
            400,
            {
                "message": "Please check the highlighted fields.",  # no Spanish here: as sent
                "errors": [{"field": "email", "message": "Please enter your email address."}],
            },
        ),
        reply(403, {"message": errors.SUSPENDED_SENTENCE}),
    )
    with pytest.raises(errors.Conflict) as full:
        client._request("POST", client._v1("family/cart/items"), json={}, retry=False)
    assert full.value.message == "Esa clase está llena."
    assert full.value.body["message"] == "That class is full."  # the body stays as sent
    with pytest.raises(errors.ValidationError) as form:
        client._request("POST", client._v1("accounts"), json={}, retry=False)
    assert form.value.message == "Please check the highlighted fields."
    assert form.value.field_errors == {"email": "Escriba su correo electrónico."}
    # The type still follows the portal's own sentence.
    with pytest.raises(errors.AccountSuspended) as suspended:
        client.kiosk_settings()
    assert suspended.value.message == "Hay un problema con su cuenta."
