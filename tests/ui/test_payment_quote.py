"""One quote on every screen (issue #15, item 3), against the real portal: the Pay screen's
heading, itemised lines and button, the receipt, Payment history and the order confirmation all
show the portal's quote, and the card is charged exactly the amount on the button."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Family, Payment
from tests.reliability.fault_proxy import NO_FAULTS, Fault, FaultProxy
from tests.ui.conftest import (
    current_screen,
    find,
    log_in_as_marge,
    screenshot,
    tap,
    type_into,
    visible_items,
)


def _text(app, name: str) -> str:
    item = find(app.window, name)
    assert item is not None, f"{name} is not on screen"
    return str(item.property("text"))


def _type_good_card(qtbot, app) -> None:
    tap(qtbot, app, "methodKeyed")
    type_into(qtbot, app, "cardNumber", "4242 4242 4242 4242")
    type_into(qtbot, app, "cardExpiry", "12/30")
    type_into(qtbot, app, "cardCvv", "123")
    type_into(qtbot, app, "cardZip", "62704")


def _quote_ready(app) -> bool:
    return bool(app.payments.property("quote").get("ready"))


def test_tuition_with_credit_button_receipt_and_history_agree(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "balanceNotice")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.payments.property("charges")) == 2, timeout=10000)
    tuition = next(
        i
        for i, c in enumerate(app.payments.property("charges"))
        if c["description"].startswith("Tuition")
    )
    tap(qtbot, app, f"charge{tuition}")
    assert _text(app, "paySelected") == "Pay $65.00"
    tap(qtbot, app, "paySelected")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    qtbot.waitUntil(lambda: _quote_ready(app), timeout=10000)

    # The heading, the itemised quote, the sentence and the button tell one story.
    assert _text(app, "payTitle") == "$65.00 due"
    assert _text(app, "quoteDue") == "$65.00"
    assert _text(app, "quoteCredit") == "−$20.00"
    assert _text(app, "quotePayNow") == "$45.00"
    assert _text(app, "restText") == "$20.00 from credit, $45.00 to pay now."
    tap(qtbot, app, "methodKeyed")
    assert _text(app, "paySubmit") == "Pay $45.00"
    screenshot(app.window, "q1-pay-with-credit")

    # Keeping the credit asks the portal again: the whole $65.00 goes on the card.
    tap(qtbot, app, "useCredit")
    qtbot.waitUntil(lambda: _text(app, "paySubmit") == "Pay $65.00", timeout=10000)
    assert find(app.window, "quoteCredit") is None
    tap(qtbot, app, "useCredit")
    qtbot.waitUntil(lambda: _text(app, "paySubmit") == "Pay $45.00", timeout=10000)
    _type_good_card(qtbot, app)

    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "receiptScreen", timeout=15000)
    assert _text(app, "receiptAmount") == "Paid $45.00 with Visa •••• 4242 + $20.00 credit"
    assert _text(app, "receiptTotal") == "Total $65.00"
    screenshot(app.window, "q2-receipt")

    with portal.session_factory() as s:
        family = s.scalars(select(Family).where(Family.name == "Simpson")).first()
        (payment,) = s.scalars(select(Payment).where(Payment.family_id == family.id)).all()
        assert (payment.amount_cents, payment.credit_applied_cents) == (6500, 2000)

    tap(qtbot, app, "receiptDone")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=5000)
    tap(qtbot, app, "balanceNotice")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.payments.property("history")) == 1, timeout=10000)
    sentence = "Paid $45.00 with Visa •••• 4242 + $20.00 credit"
    qtbot.waitUntil(lambda: sentence in _visible_texts(app), timeout=5000)
    screenshot(app.window, "q3-history")


def _visible_texts(app) -> str:
    return " | ".join(
        str(item.property("text") or "")
        for item in visible_items(app.window)
        if item.property("text") is not None
    )


def test_proshop_checkout_shows_tax_and_the_confirmation_splits_card_and_credit(
    qtbot, portal, make_kiosk
):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "toolbar_pro_shop")
    qtbot.waitUntil(lambda: current_screen(app) == "proShopScreen", timeout=5000)
    products = app.catalog.property("products")
    galaxy = next(i for i, p in enumerate(products) if p["name"] == "Galaxy Practice Leotard")
    grid = find(app.window, "productGrid")
    grid.positionViewAtIndex(galaxy, 0)  # GridView.Beginning
    tap(qtbot, app, f"productAdd{galaxy}")
    qtbot.waitUntil(lambda: app.cart.property("count") == 1, timeout=10000)

    tap(qtbot, app, "toolbar_cart")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=5000)
    qtbot.waitUntil(lambda: _text(app, "cartTotal") == "$45.05", timeout=10000)
    assert (_text(app, "cartSubtotal"), _text(app, "cartFees"), _text(app, "cartTax")) == (
        "$42.00",
        "$0.00",
        "$3.05",
    )
    screenshot(app.window, "q4-cart-with-tax")

    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    qtbot.waitUntil(lambda: _quote_ready(app), timeout=10000)
    assert _text(app, "payTitle") == "$45.05 due"
    assert _text(app, "quoteSubtotal") == "$42.00"
    assert (_text(app, "quoteExtraLabel0"), _text(app, "quoteExtra0")) == ("Sales tax", "$3.05")
    assert _text(app, "quotePayNow") == "$25.05"
    tap(qtbot, app, "methodKeyed")
    assert _text(app, "paySubmit") == "Pay $25.05"
    screenshot(app.window, "q5-checkout-pay")
    _type_good_card(qtbot, app)
    screenshot(app.window, "q5b-checkout-card-typed")
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=15000)
    assert _text(app, "orderPaid") == "Paid $25.05 with Visa •••• 4242 + $20.00 credit"
    assert _text(app, "orderTotal").startswith("Total $45.05.")
    screenshot(app.window, "q6-order-confirmed")


def test_a_quote_that_changed_is_shown_again_and_nothing_is_charged(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "balanceNotice")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.payments.property("charges")) == 2, timeout=10000)
    tap(qtbot, app, "payAll")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    qtbot.waitUntil(lambda: _quote_ready(app), timeout=10000)
    tap(qtbot, app, "methodKeyed")
    assert _text(app, "paySubmit") == "Pay $65.00"  # $85.00 due, $20.00 from credit

    # Meanwhile the front desk uses the family's credit: the quote on screen is stale.
    with portal.session_factory.begin() as s:
        family = s.scalars(select(Family).where(Family.name == "Simpson")).first()
        family.credit_balance_cents = 0

    _type_good_card(qtbot, app)
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: "has changed" in app.payments.property("message"), timeout=15000)
    assert current_screen(app) == "paymentScreen"
    qtbot.waitUntil(lambda: _text(app, "paySubmit") == "Pay $85.00", timeout=5000)
    assert find(app.window, "quoteCredit") is None
    screenshot(app.window, "q7-quote-changed")
    with portal.session_factory() as s:
        assert s.scalars(select(Payment)).all() == []

    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "receiptScreen", timeout=15000)
    assert _text(app, "receiptAmount") == "Paid $85.00 with Visa •••• 4242"


def test_checkout_with_a_class_pays_what_the_button_says(qtbot, portal, make_kiosk):
    from tests.ui.test_booking import _open_class_for_first_student

    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    _open_class_for_first_student(qtbot, app)
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    qtbot.waitUntil(lambda: app.cart.property("count") == 1, timeout=10000)
    total = _text(app, "cartTotal")

    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    qtbot.waitUntil(lambda: _quote_ready(app), timeout=10000)
    quote = app.payments.property("quote")
    assert _text(app, "payTitle") == f"{total} due"
    assert quote["creditAppliedText"] == "$20.00"
    assert quote["dueCents"] - quote["creditAppliedCents"] == quote["payNowCents"] > 0
    tap(qtbot, app, "methodKeyed")
    assert _text(app, "paySubmit") == f"Pay {quote['payNowText']}"
    assert _text(app, "restText") == f"$20.00 from credit, {quote['payNowText']} to pay now."
    screenshot(app.window, "q8-class-checkout")
    _type_good_card(qtbot, app)
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=15000)
    assert _text(app, "orderPaid") == (
        f"Paid {quote['payNowText']} with Visa •••• 4242 + $20.00 credit"
    )
    assert _text(app, "orderTotal").startswith(f"Total {total}.")
    with portal.session_factory() as s:
        (payment,) = s.scalars(select(Payment)).all()
        assert payment.amount_cents - payment.credit_applied_cents == quote["payNowCents"]
    screenshot(app.window, "q9-class-confirmed")


def test_credit_that_covers_it_all_needs_no_card(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "balanceNotice")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.payments.property("charges")) == 2, timeout=10000)
    fee = next(
        i
        for i, c in enumerate(app.payments.property("charges"))
        if not c["description"].startswith("Tuition")
    )
    tap(qtbot, app, f"charge{fee}")
    tap(qtbot, app, "paySelected")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    qtbot.waitUntil(lambda: _quote_ready(app), timeout=10000)
    assert _text(app, "restText") == "Your credit covers it all."
    assert _text(app, "quoteExtraLabel0") == "Annual registration fee"
    assert find(app.window, "quoteSubtotal") is None  # nothing but the fee
    assert find(app.window, "methodKeyed") is None  # no card or bank to choose
    assert _text(app, "paySubmit") == "Pay $20.00 from credit"
    screenshot(app.window, "q10-credit-covers-it")
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "receiptScreen", timeout=15000)
    assert _text(app, "receiptAmount") == "Paid $20.00 from your credit"


def test_when_the_amount_due_does_not_come_try_again_gets_it(qtbot, portal, make_kiosk):
    """The network drops every try at the quote: the Pay screen says so and offers Try Again
    (no dead end with nothing to tap but Back); Try Again on a healed network shows the amount
    and the way to pay."""
    with FaultProxy(portal.url, seed=5, weights=NO_FAULTS) as proxy:
        app = make_kiosk(proxy.url)
        log_in_as_marge(qtbot, app)
        tap(qtbot, app, "balanceNotice")
        qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
        qtbot.waitUntil(lambda: len(app.payments.property("charges")) == 2, timeout=10000)
        proxy.set_weights({Fault.DROP_REQUEST: 1.0})
        tap(qtbot, app, "payAll")
        qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
        qtbot.waitUntil(lambda: find(app.window, "quoteRetry") is not None, timeout=60000)
        # Nothing was being paid: the family is told so, not that a payment is on its way.
        assert _text(app, "paymentMessage") == (
            "We can't reach our system right now, so nothing was charged. "
            "Please try again in a moment."
        )
        assert not _quote_ready(app)
        assert find(app.window, "paySubmit") is None
        screenshot(app.window, "q4-quote-did-not-come")
        proxy.set_weights(NO_FAULTS)
        # Greyed out while the kiosk believes the portal gone; its heartbeat finds it again.
        qtbot.waitUntil(lambda: find(app.window, "quoteRetry").isEnabled(), timeout=30000)
        tap(qtbot, app, "quoteRetry")
        qtbot.waitUntil(lambda: _quote_ready(app), timeout=10000)
        assert find(app.window, "paymentMessage") is None  # the old sentence went
        assert find(app.window, "quoteRetry") is None
        tap(qtbot, app, "methodKeyed")
        assert _text(app, "paySubmit").startswith("Pay $")
