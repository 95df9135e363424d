"""Create an account: validation, the email conflict that tells nothing, idempotency, mail."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from portal.models import EmergencyContact, Family, Guardian, IdempotencyRecord, Student
from tests.clock_helpers import facility_today
from tests.portal.helpers import (
    V1,
    account_body,
    bearer,
    field_errors,
    login,
    mailbox,
    token_for,
)

IN_USE = "That email is already in use. Please log in, or use Forgot Password."
DIFFERENT = "This request was already sent with different details."


def create(api, body, key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else {}
    return api.post(f"{V1}/accounts", json=body, headers=headers)


def _counts(portal) -> tuple[int, int, int, int]:
    with portal.session_factory() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (Guardian, Family, Student, EmergencyContact)
        )


def test_create_account_logs_in_with_the_new_family(api, portal):
    response = create(api, account_body(), key="new-account-1")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["guardian"]["firstName"] == "Edna"
    assert body["families"] == [
        {"id": body["family"]["id"], "name": "Krabappel", "suspended": False}
    ]
    assert body["family"] == {"id": body["family"]["id"], "name": "Krabappel"}

    family = api.get(f"{V1}/family", headers=bearer(body["token"])).json()
    assert family["name"] == "Krabappel"
    assert family["creditBalanceCents"] == 0 and family["balanceDueCents"] == 0
    (guardian,) = family["guardians"]
    assert guardian == {
        "id": body["guardian"]["id"],
        "firstName": "Edna",
        "lastName": "Krabappel",
        "email": "edna@example.com",
        "phone": "(217) 555-0199",
        "address": {
            "line1": "19 Walnut St",
            "line2": "",
            "city": "Springfield",
            "state": "IL",
            "zip": "62701",
        },
        "isPrimary": True,
    }
    assert [(s["firstName"], s["birthDate"], s["gender"]) for s in family["students"]] == [
        ("Martin", "2016-05-01", "male")
    ]
    assert family["emergencyContact"] == {
        "name": "Seymour Skinner",
        "phone": "(217) 555-0123",
        "relationship": "Friend",
    }

    (welcome,) = mailbox(api)
    assert welcome["to"] == "edna@example.com"
    assert welcome["subject"] == "Welcome to Springfield Gymnastics"
    assert "chalk-and-apples" not in welcome["body"]

    assert login(api, "EDNA@example.com", "chalk-and-apples").status_code == 200
    with portal.session_factory() as session:
        stored = session.scalars(select(Guardian).where(Guardian.email == "edna@example.com")).one()
        assert stored.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_names_and_numbers_people_really_have_are_accepted(api):
    body = account_body(
        **{
            "guardian.firstName": "José-María",
            "guardian.lastName": "O'Brien St. Clair",
            "guardian.email": "Jose.Maria+kids@Sub.Example.org",
            "guardian.phone": "+1 (217) 555.0199",
            "guardian.address.zip": "62701-1234",
            "guardian.address.state": "il",
            "guardian.address.city": "Winston-Salem",
            "students.0.firstName": "Zoë",
            "students.0.gender": "",
        }
    )
    body["students"].append({"firstName": "Ana", "lastName": "Núñez", "birthDate": "2020-01-31"})
    response = create(api, body)
    assert response.status_code == 201, response.text
    family = api.get(f"{V1}/family", headers=bearer(response.json()["token"])).json()
    guardian = family["guardians"][0]
    assert guardian["email"] == "jose.maria+kids@sub.example.org"
    assert guardian["phone"] == "(217) 555-0199"
    assert guardian["address"]["state"] == "IL" and guardian["address"]["zip"] == "62701-1234"
    assert family["name"] == "O'Brien St. Clair"
    assert [s["gender"] for s in family["students"]] == ["", ""]


class FacilityDay:
    """A date relative to the day the test runs on (the pinned clock's), resolved in the test."""

    def __init__(self, days: int) -> None:
        self.days = days

    def __repr__(self) -> str:
        return f"today{self.days:+d}"

    def resolve(self) -> str:
        return (facility_today() + timedelta(days=self.days)).isoformat()


INVALID = [
    ("guardian.firstName", "", "Please enter a first name."),
    ("guardian.firstName", "A" * 51, "That is too long; please use at most 50 letters."),
    ("guardian.firstName", "R2D2", None),
    ("guardian.lastName", "<script>", None),
    ("guardian.lastName", "Simpson\x00", None),
    ("guardian.lastName", "🙂", None),
    ("guardian.email", "", "Please enter your email address."),
    ("guardian.email", "edna@", None),
    ("guardian.email", "edna@localhost", None),
    ("guardian.email", "ed na@example.com", None),
    ("guardian.email", "édna@example.com", None),
    ("guardian.email", "a" * 250 + "@example.com", None),
    ("guardian.phone", "", "Please enter a phone number."),
    ("guardian.phone", "555-1234", "Please enter a 10-digit phone number, like 555-123-4567."),
    ("guardian.phone", "call 217 555 0199", None),
    ("guardian.address", "742 Evergreen Terrace", "Please fill in the address."),
    ("guardian.address.line1", "", "Please enter the street address."),
    ("guardian.address.line1", "x" * 101, None),
    ("guardian.address.line2", "Apt\x074", "Please remove the unusual characters."),
    ("guardian.address.city", "", "Please enter the city."),
    ("guardian.address.state", "Illinois", "Please enter the two-letter state, like IL."),
    ("guardian.address.state", "I1", None),
    ("guardian.address.zip", "6270", "Please enter a 5-digit ZIP code."),
    ("guardian.address.zip", "62701-12", None),
    ("password", "short", "Please use at least 8 characters."),
    ("password", "x" * 129, "Please use at most 128 characters."),
    (
        "password",
        "Password1",
        "That password is too common. Please choose one that is harder to guess.",
    ),
    ("password", "QWERTY123", None),
    ("password", "iloveyou", None),
    ("students", [], "Please add at least one student."),
    ("students.0.firstName", "", "Please enter a first name."),
    ("students.0.lastName", "B4rt", None),
    ("students.0.birthDate", "", "Please enter the birth date."),
    (
        "students.0.birthDate",
        FacilityDay(1),
        "The birth date must be in the past.",
    ),
    ("students.0.birthDate", FacilityDay(0), "The birth date must be in the past."),
    ("students.0.birthDate", "1900-01-01", "Please check the year of the birth date."),
    ("students.0.birthDate", "2019-02-30", "Please enter a real date for the birth date."),
    ("students.0.birthDate", "04/02/2019", None),
    ("students.0.gender", "robot", "Please choose female or male, or leave it empty."),
    ("emergencyContact.name", "", "Please enter the contact's name."),
    ("emergencyContact.phone", "", "Please enter a phone number."),
    ("emergencyContact.relationship", "x" * 51, None),
]


@pytest.mark.parametrize(
    ("path", "value", "message"), INVALID, ids=[f"{p}={v!r}"[:60] for p, v, _ in INVALID]
)
def test_every_rule_is_a_field_error_and_nothing_is_created(
    shared_api, shared_portal, path, value, message
):
    api, portal = shared_api, shared_portal  # one portal for all cases: each creates its own
    if isinstance(value, FacilityDay):
        value = value.resolve()
    before, mails = _counts(portal), len(mailbox(api))
    key = f"bad-{uuid.uuid4().hex}"
    response = create(api, account_body(**{path: value}), key=key)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["message"] == "Please check the highlighted fields."
    errors = field_errors(response)
    assert list(errors) == [path], errors
    if message:
        assert errors[path] == message
    assert errors[path].endswith(".") and len(errors[path]) < 100
    assert _counts(portal) == before
    assert len(mailbox(api)) == mails
    # A form error is not stored: the corrected form may be sent again with the same key.
    fixed = account_body(**{"guardian.email": f"edna.{key}@example.com"})
    assert create(api, fixed, key=key).status_code == 201


@pytest.mark.calendar
def test_a_birth_date_must_be_before_the_facilitys_today(api, portal):
    """At 23:30 in Illinois it is already tomorrow in UTC: the facility's day decides."""
    today = facility_today()
    for day in (today + timedelta(days=1), today):
        response = create(api, account_body(**{"students.0.birthDate": day.isoformat()}))
        assert response.status_code == 400, (day, response.text)
        assert field_errors(response) == {
            "students.0.birthDate": "The birth date must be in the past."
        }, day
    yesterday = today - timedelta(days=1)
    assert (
        create(api, account_body(**{"students.0.birthDate": yesterday.isoformat()})).status_code
        == 201
    )
    marge = bearer(token_for(api, "marge@example.com"))
    bart = next(
        s["id"]
        for s in api.get(f"{V1}/family", headers=marge).json()["students"]
        if s["firstName"] == "Bart"
    )
    edit = api.patch(
        f"{V1}/family/students/{bart}", json={"birthDate": today.isoformat()}, headers=marge
    )
    assert edit.status_code == 400 and field_errors(edit) == {
        "birthDate": "The birth date must be in the past."
    }


def test_missing_everything_reports_every_field(api):
    response = create(api, {})
    assert response.status_code == 400
    assert set(field_errors(response)) == {
        "guardian.firstName",
        "guardian.lastName",
        "guardian.email",
        "guardian.phone",
        "guardian.address.line1",
        "guardian.address.city",
        "guardian.address.state",
        "guardian.address.zip",
        "password",
        "students",
        "emergencyContact.name",
        "emergencyContact.phone",
    }


def test_an_email_in_use_is_409_without_saying_whose(api, portal):
    before = _counts(portal)
    response = create(api, account_body(**{"guardian.email": "  MARGE@example.com "}))
    assert response.status_code == 409
    body = response.json()
    assert body == {"message": IN_USE, "errors": [{"field": "guardian.email", "message": IN_USE}]}
    assert "Simpson" not in response.text and "Marge" not in response.text
    assert _counts(portal) == before


def test_a_repeat_with_the_same_key_replays_and_creates_one_family(api, portal):
    before = _counts(portal)
    first = create(api, account_body(), key="create-edna")
    second = create(api, account_body(), key="create-edna")
    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in first.headers
    assert second.headers["Idempotent-Replayed"] == "true"
    a, b = first.json(), second.json()
    assert (a["guardian"], a["families"], a["family"]) == (
        b["guardian"],
        b["families"],
        b["family"],
    )
    # The first token is never stored in clear, so the replay logs in with a fresh one.
    assert a["token"] != b["token"]
    for token in (a["token"], b["token"]):
        assert api.get(f"{V1}/family", headers=bearer(token)).status_code == 200
    after = _counts(portal)
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    assert len(mailbox(api)) == 1
    with portal.session_factory() as session:
        record = session.scalars(select(IdempotencyRecord)).one()
        assert a["token"] not in str(record.response_body)
        assert "chalk-and-apples" not in f"{record.body_sha256} {record.secret_hash}"


def test_the_same_key_with_a_different_body_is_409(api, portal):
    assert create(api, account_body(), key="k-1").status_code == 201
    before = _counts(portal)
    for changed in (
        account_body(**{"students.0.firstName": "Wendell"}),
        account_body(password="another-password-7"),  # secrets are compared too
    ):
        response = create(api, changed, key="k-1")
        assert response.status_code == 409
        assert response.json() == {"message": DIFFERENT}
    assert _counts(portal) == before


def test_a_repeated_email_conflict_is_not_stored(api):
    """409 "email in use" is a form error: after the parent fixes the email, the same key works."""
    assert (
        create(api, account_body(**{"guardian.email": "marge@example.com"}), "k-2").status_code
        == 409
    )
    assert create(api, account_body(), "k-2").status_code == 201


def test_concurrent_duplicates_create_one_account(api, portal):
    before = _counts(portal)
    barrier = threading.Barrier(4)
    results: list[httpx.Response] = []

    def send() -> None:
        with httpx.Client(base_url=portal.url, timeout=30) as client:
            barrier.wait()
            results.append(create(client, account_body(), key="same-key"))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in results] == [201] * 4, [r.text for r in results]
    assert len({r.json()["family"]["id"] for r in results}) == 1
    assert _counts(portal)[1] == before[1] + 1
    assert len(mailbox(api)) == 1


def test_concurrent_accounts_for_one_email_create_one(api, portal):
    """Different keys, same email: the unique email is the judge, the loser gets the 409."""
    before = _counts(portal)
    barrier = threading.Barrier(3)
    results: list[httpx.Response] = []

    def send(index: int) -> None:
        body = account_body(**{"students.0.firstName": f"Kid{'abc'[index]}"})
        with httpx.Client(base_url=portal.url, timeout=30) as client:
            barrier.wait()
            results.append(create(client, body, key=f"key-{index}"))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results) == [201, 409, 409], [r.text for r in results]
    assert _counts(portal)[1] == before[1] + 1
