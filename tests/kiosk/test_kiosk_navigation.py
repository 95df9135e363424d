"""The route table and the navigation rules of a visit (kiosk/navigation.py), without a window."""

from __future__ import annotations

from pathlib import Path

from kiosk.navigation import END_VISIT, ROUTES, Navigator, Stack

SCREENS_DIR = Path(__file__).resolve().parents[2] / "ui" / "qml" / "screens"


class Visit:
    def __init__(self) -> None:
        self.logged_in = False
        self.policies_pending = False
        self.browse = False
        self.welcome = False
        self.navigator = Navigator(
            logged_in=lambda: self.logged_in,
            policies_pending=lambda: self.policies_pending,
            browse_mode=lambda: self.browse,
            show_welcome=lambda: self.welcome,
        )


def test_every_route_names_a_screen_file_whose_root_is_named_after_it() -> None:
    for route in ROUTES:
        source = (SCREENS_DIR / f"{route.view}.qml").read_text(encoding="utf-8")
        assert f'objectName: "{route.object_name}"' in source, route.name


def test_a_familys_own_screen_asks_to_log_in_first_then_goes_there() -> None:
    visit = Visit()
    step = visit.navigator.go("cart")
    assert (step.action, step.screen) == ("show", "login")
    visit.logged_in = True
    steps = visit.navigator.continue_after_login()
    assert [(s.screen, s.stack) for s in steps] == [
        ("dashboard", Stack.RESET),
        ("cart", Stack.PUSH),
    ]
    # Once there, the next login goes to the dashboard only.
    assert [s.screen for s in visit.navigator.continue_after_login()] == ["dashboard"]


def test_log_in_to_enroll_comes_back_to_the_class() -> None:
    visit = Visit()
    step = visit.navigator.go("login", {"then": "classDetail", "thenParams": {"classId": 7}})
    assert (step.screen, dict(step.params)) == ("login", {})
    visit.logged_in = True
    last = visit.navigator.continue_after_login()[-1]
    assert (last.screen, dict(last.params)) == ("classDetail", {"classId": 7})


def test_pending_policies_come_before_anything_else() -> None:
    visit = Visit()
    visit.logged_in = visit.policies_pending = True
    assert visit.navigator.go("classes").screen == "policies"
    assert visit.navigator.go("landing").action == END_VISIT


def test_browse_mode_hands_off_what_needs_the_facilitys_system() -> None:
    visit = Visit()
    visit.browse = True
    step = visit.navigator.go("login", {"then": "campDetail", "thenParams": {"campId": 3}})
    assert (step.action, step.handoff_kind, step.record_id) == ("handOff", "camp", 3)
    assert visit.navigator.go("parties").handoff_kind == "parties"
    assert visit.navigator.go("classes").action == "show"


def test_sections_and_the_welcome_once_a_visit() -> None:
    visit = Visit()
    visit.welcome = True
    assert visit.navigator.section("begin").popup == "welcome"
    assert visit.navigator.section("begin").screen == "dashboard"
    assert visit.navigator.start().stack is Stack.START
    assert visit.navigator.section("begin").popup == "welcome"  # a new visit, welcomed again
    assert visit.navigator.section("log_out").action == END_VISIT
    assert visit.navigator.section("menu").popup == "menu"
    coming = visit.navigator.section("birthday_wall")
    assert (coming.screen, dict(coming.params)) == ("comingSoon", {"feature": "birthday_wall"})
    assert visit.navigator.go("noSuchScreen").action == "none"
