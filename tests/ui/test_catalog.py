"""Browsing the catalog at the kiosk: classes with filters, details, camps, Find the Right
Class, ProShop, Meet the Staff, locations. All from the cache the kiosk synced from the portal."""

from __future__ import annotations

from PySide6.QtTest import QTest
from sqlalchemy import select

from portal.models import Camp as PortalCamp
from portal.models import CartItem as PortalCartItem
from portal.models import ClassOffering as PortalClass
from portal.models import Family
from tests.clock_helpers import facility_today
from tests.ui.conftest import (
    current_screen,
    find,
    log_in_as_marge,
    screenshot,
    tap,
    visible_names,
)


def _begin(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)


def _count(app) -> int:
    return app.catalog.property("classes").rowCount()


def _names(portal_class) -> list[str]:
    return [f"{i.first_name} {i.last_name}" for i in portal_class.instructors]


def _open_classes(qtbot, app) -> None:
    _begin(qtbot, app)
    tap(qtbot, app, "tile_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)


def test_class_filters_narrow_the_list_instantly(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    with portal.session_factory() as s:
        location_classes = s.scalars(select(PortalClass).where(PortalClass.location_id == 1)).all()
        coaches_of = {c.id: " ".join(_names(c)) for c in location_classes}
    assert _count(app) == len(location_classes)
    screenshot(app.window, "40-classes")

    tap(qtbot, app, "filterAge4")
    four_year_olds = [
        c
        for c in location_classes
        if (c.min_age_months or 0)
        <= 54
        <= (c.max_age_months if c.max_age_months is not None else 999)
    ]
    qtbot.waitUntil(lambda: _count(app) == len(four_year_olds), timeout=3000)

    tap(qtbot, app, "filterDay7")  # Saturday
    saturday = [c for c in four_year_olds if any(slot["dayNumber"] == 7 for slot in c.schedule)]
    qtbot.waitUntil(lambda: _count(app) == len(saturday), timeout=3000)

    tap(qtbot, app, "filterOpenings")
    open_ones = [c for c in saturday if c.capacity - c.enrolled > 0]
    qtbot.waitUntil(lambda: _count(app) == len(open_ones), timeout=3000)
    screenshot(app.window, "41-classes-filtered")

    tap(qtbot, app, "filterClear")
    qtbot.waitUntil(lambda: _count(app) == len(location_classes), timeout=3000)

    coach = app.catalog.property("instructors")[0]
    tap(qtbot, app, "filterCoach0")
    coached = [c for c in location_classes if coach in coaches_of[c.id]]
    qtbot.waitUntil(lambda: _count(app) == len(coached), timeout=3000)
    assert 0 < len(coached) < len(location_classes)


def test_class_detail_shows_openings_and_asks_to_log_in_to_enroll(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    title = find(app.window, "classTitle").property("text")
    assert title
    assert find(app.window, "classOpenings").property("text")
    assert find(app.window, "enroll").property("text") == "Log In to Enroll"
    screenshot(app.window, "42-class-detail")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)


def test_full_class_says_join_the_waitlist(qtbot, portal, make_kiosk):
    with portal.session_factory() as s:
        full = s.scalars(
            select(PortalClass).where(
                PortalClass.location_id == 1,
                PortalClass.enrolled >= PortalClass.capacity,
                PortalClass.allow_waitlist.is_(True),
            )
        ).first()
        assert full is not None, "the demo has a full class with a waitlist"
        name = full.name
    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    # Typed as a parent types, key by key: the list follows the search field.
    tap(qtbot, app, "classSearch")
    qtbot.waitUntil(lambda: find(app.window, "classSearch").hasActiveFocus(), timeout=3000)
    for ch in name:
        QTest.keyClick(app.window, ch)
    qtbot.waitUntil(lambda: _count(app) >= 1, timeout=3000)
    assert "join waitlist" in find(app.window, "classCard0").property("openingsText").lower()


def test_camps_by_type_with_chosen_days(qtbot, portal, make_kiosk):
    """A parent picks one day of a pick-your-days camp: the portal's cart holds that day only,
    and the kiosk's cart charges the day price (the Simpsons' cart starts empty)."""
    with portal.session_factory() as s:
        camp = s.scalars(
            select(PortalCamp).where(
                PortalCamp.location_id == 1,
                PortalCamp.allow_choose_days.is_(True),
                PortalCamp.enrolled < PortalCamp.capacity,
                PortalCamp.reg_start <= facility_today(),
            )
        ).first()
        assert camp is not None, "the demo has an open camp where families pick the days"
        camp_id, type_id, camp_name = camp.id, camp.type_id, camp.name
        day_price, second_day = camp.day_price_cents, camp.days[1]
        family_id = s.scalars(select(Family.id).where(Family.name == "Simpson")).one()
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, f"booking_camps_{type_id}")
    qtbot.waitUntil(lambda: current_screen(app) == "campsScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "campCard0") is not None, timeout=3000)
    screenshot(app.window, "43-camps")
    cards = visible_names(app.window, "campCard")
    card = next(c for c in cards if find(app.window, c).property("modelData")["campId"] == camp_id)
    tap(qtbot, app, card)
    qtbot.waitUntil(lambda: current_screen(app) == "campDetailScreen", timeout=3000)
    assert find(app.window, "campTitle").property("text") == camp_name
    tap(qtbot, app, "campDay1")
    assert find(app.window, "campAllDays").property("selected") is False
    qtbot.waitUntil(lambda: find(app.window, "campStudent0").isEnabled(), timeout=3000)
    tap(qtbot, app, "campStudent0")
    screenshot(app.window, "44-camp-detail")
    tap(qtbot, app, "campAdd")

    def camp_lines() -> list[PortalCartItem]:
        with portal.session_factory() as s:
            return list(
                s.scalars(
                    select(PortalCartItem).where(
                        PortalCartItem.family_id == family_id, PortalCartItem.camp_id == camp_id
                    )
                )
            )

    qtbot.waitUntil(lambda: len(camp_lines()) == 1, timeout=10000)
    (line,) = camp_lines()
    assert line.days == [second_day]
    qtbot.waitUntil(lambda: app.cart.property("totalCents") == day_price, timeout=10000)


def test_find_the_right_class_never_ends_empty_without_a_way_out(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin(qtbot, app)
    tap(qtbot, app, "tile_find_class")
    qtbot.waitUntil(lambda: current_screen(app) == "findClassScreen", timeout=3000)
    screenshot(app.window, "45-find-class-who")
    tap(qtbot, app, "findAge5")
    tap(qtbot, app, "findProgramAny")
    tap(qtbot, app, "findNext")  # when: any day, any time
    tap(qtbot, app, "findNext")  # where: the kiosk's own location -> Show Classes
    qtbot.waitUntil(lambda: find(app.window, "findResult0") is not None, timeout=3000)
    screenshot(app.window, "46-find-class-results")

    # An impossible wish: a Sunday evening class for a 2-year-old.
    tap(qtbot, app, "findBack")
    tap(qtbot, app, "findBack")
    tap(qtbot, app, "findBack")
    tap(qtbot, app, "findBack")
    tap(qtbot, app, "findAge2")
    tap(qtbot, app, "findProgramAny")
    tap(qtbot, app, "findDay1")
    tap(qtbot, app, "findTime_evening")
    tap(qtbot, app, "findNext")
    tap(qtbot, app, "findNext")
    qtbot.waitUntil(lambda: find(app.window, "findNoMatch") is not None, timeout=3000)
    hints = visible_names(app.window, "widen_")
    assert hints, "an empty result always says how to widen the search"
    screenshot(app.window, "47-find-class-widen")
    tap(qtbot, app, hints[0])
    qtbot.waitUntil(
        lambda: (
            find(app.window, "findResult0") is not None
            or visible_names(app.window, "widen_") != hints
        ),
        timeout=3000,
    )


def test_proshop_staff_and_location(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin(qtbot, app)
    tap(qtbot, app, "tile_pro_shop")
    qtbot.waitUntil(lambda: current_screen(app) == "proShopScreen", timeout=3000)
    products = app.catalog.property("products")
    assert any(p["wasText"] for p in products), "a sale price shows against the old one"
    assert any(not p["inStock"] for p in products), "an out-of-stock product says so"
    screenshot(app.window, "48-proshop")

    tap(qtbot, app, "toolbar_more")
    qtbot.waitUntil(lambda: current_screen(app) == "moreScreen", timeout=3000)
    screenshot(app.window, "49-more")
    tap(qtbot, app, "more_meet_the_staff")
    qtbot.waitUntil(lambda: current_screen(app) == "staffScreen", timeout=3000)
    assert len(app.catalog.property("staff")) >= 3
    screenshot(app.window, "50-staff")

    tap(qtbot, app, "toolbar_location")
    qtbot.waitUntil(lambda: current_screen(app) == "locationScreen", timeout=3000)
    first = find(app.window, "locationTitle").property("text")
    screenshot(app.window, "51-location")
    other = [
        n
        for n in visible_names(app.window, "location")
        if n.startswith("location") and n[8:].isdigit()
    ]
    assert len(other) == 2
    tap(qtbot, app, "location2")
    qtbot.waitUntil(
        lambda: find(app.window, "locationTitle").property("text") != first, timeout=3000
    )
    assert app.kiosk.property("locationName") == find(app.window, "locationTitle").property("text")


def test_a_school_with_many_coaches_shows_a_few_chips_and_the_rest_on_request(
    qtbot, portal, make_kiosk
):
    from portal.models import Staff as PortalStaff

    with portal.session_factory.begin() as s:
        for n in range(20):
            s.add(
                PortalStaff(
                    organisation_id=1, location_id=1, first_name="Coach", last_name=f"Extra{n:02d}"
                )
            )
    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    coaches = app.catalog.property("instructors")
    assert len(coaches) > 20
    assert len(visible_names(app.window, "filterCoach")) == 12
    more = find(app.window, "filterAllCoaches")
    assert more.property("text") == f"All {len(coaches)} coaches"

    tap(qtbot, app, "filterAllCoaches")
    qtbot.waitUntil(
        lambda: len(visible_names(app.window, "filterCoach")) == len(coaches), timeout=3000
    )
    last = len(coaches) - 1
    tap(qtbot, app, f"filterCoach{last}")
    qtbot.waitUntil(lambda: app.catalog.property("selectedInstructor") == coaches[last])
    # Folded again, the chosen coach stays in sight so it can be unticked.
    tap(qtbot, app, "filterAllCoaches")
    qtbot.waitUntil(lambda: len(visible_names(app.window, "filterCoach")) == 13, timeout=3000)
    screenshot(app.window, "42-classes-many-coaches")


def test_the_class_list_shows_new_openings_after_a_sync(qtbot, portal, make_kiosk):
    """Cards read before a sync are not shown after it: a class that filled up says so."""
    from portal.services import catalog

    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    card = find(app.window, "classCard0")
    class_id = int(card.property("classId"))
    assert "full" not in card.property("openingsText").lower()
    with portal.session_factory() as session:
        offering = session.get(PortalClass, class_id)
        catalog.update_class(session, class_id, capacity=offering.enrolled, allow_waitlist=True)
        session.commit()
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=10000):
        app.kiosk.syncNow()
    qtbot.waitUntil(
        lambda: "join waitlist" in find(app.window, "classCard0").property("openingsText").lower(),
        timeout=5000,
    )
