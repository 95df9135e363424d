"""Families at the kiosk: log in, wrong password, suspended, policies, several families,
create account, forgot password, My Account edits, log out and idle wipe everything personal."""

from __future__ import annotations

import logging
import re

import requests
from PySide6.QtCore import Q_ARG, QMetaObject

from portal.seed import (
    DEMO_EMAIL_BURNS,
    DEMO_EMAIL_FLANDERS,
    DEMO_EMAIL_HOMER,
    DEMO_EMAIL_SIMPSON,
    DEMO_PASSWORD,
)
from tests.portal.helpers import HTTP_TIMEOUT_S
from tests.ui.conftest import (
    all_texts,
    current_screen,
    field_error,
    field_text,
    find,
    screenshot,
    settle,
    tap,
    type_into,
    visible_names,
)

SUSPENDED = "There is an issue with your account. Please contact us for further assistance"


def _to_dashboard(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)


def _open_login_form(qtbot, app) -> None:
    _to_dashboard(qtbot, app)
    tap(qtbot, app, "tile_log_in")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    tap(qtbot, app, "loginYes")


def _log_in(qtbot, app, email: str, password: str = DEMO_PASSWORD) -> None:
    _open_login_form(qtbot, app)
    type_into(qtbot, app, "loginEmail", email)
    type_into(qtbot, app, "loginPassword", password)
    tap(qtbot, app, "loginSubmit")


def _session(app, name: str):
    return app.session.property(name)


def test_log_in_greets_the_family_and_log_out_forgets_it(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_login_form(qtbot, app)
    screenshot(app.window, "20-login-form")
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    assert _session(app, "guardianFirstName") == "Marge"
    assert "Hi Marge! Welcome back" in all_texts(app)
    # Every page says who is logged in.
    assert find(app.window, "toolbarWho").property("visible")
    assert "Marge Simpson" in all_texts(app)
    tiles = visible_names(app.window, "tile_")
    assert "tile_log_in" not in tiles and "tile_create_account" not in tiles
    screenshot(app.window, "21-dashboard-logged-in")

    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_log_out")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)
    assert not _session(app, "loggedIn")
    assert _session(app, "students") == [] and _session(app, "familyName") == ""
    assert "Marge" not in all_texts(app) and "Simpson" not in all_texts(app)


def test_wrong_password_says_so_and_keeps_the_email(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _log_in(qtbot, app, DEMO_EMAIL_SIMPSON, "not-the-password")
    qtbot.waitUntil(lambda: find(app.window, "loginMessage") is not None, timeout=10000)
    assert "don't match" in find(app.window, "loginMessage").property("text")
    assert field_text(app, "loginEmail") == DEMO_EMAIL_SIMPSON
    assert current_screen(app) == "loginScreen"
    screenshot(app.window, "22-login-wrong-password")


def test_bad_email_gets_a_sentence_next_to_the_field(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_login_form(qtbot, app)
    type_into(qtbot, app, "loginEmail", "marge@")
    type_into(qtbot, app, "loginPassword", "whatever1")
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: field_error(app, "loginEmail") != "", timeout=3000)
    assert "email" in field_error(app, "loginEmail")
    assert field_text(app, "loginPassword") == "whatever1"


def test_suspended_family_is_told_to_contact_the_front_desk(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _log_in(qtbot, app, DEMO_EMAIL_BURNS)
    qtbot.waitUntil(lambda: find(app.window, "loginMessage") is not None, timeout=10000)
    assert find(app.window, "loginMessage").property("text") == SUSPENDED
    assert not _session(app, "loggedIn")
    assert current_screen(app) == "loginScreen"
    screenshot(app.window, "23-login-suspended")


def _scroll_policy_to_end(qtbot, app) -> None:
    body = find(app.window, "policyBody")
    body.setProperty("contentY", max(0.0, body.property("contentHeight") - body.property("height")))
    qtbot.waitUntil(lambda: find(app.window, "policyAccept").property("enabled"), timeout=3000)


def test_outstanding_policies_are_read_and_accepted_before_the_dashboard(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _log_in(qtbot, app, DEMO_EMAIL_FLANDERS)
    qtbot.waitUntil(lambda: current_screen(app) == "policiesScreen", timeout=10000)
    count = len(_session(app, "outstandingPolicies"))
    assert count >= 2  # the family waiver and a photo release per student
    screenshot(app.window, "24-policy")
    # Nothing else until they are accepted: no Home, no sections, only leaving; going home
    # (as Home or a stray link would) shows the policies again.
    assert find(app.window, "toolbarHome") is None and find(app.window, "toolbar_booking") is None
    assert find(app.window, "toolbarLogOut") is not None
    QMetaObject.invokeMethod(
        app.window, "navigate", Q_ARG("QVariant", "dashboard"), Q_ARG("QVariant", {})
    )
    qtbot.waitUntil(lambda: current_screen(app) == "policiesScreen", timeout=5000)
    body = find(app.window, "policyBody")
    fits = body.property("contentHeight") <= body.property("height")
    assert find(app.window, "policyAccept").property("enabled") == fits  # read it to the end first
    for _ in range(count):
        _scroll_policy_to_end(qtbot, app)
        tap(qtbot, app, "policyAccept")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    assert find(app.window, "toolbarHome") is not None
    assert find(app.window, "toolbarLogOut") is None

    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_policies")
    qtbot.waitUntil(lambda: current_screen(app) == "policyHistoryScreen", timeout=3000)
    assert len(_session(app, "acceptedPolicies")) >= count
    assert "Accepted" in all_texts(app)
    # An accepted policy can be opened and read again.
    assert find(app.window, "acceptedPolicyText0") is None
    tap(qtbot, app, "readPolicy0")
    qtbot.waitUntil(lambda: find(app.window, "acceptedPolicyText0") is not None, timeout=3000)
    accepted_text = str(find(app.window, "acceptedPolicyText0").property("text"))
    assert accepted_text == _session(app, "acceptedPolicies")[0]["body"] != ""
    screenshot(app.window, "25-policy-history")
    # The portal recorded them: nothing outstanding at the next login.
    login = requests.post(
        f"{portal.url}/api/v1/demo/auth/login",
        json={"email": DEMO_EMAIL_FLANDERS, "password": DEMO_PASSWORD},
        timeout=HTTP_TIMEOUT_S,
    )
    token = login.json()["token"]
    policies = requests.get(
        f"{portal.url}/api/v1/demo/family/policies",
        headers={"Authorization": f"Bearer {token}"},
        timeout=HTTP_TIMEOUT_S,
    ).json()
    assert policies["outstanding"] == []


def test_declining_a_policy_logs_out_with_an_explanation(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _log_in(qtbot, app, DEMO_EMAIL_FLANDERS)
    qtbot.waitUntil(lambda: current_screen(app) == "policiesScreen", timeout=10000)
    tap(qtbot, app, "policyDecline")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)
    qtbot.waitUntil(lambda: find(app.window, "noticeText") is not None, timeout=3000)
    assert "policies need to be accepted" in find(app.window, "noticeText").property("text")
    screenshot(app.window, "26-declined-policies")
    assert not _session(app, "loggedIn")


def test_guardian_with_two_families_picks_one_and_can_switch(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _log_in(qtbot, app, DEMO_EMAIL_HOMER)
    qtbot.waitUntil(lambda: current_screen(app) == "chooseFamilyScreen", timeout=10000)
    assert len(_session(app, "families")) == 2
    screenshot(app.window, "27-choose-family")
    tap(qtbot, app, "family0")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    first = _session(app, "familyName")

    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_switch_family")
    qtbot.waitUntil(lambda: current_screen(app) == "chooseFamilyScreen", timeout=3000)
    tap(qtbot, app, "family1")
    # The other family may still owe its policies: they come first, as at login.
    qtbot.waitUntil(
        lambda: (
            current_screen(app) in ("dashboardScreen", "policiesScreen")
            and _session(app, "familyName") not in ("", first)
        ),
        timeout=10000,
    )


def test_create_account_validates_as_you_type_then_logs_in(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _to_dashboard(qtbot, app)
    tap(qtbot, app, "tile_create_account")
    qtbot.waitUntil(lambda: current_screen(app) == "createAccountScreen", timeout=3000)

    type_into(qtbot, app, "createFirstName", "Edna")
    type_into(qtbot, app, "createLastName", "Krabappel")
    type_into(qtbot, app, "createEmail", "edna@example")
    tap(qtbot, app, "createPhoneInput")  # leaving the email field checks it
    qtbot.waitUntil(lambda: field_error(app, "createEmail") != "", timeout=3000)
    screenshot(app.window, "28-create-account-bad-email")
    type_into(qtbot, app, "createEmail", "edna.k@example.com")
    qtbot.waitUntil(lambda: field_error(app, "createEmail") == "", timeout=3000)
    assert field_text(app, "createFirstName") == "Edna"  # nothing else lost
    type_into(qtbot, app, "createPhone", "217-555-0142")
    type_into(qtbot, app, "createLine1", "82 Evergreen Terrace")
    type_into(qtbot, app, "createCity", "Springfield")
    type_into(qtbot, app, "createState", "IL")
    type_into(qtbot, app, "createZip", "62704")
    tap(qtbot, app, "createNext")

    qtbot.waitUntil(lambda: find(app.window, "studentFirstName0Input") is not None, timeout=3000)
    type_into(qtbot, app, "studentFirstName0", "Martin")
    assert field_text(app, "studentLastName0") == "Krabappel"  # the family name, ready
    type_into(qtbot, app, "studentBirthDate0", "13/45/2017")
    tap(qtbot, app, "createNext")
    qtbot.waitUntil(lambda: field_error(app, "studentBirthDate0") != "", timeout=3000)
    assert field_text(app, "studentFirstName0") == "Martin"
    type_into(qtbot, app, "studentBirthDate0", "04/12/2017")
    screenshot(app.window, "29-create-account-students")
    tap(qtbot, app, "createNext")

    qtbot.waitUntil(lambda: find(app.window, "createContactNameInput") is not None, timeout=3000)
    type_into(qtbot, app, "createContactName", "Seymour Skinner")
    type_into(qtbot, app, "createContactPhone", "2175550199")
    type_into(qtbot, app, "createPassword", "password1")  # one of the most common ones
    tap(qtbot, app, "createNext")
    qtbot.waitUntil(lambda: field_error(app, "createPassword") != "", timeout=10000)
    screenshot(app.window, "30-create-account-common-password")
    type_into(qtbot, app, "createPassword", "chalkboard-apple-42")
    tap(qtbot, app, "createNext")

    # The account is made: the success panel says so, and what comes next.
    qtbot.waitUntil(lambda: find(app.window, "accountReadyTitle") is not None, timeout=10000)
    assert find(app.window, "accountReadyTitle").property("text") == "Your account is ready"
    assert find(app.window, "accountReadyDetails").property("text") == (
        "Welcome, Edna! You are logged in."
    )
    assert find(app.window, "accountReadyNext").property("text") == (
        "Next, please read and accept our policies."
    )
    assert find(app.window, "accountContinue").property("text") == "Continue to our policies"
    assert find(app.window, "createPasswordInput") is None  # the form is gone
    assert current_screen(app) == "createAccountScreen"  # it waits for Continue
    assert find(app.window, "toolbarBack") is None  # no way back to the form
    settle(qtbot, app.window)
    screenshot(app.window, "30b-account-ready")
    app.window.resize(1080, 1920)
    settle(qtbot, app.window)
    screenshot(app.window, "30c-account-ready-portrait")
    app.window.resize(1920, 1080)
    tap(qtbot, app, "accountContinue")

    # A new family reads and accepts the organisation's policies, then reaches the dashboard.
    qtbot.waitUntil(lambda: current_screen(app) == "policiesScreen", timeout=10000)
    for _ in range(len(_session(app, "outstandingPolicies"))):
        _scroll_policy_to_end(qtbot, app)
        tap(qtbot, app, "policyAccept")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    assert _session(app, "guardianFirstName") == "Edna"
    assert [s["firstName"] for s in _session(app, "students")] == ["Martin"]
    # A family that just joined is welcomed, not welcomed back.
    assert "Welcome back" not in all_texts(app)
    assert "Hi Edna! Welcome to" in all_texts(app)


def test_email_already_in_use_does_not_say_whose(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _to_dashboard(qtbot, app)
    tap(qtbot, app, "tile_create_account")
    for field, value in (
        ("createFirstName", "Maggie"),
        ("createLastName", "Simpson"),
        ("createEmail", DEMO_EMAIL_SIMPSON),
        ("createPhone", "2175550100"),
        ("createLine1", "742 Evergreen Terrace"),
        ("createCity", "Springfield"),
        ("createState", "IL"),
        ("createZip", "62704"),
    ):
        type_into(qtbot, app, field, value)
    tap(qtbot, app, "createNext")
    type_into(qtbot, app, "studentFirstName0", "Maggie")
    type_into(qtbot, app, "studentBirthDate0", "01/14/2024")
    tap(qtbot, app, "createNext")
    type_into(qtbot, app, "createContactName", "Patty Bouvier")
    type_into(qtbot, app, "createContactPhone", "2175550111")
    type_into(qtbot, app, "createPassword", "pacifier-stars-9")
    tap(qtbot, app, "createNext")
    # The kiosk goes back to the step with the problem, everything typed still there.
    qtbot.waitUntil(lambda: field_error(app, "createEmail") != "", timeout=10000)
    message = field_error(app, "createEmail")
    assert "already in use" in message and "Marge" not in message
    assert field_text(app, "createFirstName") == "Maggie"
    screenshot(app.window, "31-create-account-email-in-use")


def test_forgot_password_with_the_emailed_code_logs_in(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _open_login_form(qtbot, app)
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    tap(qtbot, app, "loginForgot")
    qtbot.waitUntil(lambda: current_screen(app) == "forgotPasswordScreen", timeout=3000)
    assert field_text(app, "forgotEmail") == DEMO_EMAIL_SIMPSON
    tap(qtbot, app, "forgotSubmit")
    qtbot.waitUntil(lambda: find(app.window, "forgotSent") is not None, timeout=10000)
    assert find(app.window, "forgotSent").property("text") == (
        "If an account exists for that email, we sent a 6-digit code."
    )
    screenshot(app.window, "32-forgot-code-sent")

    mails = requests.get(f"{portal.url}/api/v1/demo/demo/mailbox", timeout=HTTP_TIMEOUT_S).json()[
        "messages"
    ]
    mail = next(m for m in mails if m["to"] == DEMO_EMAIL_SIMPSON)
    code = re.search(r"\b(\d{6})\b", mail["body"]).group(1)
    type_into(qtbot, app, "forgotCode", code)
    type_into(qtbot, app, "forgotNewPassword", "donut-lard-lad-7")
    tap(qtbot, app, "forgotSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    assert _session(app, "guardianFirstName") == "Marge"


def test_my_account_edit_keeps_what_was_typed_when_a_field_is_wrong(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _to_dashboard(qtbot, app)
    tap(qtbot, app, "tile_my_account")  # asks to log in first, then goes on to My Account
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=10000)
    screenshot(app.window, "33-my-account")

    tap(qtbot, app, "editContact")
    qtbot.waitUntil(lambda: current_screen(app) == "editDetailsScreen", timeout=3000)
    type_into(qtbot, app, "edit_relationship", "Sister")
    type_into(qtbot, app, "edit_phone", "555")
    tap(qtbot, app, "editSave")
    qtbot.waitUntil(lambda: field_error(app, "edit_phone") != "", timeout=3000)
    assert field_text(app, "edit_relationship") == "Sister"
    screenshot(app.window, "34-edit-contact-bad-phone")
    type_into(qtbot, app, "edit_phone", "(217) 555-0177")
    tap(qtbot, app, "editSave")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=10000)
    assert _session(app, "emergencyContact")["relationship"] == "Sister"
    assert "5550177" in _session(app, "emergencyContact")["phone"].replace("-", "")

    tap(qtbot, app, "addStudent")
    qtbot.waitUntil(lambda: current_screen(app) == "editDetailsScreen", timeout=3000)
    type_into(qtbot, app, "edit_firstName", "Hugo")
    type_into(qtbot, app, "edit_birthDate", "06/01/2018")
    tap(qtbot, app, "editSave")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=10000)
    assert "Hugo" in [s["firstName"] for s in _session(app, "students")]


def test_idle_time_out_leaves_nothing_personal_behind(qtbot, portal, make_kiosk, tmp_path, request):
    data_dir = tmp_path / "privacy"
    # The kiosk's log file as main.py sets it up, so it is scanned with everything else.
    (data_dir / "logs").mkdir(parents=True)
    log_file = logging.FileHandler(data_dir / "logs" / "kiosk.log", encoding="utf-8")
    logging.getLogger().addHandler(log_file)
    logging.getLogger().setLevel(logging.INFO)
    request.addfinalizer(lambda: logging.getLogger().removeHandler(log_file))
    app = make_kiosk(portal.url, data_dir=data_dir)
    _log_in(qtbot, app, DEMO_EMAIL_SIMPSON)
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    tap(qtbot, app, "tile_my_account")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=5000)
    family = app.session.property("guardians")[0]
    personal = [
        family["firstName"],
        family["lastName"],
        family["email"],
        family["phone"],
        app.session.property("students")[0]["firstName"],
    ]

    app.idle.set_timeouts(0.2, 1)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=8000)
    assert not _session(app, "loggedIn")
    texts = all_texts(app)
    for value in personal:
        assert value not in texts
    for prop in ("guardians", "students", "families", "acceptedPolicies", "outstandingPolicies"):
        assert _session(app, prop) == []
    # ...and nothing on the kiosk's disk either (cache, its WAL, settings, device id).
    app.shutdown()
    log_file.flush()
    assert (data_dir / "logs" / "kiosk.log").stat().st_size > 0  # it did log the visit
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for value in personal:
                assert value.encode() not in content, f"{value!r} found in {path.name}"


def test_log_in_from_the_cart_comes_back_to_the_cart_showing_who_is_logged_in(
    qtbot, portal, make_kiosk
):
    app = make_kiosk(portal.url)
    _to_dashboard(qtbot, app)
    tap(qtbot, app, "toolbar_cart")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    qtbot.waitUntil(lambda: "Marge Simpson" in all_texts(app), timeout=5000)
    screenshot(app.window, "27-cart-after-login")
