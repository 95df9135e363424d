"""Payments (docs/payments-contract.md): tokenize, what is owed, pay; the sandbox gateway is
exercised through the API like a real one."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Charge, IdempotencyRecord, MailMessage, Payment, PaymentMethod
from tests.clock_helpers import facility_today
from tests.portal.booking_helpers import (
    ACCOUNT_DECLINED,
    AMEX,
    DECLINED,
    DISCOVER,
    INSUFFICIENT,
    MASTERCARD,
    PROCESSOR_ERROR,
    ROUTING,
    VISA,
    Shopper,
    count,
    new_family,
    simpson,
)
from tests.portal.helpers import V1, field_errors, mailbox

SIMPSON_OPEN = 6500 + 2000


def test_tokenize_a_card_returns_only_token_brand_and_last_four(api, portal):
    marge = simpson(api)
    for number, brand in ((VISA, "Visa"), (MASTERCARD, "Mastercard"), (AMEX, "Amex")):
        response = marge.tokenize(number)
        assert response.status_code == 201, response.text
        body = response.json()
        assert set(body) == {"token", "type", "brand", "last4"}
        assert body["token"].startswith("tok_") and len(body["token"]) > 20
        assert (body["type"], body["brand"], body["last4"]) == ("card", brand, number[-4:])
    spaced = marge.tokenize("6011 1111 1111 1117")
    assert spaced.status_code == 201 and spaced.json()["brand"] == "Discover"
    with portal.session_factory() as session:
        rows = session.scalars(select(PaymentMethod)).all()
        assert sorted(r.last4 for r in rows) == sorted(["4242", "4444", "0005", DISCOVER[-4:]])
    assert api.post(f"{V1}/payments/tokenize", json={"type": "card"}).status_code == 401


def test_tokenize_checks_every_card_field(api, portal):
    marge = simpson(api)
    today = facility_today()
    this_year = today.year

    def errors(**changes):
        response = marge.tokenize(**changes)
        assert response.status_code == 400, response.text
        return field_errors(response)

    assert errors(number="4242424242424241") == {
        "number": "That card number is not right. Please check it."
    }
    assert errors(number="") == {"number": "Please enter the card number."}
    assert errors(number="abcd") == {"number": "Please enter the card number."}
    assert errors(number="3530111333300000") == {  # JCB passes Luhn, but is not accepted
        "number": "We accept Visa, Mastercard, American Express and Discover."
    }
    assert errors(expYear=this_year - 1) == {"expYear": "This card has expired."}
    if today.month > 1:
        assert errors(expYear=this_year, expMonth=today.month - 1) == {
            "expYear": "This card has expired."
        }
    assert errors(expMonth=13) == {"expMonth": "Please choose the expiry month."}
    assert errors(cvv="12") == {"cvv": "Please enter the 3-digit security code."}
    assert errors(cvv="1234") == {"cvv": "Please enter the 3-digit security code."}
    assert errors(number=AMEX, cvv="123") == {"cvv": "Please enter the 4-digit security code."}
    assert errors(zip="6270") == {"zip": "Please enter a 5-digit ZIP code."}
    assert errors(type="bitcoin") == {"type": "Please choose card or eCheck."}
    everything = errors(number="1", expMonth=None, expYear="soon", cvv=None, zip=None)
    assert set(everything) == {"number", "expMonth", "expYear", "cvv", "zip"}
    # Two-digit years are fine, and this month is not expired yet.
    assert marge.tokenize(expYear=(this_year + 1) % 100).status_code == 201
    assert marge.tokenize(expYear=this_year, expMonth=today.month).status_code == 201


def test_tokenize_checks_every_echeck_field(api, portal):
    marge = simpson(api)
    good = {
        "type": "echeck",
        "routingNumber": ROUTING,
        "accountNumber": "000123456789",
        "accountType": "savings",
        "holderName": "Marge Simpson",
    }
    ok = marge.post("/payments/tokenize", good)
    assert ok.status_code == 201, ok.text
    assert {k: ok.json()[k] for k in ("type", "brand", "last4")} == {
        "type": "echeck",
        "brand": "Savings",
        "last4": "6789",
    }

    def errors(**changes):
        response = marge.post("/payments/tokenize", {**good, **changes})
        assert response.status_code == 400, response.text
        return field_errors(response)

    assert errors(routingNumber="110000001") == {
        "routingNumber": "That routing number is not right. Please check it."
    }
    assert errors(routingNumber="12345") == {
        "routingNumber": "Please enter the 9-digit routing number."
    }
    assert errors(accountNumber="123") == {
        "accountNumber": "Please enter the account number (4 to 17 digits)."
    }
    assert errors(accountNumber="1" * 18) == {
        "accountNumber": "Please enter the account number (4 to 17 digits)."
    }
    assert errors(accountType="brokerage") == {"accountType": "Please choose checking or savings."}
    assert errors(holderName="") == {"holderName": "Please enter the account holder's name."}


def test_charges_lists_what_is_open(api, portal):
    marge = simpson(api)
    response = marge.get("/family/charges")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["balanceDueCents"] == SIMPSON_OPEN and body["creditBalanceCents"] == 2000
    assert [c["amountCents"] for c in body["charges"]] == [6500, 2000]
    assert set(body["charges"][0]) == {
        "id",
        "date",
        "description",
        "amountCents",
        "paidCents",
        "dueDate",
        "kind",  # a code the kiosk words (registration_fee, tax), issue #16
        "descriptionData",  # what the description says, as data the kiosk words (#16)
    }
    assert all(c["paidCents"] == 0 for c in body["charges"])
    assert marge.get("/family/payments").json() == {"payments": []}


def test_pay_the_whole_balance_by_card(api, portal):
    marge = simpson(api)
    response = marge.pay({"chargeIds": None, "applyCreditCents": 0, "token": marge.card()})
    assert response.status_code == 200, response.text
    paid = response.json()
    assert paid["status"] == "approved" and paid["amountCents"] == SIMPSON_OPEN
    assert paid["creditAppliedCents"] == 0 and paid["method"] == "Visa •••• 4242"
    assert paid["receiptNumber"] == f"R-{paid['paymentId']:06d}"
    assert paid["receiptEmail"] == "m***@example.com"
    assert [c["paidCents"] for c in paid["charges"]] == [6500, 2000]
    after = marge.get("/family/charges").json()
    assert after["charges"] == [] and after["balanceDueCents"] == 0
    (history,) = marge.get("/family/payments").json()["payments"]
    assert history["id"] == paid["paymentId"] and len(history["items"]) == 2
    assert history["method"] == "Visa •••• 4242"
    receipt = mailbox(api)[0]
    assert receipt["to"] == "marge@example.com" and paid["receiptNumber"] in receipt["body"]
    assert "Paid with Visa •••• 4242: $85.00" in receipt["body"]


def test_pay_by_echeck(api, portal):
    marge = simpson(api)
    response = marge.pay({"chargeIds": None, "token": marge.bank()})
    assert response.status_code == 200, response.text
    assert response.json()["method"] == "Checking •••• 6789"
    assert response.json()["amountCents"] == SIMPSON_OPEN
    assert marge.get("/family/charges").json()["charges"] == []


def test_an_echeck_can_be_declined(api, portal):
    marge = simpson(api)
    response = marge.pay({"chargeIds": None, "token": marge.bank(ACCOUNT_DECLINED)})
    assert response.status_code == 402
    assert response.json() == {
        "message": "Your bank declined this payment. Please try another card or payment method.",
        "reason": "declined",
    }


def test_pay_by_credit_alone_and_by_credit_plus_card(api, portal):
    marge = simpson(api)
    fee, tuition = (c["id"] for c in reversed(marge.get("/family/charges").json()["charges"]))
    credit = marge.pay({"chargeIds": [fee], "applyCreditCents": 2000, "token": None})
    assert credit.status_code == 200, credit.text
    assert credit.json()["method"] == "Account credit"
    assert credit.json()["amountCents"] == 2000 and credit.json()["creditAppliedCents"] == 2000
    assert marge.family()["creditBalanceCents"] == 0

    short = marge.pay({"chargeIds": [tuition], "applyCreditCents": 0, "token": None})
    assert short.status_code == 402
    assert short.json() == {
        "message": "Please choose a card or bank account to pay the rest.",
        "reason": "payment_required",
    }
    too_much = marge.pay({"chargeIds": [tuition], "applyCreditCents": 1, "token": None})
    assert too_much.status_code == 400
    assert field_errors(too_much) == {"applyCreditCents": "You have $0.00 of credit to use."}


def test_credit_first_then_the_card_pays_the_rest(api, portal):
    marge = simpson(api)
    response = marge.pay({"chargeIds": None, "applyCreditCents": 2000, "token": marge.card(AMEX)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["amountCents"] == SIMPSON_OPEN and body["creditAppliedCents"] == 2000
    assert body["method"] == "Amex •••• 0005"
    with portal.session_factory() as session:
        payment = session.get(Payment, body["paymentId"])
        allocations = [(a.charge.description[:7], a.amount_cents) for a in payment.allocations]
    assert [amount for _d, amount in allocations] == [6500, 2000]
    assert marge.family()["creditBalanceCents"] == 0


def test_declines_record_nothing(api, portal):
    marge = simpson(api)
    cases = (
        (
            DECLINED,
            "declined",
            "Your card was declined. Please try another card or payment method.",
        ),
        (
            INSUFFICIENT,
            "insufficient_funds",
            "Your card was declined for insufficient funds. Please try another card or payment "
            "method.",
        ),
        (
            PROCESSOR_ERROR,
            "processor_error",
            "We couldn't reach the card processor. Please try again.",
        ),
    )
    for number, reason, message in cases:
        response = marge.pay(
            {"chargeIds": None, "applyCreditCents": 2000, "token": marge.card(number)}
        )
        assert response.status_code == 402, response.text
        assert response.json() == {"message": message, "reason": reason}
    assert count(portal, Payment) == 0
    assert count(portal, Charge, Charge.paid.is_(False)) == 3  # the Simpsons' two and Flanders'
    assert marge.family()["creditBalanceCents"] == 2000
    assert count(portal, MailMessage, MailMessage.kind == "receipt") == 0


def test_a_decline_is_replayed_but_a_processor_error_is_not(api, portal):
    marge = simpson(api)
    declined = {"chargeIds": None, "token": marge.card(DECLINED)}
    first = marge.pay(declined, idem="decline-1")
    again = marge.pay(declined, idem="decline-1")
    assert first.status_code == again.status_code == 402
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == first.json()
    broken = {"chargeIds": None, "token": marge.card(PROCESSOR_ERROR)}
    assert marge.pay(broken, idem="broken-1").status_code == 402
    retry = marge.pay(broken, idem="broken-1")
    assert retry.status_code == 402 and "Idempotent-Replayed" not in retry.headers
    assert count(portal, IdempotencyRecord, IdempotencyRecord.key == "broken-1") == 0


def test_a_paid_charge_is_never_paid_twice(api, portal):
    marge = simpson(api)
    fee = marge.get("/family/charges").json()["charges"][1]["id"]
    token = marge.card()
    assert marge.pay({"chargeIds": [fee], "token": token}).status_code == 200
    twice = marge.pay({"chargeIds": [fee], "token": token})
    assert twice.status_code == 409
    assert twice.json() == {
        "message": "That charge has already been paid.",
        "reason": "already_paid",
    }
    with portal.session_factory() as session:
        paid_before = session.scalars(select(Charge).where(Charge.paid.is_(True))).all()
        old = next(c for c in paid_before if c.id != fee)  # seeded as paid already
    assert marge.pay({"chargeIds": [old.id], "token": token}).status_code == 409
    assert count(portal, Payment) == 1


def test_the_same_key_replays_the_payment(api, portal):
    marge = simpson(api)
    body = {"chargeIds": None, "applyCreditCents": 0, "token": marge.card()}
    first = marge.pay(body, idem="pay-once")
    second = marge.pay(body, idem="pay-once")
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json() and second.headers.get("Idempotent-Replayed") == "true"
    assert count(portal, Payment) == 1
    assert count(portal, MailMessage, MailMessage.kind == "receipt") == 1
    other = marge.pay({**body, "applyCreditCents": 100}, idem="pay-once")
    assert other.status_code == 409
    no_key = marge.post("/family/payments", body)
    assert no_key.status_code == 400
    assert no_key.json() == {"message": "This request needs an Idempotency-Key header."}


def test_a_lost_answer_is_replayed_to_the_token_that_paid_even_after_logout(api, portal):
    """The kiosk lost the answer, the family logged out (token revoked), the outbox sends the
    payment again with its key: it hears the stored outcome, not 401, and nothing runs twice.
    Anyone else - another family's spent token, an unknown key, another route - hears 401."""
    marge = simpson(api)
    body = {"chargeIds": None, "applyCreditCents": 0, "token": marge.card()}
    first = marge.pay(body, idem="pay-then-leave")
    assert first.status_code == 200
    assert api.post(f"{V1}/auth/logout", headers=marge.headers).status_code == 204

    again = marge.pay(body, idem="pay-then-leave")
    assert again.status_code == 200 and again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert count(portal, Payment) == 1

    assert marge.pay(body, idem="never-sent").status_code == 401  # nothing new runs
    assert marge.get("/family").status_code == 401  # the session itself stays ended
    other_token, _family, _kids = new_family(portal, "Wiggum")
    ralph = Shopper(api, other_token)
    assert api.post(f"{V1}/auth/logout", headers=ralph.headers).status_code == 204
    assert ralph.pay(body, idem="pay-then-leave").status_code == 401  # not theirs


def test_charges_of_other_families_and_unknown_ones_are_not_found(api, portal):
    marge = simpson(api)
    with portal.session_factory() as session:
        theirs = session.scalars(
            select(Charge.id).where(Charge.description == "Annual registration fee")
        ).all()
    mine = {c["id"] for c in marge.get("/family/charges").json()["charges"]}
    stranger = next(i for i in theirs if i not in mine)
    token = marge.card()
    for ids in ([stranger], [999999]):
        response = marge.pay({"chargeIds": ids, "token": token})
        assert response.status_code == 404
        assert response.json() == {"message": "We could not find that charge."}
    unknown = marge.pay({"chargeIds": None, "token": "tok_made_up"})
    assert unknown.status_code == 400 and field_errors(unknown) == {
        "token": "Please enter the card or bank account again."
    }
    # Another family's token is unknown to this family.
    other_token, _family, _kids = new_family(portal, "Szyslak")
    moe = Shopper(api, other_token)
    assert marge.pay({"chargeIds": None, "token": moe.card()}).status_code == 400
    nothing = moe.pay({"chargeIds": None, "token": moe.card()})
    assert nothing.status_code == 409
    assert nothing.json() == {
        "message": "There is nothing to pay right now.",
        "reason": "nothing_due",
    }


def test_a_spent_token_replaying_a_key_with_another_body_hears_409(api, portal):
    """A payment replayed with a revoked token and a different body is not the original's
    answer: it is the usual 409, and nothing runs."""
    marge = simpson(api)
    body = {"chargeIds": None, "applyCreditCents": 0, "token": marge.card()}
    assert marge.pay(body, idem="pay-and-go").status_code == 200
    assert api.post(f"{V1}/auth/logout", headers=marge.headers).status_code == 204
    changed = marge.pay({**body, "applyCreditCents": 100}, idem="pay-and-go")
    assert changed.status_code == 409
    assert "Idempotent-Replayed" not in changed.headers
    assert count(portal, Payment) == 1
    assert marge.pay(body, idem="pay-and-go").status_code == 200  # the same body still replays
