"""Touch polish (issue #16, part B), against the real portal: the payments table, the "done"
screens, a full class's other times, the class filters and words that agree with the student."""

from __future__ import annotations

import re

from PySide6.QtCore import Q_ARG, QMetaObject, QPointF
from sqlalchemy import select

from portal.models import ClassOffering as PortalClass
from tests.ui.conftest import (
    current_screen,
    find,
    log_in_as_marge,
    screenshot,
    settle,
    tap,
    visible_items,
)


def _box(app, name: str) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of the named item in the window."""
    item = find(app.window, name)
    assert item is not None, f"{name} is not on screen"
    top_left = item.mapToScene(QPointF(0, 0))
    return top_left.x(), top_left.y(), top_left.x() + item.width(), top_left.y() + item.height()


def _text(app, name: str) -> str:
    item = find(app.window, name)
    assert item is not None, f"{name} is not on screen"
    return str(item.property("text"))


def _visible_texts(app) -> list[str]:
    return [
        str(item.property("text"))
        for item in visible_items(app.window)
        if isinstance(item.property("text"), str) and item.property("text")
    ]


def _shots(qtbot, app, name: str) -> None:
    """The screen as it is, landscape and portrait, in English and in Spanish at 1.5x text."""
    for language, large in (("en", False), ("es", True)):
        app.language.setLanguage(language)
        app.display.setLargeText(large)
        for width, height in ((1920, 1080), (1080, 1920)):
            app.window.resize(width, height)
            settle(qtbot, app.window)
            screenshot(app.window, f"16b-{name}-{language}-{width}x{height}")
    app.language.setLanguage("en")
    app.display.setLargeText(False)
    app.window.resize(1920, 1080)
    settle(qtbot, app.window)


def _buttons(app) -> list:
    return [
        item
        for item in visible_items(app.window)
        if item.inherits("QQuickAbstractButton") and item.property("primaryAction") is not None
    ]


def test_payments_read_as_a_table_with_one_big_action_and_a_done_screen(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "balanceNotice")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.payments.property("charges")) == 2, timeout=10000)
    settle(qtbot, app.window)

    # Each column starts (or, for amounts, ends) at the same x on every row.
    for column, edge in (("chargeDescription", 0), ("chargeDue", 0), ("chargeAmount", 2)):
        xs = {round(_box(app, f"{column}{i}")[edge]) for i in range(2)}
        assert len(xs) == 1, f"{column} rows are not lined up: {xs}"
    assert _box(app, "chargeDescription0")[2] <= _box(app, "chargeDue0")[0]
    assert _box(app, "chargeDue0")[2] <= _box(app, "chargeAmount0")[0]
    spoken = re.compile(r"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}")
    assert all(spoken.fullmatch(_text(app, f"chargeDue{i}")) for i in range(2))

    # The primary action is the big one, and no greyed-out button stands out.
    primaries = [b for b in _buttons(app) if b.property("primaryAction")]
    assert [b.objectName() for b in primaries] == ["payAll"]
    assert all(b.isEnabled() for b in _buttons(app))
    pay_all = find(app.window, "payAll")
    assert pay_all.height() >= 88

    # Payment history says there is none yet instead of an empty column.
    assert _text(app, "historyEmpty") == "No payments yet."
    _shots(qtbot, app, "payments")

    # A tapped charge shows a tick, and paying it becomes the one primary action.
    assert find(app.window, "chargeTick0") is None
    tap(qtbot, app, "charge0")
    qtbot.waitUntil(lambda: find(app.window, "chargeTick0") is not None, timeout=3000)
    primaries = [b for b in _buttons(app) if b.property("primaryAction")]
    assert [b.objectName() for b in primaries] == ["paySelected"]
    _shots(qtbot, app, "payments-ticked")
    tap(qtbot, app, "charge0")
    qtbot.waitUntil(lambda: find(app.window, "chargeTick0") is None, timeout=3000)

    tap(qtbot, app, "payAll")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    tap(qtbot, app, "testCard_approved")
    qtbot.waitUntil(lambda: current_screen(app) == "receiptScreen", timeout=15000)
    settle(qtbot, app.window)

    # The receipt is check-in's success screen: a tick in the middle, headline, one big Done.
    left, _top, right, _bottom = _box(app, "successMark")
    assert abs((left + right) / 2 - app.window.width() / 2) < 4
    title_left, _t, title_right, _b = _box(app, "receiptTitle")
    assert abs((title_left + title_right) / 2 - app.window.width() / 2) < 4
    done = find(app.window, "receiptDone")
    assert done.property("primaryAction") and done.height() >= 88
    d_left, _t, d_right, _b = _box(app, "receiptDone")
    assert abs((d_left + d_right) / 2 - app.window.width() / 2) < 4
    _shots(qtbot, app, "receipt")

    tap(qtbot, app, "receiptDone")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=5000)
    tap(qtbot, app, "tile_my_account")
    tap(qtbot, app, "openPayments")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: find(app.window, "historyRow0") is not None, timeout=10000)
    assert find(app.window, "historyEmpty") is None
    assert re.match(r"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2} · Paid ", _text(app, "historyRow0"))
    screenshot(app.window, "16b-payments-history")


def _open_classes(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "tile_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=5000)
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=5000)


def _count(app) -> int:
    return app.catalog.property("classes").rowCount()


def _listed_class_ids(app) -> list[int]:
    model = app.catalog.property("classes")
    role = next(r for r, name in model.roleNames().items() if bytes(name) == b"classId")
    return [model.data(model.index(row, 0), role) for row in range(model.rowCount())]


def _navigate(app, screen: str, params: dict) -> None:
    """Main.qml's one navigate() path, for a screen a test reaches faster this way."""
    QMetaObject.invokeMethod(
        app.window, "navigate", Q_ARG("QVariant", screen), Q_ARG("QVariant", params)
    )


def _full_class_and_its_other_times(portal, *, waitlist: bool) -> tuple[int, str, list[int]]:
    with portal.session_factory() as s:
        classes = s.scalars(select(PortalClass).where(PortalClass.location_id == 1)).all()
        for c in classes:
            if c.enrolled < c.capacity or c.allow_waitlist is not waitlist:
                continue
            others = [
                o.id
                for o in classes
                if o.level_id == c.level_id and o.id != c.id and o.enrolled < o.capacity
            ]
            if others:
                return c.id, c.name, others
    raise AssertionError("the demo has a full class with other open times")


def test_a_full_class_offers_its_other_times_that_lead_to_a_bookable_class(
    qtbot, portal, make_kiosk
):
    full_id, name, other_ids = _full_class_and_its_other_times(portal, waitlist=False)
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    _navigate(app, "classDetail", {"classId": full_id})
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=5000)
    qtbot.waitUntil(lambda: find(app.window, "otherTime0") is not None, timeout=5000)
    settle(qtbot, app.window)
    # No dead "Class is Full" button: the other times with a seat, each a row to tap.
    assert find(app.window, "enroll") is None
    assert "Class is Full" not in _visible_texts(app)
    shown = [n for n in (f"otherTime{i}" for i in range(len(other_ids) + 1)) if find(app.window, n)]
    assert len(shown) == len(other_ids)
    _shots(qtbot, app, "class-full-other-times")

    tap(qtbot, app, "otherTime0")
    qtbot.waitUntil(
        lambda: (
            current_screen(app) == "classDetailScreen" and find(app.window, "otherTime0") is None
        ),
        timeout=5000,
    )
    assert _text(app, "classTitle") == name
    assert "Full" not in _text(app, "classOpenings")
    assert _text(app, "enroll") == "Add to Cart"
    assert find(app.window, "classDetailScreen").property("classId") in other_ids

    # Where the class allows it, the waitlist stays on offer beside the other times.
    waitlist_id, _name, _others = _full_class_and_its_other_times(portal, waitlist=True)
    _navigate(app, "classDetail", {"classId": waitlist_id})
    qtbot.waitUntil(lambda: find(app.window, "otherTime0") is not None, timeout=5000)
    assert _text(app, "enroll") == "Join the Waitlist"


def test_class_filters_offer_every_age_and_a_level_that_narrows_the_list(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    settle(qtbot, app.window)

    # Every age from 2 to 16+ (13 and 15 too), in even rows: same width, same columns.
    ages = [f"filterAge{age}" for age in range(2, 17)]
    assert all(find(app.window, name) is not None for name in ages)
    assert _text(app, "filterAge16") == "16+"
    boxes = [_box(app, name) for name in ages]
    assert len({round(right - left) for left, _t, right, _b in boxes}) == 1
    rows: dict[int, list[float]] = {}
    for left, top, _r, _b in boxes:
        rows.setdefault(round(top), []).append(round(left))
    assert [len(lefts) for lefts in rows.values()] == [5, 5, 5]
    assert len({tuple(lefts) for lefts in rows.values()}) == 1

    # A Level filter without choosing a program first, from the levels the catalog carries.
    with portal.session_factory() as s:
        classes = s.scalars(select(PortalClass).where(PortalClass.location_id == 1)).all()
    level_id = classes[0].level_id
    of_level = [c for c in classes if c.level_id == level_id]
    assert 0 < len(of_level) < len(classes)
    _shots(qtbot, app, "class-filters")
    width_before = find(app.window, f"filterLevel{level_id}").width()
    tap(qtbot, app, f"filterLevel{level_id}")
    qtbot.waitUntil(lambda: _count(app) == len(of_level), timeout=5000)
    # Chosen, the chip's words turn bold but it keeps its width: the row does not reflow.
    assert find(app.window, f"filterLevel{level_id}").property("selected") is True
    assert find(app.window, f"filterLevel{level_id}").width() == width_before
    assert set(_listed_class_ids(app)) == {c.id for c in of_level}


def test_enrolled_agrees_with_the_students_gender_in_spanish(qtbot, portal, make_kiosk):
    with portal.session_factory() as s:
        for_both = next(
            c
            for c in s.scalars(select(PortalClass).where(PortalClass.location_id == 1)).all()
            if c.capacity - c.enrolled >= 2
            and (c.min_age_months or 0) <= 8 * 12
            and (c.max_age_months or 999) >= 11 * 12
        )
        class_id = for_both.id
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "toolbarLanguage")  # Español: the kiosk's own Spanish file
    qtbot.waitUntil(lambda: app.language.property("language") == "es", timeout=5000)
    _navigate(app, "classDetail", {"classId": class_id})
    qtbot.waitUntil(lambda: find(app.window, "enrollStudent1") is not None, timeout=5000)
    for index in range(3):
        if _text(app, f"enrollStudent{index}") in ("Bart", "Lisa"):
            tap(qtbot, app, f"enrollStudent{index}")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=5000)
    tap(qtbot, app, "testCard_approved")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=15000)
    settle(qtbot, app.window)
    lines = [_text(app, f"orderLine{i}") for i in range(2)]
    assert any("Lisa: Inscrita" in line for line in lines), lines
    assert any("Bart: Inscrito" in line for line in lines), lines
    assert not any("()" in text for text in _visible_texts(app))
    for width, height in ((1920, 1080), (1080, 1920)):
        app.window.resize(width, height)
        settle(qtbot, app.window)
        screenshot(app.window, f"16b-order-confirmed-es-{width}x{height}")
