"""Issue #16: the portal sends data, the kiosk words it in the visitor's language (cart lines,
the confirmation, the booking hub, opening hours, news), against the real portal. In English
the words stay exactly what the portal used to send."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from PySide6.QtCore import Q_ARG, QDate, QLocale, QMetaObject

from kiosk import i18n
from kiosk.cart import cart_from_wire, order_from_wire
from kiosk.refusals import worded_refusal
from portal.models import Camp
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.clock_helpers import facility_today
from tests.portal.booking_helpers import find_class, open_seats, set_class, simpson
from tests.portal.helpers import HTTP_TIMEOUT_S, enrolled_credential
from tests.portal.test_portal_booking import _camp_id
from tests.portal.test_portal_words_as_data import _add_one_of_each
from tests.ui.conftest import (
    current_screen,
    fill_in_login,
    find,
    screenshot,
    settle,
    tap,
    visible_items,
)
from ui.bridges.formats import format_date
from ui.bridges.language_bridge import LANGUAGES
from ui.bridges.wording import charge_label, day_month, line_subtitle, line_when, opening_days

ENGLISH, SPANISH = LANGUAGES["en"][0], LANGUAGES["es"][0]


@pytest.fixture
def api(portal) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=portal.url, timeout=HTTP_TIMEOUT_S) as client:
        client.headers["X-Kiosk-Credential"] = enrolled_credential(portal, "Front desk")
        yield client


@pytest.fixture
def locale(qapp) -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _spanish_month(day) -> str:
    return SPANISH.monthName(day.month, QLocale.FormatType.ShortFormat)


@pytest.mark.calendar
def test_every_line_is_worded_from_data_as_the_portal_said_it_in_english(api, portal, locale):
    marge = simpson(api)
    _add_one_of_each(api, portal, marge)
    winter = _camp_id(portal, "Winter Break Camp")
    with portal.session_factory() as session:
        days = session.get(Camp, winter).days
    wire = marge.add_ok(
        {"kind": "camp", "campId": winter, "studentId": marge.student_id("Lisa"), "days": days[:2]}
    )
    cart = cart_from_wire(wire)
    assert {line.kind for line in cart.lines} == {
        "class",
        "camp",
        "appointment",
        "party",
        "product",
        "giftcard",
    }
    assert all(line.when.known for line in cart.lines)

    QLocale.setDefault(ENGLISH)
    for line in cart.lines:
        assert line_subtitle(line.kind, line.when, "") == line.subtitle, line.kind
    assert any("(2 days)" in line.subtitle for line in cart.lines)

    QLocale.setDefault(SPANISH)
    spanish = {line.kind: line_subtitle(line.kind, line.when, "") for line in cart.lines}
    assert spanish["class"].startswith("mar ")  # Tuesday, as Spanish says it
    for camp in (line for line in cart.lines if line.kind == "camp"):
        first = camp.when.days[0]
        worded = line_subtitle("camp", camp.when, "")
        assert worded.startswith(f"{first.day} {_spanish_month(first)}"), worded
    appointment = next(line for line in cart.lines if line.kind == "appointment")
    assert appointment.when.day is not None
    weekday = SPANISH.toString(QDate(appointment.when.day), "ddd")
    assert spanish["appointment"].startswith(f"{weekday} {appointment.when.day.day} ")

    response = marge.checkout({"token": marge.card(), "applyCreditCents": 0})
    assert response.status_code == 200, response.text
    order = order_from_wire(response.json())
    QLocale.setDefault(ENGLISH)
    for line in order.lines:
        assert line.when_data.known, line.kind
        assert line_when(line.kind, line.when_data, "") == line.when, line.kind
    QLocale.setDefault(SPANISH)
    lesson = next(line for line in order.lines if line.kind == "class")
    assert lesson.when_data.start_date is not None
    start = lesson.when_data.start_date
    assert line_when("class", lesson.when_data, "").endswith(f"{start.day} {_spanish_month(start)}")


def test_opening_days_word_runs_of_days_or_keep_the_organisations_words(locale):
    QLocale.setDefault(ENGLISH)
    assert opening_days([2, 3, 4, 5, 6], "Mon-Fri") == "Mon-Fri"
    assert opening_days([7, 1], "Sat-Sun") == "Sat-Sun"
    assert opening_days([2, 4], "Mon, Wed") == "Mon, Wed"
    assert opening_days([], "Weekdays") == "Weekdays"
    QLocale.setDefault(SPANISH)
    assert opening_days([2, 3, 4, 5, 6], "Mon-Fri") == "lun-vie"
    assert opening_days([1], "Sun") == "dom"


def test_the_portals_own_labels_are_worded_by_their_code(qapp):
    assert charge_label("registration_fee", "whatever the portal said") == (
        "Annual registration fee"
    )
    assert charge_label("tax", "Sales tax") == "Sales tax"
    assert charge_label("tuition", "Tuition November - Ninja Rookie (Bart)") == (
        "Tuition November - Ninja Rookie (Bart)"  # the organisation's words stay as sent
    )


# ----- the screens ---------------------------------------------------------------------------


def _texts(app) -> str:
    return "\n".join(
        str(item.property("text"))
        for item in visible_items(app.window)
        if isinstance(item.property("text"), str)
    )


def _navigate(app, screen: str) -> None:
    QMetaObject.invokeMethod(
        app.window, "navigate", Q_ARG("QVariant", screen), Q_ARG("QVariant", {})
    )


def _go(qtbot, app, screen: str) -> None:
    _navigate(app, screen)
    qtbot.waitUntil(lambda: current_screen(app) == f"{screen}Screen", timeout=5000)
    settle(qtbot, app.window)


def _both_ways(qtbot, app, name: str) -> None:
    """Screenshots in landscape and portrait (the layout others work on; these words must fit)."""
    settle(qtbot, app.window)
    screenshot(app.window, f"words-{name}-landscape")
    app.window.resize(1080, 1920)
    settle(qtbot, app.window)
    screenshot(app.window, f"words-{name}-portrait")
    app.window.resize(1920, 1080)
    settle(qtbot, app.window)


@pytest.mark.calendar
def test_the_screens_word_the_portals_data_in_spanish_and_stay_the_same_in_english(
    qtbot, portal, make_kiosk
):
    full = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, full, 0)  # a waitlist: to the confirmation with nothing to pay
    app = make_kiosk(portal.url)
    fill_in_login(qtbot, app, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    app.language.setLanguage("es")

    # The booking hub: the organisation's own Spanish titles.
    _go(qtbot, app, "booking")
    qtbot.waitUntil(lambda: find(app.window, "booking_classes") is not None, timeout=3000)
    assert find(app.window, "booking_classes").property("text") == "Clases"
    assert "Clases semanales para todas las edades y niveles" in _texts(app)
    _both_ways(qtbot, app, "es-booking")

    # Opening hours: the days as Spanish says them.
    _go(qtbot, app, "location")
    texts = _texts(app)
    assert "lun-vie:" in texts and "sáb:" in texts and "Mon-Fri" not in texts
    _both_ways(qtbot, app, "es-location")

    # News: the organisation's Spanish.
    _go(qtbot, app, "news")
    qtbot.waitUntil(lambda: find(app.window, "newsItem0") is not None, timeout=3000)
    spanish_titles = [app.news.get(row)["title"] for row in range(app.news.rowCount())]
    assert "Cerrado por las fiestas" in spanish_titles
    tap(qtbot, app, "newsItem0")
    qtbot.waitUntil(lambda: current_screen(app) == "newsDetailScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "newsDetailTitle") is not None, timeout=3000)
    settle(qtbot, app.window)
    assert find(app.window, "newsDetailTitle").property("text") == spanish_titles[0]
    _both_ways(qtbot, app, "es-news-detail")

    # A class into the cart (its waitlist): its line in Spanish.
    QMetaObject.invokeMethod(
        app.window,
        "navigate",
        Q_ARG("QVariant", "classDetail"),
        Q_ARG("QVariant", {"classId": full}),
    )
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=5000)
    assert "minutos por semana" in str(app.catalog.classDetail(full)["description"])
    camp_id = _camp_id(portal, "Summer Camp: Circus Week")
    assert "manualidades" in str(app.catalog.campDetail(camp_id)["description"])
    qtbot.waitUntil(lambda: find(app.window, "enrollStudent0") is not None, timeout=3000)
    chips = [n for n in (f"enrollStudent{i}" for i in range(6)) if find(app.window, n)]
    tap(qtbot, app, next(n for n in chips if find(app.window, n).property("enabled")))
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    (line,) = app.cart.property("lines")
    assert line["subtitle"].startswith("sáb "), line
    assert line["subtitle"] in _texts(app)
    _both_ways(qtbot, app, "es-cart")

    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=10000)
    order_line = str(find(app.window, "orderLine0").property("text"))
    when = app.cart.property("lastOrder")["lines"][0]["when"]
    assert when and when in order_line
    assert "Dec" not in order_line and "AM" not in order_line and "PM" not in order_line
    (wire_line,) = app.cart._service.last_order.lines  # what the portal said in English
    assert wire_line.when_data.start_date is not None, wire_line  # a class starts on a day
    assert _spanish_month(wire_line.when_data.start_date) in order_line
    _both_ways(qtbot, app, "es-order-confirmed")

    # English: the same screens read exactly as the portal's English.
    app.language.setLanguage("en")
    qtbot.waitUntil(
        lambda: wire_line.when in str(find(app.window, "orderLine0").property("text")),
        timeout=3000,
    )
    _go(qtbot, app, "location")
    texts = _texts(app)
    assert "Mon-Fri:" in texts and "Sat:" in texts and "Sun:" in texts
    _go(qtbot, app, "booking")
    assert find(app.window, "booking_classes").property("text") == "Classes"
    assert "Weekly classes for every age and level" in _texts(app)
    english_titles = [app.news.get(row)["title"] for row in range(app.news.rowCount())]
    assert "Closed for the Holidays" in english_titles
    assert "Cerrado por las fiestas" not in english_titles
    assert "minutos" not in str(app.catalog.classDetail(full)["description"])
    assert "crafts" in str(app.catalog.campDetail(camp_id)["description"])


# ----- charges, payments and dated refusals -----------------------------------------------------


@pytest.mark.calendar
def test_charges_the_credit_method_and_a_dated_refusal_read_in_spanish(
    qtbot, api, portal, make_kiosk
):
    marge = simpson(api)
    fee = next(c for c in marge.get("/family/charges").json()["charges"] if c["kind"] != "tuition")
    by_credit = marge.pay({"chargeIds": [fee["id"]], "applyCreditCents": fee["amountCents"]})
    assert by_credit.status_code == 200, by_credit.text
    saturday = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, saturday, 2)
    opens = facility_today() + timedelta(days=20)
    set_class(portal, saturday, reg_start=opens)

    app = make_kiosk(portal.url)
    fill_in_login(qtbot, app, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    app.language.setLanguage("es")
    month = SPANISH.standaloneMonthName(facility_today().month)
    _go(qtbot, app, "accountPayments")
    qtbot.waitUntil(lambda: len(app.payments.property("history")) == 1, timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "charge0") is not None, timeout=3000)
    settle(qtbot, app.window)
    (charge,) = app.payments.property("charges")
    assert charge["description"] == f"Matrícula de {month} – Lisa – Girls Beginner"
    assert charge["description"] in _texts(app)
    assert "Tuition" not in _texts(app)
    (paid,) = app.payments.property("history")
    assert paid["method"] == "Crédito de la cuenta"
    assert "Se pagaron $20.00 con su crédito" in str(
        find(app.window, "historyRow0").property("text")
    )
    _both_ways(qtbot, app, "es-payments")

    # A refusal with a date in it: the sentence and the date the Spanish way.
    QMetaObject.invokeMethod(
        app.window,
        "navigate",
        Q_ARG("QVariant", "classDetail"),
        Q_ARG("QVariant", {"classId": saturday}),
    )
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=5000)
    qtbot.waitUntil(lambda: find(app.window, "enrollStudent0") is not None, timeout=3000)
    chips = [n for n in (f"enrollStudent{i}" for i in range(6)) if find(app.window, n)]
    tap(qtbot, app, next(n for n in chips if find(app.window, n).property("enabled")))
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: app.cart.property("message") != "", timeout=10000)
    short_month = SPANISH.monthName(opens.month, QLocale.FormatType.ShortFormat)
    assert app.cart.property("message") == (
        f"La inscripción para esta clase abre el {opens.day} {short_month}."
    )
    _both_ways(qtbot, app, "es-dated-refusal")

    # English: the portal's words, as before.
    app.language.setLanguage("en")
    tap(qtbot, app, "enroll")
    english = f"Registration for this class opens on {opens:%b} {opens.day}."
    qtbot.waitUntil(lambda: app.cart.property("message") == english, timeout=10000)
    (charge,) = app.payments.property("charges")
    assert charge["description"] == f"Tuition – Lisa – Girls Beginner – {facility_today():%B}"
    assert app.payments.property("history")[0]["method"] == "Account credit"


def test_the_dated_refusals_worded_by_the_kiosk_are_the_portals_english(api, portal, locale):
    """In English the kiosk's wording of a dated refusal is the portal's own sentence."""
    i18n.install_translator(
        lambda text: text, day=lambda day, weekday: format_date(day) if weekday else day_month(day)
    )
    QLocale.setDefault(ENGLISH)
    marge = simpson(api)
    lisa = marge.student_id("Lisa")
    saturday = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, saturday, 2)
    set_class(portal, saturday, reg_start=facility_today() + timedelta(days=20))
    weekly = find_class(portal, "Tumbling 2", "Thu")
    bodies = [marge.add({"kind": "class", "classId": saturday, "studentId": lisa}).json()]
    mark = {"studentId": lisa, "classId": weekly, "dates": ["2026-12-11"]}
    bodies.append(marge.post("/family/absences", mark, str(uuid.uuid4())).json())
    mark["dates"] = ["2026-12-10"]
    assert marge.post("/family/absences", mark, str(uuid.uuid4())).status_code == 201
    bodies.append(marge.post("/family/absences", mark, str(uuid.uuid4())).json())
    assert [b["messageCode"] for b in bodies] == [
        "registration_opens",
        "not_a_meeting",
        "already_absent",
    ]
    for body in bodies:
        assert worded_refusal(body) == body["message"]
    QLocale.setDefault(SPANISH)
    assert worded_refusal(bodies[1]) == "The class does not meet on vie, 11 dic."  # untranslated
