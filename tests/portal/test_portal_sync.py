"""The kiosk sync contract: settings and the catalog change feed, over real HTTP."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import select, update

from portal.models import ClassOffering, News, Organisation, Staff, Student
from portal.services import catalog
from tests.portal.helpers import feed

ENTITIES = {
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


def _class_ids(portal) -> list[int]:
    with portal.session_factory() as session:
        return list(session.scalars(select(ClassOffering.id).order_by(ClassOffering.id)))


def test_settings_endpoint(api):
    response = api.get("/api/v1/demo/kiosk/settings")
    assert response.status_code == 200
    settings = response.json()
    assert settings["name"] == "Springfield Gymnastics" and settings["account"] == "demo"
    assert settings["timezone"] == "America/Chicago" and settings["currency"] == "USD"
    assert settings["features"] == {
        "proShop": True,
        "welcomeInfo": True,
        "findTheRightClass": True,
        "appointments": True,
        "parties": True,
        "meetTheStaff": True,
        "mobileApp": True,
        "showInstructors": True,
        "showTuition": True,
        "checkIn": True,
    }
    assert settings["welcomeInfo"]["title"] == "Welcome to Springfield Gymnastics!"
    assert "\n\n" in settings["welcomeInfo"]["body"]
    assert set(settings["branding"]) == {"primaryColor", "secondaryColor", "logo"}
    assert settings["idleTimeoutSeconds"] == 90 and settings["idleWarningSeconds"] == 15
    assert settings["sessionCapSeconds"] == 900 and settings["cartHoldSeconds"] == 600
    assert set(settings["mobileAppLinks"]) == {"ios", "android"}
    assert isinstance(settings["defaultLocationId"], int)
    # The feed carries the very same object.
    page = feed(api)
    entry = next(c for c in page["changes"] if c["entity"] == "settings")
    assert entry["id"] == "org" and entry["data"] == settings


def test_initial_page_is_a_full_snapshot(api):
    page = feed(api, 0)
    changes = page["changes"]
    assert page["hasMore"] is False
    assert page["cursor"] == changes[-1]["seq"] == page["latest"]
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert {c["entity"] for c in changes} == ENTITIES
    assert all(c["op"] == "upsert" and isinstance(c["id"], str) for c in changes)
    # Only the newest change of each record is kept.
    assert len({(c["entity"], c["id"]) for c in changes}) == len(changes)
    counts = Counter(c["entity"] for c in changes)
    assert counts["class"] >= 60 and counts["location"] == 2 and counts["news"] == 7
    assert counts["policy"] == 2 and counts["settings"] == 1 and counts["booking_menu"] == 12
    cls = next(c["data"] for c in changes if c["entity"] == "class")
    assert set(cls) == {
        "id",
        "locationId",
        "programId",
        "levelId",
        "name",
        "description",
        "minAgeMonths",
        "maxAgeMonths",
        "schedule",
        "instructorIds",
        "instructorNames",
        "capacity",
        "enrolled",
        "openings",
        "dateOpenings",  # docs/absences-contract.md
        "allowWaitlist",
        "waitlistCount",
        "allowWebRegistration",
        "tuitionCents",
        "tuitionPeriod",
        "startDate",
        "endDate",
        "image",
        "translations",  # the organisation's own words in other languages (issue #16)
    }
    assert set(cls["schedule"][0]) == {"dayNumber", "dayName", "startTime", "endTime"}
    assert cls["openings"] == cls["capacity"] - cls["enrolled"]
    news = next(c["data"] for c in changes if c["entity"] == "news")
    assert news["image"] == f"/media/news/{news['id']}.svg"
    location = next(c["data"] for c in changes if c["entity"] == "location")
    assert location["hours"]
    assert set(location["hours"][0]) == {"days", "open", "close", "dayNumbers"}


def test_paging_with_has_more(api):
    full = feed(api, 0)["changes"]
    collected, cursor, pages = [], 0, 0
    while True:
        page = feed(api, cursor, limit=50)
        pages += 1
        collected.extend(page["changes"])
        assert page["cursor"] == (page["changes"][-1]["seq"] if page["changes"] else cursor)
        cursor = page["cursor"]
        if not page["hasMore"]:
            break
        assert len(page["changes"]) == 50
    assert pages == -(-len(full) // 50)
    assert collected == full
    assert cursor == page["latest"]


def test_nothing_changed_is_an_empty_page(api):
    latest = feed(api)["latest"]
    page = feed(api, latest)
    assert page == {"changes": [], "cursor": latest, "hasMore": False, "latest": latest}


def test_class_update_gets_a_new_seq(api, portal):
    before = feed(api)
    class_id = _class_ids(portal)[0]
    with portal.session_factory.begin() as session:
        catalog.update_class(session, class_id, name="Renamed Class", tuition_cents=12345)
    page = feed(api, before["cursor"])
    assert [(c["entity"], c["id"], c["op"]) for c in page["changes"]] == [
        ("class", str(class_id), "upsert")
    ]
    change = page["changes"][0]
    assert change["seq"] == before["latest"] + 1 == page["latest"] == page["cursor"]
    assert change["data"]["name"] == "Renamed Class" and change["data"]["tuitionCents"] == 12345
    # The snapshot from 0 now holds the new version only, at the end.
    snapshot = feed(api)["changes"]
    versions = [c for c in snapshot if c["entity"] == "class" and c["id"] == str(class_id)]
    assert versions == [change] and snapshot[-1] == change


def test_deletion_is_a_delete_op(api, portal):
    cursor = feed(api)["cursor"]
    with portal.session_factory.begin() as session:
        catalog.delete_news(session, 3)
    page = feed(api, cursor)
    assert [(c["entity"], c["id"], c["op"], c["data"]) for c in page["changes"]] == [
        ("news", "3", "delete", None)
    ]
    snapshot = feed(api)["changes"]
    assert [c["op"] for c in snapshot if c["entity"] == "news" and c["id"] == "3"] == ["delete"]
    assert api.get("/api/open/v1/demo/news/3").status_code == 400


def test_enrollment_changes_openings(api, portal):
    cursor = feed(api)["cursor"]
    with portal.session_factory() as session:
        open_class = session.scalars(
            select(ClassOffering).where(ClassOffering.enrolled < ClassOffering.capacity)
        ).first()
        student_id = session.scalars(select(Student.id)).first()
        assert open_class is not None and student_id is not None
        class_id, openings = open_class.id, open_class.openings
    with portal.session_factory.begin() as session:
        catalog.enroll_student(session, student_id, class_id)
    page = feed(api, cursor)
    assert [(c["entity"], c["id"]) for c in page["changes"]] == [("class", str(class_id))]
    assert page["changes"][0]["data"]["openings"] == openings - 1
    # Setting `enrolled` directly works the same way.
    with portal.session_factory.begin() as session:
        row = session.get(ClassOffering, class_id)
        assert row is not None
        catalog.update_class(session, class_id, enrolled=row.capacity)
    data = feed(api, page["cursor"])["changes"][0]["data"]
    assert data["openings"] == 0 and data["enrolled"] == data["capacity"]
    listed = api.get(f"/api/open/v1/demo/classes/{class_id}").json()["data"]
    assert listed["openings"] == 0


def test_after_past_latest_is_409(api):
    latest = feed(api)["latest"]
    response = api.get("/api/v1/demo/sync/changes", params={"after": latest + 1})
    assert response.status_code == 409
    body = response.json()
    assert body["latest"] == latest and body["message"]


@pytest.mark.parametrize(
    "params",
    [{"after": -1}, {"after": "x"}, {"limit": 0}, {"limit": 1001}, {"limit": "many"}],
)
def test_bad_feed_parameters_are_400(api, params):
    response = api.get("/api/v1/demo/sync/changes", params=params)
    assert response.status_code == 400
    assert set(response.json()) == {"message"} and response.json()["message"]


def test_limit_bounds_are_accepted(api):
    assert len(feed(api, 0, limit=1)["changes"]) == 1
    assert feed(api, 0, limit=1000)["hasMore"] is False


def test_set_feature_emits_settings(api, portal):
    cursor = feed(api)["cursor"]
    with portal.session_factory.begin() as session:
        catalog.set_feature(session, "demo", "checkIn", False)  # the demo has it on
    page = feed(api, cursor)
    assert [(c["entity"], c["id"]) for c in page["changes"]] == [("settings", "org")]
    assert page["changes"][0]["data"]["features"]["checkIn"] is False
    assert api.get("/api/v1/demo/kiosk/settings").json()["features"]["checkIn"] is False
    with portal.session_factory.begin() as session, pytest.raises(ValueError):
        catalog.set_feature(session, "demo", "teleport", True)


def test_organisation_rename_emits_settings(api, portal):
    cursor = feed(api)["cursor"]
    with portal.session_factory.begin() as session:
        org = catalog.require_organisation(session, "demo")
        org.name = "Springfield Gymnastics & Ninja"
    page = feed(api, cursor)
    assert [(c["entity"], c["id"]) for c in page["changes"]] == [("settings", "org")]
    assert page["changes"][0]["data"]["name"] == "Springfield Gymnastics & Ninja"


def test_staff_rename_reemits_their_classes(api, portal):
    cursor = feed(api)["cursor"]
    with portal.session_factory() as session:
        carla = session.scalars(select(Staff).where(Staff.first_name == "Carla")).one()
        carla_id, taught = carla.id, {c.id for c in carla.classes}
    assert taught
    with portal.session_factory.begin() as session:
        catalog.update_staff(session, carla_id, last_name="Mendez-Ruiz")
    changes = feed(api, cursor)["changes"]
    assert ("staff", str(carla_id)) in {(c["entity"], c["id"]) for c in changes}
    class_changes = {int(c["id"]): c["data"] for c in changes if c["entity"] == "class"}
    assert set(class_changes) == taught
    assert all("Carla Mendez-Ruiz" in d["instructorNames"] for d in class_changes.values())


def test_instructor_change_is_a_class_change(api, portal):
    cursor = feed(api)["cursor"]
    class_id = _class_ids(portal)[1]
    with portal.session_factory() as session:
        staff_ids = list(session.scalars(select(Staff.id).order_by(Staff.id)))[:2]
    with portal.session_factory.begin() as session:
        catalog.update_class(session, class_id, instructor_ids=staff_ids)
    changes = feed(api, cursor)["changes"]
    assert [(c["entity"], c["id"]) for c in changes] == [("class", str(class_id))]
    assert changes[0]["data"]["instructorIds"] == staff_ids


def test_rollback_records_nothing(api, portal):
    latest = feed(api)["latest"]
    with portal.session_factory() as session:
        catalog.update_class(session, _class_ids(portal)[0], name="Never committed")
        session.rollback()
    assert feed(api)["latest"] == latest


def test_bulk_catalog_writes_are_refused(portal):
    with portal.session_factory() as session, pytest.raises(RuntimeError, match="change feed"):
        session.execute(update(ClassOffering).values(enrolled=0))


def test_personal_rows_are_not_in_the_feed(api, portal):
    latest = feed(api)["latest"]
    with portal.session_factory.begin() as session:
        student = session.scalars(select(Student)).first()
        assert student is not None
        student.first_name = "Renamed"
    assert feed(api)["latest"] == latest


def test_concurrent_writers_get_distinct_gapless_seqs(api, portal):
    latest = feed(api)["latest"]
    ids = _class_ids(portal)
    errors: list[BaseException] = []

    def writer(chunk: list[int]) -> None:
        try:
            for class_id in chunk:
                with portal.session_factory.begin() as session:
                    catalog.update_class(session, class_id, waitlist_count=7)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(ids[i:20:4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    page = feed(api, latest)
    assert page["latest"] == latest + 20
    assert [c["seq"] for c in page["changes"]] == list(range(latest + 1, latest + 21))
    assert {int(c["id"]) for c in page["changes"]} == set(ids[:20])
    with portal.session_factory() as session:
        org = session.scalars(select(Organisation)).one()
        assert org.change_seq == latest + 20


def test_news_update_via_service(api, portal):
    cursor = feed(api)["cursor"]
    with portal.session_factory.begin() as session:
        catalog.update_news(session, 1, title="Updated headline")
        with pytest.raises(ValueError):
            catalog.update_news(session, 1, colour="red")
    change = feed(api, cursor)["changes"][0]
    assert change["entity"] == "news" and change["data"]["title"] == "Updated headline"
    with portal.session_factory() as session:
        news = session.get(News, 1)
        assert news is not None and news.title == "Updated headline"
