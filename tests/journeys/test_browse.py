"""Browse mode in the real window: `make run ARGS="--source iclasspro"` reads the demo portal's
open API as an iClassPro account's; a family browses classes, camps and the ProShop, and what
needs the facility's own system continues on their phone by QR code."""

from __future__ import annotations


def test_a_family_browses_an_iclasspro_catalog_and_finishes_on_the_phone(kiosk_journey):
    kiosk = kiosk_journey(args=["--source", "iclasspro"])
    kiosk.tap("Tap to Begin", seconds=90)
    kiosk.wait_for("Find the Right Class")
    names = kiosk.texts()
    assert "My Account" not in names and "Create Account" not in names, names
    kiosk.shot("dashboard")

    kiosk.tap("Booking", role="push button")
    kiosk.tap("Classes", role="push button")
    card = kiosk.find("Boys Beginner", exact=False)
    kiosk.tap(card.name)
    kiosk.tap("Enroll on Your Phone")
    kiosk.wait_for("portal.iclasspro.com/demo/class-details/")
    kiosk.shot("class-handoff")
    kiosk.tap("Close")
    kiosk.wait_gone("portal.iclasspro.com/demo/class-details/")

    kiosk.tap("Booking", role="push button")
    kiosk.tap("Summer Camp", role="push button")
    camp = kiosk.find("Summer Camp: ", exact=False)
    kiosk.tap(camp.name)
    kiosk.tap("Book on Your Phone")
    kiosk.wait_for("portal.iclasspro.com/demo/camp-details/")
    kiosk.shot("camp-handoff")
    kiosk.tap("Close")

    kiosk.tap("ProShop", role="push button")
    kiosk.wait_for("Buy on Your Phone")
    kiosk.shot("proshop")
