"""The kiosk core's absences, makeups and watches against the real portal
(docs/absences-contract.md): what the family sees, and refusals as one sentence."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.accounts import FamilySession
from kiosk.api.client import PortalClient
from kiosk.cart import BookingRefused, CartService
from kiosk.makeups import MakeupService
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD

THURSDAY = date(2026, 12, 10)  # the suite's today is Wed Dec 9 (tests/conftest.py)


def test_an_absence_a_credit_a_makeup_and_a_second_try_refused(portal):
    with PortalClient(portal.url, "demo") as client:
        visit = FamilySession(client, "kiosk-makeups")
        visit.log_in(DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
        events = CartService(client, lambda: visit.token).coming_up(days=14, limit=100)
        thursday = next(e for e in events if e.day == THURSDAY and e.title == "Tumbling 2")
        assert thursday.can_mark_absent and thursday.status == "scheduled"
        assert thursday.class_id is not None and thursday.student_id is not None

        makeups = MakeupService(client, lambda: visit.token)
        assert makeups.mark_absent(thursday.student_id, thursday.class_id, THURSDAY) == 1
        with pytest.raises(BookingRefused) as twice:
            makeups.mark_absent(thursday.student_id, thursday.class_id, THURSDAY)
        assert twice.value.message == "Lisa is already marked absent for Thu, Dec 10."
        assert twice.value.reason == "already_absent"

        (credit,) = makeups.credits()
        assert (credit.student_name, credit.class_name, credit.status) == (
            "Lisa",
            "Tumbling 2",
            "available",
        )
        option = makeups.options(credit.id)[0]
        assert option.day.weekday() == 5 and option.open_seats >= 1  # a Saturday
        makeups.book(credit.id, option.class_id, option.day)
        assert makeups.credits()[0].status == "used"
        with pytest.raises(BookingRefused) as used:
            makeups.book(credit.id, option.class_id, option.day)
        assert used.value.reason == "credit_used"

        events = CartService(client, lambda: visit.token).coming_up(days=14, limit=100)
        statuses = {(e.day, e.status) for e in events if e.title == "Tumbling 2"}
        assert (THURSDAY, "absent") in statuses and (option.day, "makeup") in statuses
