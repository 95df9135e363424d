"""The iClassPro-compatible open catalog, over real HTTP against the seeded demo."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.portal.helpers import open_get

TWELVE_HOUR = re.compile(r"^(1[0-2]|[1-9]):[0-5]\d(AM|PM)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CLASS_FIELDS = {
    "id",
    "name",
    "minAgeYear",
    "minAgeMonth",
    "maxAgeYear",
    "maxAgeMonth",
    "schedule",
    "programId",
    "levelId",
    "instructors",
    "allowWebRegistration",
    "showOpenings",
    "openings",
    "futureOpenings",
    "allowWaitlist",
    "autoApprove",
    "dates",
    "image",
    "sessions",
    "startDate",
    "endDate",
}
CAMP_FIELDS = {
    "id",
    "name",
    "programId",
    "typeId",
    "minAge",
    "maxAge",
    "startDate",
    "endDate",
    "registrationStartDate",
    "registrationEndDate",
    "schedule",
    "hasOpenings",
    "openings",
    "openingsDisplay",
    "allowChooseDays",
    "allowToRequestCampThatIsFull",
    "image",
}


def envelope(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["message"] == "" and body["errors"] == []
    return body


def test_locations(api):
    body = envelope(open_get(api, "/locations"))
    assert body["totalRecords"] == 2
    assert [loc["name"] for loc in body["data"]] == ["Main Street", "Westside"]
    assert set(body["data"][0]) == {
        "id",
        "name",
        "email",
        "phone",
        "url",
        "address",
        "address2",
        "city",
        "state",
        "zip",
        "country",
        "active",
        "primaryColor",
        "secondaryColor",
        "logo",
        "headerImage",
        "showAddressOnPortal",
        "showPhoneNumberOnPortal",
    }
    main = body["data"][0]
    assert main["city"] == "Springfield" and main["phone"] and main["logo"].startswith("/media/")


def test_booking_menu(api):
    data = envelope(open_get(api, "/bookings/1"))["data"]
    assert [item["target"] for item in data] == [
        "classes",
        "camps",
        "camps",
        "camps",
        "appointments",
        "parties",
    ]
    assert set(data[0]) == {"title", "subTitle", "pluralTitle", "image", "target", "targetParams"}
    camp_items = [item for item in data if item["target"] == "camps"]
    assert all(isinstance(item["targetParams"]["typeId"], int) for item in camp_items)
    assert data[0]["targetParams"] == {"typeId": None}


def test_programs_by_kind(api):
    classes = envelope(open_get(api, "/class-programs/1"))["data"]
    names = [p["name"] for p in classes]
    assert names == [
        "Preschool Gymnastics",
        "Girls Gymnastics",
        "Boys Gymnastics",
        "Ninja",
        "Tumbling",
        "Cheer",
    ]
    assert set(classes[0]) == {"id", "name"}
    assert [p["name"] for p in envelope(open_get(api, "/camp-programs/1"))["data"]] == ["Camps"]
    appointments = envelope(open_get(api, "/appointment-programs/2"))["data"]
    assert [p["name"] for p in appointments] == ["Private Lessons"]


def test_active_levels(api):
    data = envelope(open_get(api, "/levels/active/1"))["data"]
    assert len(data) >= 10
    assert set(data[0]) == {"id", "sortOrder", "name", "color", "textColor", "image"}
    assert [lv["sortOrder"] for lv in data] == sorted(lv["sortOrder"] for lv in data)
    assert all(re.match(r"^#[0-9a-f]{6}$", lv["color"]) for lv in data)


def test_class_instructors(api):
    data = envelope(open_get(api, "/instructors/1/classes"))["data"]
    assert set(data[0]) == {"id", "firstName", "lastName"}
    names = {(i["firstName"], i["lastName"]) for i in data}
    assert ("Carla", "Mendez") in names and ("Tyler", "Brooks") in names


def test_sessions(api):
    data = envelope(open_get(api, "/sessions"))["data"]
    assert len(data) == 2
    assert set(data[0]) == {"id", "name", "startDate"}
    assert ISO_DATE.match(data[0]["startDate"])


def test_classes_list_shape(api):
    body = envelope(open_get(api, "/classes", limit=500))
    assert body["totalRecords"] >= 60 and len(body["data"]) == body["totalRecords"]
    item = body["data"][0]
    assert set(item) == CLASS_FIELDS
    assert set(item["dates"]) == {
        "start",
        "end",
        "regStart",
        "regEnd",
        "priorityStart",
        "priorityEnd",
    }
    for cls in body["data"]:
        for slot in cls["schedule"]:
            assert set(slot) == {
                "dayNumber",
                "dayName",
                "startTime",
                "endTime",
                "timeStamp",
                "tsId",
            }
            assert 1 <= slot["dayNumber"] <= 7
            assert TWELVE_HOUR.match(slot["startTime"]) and TWELVE_HOUR.match(slot["endTime"])
            hours, minutes = re.match(r"(\d+):(\d+)", slot["startTime"]).groups()
            hour24 = int(hours) % 12 + (12 if slot["startTime"].endswith("PM") else 0)
            assert slot["timeStamp"] == hour24 * 3600 + int(minutes) * 60
    # A Monday 3:30 PM class exists and is shown the iClassPro way.
    slots = [s for c in body["data"] for s in c["schedule"]]
    assert {"dayNumber": 2, "dayName": "Mon", "startTime": "3:30PM"}.items() <= next(
        s for s in slots if s["startTime"] == "3:30PM" and s["dayNumber"] == 2
    ).items()
    assert any(c["openings"] == 0 for c in body["data"])
    assert any(1 <= c["openings"] <= 3 for c in body["data"])


def test_classes_per_location_add_up(api):
    total = envelope(open_get(api, "/classes", limit=1))["totalRecords"]
    main = envelope(open_get(api, "/classes", locationId=1, limit=1))["totalRecords"]
    west = envelope(open_get(api, "/classes", locationId=2, limit=1))["totalRecords"]
    assert main + west == total and main > west > 0


def test_classes_filters(api):
    everything = envelope(open_get(api, "/classes", limit=500))["data"]

    found = envelope(open_get(api, "/classes", q="ninja", limit=500))["data"]
    assert found and all("ninja" in c["name"].lower() for c in found)

    with_openings = envelope(open_get(api, "/classes", openings=1, limit=500))["data"]
    assert with_openings and all(c["openings"] > 0 for c in with_openings)
    assert len(with_openings) < len(everything)

    program_id = everything[0]["programId"]
    by_program = envelope(open_get(api, "/classes", programs=str(program_id), limit=500))["data"]
    assert by_program and all(c["programId"] == program_id for c in by_program)

    level_ids = sorted({c["levelId"] for c in everything})[:2]
    by_level = envelope(open_get(api, "/classes", levels=",".join(map(str, level_ids)), limit=500))[
        "data"
    ]
    assert by_level and {c["levelId"] for c in by_level} <= set(level_ids)

    saturday = envelope(open_get(api, "/classes", days="7", limit=500))["data"]
    assert saturday and all(any(s["dayNumber"] == 7 for s in c["schedule"]) for c in saturday)

    four_year_olds = envelope(open_get(api, "/classes", ages="4", limit=500))["data"]
    assert four_year_olds
    for cls in four_year_olds:
        low = cls["minAgeYear"] * 12 + cls["minAgeMonth"]
        high = cls["maxAgeYear"] * 12 + cls["maxAgeMonth"]
        assert low <= 4 * 12 + 11 and high >= 48

    coaches = envelope(open_get(api, "/instructors/1/classes"))["data"]
    carla = next(i for i in coaches if i["firstName"] == "Carla")
    by_coach = envelope(open_get(api, "/classes", instructors=str(carla["id"]), limit=500))["data"]
    assert by_coach and all("Carla Mendez" in c["instructors"] for c in by_coach)


def test_classes_paging(api):
    first = envelope(open_get(api, "/classes", limit=25, page=1))
    second = envelope(open_get(api, "/classes", limit=25, page=2))
    assert first["totalRecords"] == second["totalRecords"]
    assert len(first["data"]) == 25
    assert not {c["id"] for c in first["data"]} & {c["id"] for c in second["data"]}
    beyond = envelope(open_get(api, "/classes", limit=25, page=99))
    assert beyond["data"] == [] and beyond["totalRecords"] == first["totalRecords"]


def test_class_detail(api):
    first = envelope(open_get(api, "/classes", limit=1))["data"][0]
    detail = envelope(open_get(api, f"/classes/{first['id']}"))["data"]
    assert set(detail) == CLASS_FIELDS | {"description"}
    assert detail["description"].startswith("<p>")
    assert detail["sessions"] and set(detail["sessions"][0]) == {"id", "name"}
    missing = open_get(api, "/classes/999999")
    assert missing.status_code == 400 and missing.json()["message"] == "Class not found."


def test_camps_by_type(api):
    menu = envelope(open_get(api, "/bookings/1"))["data"]
    holiday_type = next(i for i in menu if i["title"] == "Holiday Camp")["targetParams"]["typeId"]
    body = envelope(open_get(api, "/camps", locationId=1, typeId=holiday_type))
    assert body["campTypeName"] == "Holiday Camp"
    assert body["campTypeNamePlural"] == "Holiday Camps"
    assert body["totalRecords"] == len(body["data"]) >= 1
    camp = body["data"][0]
    assert set(camp) == CAMP_FIELDS
    assert camp["allowChooseDays"] is True
    assert camp["schedule"] and ISO_DATE.match(camp["schedule"][0]["date"])
    assert TWELVE_HOUR.match(camp["schedule"][0]["startTime"])


def test_camps_list_and_sorting(api):
    body = envelope(open_get(api, "/camps", limit=100))
    assert body["campTypeName"] is None
    start_dates = [c["startDate"] for c in body["data"]]
    assert start_dates == sorted(start_dates)
    by_name = envelope(open_get(api, "/camps", limit=100, sortBy="name"))["data"]
    assert [c["name"] for c in by_name] == sorted(c["name"] for c in by_name)
    displays = {c["openingsDisplay"] for c in body["data"]}
    assert "FULL" in displays and any(re.match(r"^\d+ OPEN$", d) for d in displays)
    for camp in body["data"]:
        assert camp["hasOpenings"] == (camp["openings"] > 0)


def test_camp_detail(api):
    camp = envelope(open_get(api, "/camps", limit=1))["data"][0]
    detail = envelope(open_get(api, f"/camps/{camp['id']}"))["data"]
    assert set(detail) == CAMP_FIELDS | {"description", "programName", "instructors"}
    assert detail["programName"] == "Camps" and detail["instructors"]
    missing = open_get(api, "/camps/nope")
    assert missing.status_code == 400 and missing.json()["message"] == "Camp not found."


def test_parties(api):
    data = envelope(open_get(api, "/parties/create/1"))["data"]
    assert set(data) == {"date", "availableDays", "useInclusiveTax"}
    assert data["availableDays"] and data["date"] == data["availableDays"][0]
    assert data["availableDays"] == sorted(data["availableDays"])


def test_products(api):
    body = envelope(open_get(api, "/products/1"))
    assert body["totalRecords"] == 8
    item = body["data"][0]
    assert set(item) == {
        "id",
        "name",
        "sku",
        "price",
        "salePrice",
        "activePrice",
        "sale",
        "inventoryCount",
        "enableInventory",
        "images",
        "shortDescription",
        "taxRate",
        "showOnCustomerPortal",
    }
    on_sale = [p for p in body["data"] if p["sale"]]
    assert on_sale and all(p["activePrice"] == p["salePrice"] < p["price"] for p in on_sale)
    assert any(p["enableInventory"] and p["inventoryCount"] == 0 for p in body["data"])
    assert all(p["images"][0].startswith("/media/products/") for p in body["data"])


def test_news(api):
    data = envelope(open_get(api, "/news/1"))["data"]
    assert set(data) == {"id", "title", "body", "createdAt"}
    assert data["id"] == 1 and data["title"] and data["createdAt"].endswith("Z")


@pytest.mark.parametrize("bad_id", ["999999", "abc", "-1", "99999999999999999999"])
def test_bad_news_id(api, bad_id):
    response = open_get(api, f"/news/{bad_id}")
    assert response.status_code == 400
    assert response.json() == {"data": None, "message": "News not found.", "errors": []}


@pytest.mark.parametrize("prefix", ["/api/open/v1", "/api/v1"])
def test_unknown_account(api, prefix):
    path = "/locations" if "open" in prefix else "/kiosk/settings"
    response = api.get(f"{prefix}/xyz{path}")
    assert response.status_code == 404
    assert response.json()["message"] == (
        "We could not find an organisation called 'xyz'. Please check the account name."
    )


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/classes", {"limit": "0"}),
        ("/classes", {"limit": "abc"}),
        ("/classes", {"page": "0"}),
        ("/classes", {"programs": "gym"}),
        ("/classes", {"days": "9"}),
        ("/classes", {"ages": "x,y"}),
        ("/classes", {"locationId": "abc"}),
        ("/classes", {"locationId": "999"}),
        ("/classes", {"openings": "maybe"}),
        ("/camps", {"sortBy": "price"}),
        ("/camps", {"typeId": "999"}),
        ("/bookings/abc", {}),
        ("/bookings/999", {}),
        ("/products/99999999999999999999", {}),
        ("/levels/active/-1", {}),
    ],
)
def test_bad_parameters_are_400_with_a_message(api, path, params):
    response = open_get(api, path, **params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["data"] is None and isinstance(body["errors"], list)
    assert body["message"] and "Traceback" not in body["message"]


def test_unknown_query_parameters_are_ignored(api):
    plain = envelope(open_get(api, "/classes", limit=5))
    extra = envelope(open_get(api, "/classes", limit=5, color="blue", foo="1"))
    assert plain == extra


def test_openapi_documents_every_route(api):
    spec = api.get("/openapi.json").json()
    paths = set(spec["paths"])
    expected = {
        "/api/open/v1/{account}/locations",
        "/api/open/v1/{account}/bookings/{locationId}",
        "/api/open/v1/{account}/class-programs/{locationId}",
        "/api/open/v1/{account}/camp-programs/{locationId}",
        "/api/open/v1/{account}/appointment-programs/{locationId}",
        "/api/open/v1/{account}/levels/active/{locationId}",
        "/api/open/v1/{account}/instructors/{locationId}/classes",
        "/api/open/v1/{account}/sessions",
        "/api/open/v1/{account}/classes",
        "/api/open/v1/{account}/classes/{classId}",
        "/api/open/v1/{account}/camps",
        "/api/open/v1/{account}/camps/{campId}",
        "/api/open/v1/{account}/parties/create/{locationId}",
        "/api/open/v1/{account}/products/{locationId}",
        "/api/open/v1/{account}/news/{newsId}",
        "/api/v1/{account}/kiosk/settings",
        "/api/v1/{account}/sync/changes",
    }
    assert expected <= paths
    for path in expected:
        ok = spec["paths"][path]["get"]["responses"]["200"]
        # Each answer is described by a named schema (not an untyped object).
        assert "#/components/schemas/" in str(ok["content"]["application/json"]["schema"]), path
    schemas = spec["components"]["schemas"]
    assert {"ClassData", "OrgSettings", "ChangesPage", "OpenClass"} <= set(schemas)
