"""The cart, seat holds and checkout (docs/booking-contract.md).

A class, camp, appointment or party line holds its seat until `hold_expires_at` (the
organisation's `cartHoldSeconds`). For classes and camps the hold is the row's `held_seats`
counter, so the openings every kiosk sees (the change feed's `class`/`camp` records) drop at
once; appointment slots and party times count live holds when they are listed.

Holds lapse on their own: `release_lapsed_holds()` runs (portal.api.deps' HoldSweep) before
every cart and checkout call and before the catalog is read (feed, classes, camps), gives the
seats back (the feed shows the openings again) and marks the lines `seat_held = False`. Such a
line disappears from the family's next look at the cart and is reported once in `expired`; a
checkout that still finds it re-checks the seat under the lock and books it only if there is
still room.

Every write here runs under the booking locks (portal.services.locks): SQLite's write lock or,
on PostgreSQL, the family row (and its cart lines), then - for appointments and parties - the
organisation's slot lock, then the class/camp/product rows in id order. Checks and writes of one
call happen inside them, so a seat is never given twice and a class is never oversold. Functions
take a Session and leave the commit to the caller (the request's unit of work or the
Idempotency-Key helper), so a checkout's enrollments, charges, payment and mails commit together
or not at all.

One module per cart kind - classes, camps, appointments, parties, products (with eGift cards) -
each describing, adding and checking out its own lines, over the shared core (refusals, clock,
eligibility, the sweep, lines) and cart.py, the cart as a whole (view, quote, add, remove,
checkout). The names other modules use are re-exported here.
"""

from portal.services.booking.cart import (
    add_item,
    cart_quote,
    cart_view,
    checkout,
    describe,
    price_lines,
    remove_item,
)
from portal.services.booking.classes import seats_for_enrollment
from portal.services.booking.core import (
    CAMP_NOT_FOUND,
    CLASS_NOT_FOUND,
    DEFAULT_HOLD_SECONDS,
    GIFT_CARD_MAX_CENTS,
    GIFT_CARD_MIN_CENTS,
    HOLDING_KINDS,
    ITEM_NOT_FOUND,
    MAX_CART_ITEMS,
    PACKAGE_NOT_FOUND,
    PARTY_TAKEN,
    PRODUCT_NOT_FOUND,
    REGISTRATION_FEE_CENTS,
    REGISTRATION_FEE_LABEL,
    SLOT_KINDS,
    SLOT_NOT_FOUND,
    SLOT_TAKEN,
    STUDENT_NOT_FOUND,
    CheckoutRefused,
    Clock,
    Ineligible,
    Line,
    Refused,
    age_fits,
    age_in_months,
    clock,
    dated,
    release_lapsed_holds,
    tax_of,
)
from portal.services.booking.products import gift_card_code

__all__ = [
    "CAMP_NOT_FOUND",
    "CLASS_NOT_FOUND",
    "DEFAULT_HOLD_SECONDS",
    "GIFT_CARD_MAX_CENTS",
    "GIFT_CARD_MIN_CENTS",
    "HOLDING_KINDS",
    "ITEM_NOT_FOUND",
    "MAX_CART_ITEMS",
    "PACKAGE_NOT_FOUND",
    "PARTY_TAKEN",
    "PRODUCT_NOT_FOUND",
    "REGISTRATION_FEE_CENTS",
    "REGISTRATION_FEE_LABEL",
    "SLOT_KINDS",
    "SLOT_NOT_FOUND",
    "SLOT_TAKEN",
    "STUDENT_NOT_FOUND",
    "CheckoutRefused",
    "Clock",
    "Ineligible",
    "Line",
    "Refused",
    "add_item",
    "age_fits",
    "age_in_months",
    "cart_quote",
    "cart_view",
    "checkout",
    "clock",
    "dated",
    "describe",
    "gift_card_code",
    "price_lines",
    "release_lapsed_holds",
    "remove_item",
    "seats_for_enrollment",
    "tax_of",
]
