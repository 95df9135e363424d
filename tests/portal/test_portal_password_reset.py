"""Forgot password: the emailed 6-digit code, over real HTTP, read back from the demo mailbox."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.models import AuthToken, MailMessage, PasswordResetCode, as_utc
from portal.seed import DEMO_EMAIL_BURNS, DEMO_EMAIL_FLANDERS, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.portal.helpers import V1, bearer, field_errors, latest_code, login, mailbox, token_for

SENT = "If an account exists for that email, we sent a 6-digit code."
WRONG_CODE = "That code is not right or has expired. Please check it, or ask for a new one."
NEW_PASSWORD = "lemonade-stand-42"


def forgot(api, email: str):
    return api.post(f"{V1}/auth/forgot-password", json={"email": email})


def reset(api, email: str, code: str, new_password: str = NEW_PASSWORD):
    return api.post(
        f"{V1}/auth/reset-password",
        json={"email": email, "code": code, "newPassword": new_password, "deviceId": "kiosk-test"},
    )


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_known_and_unknown_emails_get_the_same_answer(api, portal):
    known = forgot(api, DEMO_EMAIL_SIMPSON)
    unknown = forgot(api, "nobody@example.com")
    for response in (known, unknown):
        assert response.status_code == 202
        assert response.json() == {"message": SENT}
    ignore = {"date"}
    assert {k: v for k, v in known.headers.items() if k not in ignore} == {
        k: v for k, v in unknown.headers.items() if k not in ignore
    }
    # Only the known address got a mail (and a code row).
    assert [m["to"] for m in mailbox(api)] == [DEMO_EMAIL_SIMPSON]
    with portal.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(PasswordResetCode)) == 1


def test_the_code_is_stored_hashed_with_argon2id(api, portal):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    with portal.session_factory() as session:
        row = session.scalars(select(PasswordResetCode)).one()
    assert row.code_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert code not in row.code_hash


def test_reset_logs_in_and_changes_the_password(api, portal):
    old_token = token_for(api, DEMO_EMAIL_SIMPSON)
    forgot(api, DEMO_EMAIL_SIMPSON)
    mail = mailbox(api)[0]
    assert mail["to"] == DEMO_EMAIL_SIMPSON and "password" in mail["subject"].lower()
    assert mail["createdAt"].endswith("Z")
    code = latest_code(api, DEMO_EMAIL_SIMPSON)

    response = reset(api, "MARGE@example.com", code)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["family"]["name"] == "Simpson"
    assert api.get(f"{V1}/family", headers=bearer(body["token"])).status_code == 200

    assert login(api, DEMO_EMAIL_SIMPSON, NEW_PASSWORD).status_code == 200
    assert login(api, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD).status_code == 401
    # Sessions from before the reset are ended.
    assert api.get(f"{V1}/family", headers=bearer(old_token)).status_code == 401
    # The code works once.
    again = reset(api, DEMO_EMAIL_SIMPSON, code, "another-password-9")
    assert again.status_code == 400
    assert field_errors(again) == {"code": WRONG_CODE}


def test_an_expired_code_fails(api, portal):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    with portal.session_factory.begin() as session:
        row = session.scalars(select(PasswordResetCode)).one()
        row.created_at = as_utc(row.created_at) - timedelta(minutes=16)
    response = reset(api, DEMO_EMAIL_SIMPSON, code)
    assert response.status_code == 400 and field_errors(response) == {"code": WRONG_CODE}
    assert login(api, DEMO_EMAIL_SIMPSON).status_code == 200


def test_five_wrong_guesses_spend_the_code(api, portal):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    for _ in range(5):
        response = reset(api, DEMO_EMAIL_SIMPSON, _wrong(code))
        assert response.status_code == 400 and field_errors(response) == {"code": WRONG_CODE}
    response = reset(api, DEMO_EMAIL_SIMPSON, code)
    assert response.status_code == 400 and field_errors(response) == {"code": WRONG_CODE}
    with portal.session_factory() as session:
        assert session.scalars(select(PasswordResetCode.spent_at)).one() is not None


def test_four_wrong_guesses_leave_the_right_code_working(api):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    for _ in range(4):
        assert reset(api, DEMO_EMAIL_SIMPSON, _wrong(code)).status_code == 400
    assert reset(api, DEMO_EMAIL_SIMPSON, code).status_code == 200


def test_a_new_code_replaces_the_old_one(api):
    forgot(api, DEMO_EMAIL_SIMPSON)
    first = latest_code(api, DEMO_EMAIL_SIMPSON)
    forgot(api, DEMO_EMAIL_SIMPSON)
    second = latest_code(api, DEMO_EMAIL_SIMPSON)
    if first != second:  # one in a million they are equal
        response = reset(api, DEMO_EMAIL_SIMPSON, first)
        assert response.status_code == 400 and field_errors(response) == {"code": WRONG_CODE}
    assert reset(api, DEMO_EMAIL_SIMPSON, second).status_code == 200


def test_a_code_is_only_good_for_its_own_email(api):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    for email in (DEMO_EMAIL_FLANDERS, "nobody@example.com"):
        response = reset(api, email, code)
        assert response.status_code == 400 and field_errors(response) == {"code": WRONG_CODE}


def test_malformed_codes_are_wrong_codes_and_cost_no_guess(api, portal):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    for bad in ("12345", "1234567", "abcdef", " ", "١٢٣٤٥٦", "12 345"):
        response = reset(api, DEMO_EMAIL_SIMPSON, bad)
        assert response.status_code == 400, bad
        assert "code" in field_errors(response), bad
    with portal.session_factory() as session:
        assert session.scalars(select(PasswordResetCode.attempts)).one() == 0
    assert reset(api, DEMO_EMAIL_SIMPSON, f" {code} ").status_code == 200


def test_the_new_password_follows_the_rules_and_costs_no_guess(api, portal):
    forgot(api, DEMO_EMAIL_SIMPSON)
    code = latest_code(api, DEMO_EMAIL_SIMPSON)
    for bad, message in (
        ("short", "Please use at least 8 characters."),
        ("x" * 129, "Please use at most 128 characters."),
        ("Password123", "That password is too common. Please choose one that is harder to guess."),
    ):
        response = reset(api, DEMO_EMAIL_SIMPSON, code, bad)
        assert response.status_code == 400
        assert field_errors(response) == {"newPassword": message}
    assert reset(api, DEMO_EMAIL_SIMPSON, code).status_code == 200


def test_a_suspended_family_resets_but_cannot_sign_in(api):
    forgot(api, DEMO_EMAIL_BURNS)
    response = reset(api, DEMO_EMAIL_BURNS, latest_code(api, DEMO_EMAIL_BURNS))
    assert response.status_code == 403
    assert response.json()["reason"] == "suspended"


def test_too_many_codes_are_silently_not_sent(api, portal):
    for _ in range(7):
        assert forgot(api, DEMO_EMAIL_SIMPSON).json() == {"message": SENT}
    with portal.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(MailMessage)) == 5
        assert session.scalar(select(func.count()).select_from(AuthToken)) == 0


def test_forgot_password_form_errors(api):
    response = api.post(f"{V1}/auth/forgot-password", json={"email": ""})
    assert response.status_code == 400
    assert field_errors(response) == {"email": "Please enter your email address."}
