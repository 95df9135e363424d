"""Self check-in at the kiosk, end to end against the real portal: a family finds itself by
phone, PIN or a scanned card, checks the children in with one tap, and the screen goes back
to the start; late check-ins, punch passes, blocked families, the front desk's roster."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from portal.models import Attendance
from portal.seed import DEMO_CHECKIN_CARDS, DEMO_CHECKIN_PHONE, DEMO_CHECKIN_PINS
from tests.portal.checkin_helpers import class_today, give_pass, punches_left, student_id
from tests.ui.conftest import all_texts, current_screen, find, screenshot, tap, visible_names
from tests.ui.test_staff import _enter_pin, _long_press_logo, _staff_pin

SIMPSON_PHONE = "2175550101"  # Marge's (217) 555-0101


def _attendance(portal, class_id: int) -> list[Attendance]:
    with portal.session_factory() as session:
        return list(session.scalars(select(Attendance).where(Attendance.class_id == class_id)))


def _open_check_in(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "landingCheckIn")
    qtbot.waitUntil(lambda: current_screen(app) == "checkInScreen", timeout=5000)


def _key_in(qtbot, app, digits: str) -> None:
    for digit in digits:
        tap(qtbot, app, f"key_{digit}")


def _stage(app) -> str:
    return str(app.checkin.property("stage"))


def _row_status(app, student: int, class_id: int) -> str:
    item = find(app.window, f"checkInStatus_{student}_{class_id}")
    assert item is not None, f"no class row {student}/{class_id} on screen"
    return str(item.property("text"))


def _selected(app, student: int, class_id: int) -> bool:
    for row in app.checkin.property("students"):
        if row["studentId"] == student:
            for cls in row["classes"]:
                if cls["classId"] == class_id:
                    return bool(cls["selected"])
    raise AssertionError(f"no class {class_id} for student {student}")


def _untick_all_but(qtbot, app, keep: set[tuple[int, int]]) -> None:
    """Tap off, as the family would, every class ticked for them but those in `keep`
    (student, class): other demo classes may happen to be open for them now."""
    ticked = [
        (row["studentId"], cls["classId"])
        for row in app.checkin.property("students")
        for cls in row["classes"]
        if cls["selected"] and (row["studentId"], cls["classId"]) not in keep
    ]
    for student, class_id in ticked:
        tap(qtbot, app, f"checkInClass_{student}_{class_id}")
        qtbot.waitUntil(lambda s=student, c=class_id: not _selected(app, s, c), timeout=3000)


def _scan(app, code: str) -> None:
    """A USB scanner: the card's characters typed fast, then Enter."""
    for ch in code:
        QTest.keyClick(app.window, ch)
    QTest.keyClick(app.window, Qt.Key.Key_Return)


def test_a_family_checks_in_by_phone_with_one_tap_and_the_screen_goes_back(
    qtbot, portal, make_kiosk
):
    bart, lisa = student_id(portal, "Bart"), student_id(portal, "Lisa")
    open_class = class_today(portal, 10, students=("Bart", "Lisa"), name="Tumbling 1")
    later = class_today(portal, 50, students=("Bart",), name="Ninja Later")
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    screenshot(app.window, "90-checkin-phone")

    # A wrong key is taken back; a short number is refused with a sentence by the field.
    _key_in(qtbot, app, "2175559")
    tap(qtbot, app, "key_back")
    assert app.checkin.property("entryText") == "(217) 555"
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: find(app.window, "checkInError").property("visible"), timeout=3000)
    assert "whole phone number" in find(app.window, "checkInError").property("text")
    assert app.checkin.property("entryText") == "(217) 555"  # what was typed stays

    _key_in(qtbot, app, SIMPSON_PHONE[6:])
    assert app.checkin.property("entryText") == "(217) 555-0101"
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: _stage(app) == "students", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, f"checkInClass_{bart}_{open_class}") is not None)
    screenshot(app.window, "91-checkin-students")

    # Every enrolled child in the window is ticked already; a class later today is not.
    assert _selected(app, bart, open_class) and _selected(app, lisa, open_class)
    assert "opens at" in _row_status(app, bart, later)
    assert not find(app.window, f"checkInClass_{bart}_{later}").property("enabled")
    # Bystanders read first names and a last initial, never the family's name or contacts.
    texts = all_texts(app)
    assert "Bart S." in texts and "Lisa S." in texts
    assert "Simpson" not in texts and "Marge" not in texts and "555-0101" not in texts

    tap(qtbot, app, "checkInConfirm")
    qtbot.waitUntil(lambda: _stage(app) == "done", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "checkedIn1") is not None, timeout=3000)
    screenshot(app.window, "92-checkin-done")
    done = " ".join(find(app.window, f"checkedIn{i}").property("text") for i in (0, 1))
    assert "Bart S." in done and "Lisa S." in done and "Tumbling 1" in done
    records = _attendance(portal, open_class)
    assert sorted(r.student_id for r in records) == sorted([bart, lisa])
    assert {r.method for r in records} == {"phone"} and not any(r.tardy for r in records)

    # Back to the start by itself within 10 seconds, with nothing of the family kept.
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=12000)
    assert app.checkin.property("students") == []
    assert "Bart S." not in all_texts(app)
    assert len(_attendance(portal, open_class)) == 2


def test_a_pin_is_masked_a_wrong_one_says_so_and_late_is_marked(qtbot, portal, make_kiosk):
    bart = student_id(portal, "Bart")
    started = class_today(portal, -5, students=("Bart",), name="Started Already")
    closed = class_today(portal, -20, students=("Bart",), name="Long Started")
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    tap(qtbot, app, "checkInMethod_pin")
    _key_in(qtbot, app, "9898")
    assert app.checkin.property("entryText") == "••••"
    assert "9898" not in all_texts(app)
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: app.checkin.property("error") != "", timeout=10000)
    assert "couldn't find" in app.checkin.property("error")
    screenshot(app.window, "93-checkin-pin-wrong")

    tap(qtbot, app, "key_clear")
    _key_in(qtbot, app, DEMO_CHECKIN_PINS["Simpson"])
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: _stage(app) == "students", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, f"checkInStatus_{bart}_{started}") is not None)
    assert _row_status(app, bart, started).startswith("Late")
    assert "closed" in _row_status(app, bart, closed)
    assert not _selected(app, bart, closed)
    screenshot(app.window, "94-checkin-late")

    # Only the late class: untick everything else that happens to be open for the family.
    _untick_all_but(qtbot, app, {(bart, started)})
    tap(qtbot, app, "checkInConfirm")
    qtbot.waitUntil(lambda: _stage(app) == "done", timeout=10000)
    assert "late" in find(app.window, "checkedIn0").property("text")
    (record,) = _attendance(portal, started)
    assert record.tardy and record.method == "pin"
    tap(qtbot, app, "checkInDoneButton")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)


def test_a_scanned_card_works_on_any_step_and_a_repeat_scan_is_ignored(qtbot, portal, make_kiosk):
    bart = student_id(portal, "Bart")
    open_class = class_today(portal, 5, students=("Bart",), name="Scan Class")
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    # The phone keypad is showing; the scanner types into the screen regardless.
    _scan(app, DEMO_CHECKIN_CARDS["Simpson"].lower())
    qtbot.waitUntil(lambda: _stage(app) == "students", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, f"checkInClass_{bart}_{open_class}") is not None)
    assert _selected(app, bart, open_class)

    # The parent unticks Bart; the card, still over the glass, is read again: nothing resets.
    tap(qtbot, app, f"checkInClass_{bart}_{open_class}")
    qtbot.waitUntil(lambda: not _selected(app, bart, open_class), timeout=3000)
    _scan(app, DEMO_CHECKIN_CARDS["Simpson"])
    _scan(app, DEMO_CHECKIN_CARDS["Simpson"])
    assert not app.checkin.property("busy")
    assert not _selected(app, bart, open_class)

    tap(qtbot, app, f"checkInClass_{bart}_{open_class}")
    qtbot.waitUntil(lambda: _selected(app, bart, open_class), timeout=3000)
    tap(qtbot, app, "checkInConfirm")
    qtbot.waitUntil(lambda: _stage(app) == "done", timeout=10000)
    assert [r.method for r in _attendance(portal, open_class)] == ["card"]


def test_a_punch_pass_drops_in_to_an_open_class_and_uses_one_punch(qtbot, portal, make_kiosk):
    lisa = student_id(portal, "Lisa")
    give_pass(portal, "Lisa", 5)
    drop_in = class_today(portal, 15, students=(), name="Open Tumble")
    before = punches_left(portal, "Lisa")
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    tap(qtbot, app, "checkInMethod_pin")
    _key_in(qtbot, app, DEMO_CHECKIN_PINS["Simpson"])
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(
        lambda: find(app.window, f"checkInClass_{lisa}_{drop_in}") is not None, timeout=10000
    )
    assert "punch pass" in _row_status(app, lisa, drop_in)
    assert not _selected(app, lisa, drop_in)  # a punch is spent only on purpose

    _untick_all_but(qtbot, app, set())
    tap(qtbot, app, f"checkInClass_{lisa}_{drop_in}")
    qtbot.waitUntil(lambda: _selected(app, lisa, drop_in), timeout=3000)
    screenshot(app.window, "95-checkin-punch-pass")
    tap(qtbot, app, "checkInConfirm")
    qtbot.waitUntil(lambda: _stage(app) == "done", timeout=10000)
    assert "punches left" in find(app.window, "checkedIn0").property("text")
    assert punches_left(portal, "Lisa") == before - 1
    (record,) = _attendance(portal, drop_in)
    assert record.via == "punch_pass"


def test_one_phone_for_two_families_asks_which_by_last_name(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    _key_in(qtbot, app, "".join(ch for ch in DEMO_CHECKIN_PHONE if ch.isdigit()))
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: _stage(app) == "chooseFamily", timeout=10000)
    qtbot.waitUntil(lambda: len(visible_names(app.window, "checkInFamily")) == 2, timeout=3000)
    screenshot(app.window, "96-checkin-which-family")
    names = [find(app.window, f"checkInFamily{i}").property("text") for i in (0, 1)]
    assert all(name.startswith("The ") for name in names) and names[0] != names[1]
    tap(qtbot, app, "checkInFamily0")
    qtbot.waitUntil(lambda: _stage(app) in ("students", "blocked"), timeout=3000)


def test_a_blocked_family_is_sent_to_the_desk_and_staff_see_why(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    tap(qtbot, app, "checkInMethod_pin")
    _key_in(qtbot, app, DEMO_CHECKIN_PINS["Flanders"])  # policies not accepted yet
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: _stage(app) == "blocked", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "checkInBlockedMessage") is not None, timeout=3000)
    screenshot(app.window, "97-checkin-blocked")
    assert (
        find(app.window, "checkInBlockedMessage").property("text") == "Please see the front desk."
    )
    texts = all_texts(app)
    assert "Flanders" not in texts and "to accept" not in texts and "Rod F." not in texts
    # It goes back to the start by itself.
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=12000)

    # The front desk sees who was sent over, and why.
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    tap(qtbot, app, "staffTab4")
    qtbot.waitUntil(lambda: find(app.window, "checkInAlert0") is not None, timeout=10000)
    alert = find(app.window, "checkInAlert0").property("text")
    assert "Flanders" in alert and "polic" in alert.lower()
    screenshot(app.window, "98-staff-checkins")


def test_the_front_desk_roster_shows_who_has_checked_in(qtbot, portal, make_kiosk):
    roster_class = class_today(portal, 10, students=("Bart", "Lisa"), name="Roster Class")
    app = make_kiosk(portal.url)
    _open_check_in(qtbot, app)
    tap(qtbot, app, "checkInMethod_pin")
    _key_in(qtbot, app, DEMO_CHECKIN_PINS["Simpson"])
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: _stage(app) == "students", timeout=10000)
    lisa = student_id(portal, "Lisa")
    qtbot.waitUntil(lambda: find(app.window, f"checkInClass_{lisa}_{roster_class}") is not None)
    _untick_all_but(qtbot, app, {(lisa, roster_class)})
    tap(qtbot, app, "checkInConfirm")
    qtbot.waitUntil(lambda: _stage(app) == "done", timeout=10000)
    tap(qtbot, app, "checkInDoneButton")

    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    tap(qtbot, app, "staffTab4")

    def roster_line() -> str:
        for entry in app.staff.property("roster"):
            if entry["name"] == "Roster Class":
                marks = [("✓ " if s["checkedIn"] else "○ ") + s["name"] for s in entry["students"]]
                return entry["count"] + "\n" + "  ".join(marks)
        return ""

    qtbot.waitUntil(lambda: roster_line() != "", timeout=10000)
    line = roster_line()
    assert "1 of 2 checked in" in line
    assert "✓ Lisa Simpson" in line and "○ Bart Simpson" in line
    qtbot.waitUntil(lambda: find(app.window, "rosterClass0") is not None, timeout=3000)


def test_a_family_that_walks_away_mid_check_in_leaves_nothing_behind(
    qtbot, portal, make_kiosk, tmp_path
):
    class_today(portal, 10, students=("Bart",), name="Walk Away Class")
    data_dir = tmp_path / "walk-away"
    app = make_kiosk(portal.url, data_dir=data_dir)
    _open_check_in(qtbot, app)
    tap(qtbot, app, "checkInMethod_pin")
    _key_in(qtbot, app, DEMO_CHECKIN_PINS["Simpson"])
    tap(qtbot, app, "checkInFind")
    qtbot.waitUntil(lambda: _stage(app) == "students", timeout=10000)
    assert "Bart S." in all_texts(app)

    app.idle.set_timeouts(0.2, 1)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=8000)
    assert app.checkin.property("students") == [] and _stage(app) == "identify"
    assert "Bart S." not in all_texts(app)
    app.shutdown()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"Bart" not in content, f"a child's name found in {path.name}"


def test_cant_reach_our_system_goes_away_when_the_portal_answers_again(qtbot, portal, make_kiosk):
    """The sentence belongs to the attempt that met a lost connection: once the kiosk hears
    the portal again, the check-in screen no longer says it cannot reach it."""
    from tests.reliability.fault_proxy import NO_FAULTS, Fault, FaultProxy

    with FaultProxy(portal.url, weights=NO_FAULTS) as proxy:
        app = make_kiosk(proxy.url)
        _open_check_in(qtbot, app)
        proxy.set_weights({Fault.RESET: 1.0})
        _key_in(qtbot, app, SIMPSON_PHONE)
        tap(qtbot, app, "checkInFind")

        def said() -> str:
            item = find(app.window, "checkInError")
            return str(item.property("text")) if item is not None else ""

        qtbot.waitUntil(lambda: "can't reach" in said(), timeout=30000)
        assert app.checkin.property("entryText") == "(217) 555-0101"  # what was typed stays
        screenshot(app.window, "95-checkin-cant-reach")

        proxy.set_weights(NO_FAULTS)
        app.kiosk.syncNow()
        qtbot.waitUntil(lambda: said() == "", timeout=30000)
        assert app.checkin.property("entryText") == "(217) 555-0101"
