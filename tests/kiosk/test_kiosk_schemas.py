"""Wire schemas are tolerant: odd records are read when possible and skipped (by id) when not."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from kiosk import domain
from kiosk.api.schemas import (
    ENTITY_MODELS,
    ChangePage,
    ClassWire,
    NewsWire,
    OpenCamp,
    OpenClass,
    OpenLevel,
    OpenLocation,
    OpenNews,
    OpenProduct,
    OrgSettingsWire,
    parse_clock,
    parse_date,
    parse_records,
)

CONTRACT_SETTINGS = {
    "name": "Springfield Gymnastics",
    "account": "demo",
    "timezone": "America/Chicago",
    "currency": "USD",
    "locale": "en_US",
    "defaultLocationId": 1,
    "features": {
        "proShop": True,
        "welcomeInfo": True,
        "findTheRightClass": True,
        "appointments": True,
        "parties": False,
        "meetTheStaff": True,
        "mobileApp": True,
        "showInstructors": True,
        "showTuition": True,
        "checkIn": False,
    },
    "welcomeInfo": {"title": "Welcome!", "body": "Para one.\n\nPara two."},
    "branding": {"primaryColor": "#1b5e9e", "secondaryColor": "#f2a900", "logo": "/media/logo.svg"},
    "idleTimeoutSeconds": 60,
    "idleWarningSeconds": 10,
    "sessionCapSeconds": 900,
    "cartHoldSeconds": 600,
    "mobileAppLinks": {"ios": "https://apps.apple.com/x", "android": "https://play/x"},
    "somethingNew": {"the kiosk": "ignores it"},
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3:30PM", "15:30"),
        ("3:30 pm", "15:30"),
        ("12:00AM", "00:00"),
        ("12:15PM", "12:15"),
        ("9am", "09:00"),
        ("15:30", "15:30"),
        ("07:05:00", "07:05"),
        ("3:30 P.M.", "15:30"),
        ("", None),
        ("13:00PM", None),
        ("25:00", None),
        ("noon", None),
        ("3:75PM", None),
    ],
)
def test_clock_times(text, expected):
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-06", date(2025, 1, 6)),
        ("01/06/2025", date(2025, 1, 6)),
        ("2025-01-06T08:00:00Z", date(2025, 1, 6)),
        ("", None),
        ("0000-00-00", None),
        ("soon", None),
        (None, None),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_settings_convert_to_domain_with_local_logo():
    wire = OrgSettingsWire.model_validate(CONTRACT_SETTINGS)
    settings = wire.to_domain(lambda path: f"/cache/media/{path.rsplit('/', 1)[-1]}")
    assert settings == domain.OrgSettings(
        name="Springfield Gymnastics",
        account="demo",
        timezone="America/Chicago",
        currency="USD",
        locale="en_US",
        default_location_id=1,
        features=domain.Features(parties=False, mobile_app=True),
        welcome_info=domain.WelcomeInfo("Welcome!", "Para one.\n\nPara two."),
        branding=domain.Branding("#1b5e9e", "#f2a900", "/cache/media/logo.svg"),
        idle_timeout_seconds=60,
        idle_warning_seconds=10,
        session_cap_seconds=900,
        cart_hold_seconds=600,
        mobile_app_links=domain.MobileAppLinks("https://apps.apple.com/x", "https://play/x"),
    )
    assert wire.to_domain().branding.logo is None  # not downloaded: no path


def test_settings_with_nulls_and_junk_fall_back_to_defaults():
    wire = OrgSettingsWire.model_validate(
        {
            "name": "X",
            "features": None,
            "branding": None,
            "welcomeInfo": None,
            "idleTimeoutSeconds": "",
            "cartHoldSeconds": "300",
            "defaultLocationId": "",
        }
    )
    settings = wire.to_domain()
    assert settings.features == domain.Features()
    assert settings.branding == domain.Branding()
    assert settings.welcome_info is None
    assert settings.idle_timeout_seconds == 90
    assert settings.cart_hold_seconds == 300
    assert settings.default_location_id is None


def test_feed_class_record_to_domain():
    wire = ClassWire.model_validate(
        {
            "id": 17,
            "locationId": 1,
            "programId": 2,
            "levelId": None,
            "name": "Tiny Tumblers",
            "description": "Fun",
            "minAgeMonths": 18,
            "maxAgeMonths": "36",
            "schedule": [
                {"dayNumber": 2, "dayName": "Mon", "startTime": "15:30", "endTime": "16:15"},
                {"dayNumber": 5, "startTime": "9:00AM", "endTime": "9:45AM"},
                {"dayNumber": 0, "startTime": "10:00"},  # no such day: dropped
                {"dayNumber": 3, "startTime": "whenever"},
            ],  # unreadable: dropped
            "instructorNames": ["Ann Lee", None],
            "capacity": 8,
            "enrolled": 6,
            "openings": 2,
            "allowWaitlist": "1",
            "tuitionCents": 6500,
            "startDate": "",
            "endDate": "2025-06-01",
            "brandNewField": True,
        }
    )
    offering = wire.to_domain()
    assert offering.schedule == (
        domain.ScheduleSlot(2, "Mon", "15:30", "16:15"),
        domain.ScheduleSlot(5, "Thu", "09:00", "09:45"),
    )
    assert offering.instructor_names == ("Ann Lee",)
    assert offering.max_age_months == 36 and offering.level_id is None
    assert offering.allow_waitlist is True
    assert offering.start_date is None and offering.end_date == date(2025, 6, 1)
    assert wire.days_mask == 0b0010010 and wire.earliest_start_minute == 9 * 60
    assert wire.search_text() == "tiny tumblers ann lee"


def test_every_contract_entity_has_a_model():
    assert set(ENTITY_MODELS) == {
        "settings",
        "location",
        "booking_menu",
        "program",
        "level",
        "staff",
        "class",
        "camp_type",
        "camp",
        "party_package",
        "appointment_type",
        "product",
        "news",
        "policy",
    }


def test_change_page_skips_unreadable_changes(caplog):
    page = ChangePage.model_validate(
        {
            "changes": [
                {"seq": 41, "entity": "class", "id": 17, "op": "upsert", "data": {"id": 17}},
                {"seq": "forty-two", "entity": "news"},
                {"seq": 43, "entity": "news", "id": "3", "op": "delete", "data": None},
            ],
            "cursor": 43,
            "hasMore": False,
            "latest": 43,
        }
    )
    assert [c.seq for c in page.changes] == [41, 43]
    assert page.changes[0].id == "17"  # ids are strings
    assert page.skipped == 1 and page.cursor == 43 and page.has_more is False


def test_unreadable_records_are_skipped_and_logged_by_id_only(caplog):
    caplog.set_level(logging.WARNING)
    items = [
        {"id": 1, "title": "Open gym", "body": "Fri", "createdAt": "2025-01-03T10:00:00Z"},
        {"id": 2, "body": "secret@example.com"},  # no title: skipped
        "not even an object",
        {"id": 3, "title": None},  # null title: skipped
        {"id": 4, "title": "Bad date", "createdAt": "someday"},
    ]
    news = parse_records(OpenNews, items, "news")
    assert [n.id for n in news] == [1, 4]
    assert news[0].created_at == datetime(2025, 1, 3, 10, tzinfo=UTC)
    assert news[1].created_at is None
    assert "id=2" in caplog.text and "id=?" in caplog.text and "id=3" in caplog.text
    assert "secret@example.com" not in caplog.text


ODD_CLASSES = [
    {  # the shape the community documented
        "id": 101,
        "name": "Beginner Gymnastics",
        "minAgeYear": 5,
        "minAgeMonth": 0,
        "maxAgeYear": 7,
        "maxAgeMonth": 11,
        "schedule": [
            {
                "dayNumber": 3,
                "dayName": "Tue",
                "startTime": "3:30PM",
                "endTime": "4:30PM",
                "timeStamp": 55800,
                "tsId": 9,
            }
        ],
        "programId": 2,
        "levelId": 4,
        "instructors": ["Ann Lee"],
        "allowWebRegistration": True,
        "showOpenings": True,
        "openings": 3,
        "futureOpenings": 3,
        "allowWaitlist": False,
        "autoApprove": True,
        "dates": {
            "start": "2025-01-06",
            "end": "",
            "regStart": "",
            "regEnd": None,
            "priorityStart": "",
            "priorityEnd": "",
        },
        "image": "",
        "sessions": [],
        "startDate": "",
        "endDate": None,
    },
    {  # nulls everywhere, strings for numbers, instructors as objects, time only as timeStamp
        "id": "102",
        "name": "Swim",
        "minAgeYear": None,
        "minAgeMonth": None,
        "maxAgeYear": "",
        "maxAgeMonth": "",
        "schedule": [{"dayNumber": "7", "startTime": None, "timeStamp": 34200}],
        "programId": None,
        "levelId": "",
        "instructors": [{"firstName": "Bo", "lastName": "Li"}],
        "allowWebRegistration": "0",
        "openings": None,
        "dates": None,
        "sessions": None,
    },
    {"id": None, "name": "No id"},
    {"name": "Missing id"},
    {"id": 103, "name": "Ninja", "schedule": "Mondays"},  # schedule not a list: no slots
]


def test_open_api_classes_with_odd_records():
    classes = parse_records(OpenClass, ODD_CLASSES, "class")
    assert [c.id for c in classes] == [101, 102, 103]
    first, second, third = classes
    assert first.min_age_months == 60 and first.max_age_months == 95
    assert first.schedule[0].start_time == "15:30" and first.schedule[0].end_time == "16:30"
    assert first.dates.start == date(2025, 1, 6) and first.dates.end is None
    assert first.image is None and first.start_date is None
    offering = first.to_domain(location_id=1)
    assert offering.start_date == date(2025, 1, 6)
    assert offering.instructor_names == ("Ann Lee",)

    assert second.min_age_months is None and second.level_id is None
    assert second.schedule[0].day_name == "Sat" and second.schedule[0].start_time == "09:30"
    assert second.instructors == ["Bo Li"] and second.allow_web_registration is False
    assert second.openings is None and second.to_domain(1).openings == 0
    assert third.schedule == []


def test_open_api_other_records():
    [location] = parse_records(
        OpenLocation,
        [
            {
                "id": 1,
                "name": "Main",
                "email": None,
                "phone": 5551234,
                "zip": 62704,
                "active": "1",
                "logo": "",
                "showAddressOnPortal": None,
            }
        ],
        "location",
    )
    assert location.phone == "5551234" and location.zip == "62704" and location.email == ""
    assert location.logo is None and location.active is True
    assert location.to_domain().name == "Main"

    [product] = parse_records(
        OpenProduct,
        [
            {
                "id": 5,
                "name": "Grip tape",
                "price": "12.50",
                "salePrice": "",
                "activePrice": 9.99,
                "sale": 1,
                "inventoryCount": None,
                "images": ["/media/p/5.png", {"url": "/media/p/6.png"}],
            }
        ],
        "product",
    )
    assert product.price_cents == 999 and product.sale is True and product.sale_price is None
    assert product.images == ["/media/p/5.png", "/media/p/6.png"]

    [camp] = parse_records(
        OpenCamp,
        [
            {
                "id": 9,
                "name": "Summer Camp",
                "minAge": "5",
                "startDate": "06/09/2025",
                "endDate": "",
                "schedule": [{"dayNumber": 2, "startTime": "9:00AM", "endTime": "3:00PM"}],
                "openingsDisplay": "10 OPEN",
                "hasOpenings": True,
            }
        ],
        "camp",
    )
    assert camp.start_date == date(2025, 6, 9) and camp.end_date is None and camp.min_age == 5

    levels = parse_records(
        OpenLevel,
        [{"id": 1, "name": "Bronze", "sortOrder": ""}, {"id": "x", "name": "Bad"}],
        "level",
    )
    assert [level.id for level in levels] == [1]


def test_news_without_date_or_image():
    item = NewsWire.model_validate(
        {"id": 3, "title": "Hi", "locationId": None, "image": "", "publishedAt": ""}
    ).to_domain()
    assert item.image is None and item.published_at is None and item.location_id is None
