"""The signed-in family: read, edit guardians/students/emergency contact, and policies."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from portal.models import Family, Guardian, Policy, Student
from portal.seed import (
    DEMO_EMAIL_FLANDERS,
    DEMO_EMAIL_HOMER,
    DEMO_EMAIL_SIMPSON,
    DEMO_SIMPSON_BALANCE_CENTS,
    DEMO_SIMPSON_CREDIT_CENTS,
)
from tests.portal.helpers import (
    CODE_RE,
    V1,
    accept_outstanding_policies,
    bearer,
    field_errors,
    mailbox,
    token_for,
)

POLICY_CHANGED = "This policy has changed. Please read the new version."


@pytest.fixture
def marge(api) -> dict[str, str]:
    return bearer(token_for(api, DEMO_EMAIL_SIMPSON))


@pytest.fixture
def ned(api) -> dict[str, str]:
    return bearer(token_for(api, DEMO_EMAIL_FLANDERS))


def _ids(portal, model, **where) -> list[int]:
    with portal.session_factory() as session:
        query = select(model.id).order_by(model.id)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return list(session.scalars(query))


def _policy(portal, kind: str) -> Policy:
    with portal.session_factory() as session:
        return session.scalars(select(Policy).where(Policy.kind == kind)).one()


# --------------------------------------------------------------------------- read


def test_simpson_family(api, marge):
    response = api.get(f"{V1}/family", headers=marge)
    assert response.status_code == 200
    family = response.json()
    assert set(family) == {
        "id",
        "name",
        "creditBalanceCents",
        "balanceDueCents",
        "guardians",
        "students",
        "emergencyContact",
    }
    assert family["name"] == "Simpson"
    assert family["creditBalanceCents"] == DEMO_SIMPSON_CREDIT_CENTS
    assert family["balanceDueCents"] == DEMO_SIMPSON_BALANCE_CENTS
    assert [(g["firstName"], g["isPrimary"]) for g in family["guardians"]] == [
        ("Marge", True),
        ("Homer", False),
    ]
    marge_row = family["guardians"][0]
    assert marge_row["phone"] == "(217) 555-0101"
    assert marge_row["address"] == {
        "line1": "742 Evergreen Terrace",
        "line2": "",
        "city": "Springfield",
        "state": "IL",
        "zip": "62701",
    }
    assert [s["firstName"] for s in family["students"]] == ["Bart", "Lisa", "Maggie"]
    assert set(family["students"][0]) == {"id", "firstName", "lastName", "birthDate", "gender"}
    assert family["emergencyContact"] == {
        "name": "Patty Bouvier",
        "phone": "(217) 555-0150",
        "relationship": "Aunt",
    }


def test_every_seeded_family_has_an_emergency_contact(api, portal):
    headers = bearer(token_for(api, DEMO_EMAIL_HOMER))
    for family_id in _ids(portal, Family):
        chosen = api.post(f"{V1}/auth/family", json={"familyId": family_id}, headers=headers)
        if chosen.status_code == 404:
            continue  # not one of Homer's
        assert api.get(f"{V1}/family", headers=headers).json()["emergencyContact"]["name"]


# --------------------------------------------------------------------------- guardians


def test_patch_guardian_changes_only_what_was_sent(api, portal, marge):
    (marge_id,) = _ids(portal, Guardian, email=DEMO_EMAIL_SIMPSON)
    response = api.patch(
        f"{V1}/family/guardians/{marge_id}",
        json={"phone": "217.555.0111", "address": {"line2": "Upstairs", "zip": "62704"}},
        headers=marge,
    )
    assert response.status_code == 200, response.text
    guardian = response.json()
    assert guardian["phone"] == "(217) 555-0111"
    assert guardian["address"] == {
        "line1": "742 Evergreen Terrace",
        "line2": "Upstairs",
        "city": "Springfield",
        "state": "IL",
        "zip": "62704",
    }
    assert guardian["firstName"] == "Marge" and guardian["isPrimary"] is True
    family = api.get(f"{V1}/family", headers=marge).json()
    assert family["guardians"][0] == guardian


def test_patch_another_guardian_of_the_family(api, portal, marge):
    (homer_id,) = _ids(portal, Guardian, email=DEMO_EMAIL_HOMER)
    response = api.patch(
        f"{V1}/family/guardians/{homer_id}", json={"firstName": "Homer J."}, headers=marge
    )
    assert response.status_code == 200, response.text
    assert response.json()["firstName"] == "Homer J."
    # Another guardian's login email is theirs to change, not Marge's.
    refused = api.patch(
        f"{V1}/family/guardians/{homer_id}", json={"email": "homer.j@example.com"}, headers=marge
    )
    assert refused.status_code == 400
    assert field_errors(refused) == {
        "email": "Only Homer J. can change their own login email, when signed in as themselves."
    }
    assert token_for(api, DEMO_EMAIL_HOMER)


def test_a_guardian_changes_their_own_login_email_with_a_code(api, portal, marge):
    (marge_id,) = _ids(portal, Guardian, email=DEMO_EMAIL_SIMPSON)
    url = f"{V1}/family/guardians/{marge_id}"
    asked = api.patch(url, json={"email": "Marge.B@Example.com"}, headers=marge)
    assert asked.status_code == 200, asked.text
    assert asked.json()["email"] == DEMO_EMAIL_SIMPSON  # unchanged until confirmed
    assert asked.json()["pendingEmail"] == "marge.b@example.com"
    mails = mailbox(api)
    code_mail = next(m for m in mails if m["to"] == "marge.b@example.com")
    notice = next(
        m for m in mails if m["to"] == DEMO_EMAIL_SIMPSON and "login email" in m["subject"]
    )
    assert "m***@example.com" in notice["body"] and "marge.b@" not in notice["body"]
    code = CODE_RE.search(code_mail["body"]).group(1)
    confirm = f"{V1}/family/guardians/me/email/confirm"
    wrong = "000000" if code != "000000" else "111111"
    bad = api.post(confirm, json={"code": wrong}, headers=marge)
    assert bad.status_code == 400 and "code" in field_errors(bad)
    done = api.post(confirm, json={"code": code}, headers=marge)
    assert done.status_code == 200, done.text
    assert done.json()["email"] == "marge.b@example.com"
    assert token_for(api, "marge.b@example.com")
    assert api.post(confirm, json={"code": code}, headers=marge).status_code == 400  # spent


def test_patch_guardian_validation(api, portal, marge):
    (marge_id,) = _ids(portal, Guardian, email=DEMO_EMAIL_SIMPSON)
    url = f"{V1}/family/guardians/{marge_id}"
    response = api.patch(
        url,
        json={"firstName": None, "phone": "12", "address": {"zip": "abc", "state": "Illinois"}},
        headers=marge,
    )
    assert response.status_code == 400
    assert field_errors(response) == {
        "firstName": "Please enter a first name.",
        "phone": "Please enter a 10-digit phone number, like 555-123-4567.",
        "address.state": "Please enter the two-letter state, like IL.",
        "address.zip": "Please enter a 5-digit ZIP code.",
    }
    taken = api.patch(url, json={"email": "NED@example.com"}, headers=marge)
    assert taken.status_code == 409
    assert field_errors(taken) == {
        "email": "That email is already in use. Please log in, or use Forgot Password."
    }
    assert "Flanders" not in taken.text
    family = api.get(f"{V1}/family", headers=marge).json()
    assert family["guardians"][0]["email"] == DEMO_EMAIL_SIMPSON
    assert family["guardians"][0]["phone"] == "(217) 555-0101"


def test_a_guardian_outside_the_family_is_404(api, portal, marge):
    (ned_id,) = _ids(portal, Guardian, email=DEMO_EMAIL_FLANDERS)
    response = api.patch(f"{V1}/family/guardians/{ned_id}", json={"firstName": "X"}, headers=marge)
    assert response.status_code == 404 and response.json()["message"]
    for bad in ("abc", "0", "-1", "99999999999999999999"):
        assert api.patch(f"{V1}/family/guardians/{bad}", json={}, headers=marge).status_code in (
            400,
            404,
        )


# --------------------------------------------------------------------------- emergency contact


def test_put_emergency_contact(api, marge):
    response = api.put(
        f"{V1}/family/emergency-contact",
        json={"name": "Selma Bouvier", "phone": "(217) 555-0151"},
        headers=marge,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "name": "Selma Bouvier",
        "phone": "(217) 555-0151",
        "relationship": "",
    }
    assert api.get(f"{V1}/family", headers=marge).json()["emergencyContact"] == response.json()

    bad = api.put(f"{V1}/family/emergency-contact", json={"relationship": "Aunt"}, headers=marge)
    assert bad.status_code == 400
    assert field_errors(bad) == {
        "name": "Please enter the contact's name.",
        "phone": "Please enter a phone number.",
    }


def test_put_emergency_contact_creates_one_when_missing(api, portal):
    body = api.post(
        f"{V1}/accounts",
        json={
            "guardian": {
                "firstName": "Apu",
                "lastName": "Nahasapeemapetilon",
                "email": "apu@example.com",
                "phone": "2175550177",
                "address": {
                    "line1": "Kwik-E-Mart",
                    "city": "Springfield",
                    "state": "IL",
                    "zip": "62701",
                },
            },
            "password": "thank-you-come-again",
            "students": [{"firstName": "Anoop", "lastName": "N", "birthDate": "2018-03-03"}],
            "emergencyContact": {"name": "Manjula", "phone": "2175550178"},
        },
    )
    assert body.status_code == 201, body.text
    headers = bearer(body.json()["token"])
    accept_outstanding_policies(api, headers)
    with portal.session_factory.begin() as session:
        family = session.get(Family, body.json()["family"]["id"])
        family.emergency_contacts.clear()
    assert api.get(f"{V1}/family", headers=headers).json()["emergencyContact"] is None
    response = api.put(
        f"{V1}/family/emergency-contact",
        json={"name": "Sanjay", "phone": "2175550179", "relationship": "Brother"},
        headers=headers,
    )
    assert response.status_code == 200
    assert api.get(f"{V1}/family", headers=headers).json()["emergencyContact"]["name"] == "Sanjay"


# --------------------------------------------------------------------------- students


def test_add_student_is_idempotent(api, portal, marge):
    student = {
        "firstName": "Abbie",
        "lastName": "Simpson",
        "birthDate": "2021-06-15",
        "gender": "female",
    }
    key = {"Idempotency-Key": "add-abbie"}
    first = api.post(f"{V1}/family/students", json=student, headers=marge | key)
    assert first.status_code == 201, first.text
    assert first.json() == {"id": first.json()["id"], **student}
    second = api.post(f"{V1}/family/students", json=student, headers=marge | key)
    assert second.status_code == 201 and second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    names = [s["firstName"] for s in api.get(f"{V1}/family", headers=marge).json()["students"]]
    assert names == ["Bart", "Lisa", "Maggie", "Abbie"]

    other = api.post(
        f"{V1}/family/students", json=student | {"firstName": "Ling"}, headers=marge | key
    )
    assert other.status_code == 409
    assert other.json() == {"message": "This request was already sent with different details."}


def test_an_idempotency_key_is_never_shared_between_families(api, marge, ned):
    accept_outstanding_policies(api, ned)
    student = {"firstName": "Sam", "lastName": "Smith", "birthDate": "2017-01-01"}
    key = {"Idempotency-Key": "shared-key"}
    assert api.post(f"{V1}/family/students", json=student, headers=marge | key).status_code == 201
    response = api.post(f"{V1}/family/students", json=student, headers=ned | key)
    assert response.status_code == 409  # never Marge's student replayed to Ned
    assert "Simpson" not in response.text


def test_add_student_validation(api, marge):
    response = api.post(
        f"{V1}/family/students",
        json={"firstName": "", "lastName": "Simpson", "birthDate": "2999-01-01", "gender": "x"},
        headers=marge,
    )
    assert response.status_code == 400
    assert field_errors(response) == {
        "firstName": "Please enter a first name.",
        "birthDate": "The birth date must be in the past.",
        "gender": "Please choose female or male, or leave it empty.",
    }


def test_patch_student(api, portal, marge, ned):
    bart = _ids(portal, Student, first_name="Bart")[0]
    response = api.patch(
        f"{V1}/family/students/{bart}", json={"birthDate": "2015-04-01"}, headers=marge
    )
    assert response.status_code == 200, response.text
    assert response.json()["birthDate"] == "2015-04-01"
    assert response.json()["firstName"] == "Bart"

    cleared = api.patch(f"{V1}/family/students/{bart}", json={"birthDate": None}, headers=marge)
    assert cleared.status_code == 400
    assert field_errors(cleared) == {"birthDate": "Please enter the birth date."}

    # Another family's student is not found.
    accept_outstanding_policies(api, ned)
    assert api.patch(f"{V1}/family/students/{bart}", json={}, headers=ned).status_code == 404


# --------------------------------------------------------------------------- policies


def test_outstanding_policies_come_before_every_other_family_call(api, ned, marge):
    """No client can skip the policies: until they are accepted, the family can read itself and
    its policies and accept them, nothing else (the kiosk only shows the policies then)."""
    key = {"Idempotency-Key": str(uuid.uuid4())}
    assert api.get(f"{V1}/family", headers=ned).status_code == 200
    assert api.get(f"{V1}/family/policies", headers=ned).status_code == 200
    for method, path, body in (
        ("GET", "/family/charges", None),
        ("GET", "/family/cart", None),
        ("GET", "/family/coming-up", None),
        ("GET", "/family/payments", None),
        ("POST", "/family/cart/items", {"kind": "giftcard", "amountCents": 2500}),
        ("POST", "/family/payments", {"chargeIds": None, "applyCreditCents": 0}),
        ("POST", "/family/cart/checkout", {"payment": None}),
        (
            "POST",
            "/family/students",
            {"firstName": "A", "lastName": "B", "birthDate": "2019-01-01"},
        ),
    ):
        response = api.request(method, f"{V1}{path}", headers=ned | key, json=body)
        assert response.status_code == 403, (path, response.text)
        assert response.json() == {
            "message": "Please read and accept the policies before anything else.",
            "reason": "policies_required",
        }
    accept_outstanding_policies(api, ned)
    assert api.get(f"{V1}/family/cart", headers=ned).status_code == 200
    # A new student owes the photo release: the family is asked again, but a lost answer's
    # repeat (same key) is still answered with what happened.
    student = {"firstName": "Abbie", "lastName": "Simpson", "birthDate": "2021-06-15"}
    added = api.post(f"{V1}/family/students", json=student, headers=marge | key)
    assert added.status_code == 201, added.text
    again = api.post(f"{V1}/family/students", json=student, headers=marge | key)
    assert again.status_code == 201 and again.json() == added.json()
    assert api.get(f"{V1}/family/cart", headers=marge).json()["reason"] == "policies_required"
    accept_outstanding_policies(api, marge)
    assert api.get(f"{V1}/family/cart", headers=marge).status_code == 200


def test_flanders_have_outstanding_policies(api, portal, ned):
    response = api.get(f"{V1}/family/policies", headers=ned)
    assert response.status_code == 200
    body = response.json()
    assert body["accepted"] == []
    waiver, photo = _policy(portal, "family"), _policy(portal, "student")
    assert [(p["policyId"], p["kind"], p["studentName"]) for p in body["outstanding"]] == [
        (waiver.id, "family", None),
        (photo.id, "student", "Rod Flanders"),
        (photo.id, "student", "Todd Flanders"),
    ]
    first = body["outstanding"][0]
    assert first == {
        "policyId": waiver.id,
        "kind": "family",
        "title": "Liability Waiver",
        "body": waiver.body,
        "version": 2,
        "studentId": None,
        "studentName": None,
    }


def test_accept_policies(api, portal, ned):
    outstanding = api.get(f"{V1}/family/policies", headers=ned).json()["outstanding"]
    acceptances = [
        {"policyId": p["policyId"], "version": p["version"], "studentId": p["studentId"]}
        for p in outstanding
    ]
    response = api.post(
        f"{V1}/family/policies/accept",
        json={"acceptances": acceptances},
        headers=ned | {"Idempotency-Key": "accept-all"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["outstanding"] == []
    assert len(body["accepted"]) == 3
    assert {a["acceptedBy"] for a in body["accepted"]} == {"Ned Flanders"}
    assert all(a["acceptedAt"].endswith("Z") for a in body["accepted"])
    assert api.get(f"{V1}/family/policies", headers=ned).json() == body
    # Accepting again (a new key) changes nothing.
    again = api.post(
        f"{V1}/family/policies/accept", json={"acceptances": acceptances[:1]}, headers=ned
    )
    assert again.json() == body


def test_simpsons_accepted_everything_and_a_new_student_owes_the_photo_release(api, marge):
    body = api.get(f"{V1}/family/policies", headers=marge).json()
    assert body["outstanding"] == []
    assert [(a["kind"], a["studentName"], a["acceptedBy"]) for a in body["accepted"]] == [
        ("family", None, "Marge Simpson"),
        ("student", "Bart Simpson", "Marge Simpson"),
        ("student", "Lisa Simpson", "Marge Simpson"),
        ("student", "Maggie Simpson", "Marge Simpson"),
    ]
    api.post(
        f"{V1}/family/students",
        json={"firstName": "Abbie", "lastName": "Simpson", "birthDate": "2021-06-15"},
        headers=marge,
    )
    outstanding = api.get(f"{V1}/family/policies", headers=marge).json()["outstanding"]
    assert [(p["kind"], p["studentName"]) for p in outstanding] == [("student", "Abbie Simpson")]


def test_a_new_policy_version_is_outstanding_again_and_old_versions_are_refused(api, portal, marge):
    waiver = _policy(portal, "family")
    with portal.session_factory.begin() as session:
        session.get(Policy, waiver.id).version = 3
    outstanding = api.get(f"{V1}/family/policies", headers=marge).json()["outstanding"]
    assert [(p["policyId"], p["version"]) for p in outstanding] == [(waiver.id, 3)]

    old = api.post(
        f"{V1}/family/policies/accept",
        json={"acceptances": [{"policyId": waiver.id, "version": 2, "studentId": None}]},
        headers=marge | {"Idempotency-Key": "old-version"},
    )
    assert old.status_code == 409
    assert old.json()["message"] == POLICY_CHANGED
    # The refusal is the key's stored outcome: a retry gets the same answer.
    retry = api.post(
        f"{V1}/family/policies/accept",
        json={"acceptances": [{"policyId": waiver.id, "version": 2, "studentId": None}]},
        headers=marge | {"Idempotency-Key": "old-version"},
    )
    assert retry.status_code == 409 and retry.json() == old.json()

    current = api.post(
        f"{V1}/family/policies/accept",
        json={"acceptances": [{"policyId": waiver.id, "version": 3}]},
        headers=marge,
    )
    assert current.status_code == 200 and current.json()["outstanding"] == []


def test_student_policies_need_one_of_the_familys_students(api, portal, ned):
    photo = _policy(portal, "student")
    bart = _ids(portal, Student, first_name="Bart")[0]
    response = api.post(
        f"{V1}/family/policies/accept",
        json={
            "acceptances": [
                {"policyId": photo.id, "version": photo.version, "studentId": None},
                {"policyId": photo.id, "version": photo.version, "studentId": bart},
                {"policyId": 999999, "version": 1, "studentId": None},
            ]
        },
        headers=ned,
    )
    assert response.status_code == 400
    assert field_errors(response) == {
        "acceptances.0.studentId": "Please choose the student this policy is for.",
        "acceptances.1.studentId": "We could not find that student in your family.",
        "acceptances.2.policyId": "We could not find that policy.",
    }
    assert api.get(f"{V1}/family/policies", headers=ned).json()["accepted"] == []

    empty = api.post(f"{V1}/family/policies/accept", json={"acceptances": []}, headers=ned)
    assert empty.status_code == 400
    assert field_errors(empty) == {"acceptances": "Please add at least one policy."}
