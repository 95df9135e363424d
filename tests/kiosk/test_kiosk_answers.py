"""The kiosk reads the portal's answers into its models (kiosk.api.answers): an answer that
lacks a money field is refused as unreadable, never shown as $0.00."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.accounts import FamilySession, _family
from kiosk.api.client import PortalClient
from kiosk.api.errors import BadResponse
from kiosk.cart import cart_from_wire
from kiosk.payments import quote_from_wire
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD


def _without(data: dict[str, Any], name: str) -> dict[str, Any]:
    assert name in data, f"the portal no longer sends {name}"
    return {k: v for k, v in data.items() if k != name}


def test_an_answer_without_its_money_is_refused_not_shown_as_zero(shared_portal):
    with PortalClient(shared_portal.url, "demo") as client:
        visit = FamilySession(client, "kiosk-answers")
        visit.log_in(DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
        family, cart = client.family(token=visit.token), client.get_cart(token=visit.token)
        quote = client.payments_quote(None, use_credit=True, token=visit.token)

    # As the portal sent them, they read (the Simpsons owe money: a real amount, not 0).
    assert _family(family).balance_due_cents == family["balanceDueCents"] > 0
    assert cart_from_wire(cart).total_cents == cart["totalCents"]
    assert quote_from_wire("charges", None, quote).pay_now_cents == quote["payNowCents"]

    refused = [
        lambda: _family(_without(family, "balanceDueCents")),
        lambda: _family(_without(family, "creditBalanceCents")),
        lambda: cart_from_wire(_without(cart, "totalCents")),
        lambda: cart_from_wire({**cart, "totalCents": None}),
        lambda: quote_from_wire("charges", None, _without(quote, "payNowCents")),
        lambda: quote_from_wire("charges", None, {**quote, "dueCents": "lots"}),
    ]
    for read in refused:
        with pytest.raises(BadResponse) as unreadable:
            read()
        assert unreadable.value.message == (
            "The portal's answer could not be read. Please try again or ask at the front desk."
        )
