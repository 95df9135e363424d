"""The kiosk core's "add to the cart" and "pay" use cases against the real portal: a full class
goes on its waitlist, a waitlist the portal offers is joined with the same request, and a quote
the credit covers is paid without a card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.accounts import FamilySession
from kiosk.api.client import PortalClient
from kiosk.cache.db import open_cache
from kiosk.cart import BookingRefused, CartService, ClassRequest
from kiosk.domain import ClassOffering
from kiosk.outbox import OutboxSender
from kiosk.payments import (
    PaymentFormErrors,
    PaymentService,
    Receipt,
    SimulatedCardReader,
    credit_covers,
)
from portal.models import CartItem as PortalCartItem
from portal.models import ClassOffering as PortalClass
from portal.models import Enrollment, Family, Product, Student
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from portal.services import catalog as portal_catalog


@pytest.fixture
def client(portal) -> Iterator[PortalClient]:
    with PortalClient(portal.url, "demo") as client:
        yield client


@pytest.fixture
def visit(client: PortalClient) -> FamilySession:
    """Marge logged in at the kiosk: the visit whose token every call carries."""
    family = FamilySession(client, "kiosk-cart-use-cases")
    family.log_in(DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    return family


@pytest.fixture
def cart(client: PortalClient, visit: FamilySession) -> CartService:
    return CartService(client, lambda: visit.token)


def _class_for_bart(portal, *, full: bool) -> tuple[int, int]:
    """A class at the home location Bart is not in, open to any age; full (keeping a
    waitlist) or with seats."""
    with portal.session_factory.begin() as s:
        bart = s.scalars(
            select(Student)
            .join(Family)
            .where(Family.name == "Simpson", Student.first_name == "Bart")
        ).one()
        taken = select(Enrollment.class_id).where(Enrollment.student_id == bart.id)
        class_id = s.scalars(
            select(PortalClass.id)
            .where(PortalClass.location_id == 1, PortalClass.id.not_in(taken))
            .order_by(PortalClass.id)
        ).first()
        assert class_id is not None
        cls = portal_catalog.update_class(
            s, class_id, min_age_months=None, max_age_months=None, allow_waitlist=True
        )
        cls.capacity, cls.enrolled, cls.held_seats = 10, (10 if full else 0), 0
        return class_id, bart.id


def _cached(class_id: int, openings: int) -> ClassOffering:
    """The class as a kiosk's cache would hold it: only its openings matter here."""
    return ClassOffering(
        id=class_id,
        location_id=1,
        name="Any class",
        program_id=None,
        level_id=None,
        min_age_months=None,
        max_age_months=None,
        schedule=(),
        instructor_names=(),
        capacity=10,
        openings=openings,
        allow_waitlist=True,
        tuition_cents=None,
    )


def _portal_lines(portal) -> list[PortalCartItem]:
    with portal.session_factory() as s:
        return list(s.scalars(select(PortalCartItem).order_by(PortalCartItem.id)))


def test_a_class_the_cache_shows_full_goes_on_its_waitlist(portal, cart):
    class_id, bart = _class_for_bart(portal, full=True)
    cart = cart.add_class(class_id, [bart], cached=_cached(class_id, 0))
    assert [(line.waitlist, line.student_name) for line in cart.lines] == [(True, "Bart")]
    assert [(i.class_id, i.waitlist) for i in _portal_lines(portal)] == [(class_id, True)]


def test_a_class_with_a_seat_is_enrolled_not_waitlisted(portal, cart):
    class_id, bart = _class_for_bart(portal, full=False)
    cart = cart.add_class(class_id, [bart], cached=_cached(class_id, 10))
    assert [line.waitlist for line in cart.lines] == [False]
    assert [(i.class_id, i.waitlist) for i in _portal_lines(portal)] == [(class_id, False)]


def test_a_full_class_the_cache_thought_open_offers_its_waitlist_and_joins_it(portal, cart):
    class_id, bart = _class_for_bart(portal, full=True)
    service = cart
    start = "2026-12-12"
    with pytest.raises(BookingRefused) as refused:
        service.add_class(class_id, [bart], start, cached=_cached(class_id, 3))
    assert refused.value.waitlist_offer
    assert service.waitlist_offer == ClassRequest(class_id, (bart,), start)
    assert _portal_lines(portal) == []

    cart = service.join_waitlist()
    assert [line.waitlist for line in cart.lines] == [True]
    assert [(i.class_id, i.waitlist) for i in _portal_lines(portal)] == [(class_id, True)]
    assert service.waitlist_offer is None
    # Another item is not a class: nothing of the class's offer is left to join.
    assert service.join_waitlist() is service.cart


def test_a_product_and_a_gift_card_reach_the_portals_cart_as_chosen(portal, cart):
    with portal.session_factory() as s:
        product_id = s.scalars(select(Product.id).where(Product.location_id == 1)).first()
    service = cart
    service.add_product(product_id, 2)
    cart = service.add_gift_card(2500, "milhouse@example.com", "Milhouse", "Happy birthday!")
    assert sorted(line.kind for line in cart.lines) == ["giftcard", "product"]
    product, gift = _portal_lines(portal)
    assert (product.product_id, product.quantity) == (product_id, 2)
    assert (gift.amount_cents, gift.details["recipientEmail"]) == (2500, "milhouse@example.com")


def _payments(client: PortalClient, visit: FamilySession, tmp_path: Path) -> PaymentService:
    return PaymentService(
        client,
        OutboxSender(client, open_cache(tmp_path / "cache.sqlite3")),
        token=lambda: visit.token,
    )


def _simpson_credit(portal, cents: int) -> None:
    with portal.session_factory.begin() as s:
        s.scalars(select(Family).where(Family.name == "Simpson")).one().credit_balance_cents = cents


def test_a_quote_the_credit_covers_is_paid_without_any_card(portal, client, visit, tmp_path):
    _simpson_credit(portal, 1_000_000)
    payments = _payments(client, visit, tmp_path)
    quote = payments.quote("charges", None, use_credit=True)
    assert quote.due_cents > 0 and credit_covers(quote)
    # The declined test card is never read: the credit pays it all.
    outcome = payments.pay_quote_by(quote, "reader:declined", {}, SimulatedCardReader())
    assert isinstance(outcome, Receipt)
    assert (outcome.charged_cents, outcome.credit_applied_cents) == (0, quote.due_cents)


def test_a_quote_the_credit_leaves_a_rest_of_asks_how_to_pay_it(portal, client, visit, tmp_path):
    _simpson_credit(portal, 0)
    payments = _payments(client, visit, tmp_path)
    quote = payments.quote("charges", None, use_credit=True)
    assert not credit_covers(quote)
    with pytest.raises(PaymentFormErrors) as unchosen:
        payments.method_for(quote, "", {}, SimulatedCardReader())
    assert list(unchosen.value.fields) == ["method"]
    method = payments.method_for(quote, "reader:approved", {}, SimulatedCardReader())
    assert method is not None and method.token and method.last4 == "4242"
    fields = {"cardNumber": "4242", "expiry": "", "cvv": "", "zip": ""}
    with pytest.raises(PaymentFormErrors):
        payments.pay_quote_by(quote, "keyed", fields, SimulatedCardReader())
    assert fields == {}  # the typed numbers are forgotten even when they were refused
