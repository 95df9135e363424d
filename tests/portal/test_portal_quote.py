"""One quote (docs/payments-contract.md, docs/booking-contract.md): the portal works out what is
due, fees and tax, what credit covers and what the card or bank pays; the payment and the
checkout charge exactly that quote, or refuse with 409 when it changed."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Payment, Product
from tests.portal.booking_helpers import Shopper, count, simpson
from tests.portal.helpers import mailbox


def _quote(shopper: Shopper, path: str = "/family/payments/quote", **params) -> dict:
    response = shopper.get(path, **params)
    assert response.status_code == 200, response.text
    return response.json()


def _charge_ids(marge: Shopper) -> dict[str, int]:
    charges = marge.get("/family/charges").json()["charges"]
    return {
        ("tuition" if c["description"].startswith("Tuition") else "fee"): c["id"] for c in charges
    }


def test_credit_covers_part_and_the_card_pays_exactly_the_rest(api, portal):
    marge = simpson(api)
    tuition = _charge_ids(marge)["tuition"]
    quote = _quote(marge, chargeIds=str(tuition), useCredit="true")
    assert quote["dueCents"] == 6500
    assert quote["creditAvailableCents"] == 2000 and quote["creditAppliedCents"] == 2000
    assert quote["payNowCents"] == 4500
    assert [(line["chargeId"], line["amountCents"]) for line in quote["lines"]] == [(tuition, 6500)]

    response = marge.pay(
        {
            "chargeIds": [tuition],
            "applyCreditCents": quote["creditAppliedCents"],
            "token": marge.card(),
            "quoteId": quote["quoteId"],
        }
    )
    assert response.status_code == 200, response.text
    paid = response.json()
    assert (paid["amountCents"], paid["creditAppliedCents"], paid["chargedCents"]) == (
        6500,
        2000,
        4500,
    )
    (history,) = marge.get("/family/payments").json()["payments"]
    assert (history["chargedCents"], history["creditAppliedCents"]) == (4500, 2000)
    receipt = mailbox(api)[0]["body"]
    assert "Paid with Visa •••• 4242: $45.00" in receipt
    assert "Account credit applied: $20.00" in receipt


def test_credit_can_cover_it_all_or_be_kept(api, portal):
    marge = simpson(api)
    fee = _charge_ids(marge)["fee"]
    kept = _quote(marge, chargeIds=str(fee), useCredit="false")
    assert (kept["creditAppliedCents"], kept["payNowCents"]) == (0, 2000)
    covered = _quote(marge, chargeIds=str(fee))
    assert (covered["creditAppliedCents"], covered["payNowCents"]) == (2000, 0)
    assert covered["quoteId"] != kept["quoteId"]
    response = marge.pay(
        {
            "chargeIds": [fee],
            "applyCreditCents": covered["creditAppliedCents"],
            "token": None,
            "quoteId": covered["quoteId"],
        }
    )
    assert response.status_code == 200, response.text
    assert response.json()["chargedCents"] == 0
    assert response.json()["method"] == "Account credit"


def test_the_whole_balance_itemises_the_registration_fee(api, portal):
    marge = simpson(api)
    quote = _quote(marge)
    assert (quote["subtotalCents"], quote["feesCents"], quote["taxCents"]) == (6500, 2000, 0)
    assert quote["dueCents"] == 8500 and quote["payNowCents"] == 6500
    parts = sorted((line["kind"], line["part"]) for line in quote["lines"])
    assert parts == [("registration_fee", "fees"), ("tuition", "subtotal")]


def test_a_payment_that_no_longer_matches_its_quote_is_refused(api, portal):
    marge = simpson(api)
    ids = _charge_ids(marge)
    stale = _quote(marge, chargeIds=str(ids["tuition"]))
    # Meanwhile the credit pays the fee (another kiosk, the front desk): the tuition quote
    # that counted on $20.00 of credit is no longer what would be charged.
    spent = marge.pay({"chargeIds": [ids["fee"]], "applyCreditCents": 2000, "token": None})
    assert spent.status_code == 200, spent.text
    refused = marge.pay(
        {
            "chargeIds": [ids["tuition"]],
            "applyCreditCents": stale["creditAppliedCents"],
            "token": marge.card(),
            "quoteId": stale["quoteId"],
        }
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["reason"] == "quote_changed"
    assert "amount to pay has changed" in refused.json()["message"]
    assert count(portal, Payment) == 1  # only the credit payment
    fresh = _quote(marge, chargeIds=str(ids["tuition"]))
    assert (fresh["creditAppliedCents"], fresh["payNowCents"]) == (0, 6500)
    assert fresh["quoteId"] != stale["quoteId"]
    again = marge.pay(
        {
            "chargeIds": [ids["tuition"]],
            "applyCreditCents": fresh["creditAppliedCents"],
            "token": marge.card(),
            "quoteId": fresh["quoteId"],
        }
    )
    assert again.status_code == 200, again.text
    assert again.json()["chargedCents"] == 6500


def test_quote_refusals_are_sentences(api, portal):
    marge = simpson(api)
    junk = marge.get("/family/payments/quote", chargeIds="1,x")
    assert junk.status_code == 400 and junk.json()["message"]
    unknown = marge.get("/family/payments/quote", chargeIds="999999")
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "We could not find that charge."
    empty = marge.get("/family/cart/quote")
    assert empty.status_code == 409 and empty.json()["message"] == "Your cart is empty."


def test_checkout_quote_adds_tax_and_the_order_carries_card_and_credit(api, portal):
    marge = simpson(api)
    with portal.session_factory() as session:
        leotard = session.scalars(select(Product).where(Product.sku == "LEO-GALAXY")).first()
    cart = marge.add_ok({"kind": "product", "productId": leotard.id, "quantity": 1})
    quote = _quote(marge, "/family/cart/quote")
    # Galaxy Practice Leotard $42.00 at 7.25% tax: $3.05 (half up); the cart shows the same.
    assert (quote["subtotalCents"], quote["feesCents"], quote["taxCents"]) == (4200, 0, 305)
    assert quote["dueCents"] == 4505 == cart["totalCents"]
    assert quote["subtotalCents"] + quote["feesCents"] + quote["taxCents"] == quote["dueCents"]
    assert (quote["creditAppliedCents"], quote["payNowCents"]) == (2000, 2505)
    assert [(line["kind"], line["part"]) for line in quote["lines"]] == [
        ("product", "subtotal"),
        ("tax", "tax"),
    ]

    response = marge.checkout(
        {
            "token": marge.card(),
            "applyCreditCents": quote["creditAppliedCents"],
            "quoteId": quote["quoteId"],
        }
    )
    assert response.status_code == 200, response.text
    order = response.json()
    assert order["totalCents"] == 4505
    assert (order["creditAppliedCents"], order["chargedCents"]) == (2000, 2505)
    assert order["method"] == "Visa •••• 4242"


def test_checkout_refuses_a_quote_for_another_cart(api, portal):
    marge = simpson(api)
    with portal.session_factory() as session:
        leotard = session.scalars(select(Product).where(Product.sku == "LEO-GALAXY")).first()
    marge.add_ok({"kind": "product", "productId": leotard.id, "quantity": 1})
    stale = _quote(marge, "/family/cart/quote")
    marge.add_ok({"kind": "product", "productId": leotard.id, "quantity": 1})
    refused = marge.checkout(
        {
            "token": marge.card(),
            "applyCreditCents": stale["creditAppliedCents"],
            "quoteId": stale["quoteId"],
        }
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["reason"] == "quote_changed"
    assert len(marge.cart()["items"]) == 1  # nothing booked, the cart stays
    assert count(portal, Payment) == 0
