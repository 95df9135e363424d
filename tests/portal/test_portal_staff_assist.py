"""Staff-assisted family sessions, their audit, suspended families and quick-create, over real
HTTP."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select, text, update

from portal.models import (
    AuditEntry,
    AuthToken,
    Family,
    Guardian,
    MailMessage,
    Student,
    as_utc,
    utcnow,
)
from portal.seed import DEMO_EMAIL_SIMPSON
from tests.portal.helpers import V1, bearer, field_errors, latest_code, login, mailbox, token_for
from tests.portal.staff_helpers import (
    ENDED,
    FRONT_DESK,
    JASMINE_PIN,
    SUSPENDED,
    assist,
    assisted_token,
    audit,
    audit_rows,
    family_id,
    staff_token,
)

IN_USE = "That email is already in use. Please log in, or use Forgot Password."
DIFFERENT = "This request was already sent with different details."


def quick_body(**guardian: str) -> dict:
    return {
        "guardian": {
            "firstName": "Luann",
            "lastName": "Van Houten",
            "email": "luann@example.com",
            "phone": "(217) 555-0188",
            **guardian,
        },
        "students": [
            {"firstName": "Milhouse", "lastName": "Van Houten", "birthDate": "2016-03-04"},
        ],
    }


def quick_create(api, token: str, body: dict, key: str | None = None):
    headers = bearer(token) if token else {}
    if key is not None:
        headers["Idempotency-Key"] = key
    return api.post(f"{V1}/staff/families", json=body, headers=headers)


# --------------------------------------------------------------------------- assist


def test_assist_opens_a_family_session_audited_on_the_staff_name(api, portal):
    staff = staff_token(api)
    simpson = family_id(portal, "Simpson")
    response = assist(api, staff, simpson)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"token", "expiresAt", "guardian", "families", "family", "assistedBy"}
    assert body["guardian"]["firstName"] == "Marge"
    assert body["family"] == {"id": simpson, "name": "Simpson"}
    assert body["families"] == [{"id": simpson, "name": "Simpson", "suspended": False}]
    assert body["assistedBy"] == {
        "id": body["assistedBy"]["id"],
        "firstName": "Priya",
        "lastName": "Nair",
    }
    with portal.session_factory() as session:
        row = session.scalars(select(AuthToken).where(AuthToken.family_id == simpson)).one()
    assert row.assisted_by_staff_id == body["assistedBy"]["id"]
    assert as_utc(row.expires_at) - as_utc(row.created_at) <= timedelta(minutes=15)

    family = bearer(body["token"])
    got = api.get(f"{V1}/family", headers=family)
    assert got.status_code == 200 and got.json()["name"] == "Simpson"
    lisa = next(s for s in got.json()["students"] if s["firstName"] == "Lisa")
    assert api.get(f"{V1}/family/charges", headers=family).status_code == 200
    bad = api.patch(
        f"{V1}/family/students/{lisa['id']}", json={"birthDate": "tomorrow"}, headers=family
    )
    assert bad.status_code == 400
    missing = api.patch(f"{V1}/family/students/999999", json={"gender": "f"}, headers=family)
    assert missing.status_code in (400, 404)
    assert api.get(f"{V1}/family/cart", headers=family).status_code == 200

    entries = audit(api, staff)
    assert [(e["action"], e["outcome"]) for e in entries[:6]] == [
        ("GET /family/cart", 200),
        ("PATCH /family/students/{studentId}", missing.status_code),
        ("PATCH /family/students/{studentId}", 400),
        ("GET /family/charges", 200),
        ("GET /family", 200),
        ("POST /staff/families/{familyId}/assist", 200),
    ]
    assert {e["staffName"] for e in entries[:6]} == {"Priya Nair"}
    assert {e["familyId"] for e in entries[:6]} == {simpson}
    assert entries[-1]["action"] == "POST /staff/login"
    assert entries[0]["at"].endswith("Z")

    rows = [r for r in audit_rows(portal) if r.action.startswith(("GET /family", "PATCH"))]
    assert len(rows) == 5
    assert {(r.staff_id, r.staff_name, r.family_id, r.device) for r in rows} == {
        (body["assistedBy"]["id"], "Priya Nair", simpson, FRONT_DESK)
    }


def test_the_audit_can_be_read_per_family_and_limited(api, portal):
    staff = staff_token(api)
    simpson, flanders = family_id(portal, "Simpson"), family_id(portal, "Flanders")
    for fid in (simpson, flanders):
        token = assisted_token(api, staff, fid)
        assert api.get(f"{V1}/family", headers=bearer(token)).status_code == 200
    only = audit(api, staff, familyId=flanders)
    assert [e["action"] for e in only] == ["GET /family", "POST /staff/families/{familyId}/assist"]
    assert len(audit(api, staff, limit=2)) == 2
    response = api.get(f"{V1}/staff/audit", params={"limit": 0}, headers=bearer(staff))
    assert response.status_code == 400 and "message" in response.json()


def test_a_plain_family_session_is_not_audited(api, portal):
    token = token_for(api, DEMO_EMAIL_SIMPSON)
    assert api.get(f"{V1}/family", headers=bearer(token)).status_code == 200
    assert audit_rows(portal) == []


def test_an_assisted_session_expires(api, portal):
    staff = staff_token(api)
    token = assisted_token(api, staff, family_id(portal, "Simpson"))
    assert api.get(f"{V1}/family", headers=bearer(token)).status_code == 200
    with portal.session_factory.begin() as session:
        session.execute(
            update(AuthToken)
            .where(AuthToken.assisted_by_staff_id.is_not(None))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    response = api.get(f"{V1}/family", headers=bearer(token))
    assert response.status_code == 401 and response.json() == {"message": ENDED}


def test_an_assisted_session_stays_with_its_family(api, portal):
    staff = staff_token(api)
    grandpa = family_id(portal, "Simpson (Grandpa)")
    response = assist(api, staff, grandpa)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["guardian"]["firstName"] == "Homer"  # who also belongs to the Simpson family
    assert body["families"] == [{"id": grandpa, "name": "Simpson (Grandpa)", "suspended": False}]
    other = api.post(
        f"{V1}/auth/family",
        json={"familyId": family_id(portal, "Simpson")},
        headers=bearer(body["token"]),
    )
    assert other.status_code == 404
    assert api.get(f"{V1}/family", headers=bearer(body["token"])).json()["id"] == grandpa


def test_assisting_an_unknown_family_is_404_and_audited(api, portal):
    staff = staff_token(api)
    response = assist(api, staff, 999999)
    assert response.status_code == 404
    assert response.json() == {"message": "We could not find that family."}
    assert (audit_rows(portal)[-1].action, audit_rows(portal)[-1].outcome) == (
        "POST /staff/families/{familyId}/assist",
        404,
    )
    assert api.post(f"{V1}/staff/families/abc/assist", headers=bearer(staff)).status_code == 400


def test_a_suspended_family_can_be_read_but_not_changed(api, portal):
    staff = staff_token(api)
    burns = family_id(portal, "Burns")
    response = assist(api, staff, burns)
    assert response.status_code == 200, response.text
    assert response.json()["families"] == [{"id": burns, "name": "Burns", "suspended": True}]
    family = bearer(response.json()["token"])
    for path in ("/family", "/family/charges", "/family/policies"):
        assert api.get(f"{V1}{path}", headers=family).status_code == 200, path

    with portal.session_factory() as session:
        student = session.scalars(select(Student).where(Student.family_id == burns)).first()
    item = {"kind": "product", "productId": 1, "quantity": 1}
    if student is not None:
        item = {"kind": "class", "classId": 1, "studentId": student.id, "startDate": "2030-01-01"}
    added = api.post(
        f"{V1}/family/cart/items", json=item, headers={**family, "Idempotency-Key": "burns-1"}
    )
    assert added.status_code == 403, added.text
    assert added.json() == {"message": SUSPENDED, "reason": "suspended"}
    for method, path in (
        ("GET", "/family/cart"),
        ("GET", "/family/payments"),
        ("POST", "/family/students"),
    ):
        response = api.request(method, f"{V1}{path}", headers=family, json={})
        assert response.status_code == 403, (path, response.text)
        assert response.json()["message"] == SUSPENDED

    entries = audit(api, staff, familyId=burns)
    assert ("POST /family/cart/items", 403) in {(e["action"], e["outcome"]) for e in entries}
    assert ("GET /family/policies", 200) in {(e["action"], e["outcome"]) for e in entries}

    # A suspended family's own login is still refused, as before.
    assert login(api, "monty@example.com").status_code == 403


def test_an_audit_failure_never_breaks_the_answer(api, portal):
    staff = staff_token(api)
    token = assisted_token(api, staff, family_id(portal, "Simpson"))
    with portal.session_factory.begin() as session:
        session.execute(text("DROP TABLE audit_entries"))
    response = api.get(f"{V1}/family", headers=bearer(token))
    assert response.status_code == 200 and response.json()["name"] == "Simpson"


# --------------------------------------------------------------------------- quick-create


def test_quick_create_makes_a_family_an_assisted_session_and_a_welcome_mail(api, portal):
    staff = staff_token(api, JASMINE_PIN)
    response = quick_create(api, staff, quick_body(email="Luann@Example.com"), key="walk-in-1")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["family"]["name"] == "Van Houten"
    assert body["guardian"]["firstName"] == "Luann"
    assert body["assistedBy"]["firstName"] == "Jasmine"
    new_family = body["family"]["id"]

    family = api.get(f"{V1}/family", headers=bearer(body["token"])).json()
    assert family["guardians"][0]["email"] == "luann@example.com"
    assert family["guardians"][0]["phone"] == "(217) 555-0188"
    assert family["guardians"][0]["isPrimary"] is True
    assert [s["firstName"] for s in family["students"]] == ["Milhouse"]

    [welcome] = [m for m in mailbox(api) if m["to"] == "luann@example.com"]
    assert "password" in welcome["subject"].lower()
    code = latest_code(api, "luann@example.com")
    assert code in welcome["body"]

    # Nobody knows a password yet; the mailed code lets the guardian choose one.
    assert login(api, "luann@example.com", "springfield-demo").status_code == 401
    reset = api.post(
        f"{V1}/auth/reset-password",
        json={
            "email": "luann@example.com",
            "code": code,
            "newPassword": "milhouse-rules-42",
            "deviceId": "kiosk-test",
        },
    )
    assert reset.status_code == 200, reset.text
    assert reset.json()["family"]["id"] == new_family
    assert login(api, "luann@example.com", "milhouse-rules-42").status_code == 200

    entries = audit(api, staff, familyId=new_family)
    assert ("POST /staff/families", 201, "Jasmine Carter") in {
        (e["action"], e["outcome"], e["staffName"]) for e in entries
    }
    assert ("GET /family", 200) in {(e["action"], e["outcome"]) for e in entries}


def test_quick_create_is_idempotent(api, portal):
    staff = staff_token(api)
    first = quick_create(api, staff, quick_body(), key="walk-in-2")
    assert first.status_code == 201, first.text
    again = quick_create(api, staff, quick_body(), key="walk-in-2")
    assert again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    one, two = first.json(), again.json()
    assert (two["guardian"]["id"], two["family"]["id"]) == (
        one["guardian"]["id"],
        one["family"]["id"],
    )
    assert two["token"] and two["token"] != one["token"]
    assert api.get(f"{V1}/family", headers=bearer(two["token"])).status_code == 200
    with portal.session_factory() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(Guardian)
                .where(Guardian.email == "luann@example.com")
            )
            == 1
        )
        assert (
            session.scalar(
                select(func.count()).select_from(Family).where(Family.name == "Van Houten")
            )
            == 1
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(MailMessage)
                .where(MailMessage.to_address == "luann@example.com")
            )
            == 1
        )
    changed = quick_create(api, staff, quick_body(firstName="Kirk"), key="walk-in-2")
    assert changed.status_code == 409 and changed.json()["message"] == DIFFERENT
    # Another staff member cannot replay someone else's key.
    jasmine = staff_token(api, JASMINE_PIN)
    assert quick_create(api, jasmine, quick_body(), key="walk-in-2").status_code == 409


def test_quick_create_validates_every_field(api, portal):
    staff = staff_token(api)
    response = quick_create(api, staff, {}, key=str(uuid.uuid4()))
    assert response.status_code == 400, response.text
    assert response.json()["message"] == "Please check the highlighted fields."
    assert set(field_errors(response)) == {
        "guardian.firstName",
        "guardian.lastName",
        "guardian.email",
        "guardian.phone",
        "students",
    }

    body = quick_body(firstName="R2D2", email="not-an-email", phone="555")
    body["students"] = [{"firstName": "", "lastName": "Van Houten", "birthDate": "2999-01-01"}]
    response = quick_create(api, staff, body, key=str(uuid.uuid4()))
    assert response.status_code == 400
    assert field_errors(response) == {
        "guardian.firstName": "Please use letters only (spaces, hyphens and apostrophes are fine).",
        "guardian.email": (
            "That doesn't look like an email address. Please check it (like name@example.com)."
        ),
        "guardian.phone": "Please enter a 10-digit phone number, like 555-123-4567.",
        "students.0.firstName": "Please enter a first name.",
        "students.0.birthDate": "The birth date must be in the past.",
    }
    body = quick_body()
    body["students"] = []
    response = quick_create(api, staff, body)
    assert field_errors(response) == {"students": "Please add at least one student."}
    del body["guardian"]["phone"]
    body["students"] = quick_body()["students"]
    assert field_errors(quick_create(api, staff, body)) == {
        "guardian.phone": "Please enter a phone number."
    }

    taken = quick_create(api, staff, quick_body(email=DEMO_EMAIL_SIMPSON), key="walk-in-3")
    assert taken.status_code == 409
    assert taken.json()["message"] == IN_USE
    assert field_errors(taken) == {"guardian.email": IN_USE}

    # Nothing was created, and the corrected form may reuse its key.
    with portal.session_factory() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Family).where(Family.name == "Van Houten")
            )
            == 0
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "POST /staff/families")
            )
            == 0
        )
    assert quick_create(api, staff, quick_body(), key="walk-in-3").status_code == 201


def test_quick_create_needs_a_staff_token(api):
    assert quick_create(api, "", quick_body()).status_code == 401
    family = token_for(api, DEMO_EMAIL_SIMPSON)
    assert quick_create(api, family, quick_body()).status_code == 401


def test_staff_logout_revokes_only_the_staff_token(api, portal):
    staff = staff_token(api)
    token = assisted_token(api, staff, family_id(portal, "Flanders"))
    assert api.post(f"{V1}/staff/logout", headers=bearer(staff)).status_code == 204
    assert (
        api.get(f"{V1}/staff/families", params={"q": "ned"}, headers=bearer(staff)).status_code
        == 401
    )
    assert assist(api, staff, family_id(portal, "Flanders")).status_code == 401
    # The family session it opened runs to its own end (at most 15 minutes), still audited.
    assert api.get(f"{V1}/family", headers=bearer(token)).status_code == 200
    assert audit_rows(portal)[-1].action == "GET /family"
