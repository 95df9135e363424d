"""Form fuzzing: junk (empty, huge, any script, emoji, RTL marks, control characters, NUL, lone
surrogates, SQL and HTML fragments) typed into every kiosk form and sent to the real portal.

The kiosk's checks (kiosk.validation, kiosk.accounts, kiosk.payments, the staff PIN, the staff
settings form) answer one plain sentence or nothing, never raise, and never repeat a card or
bank number; what they let through is clean and the portal agrees with it. The kiosk's
services (FamilySession, PaymentService, StaffSession, CartService) end every junk submission
in a sentence for the family or a success. The portal itself, sent the same junk over HTTP on
the matching routes (create account, login, edit details, staff family search, cart add, card
entry), answers 4xx with a message, never 5xx, and stores nothing it refused (checked in its
database). Examples per test: FUZZ_PROFILE (tests/reliability/conftest.py).
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
import requests
from hypothesis import assume, example, given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError
from sqlalchemy import func, select

from kiosk import validation
from kiosk.accounts import (
    GUARDIAN_FIELDS,
    FamilySession,
    FormErrors,
    check_field,
    guardian_payload,
    new_account_problems,
    student_payload,
)
from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError
from kiosk.cart import BookingRefused, CartService
from kiosk.config import SettingsError, settings_from_values
from kiosk.outbox import OutboxSender
from kiosk.payments import (
    PaymentFormErrors,
    PaymentMethod,
    PaymentService,
    card_brand,
    check_card_number,
    check_payment_field,
    digits,
    luhn_ok,
    masked,
    parse_expiry,
)
from kiosk.staff import StaffSession, StaffSignInFailed, hash_local_pin
from kiosk.staff import verify_local_pin as verify_fallback_pin
from portal import rules
from portal.models import AuthToken, CartItem, EmergencyContact, Guardian, Student
from portal.models import PaymentMethod as Card
from portal.seed import DEMO_ACCOUNT, DEMO_STAFF_PINS
from tests.clock_helpers import facility_today
from tests.portal.helpers import enrolled_credential
from tests.reliability.recorder import record

# A deprecation in the portal's SQL is tomorrow's 500: make it one today.
pytestmark = [pytest.mark.fuzz, pytest.mark.filterwarnings("error::DeprecationWarning")]

V1 = f"/api/v1/{DEMO_ACCOUNT}"
PASSWORD = "steady-kiosk-network"
STAFF_PIN = next(iter(DEMO_STAFF_PINS))

# ----- the junk ---------------------------------------------------------------------------------

FRAGMENTS = [
    "",
    " ",
    "\t\n\r",
    " , ; ",  # only separators (the staff search once built an empty SQL OR from it)
    "'; DROP TABLE guardians; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM students;--",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt;&#0;",
    "\x00",
    "abc\x00def",
    "\x1b[31m",
    "\x7f\x08",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u061c",  # RTL/LTR marks
    "שלום עולם",
    "مرحبا بالعالم",
    "Zoë Ñúñez-O'Brien",
    "e\u0301",  # e + combining accent
    "👨‍👩‍👧‍👦",
    "🙂" * 30,
    "\ufeff\u200b",
    "\ud800",  # a lone surrogate
    "١٢٣٤٥٦٧٨٩٠",  # Arabic-Indic digits
    "１２３４５",  # full-width digits
    "4242424242424242",
    "4242 4242 4242 4242",
    "378282246310005",
    "110000000",
    "000123456789",
    "12/30",
    "2016-05-01",
    "05/01/2016",
    "217-555-0101",
    "62704",
    "IL",
    "marge@example.com",
    "%s%n%x",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "null",
    "-1",
    "9" * 40,
]
HUGE = ["x" * 100_000, "9" * 20_000, "é" * 30_000, "👍" * 20_000, "a@" * 5_000]


def _joined(parts: list[str]) -> str:
    return "".join(parts)


text_junk = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=5).map(_joined),
    st.sampled_from(HUGE),
)
# What a JSON body can carry besides text.
json_junk = st.one_of(
    text_junk,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.sampled_from(FRAGMENTS), max_size=3),
    st.dictionaries(st.sampled_from(["a", "$ne", "id"]), st.sampled_from(FRAGMENTS), max_size=2),
)

figures: Counter[str] = Counter()


def _tally(kind: str, status: int | None = None) -> None:
    figures["inputs"] += 1
    figures[kind] += 1
    if status is not None and status >= 500:
        figures["5xx"] += 1


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    figures.clear()
    yield
    if figures["inputs"]:
        record(
            "form fuzzing",
            operations=figures["inputs"],
            server_errors=figures["5xx"],
            note=f"{figures['refused']} refused with a sentence, {figures['accepted']} accepted",
        )


# ----- what counts as an answer ----------------------------------------------------------------

CARD_RUN = re.compile(r"\d{4,}")


def _is_sentence(message: object) -> bool:
    return isinstance(message, str) and bool(message.strip()) and "Traceback" not in message


def _echoes_numbers(message: str, typed: str) -> bool:
    """True when the message repeats 4+ digits in a row from what was typed."""
    return any(run in message for run in CARD_RUN.findall(typed))


def _has_unusual(text: str) -> bool:
    return rules._has_unusual_characters(text)


def _portal_accepts(rule: Callable[[Any], Any], value: str) -> bool:
    try:
        rule(value)
    except PydanticCustomError:
        return False
    return True


def _non_ascii_digits(value: str) -> bool:
    return any(ch.isdigit() and not ch.isascii() for ch in value)


# ----- 1. the kiosk's checks, alone ------------------------------------------------------------

KIOSK_CHECKS: dict[str, Callable[[str], str | None]] = {
    "required": lambda v: validation.check_required(v, "the street address"),
    "name": lambda v: validation.check_name(v, "a first name"),
    "email": validation.check_email,
    "phone": validation.check_phone,
    "zip": validation.check_zip,
    "state": validation.check_state,
    "password": validation.check_password,
    "birth date": lambda v: validation.check_birth_date(v, facility_today()),
    "code": validation.check_code,
    **{f"account form {name}": (lambda v, n=name: check_field(n, v)) for name in GUARDIAN_FIELDS},
    **{
        f"payment {name}": (lambda v, n=name: check_payment_field(n, v, "4242424242424242"))
        for name in (
            "cardNumber",
            "expiry",
            "cvv",
            "zip",
            "routingNumber",
            "accountNumber",
            "holderName",
        )
    },
    "payment cvv (Amex)": lambda v: check_payment_field("cvv", v, "378282246310005"),
}
# Typed as is: the kiosk only asks that something is there (the portal judges the characters).
FREE_TEXT = {
    "required",
    "password",
    "account form line1",
    "payment holderName",
}
# Kiosk check -> the portal rule for the same field (None: the portal takes the field as is).
PORTAL_RULES: dict[str, Callable[[Any], Any]] = {
    "name": rules.name_rule("a first name"),
    "email": rules.email_rule,
    "phone": rules.phone_rule,
    "zip": rules.zip_rule,
    "state": rules.state_rule,
}


@given(value=text_junk)
def test_every_kiosk_check_says_one_sentence_or_lets_a_clean_value_through(value):
    for name, check in KIOSK_CHECKS.items():
        _tally("kiosk check")
        message = check(value)
        if message is not None:
            figures["refused"] += 1
            assert _is_sentence(message), (name, value, message)
            assert not _echoes_numbers(message, value), (name, message)
            continue
        figures["accepted"] += 1
        if name not in FREE_TEXT:
            assert not _has_unusual(value.strip()), (name, value)
        portal_rule = PORTAL_RULES.get(name)
        if portal_rule is not None and not _non_ascii_digits(value):
            assert _portal_accepts(portal_rule, value), f"kiosk took {value!r} as a {name}"
    if validation.check_birth_date(value, facility_today()) is None:
        born = validation.parse_birth_date(value)
        assert born is not None and born < facility_today()
    if validation.check_phone(value) is None and value.isascii():
        assert len(validation.phone_digits(value)) == 10
    if check_card_number(value) is None:
        number = digits(value)
        assert 13 <= len(number) <= 19 and luhn_ok(number) and card_brand(number)
    if check_payment_field("expiry", value) is None:
        month, year = parse_expiry(value)
        assert 1 <= month <= 12 and (year, month) >= (facility_today().year, facility_today().month)


@given(value=text_junk)
def test_a_masked_number_shows_four_digits_at_most(value):
    _tally("kiosk check")
    shown = masked(value)
    assert len(re.findall(r"\d", shown)) <= 4
    assert repr(value) not in shown


@given(
    guardian=st.fixed_dictionaries({name: text_junk for name in GUARDIAN_FIELDS}),
    password=text_junk,
    student=st.fixed_dictionaries({n: text_junk for n in ("firstName", "lastName", "birthDate")}),
    contact=st.fixed_dictionaries({n: text_junk for n in ("name", "phone", "relationship")}),
)
def test_the_create_account_form_lists_sentences_by_field_or_builds_a_clean_body(
    guardian, password, student, contact
):
    _tally("kiosk form")
    problems = new_account_problems(guardian, password, [student], contact)
    assert all(isinstance(k, str) and _is_sentence(v) for k, v in problems.items())
    assert all(not _echoes_numbers(v, password) for v in problems.values())
    body = guardian_payload(guardian)  # never raises, whatever was typed
    kid = student_payload(student)
    if problems:
        figures["refused"] += 1
        return
    figures["accepted"] += 1
    assert body["email"] == guardian["email"].strip()
    assert date.fromisoformat(kid["birthDate"]) < facility_today()


@pytest.fixture(scope="module")
def fallback_pin_hash() -> str:
    return hash_local_pin("97531")


@given(pin=text_junk)
def test_the_offline_staff_pin_check_answers_yes_or_no(pin, fallback_pin_hash):
    _tally("kiosk check")
    assert verify_fallback_pin(pin, fallback_pin_hash) is (pin == "97531")
    assert verify_fallback_pin(pin, pin) is False  # a junk stored value is a "no", too


@given(
    field=st.sampled_from(
        ["portal_url", "account", "location_id", "device_id", "request_timeout_s", "idle_timeout_s"]
    ),
    value=json_junk,
)
def test_the_staff_settings_form_names_each_bad_field(field, value, tmp_path_factory):
    _tally("kiosk form")
    values: dict[str, Any] = {
        "portal_url": "http://127.0.0.1:8000",
        "account": "demo",
        "device_id": "kiosk-1",
        "data_dir": str(tmp_path_factory.getbasetemp() / "settings-fuzz"),
        field: value,
    }
    try:
        settings = settings_from_values(values)
    except SettingsError as exc:
        figures["refused"] += 1
        assert exc.problems and all(_is_sentence(v) for v in exc.problems.values())
        assert field in exc.problems, exc.problems
        return
    figures["accepted"] += 1
    assert settings.account and settings.portal_url.startswith(("http://", "https://"))


# ----- 2. the kiosk's services and the portal, over HTTP ---------------------------------------


@dataclass
class Visit:
    """One family of its own (so that accepted junk edits change nobody else), signed in."""

    portal: Any
    http: requests.Session
    email: str
    token: str
    family_id: int
    guardian_id: int
    student_id: int
    class_id: int
    staff_token: str
    staff: StaffSession  # the kiosk's staff sign-in, with a client of its own

    def url(self, path: str) -> str:
        return f"{self.portal.url}{V1}{path}"

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def client(self) -> PortalClient:
        """A kiosk's client; family calls are given `self.token` (the client keeps none)."""
        return PortalClient(self.portal.url, DEMO_ACCOUNT, timeout=30, max_retries=0)

    def count(self, model: Any, **where: Any) -> int:
        with self.portal.session_factory() as session:
            query = select(func.count()).select_from(model)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return int(session.scalar(query) or 0)


def _answered(response: requests.Response) -> tuple[int, dict[str, Any]]:
    """(status, JSON body) of an answer that must be JSON with a message when it is a refusal."""
    _tally("portal", response.status_code)
    assert response.status_code < 500, response.text[:500]
    body = response.json() if response.content else {}
    if response.status_code >= 400:
        figures["refused"] += 1
        assert 400 <= response.status_code < 500
        assert _is_sentence(body.get("message")), response.text[:500]
    else:
        figures["accepted"] += 1
    return response.status_code, body


@pytest.fixture(scope="module")
def visit(shared_portal: Any) -> Iterator[Visit]:
    http = requests.Session()
    email = f"fuzz.{uuid.uuid4().hex[:8]}@example.com"
    body = {
        "guardian": {
            "firstName": "Fuzz",
            "lastName": "Tester",
            "email": email,
            "phone": "217-555-0142",
            "address": {"line1": "1 Elm St", "city": "Springfield", "state": "IL", "zip": "62701"},
        },
        "password": PASSWORD,
        "students": [{"firstName": "Kid", "lastName": "Tester", "birthDate": "2016-05-01"}],
        "emergencyContact": {"name": "Pat Helper", "phone": "2175550123"},
        "deviceId": "form-fuzz",
    }
    base = f"{shared_portal.url}{V1}"
    http.headers["X-Kiosk-Credential"] = enrolled_credential(shared_portal, "Form fuzz desk")
    created = http.post(f"{base}/accounts", json=body, headers={"Idempotency-Key": "fuzz-setup"})
    assert created.status_code == 201, created.text
    token = created.json()["token"]
    family = http.get(f"{base}/family", headers={"Authorization": f"Bearer {token}"}).json()
    staff = http.post(f"{base}/staff/login", json={"pin": STAFF_PIN, "deviceId": "form-fuzz"})
    assert staff.status_code == 200, staff.text
    classes = http.get(f"{shared_portal.url}/api/open/v1/{DEMO_ACCOUNT}/classes").json()["data"]
    staff_client = PortalClient(shared_portal.url, DEMO_ACCOUNT, timeout=30, max_retries=0)
    staff_client.set_kiosk_credential(enrolled_credential(shared_portal, "Form fuzz kiosk"))
    kiosk_staff = StaffSession(staff_client, "form-fuzz-kiosk", None)
    kiosk_staff.sign_in(STAFF_PIN)  # before any junk PIN can count against the throttle
    yield Visit(
        portal=shared_portal,
        http=http,
        email=email,
        token=token,
        family_id=int(family["id"]),
        guardian_id=int(family["guardians"][0]["id"]),
        student_id=int(family["students"][0]["id"]),
        class_id=int(classes[0]["id"]),
        staff_token=staff.json()["token"],
        staff=kiosk_staff,
    )
    staff_client.close()
    http.close()


ACCOUNT_FIELDS = [
    "guardian.firstName",
    "guardian.lastName",
    "guardian.email",
    "guardian.phone",
    "guardian.address.line1",
    "guardian.address.line2",
    "guardian.address.city",
    "guardian.address.state",
    "guardian.address.zip",
    "password",
    "students.0.firstName",
    "students.0.lastName",
    "students.0.birthDate",
    "students.0.gender",
    "emergencyContact.name",
    "emergencyContact.phone",
    "emergencyContact.relationship",
    "deviceId",
]


def _new_account(email: str) -> dict[str, Any]:
    return {
        "guardian": {
            "firstName": "Edna",
            "lastName": "Krabappel",
            "email": email,
            "phone": "217-555-0199",
            "address": {
                "line1": "19 Walnut St",
                "line2": "",
                "city": "Springfield",
                "state": "IL",
                "zip": "62701",
            },
        },
        "password": PASSWORD,
        "students": [
            {"firstName": "Martin", "lastName": "Prince", "birthDate": "2016-05-01", "gender": ""}
        ],
        "emergencyContact": {"name": "Seymour Skinner", "phone": "2175550123"},
        "deviceId": "form-fuzz",
    }


def _set(body: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        body = body[int(part)] if isinstance(body, list) else body[part]
    if isinstance(body, list):
        body[int(last)] = value
    else:
        body[last] = value


@given(field=st.sampled_from(ACCOUNT_FIELDS), value=json_junk)
def test_create_account_refuses_junk_and_stores_nothing(visit, field, value):
    email = f"new.{uuid.uuid4().hex[:10]}@example.com"
    body = _new_account(email)
    _set(body, field, value)
    guardians = visit.count(Guardian)
    response = visit.http.post(
        visit.url("/accounts"), json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    status, answer = _answered(response)
    if status >= 400:
        assert visit.count(Guardian) == guardians  # nothing half-made
        if status == 400:
            assert answer.get("errors"), answer
        assert not _echoes_numbers(answer["message"], str(value))


@given(field=st.sampled_from((*GUARDIAN_FIELDS, "password")), value=text_junk)
def test_the_kiosks_create_account_ends_in_a_sentence_or_a_signed_in_family(visit, field, value):
    guardian = {
        "firstName": "Edna",
        "lastName": "Krabappel",
        "email": f"kiosk.{uuid.uuid4().hex[:10]}@example.com",
        "phone": "217-555-0199",
        "line1": "19 Walnut St",
        "city": "Springfield",
        "state": "IL",
        "zip": "62701",
    }
    password = PASSWORD
    if field == "password":
        password = value
    else:
        guardian[field] = value
    student = {"firstName": "Martin", "lastName": "Prince", "birthDate": "05/01/2016"}
    contact = {"name": "Seymour Skinner", "phone": "217-555-0123"}
    guardians = visit.count(Guardian)
    _tally("kiosk form")
    with visit.client() as client:
        session = FamilySession(client, "form-fuzz")
        try:
            session.create_account(guardian, password, [student], contact)
        except FormErrors as exc:
            figures["refused"] += 1
            assert exc.fields and all(_is_sentence(m) for m in exc.fields.values()), exc.fields
            assert visit.count(Guardian) == guardians
            return
        figures["accepted"] += 1
        assert session.logged_in
        session.end()


@given(email=json_junk, password=json_junk)
def test_login_refuses_junk_with_a_sentence_and_issues_no_token(visit, email, password):
    tokens = visit.count(AuthToken)
    response = visit.http.post(
        visit.url("/auth/login"),
        json={"email": email, "password": password, "deviceId": uuid.uuid4().hex},
    )
    status, _ = _answered(response)
    assert status in (400, 401, 413, 429)  # 413: a body over 256 KiB
    assert visit.count(AuthToken) == tokens


@given(email=text_junk, password=text_junk)
def test_the_kiosks_login_ends_in_a_sentence(visit, email, password):
    tokens = visit.count(AuthToken)
    _tally("kiosk form")
    with visit.client() as client:
        session = FamilySession(client, uuid.uuid4().hex)
        with pytest.raises((FormErrors, PortalError)) as refused:
            session.log_in(email, password)
    figures["refused"] += 1
    error = refused.value
    assert _is_sentence(error.message), repr(error)
    if isinstance(error, FormErrors):
        assert all(_is_sentence(m) for m in error.fields.values())
    assert visit.count(AuthToken) == tokens


def _guardian_row(visit: Visit) -> tuple[Any, ...]:
    with visit.portal.session_factory() as session:
        row = session.get(Guardian, visit.guardian_id)
        assert row is not None
        return (row.first_name, row.last_name, row.email, row.phone, row.address, row.city, row.zip)


def _contact_row(visit: Visit) -> tuple[Any, ...]:
    with visit.portal.session_factory() as session:
        row = session.scalars(
            select(EmergencyContact).where(EmergencyContact.family_id == visit.family_id)
        ).first()
        return (row.name, row.phone, row.relationship_) if row else ()


def _student_row(visit: Visit) -> tuple[Any, ...]:
    with visit.portal.session_factory() as session:
        row = session.get(Student, visit.student_id)
        assert row is not None
        return (row.first_name, row.last_name, row.birth_date, row.gender)


EDITS = {
    "guardian": ("PATCH", "/family/guardians/{guardian}", _guardian_row),
    "contact": ("PUT", "/family/emergency-contact", _contact_row),
    "student": ("PATCH", "/family/students/{student}", _student_row),
}
EDIT_FIELDS = {
    "guardian": ["firstName", "lastName", "email", "phone", "address"],
    "contact": ["name", "phone", "relationship"],
    "student": ["firstName", "lastName", "birthDate", "gender"],
}
EDIT_BASE = {"contact": {"name": "Pat Helper", "phone": "2175550123", "relationship": ""}}


@given(data=st.data(), form=st.sampled_from(sorted(EDITS)), value=json_junk)
def test_edits_refuse_junk_and_change_nothing(visit, data, form, value):
    method, path, snapshot = EDITS[form]
    field = data.draw(st.sampled_from(EDIT_FIELDS[form]), label="field")
    body = dict(EDIT_BASE.get(form, {}), **{field: value})
    before = snapshot(visit)
    response = visit.http.request(
        method,
        visit.url(path.format(guardian=visit.guardian_id, student=visit.student_id)),
        json=body,
        headers=visit.auth(),
    )
    status, _ = _answered(response)
    if status >= 400:
        assert snapshot(visit) == before


@given(field=st.sampled_from(GUARDIAN_FIELDS), value=text_junk)
def test_the_kiosks_my_account_form_ends_in_a_sentence_or_a_saved_change(visit, field, value):
    values = {
        "firstName": "Fuzz",
        "lastName": "Tester",
        "email": visit.email,
        "phone": "217-555-0142",
        "line1": "1 Elm St",
        "city": "Springfield",
        "state": "IL",
        "zip": "62701",
        field: value,
    }
    before = _guardian_row(visit)
    _tally("kiosk form")
    with visit.client() as client:
        session = FamilySession(client, "form-fuzz")
        session._token = visit.token  # signed in as the visit, without a login per example
        try:
            session.update_guardian(visit.guardian_id, values)
        except FormErrors as exc:
            figures["refused"] += 1
            assert exc.fields and all(_is_sentence(m) for m in exc.fields.values()), exc.fields
            assert _guardian_row(visit) == before
            return
        except PortalError as exc:  # e.g. 409 "That email is already in use..."
            figures["refused"] += 1
            assert _is_sentence(exc.message) and 400 <= (exc.status or 0) < 500, repr(exc)
            assert _guardian_row(visit) == before
            return
    figures["accepted"] += 1
    visit.email = _guardian_row(visit)[2]  # the login email follows an accepted change


# uvicorn refuses a request line over 16 KiB before the portal sees it (test below).
URL_BUDGET = 8_000


@given(query=text_junk)
@example(query=" , ; ")
def test_staff_family_search_takes_any_text(visit, query):
    raw = quote_from_bytes(query.encode("utf-8", "surrogatepass"), safe="")
    assume(len(raw) <= URL_BUDGET)
    response = visit.http.get(
        f"{visit.url('/staff/families')}?q={raw}",
        headers={"Authorization": f"Bearer {visit.staff_token}"},
    )
    status, answer = _answered(response)
    if status == 200:
        assert isinstance(answer["families"], list) and len(answer["families"]) <= 20


def _searchable(query: str) -> bool:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in query):
        return False  # the known failure below
    return len(query.encode()) * 3 <= URL_BUDGET


@given(query=text_junk.filter(_searchable))
def test_the_kiosks_staff_search_ends_in_matches_or_a_sentence(visit, query):
    _tally("kiosk form")
    try:
        matches = visit.staff.search(query)
    except PortalError as exc:
        figures["refused"] += 1
        assert _is_sentence(exc.message)
        return
    figures["accepted"] += 1
    assert all(match.family_id > 0 for match in matches)


def test_a_search_longer_than_any_address_is_refused_not_a_crash(visit):
    query = "x" * 100_000
    response = visit.http.get(
        visit.url("/staff/families"),
        params={"q": query},
        headers={"Authorization": f"Bearer {visit.staff_token}"},
    )
    _tally("portal", response.status_code)
    figures["refused"] += 1
    assert response.status_code == 400  # uvicorn's "Invalid HTTP request received."
    with pytest.raises(PortalError) as refused:
        visit.staff.search(query)
    assert _is_sentence(refused.value.message) and refused.value.status == 400


def test_a_lone_surrogate_in_the_staff_search_is_a_sentence_not_a_crash(visit):
    with pytest.raises(PortalError) as refused:
        visit.staff.search("Simp\ud800son")
    assert _is_sentence(refused.value.message)


@given(pin=text_junk)
def test_the_staff_pin_ends_in_a_sentence(visit, pin):
    assume(pin not in DEMO_STAFF_PINS)
    _tally("kiosk form")
    with visit.client() as client:
        staff = StaffSession(client, uuid.uuid4().hex, None)
        with pytest.raises(StaffSignInFailed) as refused:
            staff.sign_in(pin)
    figures["refused"] += 1
    assert _is_sentence(refused.value.message)
    assert not staff.signed_in


CART_FIELDS = ["kind", "classId", "studentId", "startDate", "waitlist", "quantity", "message"]


@given(field=st.sampled_from(CART_FIELDS), value=json_junk)
def test_cart_add_refuses_junk_and_holds_nothing(visit, field, value):
    # A student who is not theirs: never a real hold, whatever else is sent.
    item: dict[str, Any] = {"kind": "class", "classId": visit.class_id, "studentId": 999_999_999}
    item[field] = value
    assume(str(item["studentId"]).strip() != str(visit.student_id))
    held = visit.count(CartItem, family_id=visit.family_id)
    response = visit.http.post(
        visit.url("/family/cart/items"),
        json=item,
        headers={**visit.auth(), "Idempotency-Key": str(uuid.uuid4())},
    )
    status, _ = _answered(response)
    assert status >= 400, item  # no student of theirs, so never a line in the cart
    assert visit.count(CartItem, family_id=visit.family_id) == held


@given(field=st.sampled_from(["classId", "studentId", "startDate", "kind"]), value=json_junk)
def test_the_kiosks_cart_ends_in_a_sentence(visit, field, value):
    item: dict[str, Any] = {"kind": "class", "classId": visit.class_id, "studentId": 999_999_999}
    item[field] = value
    assume(str(item["studentId"]).strip() != str(visit.student_id))
    held = visit.count(CartItem, family_id=visit.family_id)
    _tally("kiosk form")
    with visit.client() as client, pytest.raises((BookingRefused, PortalError)) as refused:
        CartService(client, lambda: visit.token).add(item)
    figures["refused"] += 1
    assert _is_sentence(refused.value.message)
    assert visit.count(CartItem, family_id=visit.family_id) == held


CARD_FIELDS = ["cardNumber", "expiry", "cvv", "zip", "holderName"]
BANK_FIELDS = ["routingNumber", "accountNumber", "holderName", "accountType"]


@given(
    method=st.sampled_from(["card", "echeck"]),
    data=st.data(),
    value=text_junk,
)
def test_card_and_bank_entry_end_in_a_sentence_without_the_number(
    visit, tmp_path_factory, method, data, value
):
    fields = {
        "card": {
            "cardNumber": "4242 4242 4242 4242",
            "expiry": f"12/{(facility_today().year + 3) % 100:02d}",
            "cvv": "123",
            "zip": "62704",
            "holderName": "Fuzz Tester",
        },
        "echeck": {
            "routingNumber": "110000000",
            "accountNumber": "000123456789",
            "holderName": "Fuzz Tester",
            "accountType": "checking",
        },
    }[method]
    field = data.draw(st.sampled_from(CARD_FIELDS if method == "card" else BANK_FIELDS))
    fields[field] = value
    cards = visit.count(Card, family_id=visit.family_id)
    _tally("kiosk form")
    cache = _cache(tmp_path_factory)
    with visit.client() as client:
        payments = PaymentService(client, OutboxSender(client, cache), token=lambda: visit.token)
        tokenize = payments.tokenize_keyed_card if method == "card" else payments.tokenize_echeck
        try:
            card = tokenize(dict(fields))
        except PaymentFormErrors as exc:
            figures["refused"] += 1
            assert exc.fields and all(_is_sentence(m) for m in exc.fields.values())
            for message in [exc.message, *exc.fields.values()]:
                assert not _echoes_numbers(message, value), message
            assert visit.count(Card, family_id=visit.family_id) == cards
            return
        except PortalError as exc:  # e.g. a body too large to send
            figures["refused"] += 1
            assert _is_sentence(exc.message) and not _echoes_numbers(exc.message, value)
            assert visit.count(Card, family_id=visit.family_id) == cards
            return
    figures["accepted"] += 1
    assert isinstance(card, PaymentMethod) and len(card.last4) == 4


_caches: dict[str, Any] = {}


def _cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kiosk.cache.db import open_cache

    if "cache" not in _caches:
        path: Path = tmp_path_factory.mktemp("form-fuzz") / "kiosk-cache.sqlite3"
        _caches["cache"] = open_cache(path)
    return _caches["cache"]


TOKENIZE_FIELDS = ["type", "number", "expMonth", "expYear", "cvv", "zip", "holderName"]


@given(field=st.sampled_from([*TOKENIZE_FIELDS, "routingNumber", "accountNumber"]), value=json_junk)
def test_tokenize_refuses_junk_without_repeating_the_number(visit, field, value):
    body: dict[str, Any] = {
        "type": "echeck" if field in ("routingNumber", "accountNumber") else "card",
        "number": "4242424242424242",
        "expMonth": 12,
        "expYear": facility_today().year + 3,
        "cvv": "123",
        "zip": "62704",
        "holderName": "Fuzz Tester",
        "routingNumber": "110000000",
        "accountNumber": "000123456789",
        "accountType": "checking",
        field: value,
    }
    cards = visit.count(Card, family_id=visit.family_id)
    response = visit.http.post(visit.url("/payments/tokenize"), json=body, headers=visit.auth())
    status, answer = _answered(response)
    if status >= 400:
        assert visit.count(Card, family_id=visit.family_id) == cards
        everything = response.text
        for number in ("4242424242424242", "000123456789", *CARD_RUN.findall(str(value))):
            assert number not in everything, everything[:300]
        assert answer["message"]


# ----- 3. where the kiosk and the portal disagree -----------------------------------------------


@pytest.mark.parametrize("value", ["٢١٧٥٥٥٠١٠١", "２１７５５５０１０１", "٦٢٧٠٤", "６２７０４"])
def test_the_kiosk_refuses_digits_the_portal_refuses(value):
    kiosk_check = validation.check_phone if len(value) == 10 else validation.check_zip
    portal_rule = rules.phone_rule if len(value) == 10 else rules.zip_rule
    assert _portal_accepts(portal_rule, value) is False
    assert kiosk_check(value) is not None
