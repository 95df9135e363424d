"""Staff mode: PIN sign-in, throttling, staff tokens and family search, over real HTTP."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from portal.models import (
    Family,
    Guardian,
    MailMessage,
    StaffLoginAttempt,
    StaffToken,
    as_utc,
    guardian_families,
    utcnow,
)
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_STAFF_PINS
from tests.portal.helpers import (
    HTTP_TIMEOUT_S,
    V1,
    bearer,
    enrolled_credential,
    field_errors,
    kiosk_headers,
    token_for,
)
from tests.portal.staff_helpers import (
    ENDED,
    FRONT_DESK,
    JASMINE_PIN,
    PRIYA_PIN,
    THROTTLED,
    WRONG_PIN,
    audit_rows,
    found,
    search,
    staff_login,
    staff_token,
)

STAFF_ENDED = "Your staff session has ended. Please sign in with your PIN again."


# --------------------------------------------------------------------------- sign in


def test_pin_sign_in_answers_the_staff_member_and_is_audited(api, portal):
    response = staff_login(api, PRIYA_PIN)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"token", "expiresAt", "staff"}
    assert body["staff"] == {
        "id": body["staff"]["id"],
        "firstName": "Priya",
        "lastName": "Nair",
        "role": "front_desk",
    }
    assert body["expiresAt"].endswith("Z")
    assert len(body["token"]) >= 43  # 32 random bytes

    with portal.session_factory() as session:
        row = session.scalars(select(StaffToken)).one()
    assert row.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert row.staff_id == body["staff"]["id"] and row.device_id == FRONT_DESK
    lifetime = as_utc(row.expires_at) - as_utc(row.created_at)
    assert lifetime == timedelta(minutes=15)

    [entry] = audit_rows(portal)
    assert (entry.staff_id, entry.staff_name, entry.family_id) == (row.staff_id, "Priya Nair", None)
    assert (entry.action, entry.outcome) == ("POST /staff/login", 200)
    assert entry.device.startswith("kiosk ") and entry.device.endswith("(Front desk)")


def test_every_demo_pin_signs_in_its_staff_member(api):
    for pin, name in DEMO_STAFF_PINS.items():
        response = staff_login(api, pin)
        assert response.status_code == 200, response.text
        staff = response.json()["staff"]
        assert f"{staff['firstName']} {staff['lastName']}" == name


def test_a_wrong_pin_is_401_and_audited_without_a_staff_member(api, portal):
    for pin in ("0000", "2468", "123456789", "abcd", "24 6813", "٢٤٦٨١٣"):
        other_kiosk = kiosk_headers(enrolled_credential(portal, f"Kiosk {pin}"))
        response = api.post(f"{V1}/staff/login", json={"pin": pin}, headers=other_kiosk)
        assert response.status_code == 401, (pin, response.text)
        assert response.json() == {"message": WRONG_PIN}
    entries = audit_rows(portal)
    assert len(entries) == 6
    assert {(e.staff_id, e.staff_name, e.action, e.outcome) for e in entries} == {
        (None, "", "POST /staff/login", 401)
    }


def test_a_missing_pin_is_a_form_error(api):
    for body in ({}, {"pin": ""}, {"pin": None}, {"pin": "   "}):
        response = api.post(f"{V1}/staff/login", json=body)
        assert response.status_code == 400, response.text
        assert field_errors(response) == {"pin": "Please enter your PIN."}
    response = api.post(f"{V1}/staff/login", json={"pin": ["246813"]})
    assert response.status_code == 400 and "pin" in field_errors(response)


def test_the_sixth_try_is_throttled_even_with_the_right_pin(api, portal):
    # Each try names a new device and a new forwarded address: the enrolled kiosk is counted.
    for n in range(5):
        response = api.post(
            f"{V1}/staff/login",
            json={"pin": "999999", "deviceId": f"kiosk-{n}"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
        assert response.status_code == 401
    response = staff_login(api, PRIYA_PIN, device_id="kiosk-a")
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["message"] == THROTTLED
    assert 0 < body["retryAfterSeconds"] <= 15 * 60
    assert response.headers["Retry-After"] == str(body["retryAfterSeconds"])
    action, outcome, device = [(e.action, e.outcome, e.device) for e in audit_rows(portal)][-1]
    assert (action, outcome) == ("POST /staff/login", 429) and device.endswith("(Front desk)")

    # Another enrolled kiosk is not affected.
    other = kiosk_headers(enrolled_credential(portal, "Side door"))
    assert api.post(f"{V1}/staff/login", json={"pin": PRIYA_PIN}, headers=other).status_code == 200

    # Fifteen minutes later the kiosk may try again.
    with portal.session_factory.begin() as session:
        session.execute(
            update(StaffLoginAttempt).values(
                created_at=StaffLoginAttempt.created_at - timedelta(minutes=16)
            )
        )
    assert staff_login(api, PRIYA_PIN, device_id="kiosk-a").status_code == 200


def test_staff_sign_in_needs_an_enrolled_kiosk(unenrolled_api, api, portal):
    refused = unenrolled_api.post(f"{V1}/staff/login", json={"pin": PRIYA_PIN})
    assert refused.status_code == 401
    assert refused.json()["message"].startswith("This kiosk is not enrolled.")
    token = staff_token(api)
    # The token works only from the kiosk it was signed in on.
    assert search(api, token, "simpson").status_code == 200
    assert (
        unenrolled_api.get(
            f"{V1}/staff/families", params={"q": "simpson"}, headers=bearer(token)
        ).status_code
        == 401
    )
    elsewhere = {**bearer(token), **kiosk_headers(enrolled_credential(portal, "Side door"))}
    assert (
        unenrolled_api.get(
            f"{V1}/staff/families", params={"q": "simpson"}, headers=elsewhere
        ).status_code
        == 401
    )


def test_a_guess_spread_over_kiosks_pauses_staff_sign_in_and_alerts_staff(api, portal):
    kiosks = [kiosk_headers(enrolled_credential(portal, f"Kiosk {n}")) for n in range(5)]
    for n in range(20):  # four wrong PINs at each of five kiosks: each under its own limit
        answer = api.post(f"{V1}/staff/login", json={"pin": "999999"}, headers=kiosks[n % 5])
        assert answer.status_code == 401
    paused = api.post(f"{V1}/staff/login", json={"pin": PRIYA_PIN}, headers=kiosks[0])
    assert paused.status_code == 429
    assert paused.json()["message"] == (
        "Staff sign-in is paused after many wrong PINs. Please wait 15 minutes or ask a manager."
    )
    assert staff_login(api, PRIYA_PIN).status_code == 429  # everywhere
    with portal.session_factory() as session:
        mails = session.scalars(
            select(MailMessage).where(MailMessage.kind == "security_alert")
        ).all()
    assert mails and all("paused" in m.subject for m in mails)
    assert len({m.to_address for m in mails}) == len(mails)  # once per location address
    # Fifteen minutes later staff sign in again and see the alert in the panel.
    with portal.session_factory.begin() as session:
        session.execute(
            update(StaffLoginAttempt).values(
                created_at=StaffLoginAttempt.created_at - timedelta(minutes=16)
            )
        )
    token = staff_token(api)
    alerts = api.get(f"{V1}/staff/security-alerts", headers=bearer(token)).json()["alerts"]
    assert [a["kind"] for a in alerts] == ["staff_pin"]
    assert "20 wrong staff PINs" in alerts[0]["message"]


def test_successes_do_not_reset_the_failure_count(api):
    for _ in range(4):
        assert staff_login(api, "999999", device_id="kiosk-c").status_code == 401
    assert staff_login(api, JASMINE_PIN, device_id="kiosk-c").status_code == 200
    assert staff_login(api, "999999", device_id="kiosk-c").status_code == 401
    assert staff_login(api, JASMINE_PIN, device_id="kiosk-c").status_code == 429


# --------------------------------------------------------------------------- tokens


def test_a_staff_token_does_not_open_family_routes(api):
    token = staff_token(api)
    for method, path in (
        ("GET", "/family"),
        ("GET", "/family/cart"),
        ("GET", "/family/charges"),
        ("POST", "/auth/logout"),
        ("POST", "/auth/family"),
    ):
        response = api.request(method, f"{V1}{path}", headers=bearer(token), json={"familyId": 1})
        assert response.status_code == 401, (path, response.text)
        assert response.json()["message"] == ENDED


def test_a_family_token_does_not_open_staff_routes(api):
    family = token_for(api, DEMO_EMAIL_SIMPSON)
    for method, path in (
        ("GET", "/staff/families?q=simpson"),
        ("GET", "/staff/audit"),
        ("POST", "/staff/families/1/assist"),
        ("POST", "/staff/logout"),
    ):
        response = api.request(method, f"{V1}{path}", headers=bearer(family))
        assert response.status_code == 401, (path, response.text)
        assert response.json() == {"message": STAFF_ENDED}
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert api.get(f"{V1}/staff/audit").status_code == 401
    assert api.get(f"{V1}/staff/audit", headers=bearer("x" * 500)).status_code == 401


def test_staff_logout_revokes_the_token_and_is_audited(api, portal):
    token = staff_token(api)
    assert search(api, token, "simpson").status_code == 200
    response = api.post(f"{V1}/staff/logout", headers=bearer(token))
    assert response.status_code == 204 and response.content == b""
    after = search(api, token, "simpson")
    assert after.status_code == 401 and after.json() == {"message": STAFF_ENDED}
    assert api.post(f"{V1}/staff/logout", headers=bearer(token)).status_code == 401
    assert [(e.action, e.outcome) for e in audit_rows(portal)] == [
        ("POST /staff/login", 200),
        ("POST /staff/logout", 204),
    ]


def test_a_staff_token_expires_after_15_minutes(api, portal):
    token = staff_token(api)
    with portal.session_factory.begin() as session:
        session.execute(update(StaffToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    response = search(api, token, "simpson")
    assert response.status_code == 401 and response.json() == {"message": STAFF_ENDED}


# --------------------------------------------------------------------------- search
# Searches share one portal (`shared_api`): they only read, and the families added here
# (Smithers, and Skinner in the junk-input test) match no other search.


def test_search_by_last_name_shows_what_the_front_desk_needs(shared_api):
    api = shared_api
    token = staff_token(api)
    response = search(api, token, "simpson")
    assert response.status_code == 200, response.text
    families = response.json()["families"]
    assert [f["name"] for f in families] == ["Simpson", "Simpson (Grandpa)"]
    simpson = families[0]
    assert set(simpson) == {
        "familyId",
        "name",
        "suspended",
        "guardians",
        "students",
        "balanceDueCents",
        "outstandingPolicies",
        "checkInBlocks",  # docs/checkin-contract.md
    }
    assert simpson["suspended"] is False
    assert simpson["balanceDueCents"] == 8500
    assert simpson["outstandingPolicies"] == 0
    assert simpson["checkInBlocks"] == []
    assert simpson["guardians"][0] == {
        "firstName": "Marge",
        "lastName": "Simpson",
        "email": "marge@example.com",
        "phone": "(217) 555-0101",
    }
    assert {"firstName": "Lisa", "lastName": "Simpson"} in simpson["students"]
    assert found(api, token, "SIMPSON") == found(api, token, "  simpson ")


def test_search_by_student_first_name_any_case(shared_api):
    api = shared_api
    token = staff_token(api)
    assert found(api, token, "lisa") == ["Simpson"]
    assert found(api, token, "ZIA") == ["Simpson (Grandpa)"]


def test_search_matches_any_word_best_first(shared_api):
    api = shared_api
    token = staff_token(api)
    names = found(api, token, "Marge Flanders")
    assert set(names) >= {"Simpson", "Flanders"}
    assert found(api, token, "Marge Simpson")[0] == "Simpson"  # two words matched
    assert found(api, token, "Bur") == ["Burns"]  # the beginning of a name
    assert found(api, token, "qwertyuiop") == []


def test_search_by_phone_ignores_punctuation(shared_api):
    api = shared_api
    token = staff_token(api)
    for q in ("217.555.0103", "(217) 555-0103", "+1 217 555 0103", "2175550103", "0103"):
        assert found(api, token, q) == ["Flanders"], q
    assert set(found(api, token, "555-0102")) == {"Simpson", "Simpson (Grandpa)"}


def test_search_by_email(shared_api):
    api = shared_api
    token = staff_token(api)
    assert found(api, token, "ned@example.com") == ["Flanders"]
    assert found(api, token, "NED@Example.COM") == ["Flanders"]
    assert found(api, token, "monty@") == ["Burns"]
    assert found(api, token, "nobody@example.com") == []


def test_search_shows_suspension_and_outstanding_policies(shared_api):
    api = shared_api
    token = staff_token(api)
    [burns] = search(api, token, "burns").json()["families"]
    assert burns["suspended"] is True
    [flanders] = search(api, token, "flanders").json()["families"]
    assert flanders["outstandingPolicies"] >= 1


def test_search_answers_at_most_20(shared_api, shared_portal):
    api, portal = shared_api, shared_portal
    with portal.session_factory.begin() as session:
        org_id = session.scalars(select(Family.organisation_id)).first()
        for index in range(25):
            family = Family(organisation_id=org_id, name="Smithers")
            guardian = Guardian(
                organisation_id=org_id,
                first_name="Waylon",
                last_name="Smithers",
                email=f"waylon{index}@example.com",
                phone="(217) 555-0150",
                password_hash="x",
            )
            session.add_all([family, guardian])
            session.flush()
            session.execute(
                guardian_families.insert().values(guardian_id=guardian.id, family_id=family.id)
            )
    token = staff_token(api)
    assert len(found(api, token, "smithers")) == 20
    assert len(found(api, token, "555-0150")) == 20


def test_bad_queries_are_400_with_a_message(shared_api):
    api = shared_api
    token = staff_token(api)
    for q in ("", "a", " b ", "x" * 101, "ab\x00", "\u202eab"):
        response = search(api, token, q)
        assert response.status_code == 400, (q, response.text)
        assert set(response.json()) == {"message"}
    response = api.get(f"{V1}/staff/families", headers=bearer(token))
    assert response.status_code == 400
    for q in ("%%", "__", "\\\\", "'; DROP TABLE families; --", "🙂🙂"):
        assert search(api, token, q).status_code == 200, q


# --------------------------------------------------------------------------- junk input

JUNK_VALUES = [
    None,
    True,
    0,
    -1,
    2**64,
    1.5e308,
    "",
    "x" * 100_000,
    "\x00",
    "\ud800",
    "🙂🙂🙂",
    "'; DROP TABLE staff; --",
    [],
    [1, "2"],
    {},
    {"nested": [None]},
]
RAW_BODIES = [b"", b"null", b"[]", b'"text"', b"{", b"\xff\xfe\x00", b"[" * 5000 + b"]" * 5000]


def _leaves(value, prefix=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{prefix}{index}.")
    if prefix:
        yield prefix[:-1]


def _set(body, path, value):
    *parents, last = path.split(".")
    node = body
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def _check(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        assert isinstance(response.json().get("message"), str), what


def test_no_input_to_the_staff_routes_is_a_server_error(shared_api, shared_portal):
    api = shared_api
    token = staff_token(api, device_id="kiosk-junk-staff")
    headers = {**bearer(token), "Content-Type": "application/json"}
    routes = [
        ("POST", "/staff/login", {"pin": "246813", "deviceId": "kiosk-junk"}),
        (
            "POST",
            "/staff/families",
            {
                "guardian": {
                    "firstName": "Agnes",
                    "lastName": "Skinner",
                    "email": "agnes@example.com",
                    "phone": "217-555-0177",
                },
                "students": [
                    {"firstName": "Sey", "lastName": "Skinner", "birthDate": "2017-02-03"}
                ],
            },
        ),
        ("POST", "/staff/families/1/assist", None),
        ("POST", "/staff/logout", None),
    ]
    for method, path, valid in routes:
        for raw in RAW_BODIES:
            _check(api.request(method, f"{V1}{path}", content=raw, headers=headers), f"{path} raw")
        if not isinstance(valid, dict):
            continue
        for leaf in _leaves(valid):
            for junk in JUNK_VALUES:
                body = copy.deepcopy(valid)
                _set(body, leaf, junk)
                content = json.dumps(body).encode()
                response = api.request(method, f"{V1}{path}", content=content, headers=headers)
                _check(response, f"{path} {leaf}={junk!r:.40}")
    # The junk PINs used up this kiosk's tries: staff carry on at another kiosk.
    api = httpx.Client(
        base_url=shared_portal.url,
        headers=kiosk_headers(enrolled_credential(shared_portal, "Junk kiosk")),
        timeout=HTTP_TIMEOUT_S,
    )
    token = staff_token(api, device_id="kiosk-junk-staff")
    for query in (
        "q=%ED%A0%80x",  # a lone surrogate, as UTF-8 bytes
        "q=%FF%FEab",
        "q=%00ab",
        "q=" + "x" * 10_000,
        "q=a&q=b",
        "familyId=abc",
        "familyId=-1",
        f"familyId={2**70}",
        "familyId=",
        "limit=0",
        "limit=100000",
        "limit=x",
    ):
        for path in ("/staff/families", "/staff/audit"):
            url = f"{V1}{path}?{query}"
            _check(api.get(url, headers=bearer(token)), f"{path}?{query:.40}")
    for path in ("/staff/families/abc/assist", f"/staff/families/{2**40}/assist"):
        response = api.post(f"{V1}{path}", headers=bearer(token))
        assert response.status_code == 400, response.text
