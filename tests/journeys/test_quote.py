"""Amounts agree with the charge (issue #15, item 3): one quote from the portal on the Pay
screen's heading and button, the receipt and Payment history, read back as a screen reader does.

Started as `make run` does; only taps and key presses (tests/journeys/conftest.py).
"""

from __future__ import annotations

from portal.seed import DEMO_EMAIL_SIMPSON
from tests.journeys.test_visit import log_in

PAID = "Paid $45.00 with Visa •••• 4242 + $20.00 credit"


def test_tuition_with_credit_the_button_receipt_and_history_say_what_the_card_paid(
    kiosk_journey,
):
    """marge → "$85.00 due — tap to pay" → tick Tuition → "Pay $65.00" → credit on, typed card
    4242…: the button says "Pay $45.00" (the card's part), and so do the receipt and history."""
    kiosk = kiosk_journey()
    log_in(kiosk, DEMO_EMAIL_SIMPSON)
    kiosk.tap("You have $85.00 due — tap to pay", seconds=30)
    kiosk.tap("Tuition", exact=False, role="check box", seconds=30)
    kiosk.tap("Pay $65.00")

    kiosk.wait_for("$65.00 due", seconds=30)  # the heading: what is due
    kiosk.wait_for("$20.00 from credit, $45.00 to pay now.")
    kiosk.tap("Type card number")
    button = kiosk.wait_for("Pay $45.00", exact=True)
    assert button.role == "push button", button
    assert not kiosk.showing("Pay $65.00", exact=True)
    kiosk.shot("pay-screen")

    kiosk.tap("Card number", role="text")
    kiosk.type("4242424242424242")
    kiosk.key("Return")  # Enter goes to the next field
    kiosk.type("12/30")
    kiosk.key("Return")
    kiosk.type("123")
    kiosk.key("Return")
    kiosk.type("62704")
    kiosk.shot("card-typed")
    kiosk.tap("Pay $45.00")

    kiosk.wait_for("Thank you! Your payment went through.", seconds=30)
    assert kiosk.showing(PAID, exact=True), kiosk.texts()
    assert kiosk.showing("Total $65.00", exact=True)
    kiosk.shot("receipt")

    kiosk.tap("Done")
    kiosk.tap("You have $20.00 due — tap to pay", seconds=30)
    kiosk.wait_for("Payment history")
    kiosk.wait_for(PAID, seconds=30)
    assert not kiosk.showing("Paid $65.00")
    kiosk.shot("history")


def test_proshop_subtotal_tax_and_total_add_up_and_checkout_charges_the_quote(kiosk_journey):
    """ProShop → Galaxy Practice Leotard: Subtotal $42.00 + Tax $3.05 = Total $45.05 in the
    cart; at checkout $20.00 comes from credit and the button, the charge and the confirmation
    all say $25.05."""
    kiosk = kiosk_journey()
    log_in(kiosk, DEMO_EMAIL_SIMPSON)
    kiosk.wait_for("Hi Marge", seconds=30)
    kiosk.tap("ProShop")
    kiosk.tap("Add to Cart — Galaxy Practice Leotard", seconds=30)
    kiosk.tap("Cart (1)", seconds=30)
    kiosk.wait_for("Your Cart")
    kiosk.wait_for("$45.05", exact=True, seconds=30)
    names = kiosk.texts()
    for label, amount in (("Subtotal", "$42.00"), ("Tax", "$3.05"), ("Total", "$45.05")):
        assert names[names.index(label) + 1] == amount, names
    kiosk.shot("cart")

    kiosk.tap("Check Out")
    kiosk.wait_for("$45.05 due", seconds=30)
    kiosk.wait_for("$20.00 from credit, $25.05 to pay now.")
    kiosk.tap("Type card number")
    kiosk.wait_for("Pay $25.05", exact=True)
    assert not kiosk.showing("Pay $45.05", exact=True)
    kiosk.shot("checkout")
    kiosk.tap("Card number", role="text")
    kiosk.type("4242424242424242")
    kiosk.key("Return")
    kiosk.type("12/30")
    kiosk.key("Return")
    kiosk.type("123")
    kiosk.key("Return")
    kiosk.type("62704")
    kiosk.tap("Pay $25.05")
    kiosk.wait_for("You're all set!", seconds=30)
    assert kiosk.showing("Paid $25.05 with Visa •••• 4242 + $20.00 credit", exact=True)
    assert kiosk.showing("Total $45.05.")
    kiosk.shot("confirmed")
