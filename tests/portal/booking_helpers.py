"""Shortcuts for the booking and payments tests: families, cart calls, catalog tweaks in the DB."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select

from portal.models import (
    CartItem,
    ClassOffering,
    Family,
    Guardian,
    Organisation,
    Student,
    guardian_families,
)
from portal.seed import DEMO_EMAIL_SIMPSON
from portal.services import accounts, auth
from tests.clock_helpers import born, card_expiry_year, now
from tests.portal.helpers import V1, bearer, token_for

VISA = "4242424242424242"
MASTERCARD = "5555555555554444"
AMEX = "378282246310005"
DISCOVER = "6011111111111117"
DECLINED = "4000000000000002"
INSUFFICIENT = "4000000000009995"
PROCESSOR_ERROR = "4000000000000119"
ROUTING = "110000000"
ACCOUNT_OK = "000123456789"
ACCOUNT_DECLINED = "000111111116"


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


class Shopper:
    """One signed-in family talking to the portal."""

    def __init__(self, api: httpx.Client, token: str) -> None:
        self.api = api
        self.headers = bearer(token)

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.api.get(f"{V1}{path}", headers=self.headers, params=params)

    def post(self, path: str, body: Any, idem: str | None = None) -> httpx.Response:
        headers = dict(self.headers)
        if idem is not None:
            headers["Idempotency-Key"] = idem
        return self.api.post(f"{V1}{path}", headers=headers, json=body)

    def family(self) -> dict[str, Any]:
        response = self.get("/family")
        assert response.status_code == 200, response.text
        return response.json()

    def student_id(self, first_name: str) -> int:
        return next(s["id"] for s in self.family()["students"] if s["firstName"] == first_name)

    def cart(self) -> dict[str, Any]:
        response = self.get("/family/cart")
        assert response.status_code == 200, response.text
        return response.json()

    def add(self, body: dict[str, Any], idem: str | None = None) -> httpx.Response:
        return self.post("/family/cart/items", body, idem or str(uuid.uuid4()))

    def add_ok(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.add(body)
        assert response.status_code == 201, response.text
        return response.json()

    def remove(self, item_id: int) -> httpx.Response:
        return self.api.delete(f"{V1}/family/cart/items/{item_id}", headers=self.headers)

    def checkout(self, payment: dict[str, Any] | None, idem: str | None = None) -> httpx.Response:
        return self.post("/family/cart/checkout", {"payment": payment}, idem or str(uuid.uuid4()))

    def tokenize(self, number: str = VISA, **changes: Any) -> httpx.Response:
        body: dict[str, Any] = {
            "type": "card",
            "number": number,
            "expMonth": 12,
            "expYear": card_expiry_year(2),
            "cvv": "1234" if len(number) == 15 else "123",
            "zip": "62704",
            "holderName": "Marge Simpson",
        }
        body.update(changes)
        return self.post("/payments/tokenize", body)

    def card(self, number: str = VISA) -> str:
        response = self.tokenize(number)
        assert response.status_code == 201, response.text
        return str(response.json()["token"])

    def bank(self, account: str = ACCOUNT_OK, account_type: str = "checking") -> str:
        response = self.post(
            "/payments/tokenize",
            {
                "type": "echeck",
                "routingNumber": ROUTING,
                "accountNumber": account,
                "accountType": account_type,
                "holderName": "Marge Simpson",
            },
        )
        assert response.status_code == 201, response.text
        return str(response.json()["token"])

    def pay(self, body: dict[str, Any], idem: str | None = None) -> httpx.Response:
        return self.post("/family/payments", body, idem or str(uuid.uuid4()))


def simpson(api: httpx.Client) -> Shopper:
    return Shopper(api, token_for(api, DEMO_EMAIL_SIMPSON))


def new_family(
    portal: Any, name: str, kids: tuple[tuple[str, int], ...] = (("Kid", 9),)
) -> tuple[str, int, list[int]]:
    """A family made straight in the database, with a bound token (no password hashing, so
    twenty of them are quick). `kids` are (first name, age in years). Returns (token,
    family id, student ids)."""
    with portal.session_factory.begin() as session:
        org_id = session.scalars(select(Organisation.id)).one()
        slug = f"{name.lower()}-{uuid.uuid4().hex[:8]}"
        guardian = Guardian(
            organisation_id=org_id,
            first_name="Pat",
            last_name=name,
            email=f"{slug}@example.com",
            password_hash="not-a-hash",
        )
        family = Family(
            organisation_id=org_id,
            name=name,
            students=[
                Student(
                    organisation_id=org_id,
                    first_name=first,
                    last_name=name,
                    birth_date=born(years, days=30),
                )
                for first, years in kids
            ],
        )
        session.add_all([guardian, family])
        session.flush()
        session.execute(
            guardian_families.insert().values(
                guardian_id=guardian.id, family_id=family.id, is_primary=True
            )
        )
        accounts.accept_required_policies(session, family, guardian.id)  # as at the front desk
        issued = auth.issue_token(session, guardian, family)
        return issued.token, family.id, [s.id for s in family.students]


# --------------------------------------------------------------------------- catalog tweaks


def set_class(portal: Any, class_id: int, **values: Any) -> None:
    """Change a class through the ORM (so the change feed records it)."""
    with portal.session_factory.begin() as session:
        cls = session.get(ClassOffering, class_id)
        assert cls is not None
        for name, value in values.items():
            setattr(cls, name, value)


def open_seats(portal: Any, class_id: int, seats: int) -> None:
    """Make the class have exactly `seats` openings (and a date range around today)."""
    with portal.session_factory.begin() as session:
        cls = session.get(ClassOffering, class_id)
        assert cls is not None
        cls.capacity = cls.enrolled + cls.held_seats + seats


def class_row(portal: Any, class_id: int) -> ClassOffering:
    with portal.session_factory() as session:
        cls = session.get(ClassOffering, class_id)
        assert cls is not None
        return cls


def find_class(portal: Any, name: str, day_name: str) -> int:
    day = {"Sun": 1, "Mon": 2, "Tue": 3, "Wed": 4, "Thu": 5, "Fri": 6, "Sat": 7}[day_name]
    with portal.session_factory() as session:
        for cls in session.scalars(
            select(ClassOffering).where(ClassOffering.name == name).order_by(ClassOffering.id)
        ):
            if any(int(s["dayNumber"]) == day for s in cls.schedule):
                return cls.id
    raise AssertionError(f"no {name} on {day_name}")


def expire_holds(portal: Any, family_id: int | None = None) -> None:
    """Move holds' expiry into the past, as if the cart had sat there too long."""
    past = now() - timedelta(seconds=5)
    with portal.session_factory.begin() as session:
        query = select(CartItem).where(CartItem.seat_held.is_(True))
        if family_id is not None:
            query = query.where(CartItem.family_id == family_id)
        for item in session.scalars(query):
            item.hold_expires_at = past


def count(portal: Any, model: Any, *where: Any) -> int:
    with portal.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def latest_class_record(api: httpx.Client, class_id: int, after: int = 0) -> dict[str, Any] | None:
    """The newest `class` record for `class_id` in the change feed after `after`."""
    found = None
    cursor = after
    while True:
        page = api.get(f"{V1}/sync/changes", params={"after": cursor, "limit": 1000}).json()
        for change in page["changes"]:
            if change["entity"] == "class" and change["id"] == str(class_id):
                found = change["data"]
        cursor = page["cursor"]
        if not page["hasMore"]:
            return found


def feed_latest(api: httpx.Client) -> int:
    return int(api.get(f"{V1}/sync/changes", params={"after": 0, "limit": 1}).json()["latest"])
