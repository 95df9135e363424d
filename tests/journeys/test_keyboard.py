"""The on-screen keyboard in the real window (issue #16): each field gets the keys it needs
("@" and ".com" for email, pads for digits), Enter moves on and submits, and the form stays usable
with the keyboard up, at 1920x1080 and on an upright 1080x1920 screen.

Only the on-screen keyboard's keys are used to type here, found by their accessible names."""

from __future__ import annotations

import pytest

from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.journeys.conftest import Kiosk, Node
from tests.journeys.test_makeups import accept_policies

KEY = "push button"


def key_names(nodes: list[Node]) -> set[str]:
    return {n.name for n in nodes if n.role == KEY}


def focused(kiosk: Kiosk, field: str) -> None:
    """Until the field called `field` has the focus (a hidden-text field carries its label as
    the description)."""
    kiosk.wait(
        lambda nodes: any(field in (n.name, n.description) and n.focused for n in nodes),
        f"{field} to have the focus",
    )


def type_on_keyboard(kiosk: Kiosk, text: str) -> None:
    """Taps the on-screen keys, turning to the other page (letters, or numbers and symbols)
    for a character the keyboard does not show."""
    for ch in text:
        names = key_names(kiosk.nodes())
        if ch not in names:
            kiosk.tap("Letters" if "Letters" in names else "Numbers and symbols", role=KEY)
        kiosk.tap(ch, role=KEY)
    if "Letters" in key_names(kiosk.nodes()):
        kiosk.tap("Letters", role=KEY)


def open_login(kiosk: Kiosk) -> None:
    kiosk.tap("Tap to Begin", seconds=60)
    kiosk.tap("Continue")
    kiosk.tap("Log In", role=KEY)
    kiosk.tap("Yes, log me in")


@pytest.mark.parametrize("size", ["1920x1080", "1080x1920"])
def test_log_in_with_the_on_screen_keyboard(kiosk_journey, size):
    kiosk = kiosk_journey(size=size)
    open_login(kiosk)
    kiosk.tap("Email", role="text")
    focused(kiosk, "Email")
    # The email field's keyboard has "@" and ".com".
    kiosk.wait(lambda nodes: {"@", ".com", "Enter"} <= key_names(nodes), "the email keyboard")
    kiosk.shot("login-email-keyboard")
    user, domain = DEMO_EMAIL_SIMPSON.split("@")
    type_on_keyboard(kiosk, user)
    kiosk.tap("@", role=KEY)
    type_on_keyboard(kiosk, domain.removesuffix(".com"))
    kiosk.tap(".com", role=KEY)

    kiosk.tap("Enter", role=KEY)  # Enter goes to the password ...
    focused(kiosk, "Password")
    kiosk.wait(lambda nodes: "@" not in key_names(nodes), "the password keyboard (no '@')")
    type_on_keyboard(kiosk, DEMO_PASSWORD)
    kiosk.shot("login-password-keyboard")
    kiosk.tap("Enter", role=KEY)  # ... and on the last field logs in.
    kiosk.wait_for("Hi Marge", seconds=30)


@pytest.mark.parametrize("size", ["1920x1080", "1080x1920"])
def test_create_account_and_card_form_get_pads_for_numbers(kiosk_journey, size):
    kiosk = kiosk_journey(size=size)
    kiosk.tap("Tap to Begin", seconds=60)
    kiosk.tap("Continue")
    kiosk.tap("Create Account", role=KEY)
    kiosk.tap("Mobile phone", role="text")
    focused(kiosk, "Mobile phone")
    kiosk.wait(
        lambda nodes: {"0", "9", "+"} <= key_names(nodes) and "q" not in key_names(nodes),
        "a dial pad for the phone",
    )
    kiosk.shot("create-account-phone-pad")
    kiosk.tap("Email", role="text")
    kiosk.wait(lambda nodes: {"@", ".com"} <= key_names(nodes), "the email keyboard")
    kiosk.shot("create-account-email-keyboard")
    kiosk.tap("Back", role=KEY)

    open_login(kiosk)
    kiosk.tap("Email", role="text")
    kiosk.type(DEMO_EMAIL_SIMPSON)
    kiosk.key("Return")
    kiosk.type(DEMO_PASSWORD)
    kiosk.key("Return")
    kiosk.wait_for("Hi Marge", seconds=30)
    kiosk.tap("My Account", role=KEY)
    kiosk.tap("Payments", exact=False, role=KEY)
    kiosk.tap("Pay everything", exact=False, role=KEY)
    kiosk.tap("Type card number")
    kiosk.tap("Card number", role="text")
    focused(kiosk, "Card number")
    kiosk.wait(
        lambda nodes: {"0", "9"} <= key_names(nodes) and "q" not in key_names(nodes),
        "a digit pad for the card number",
    )
    type_on_keyboard(kiosk, "4242424242424242")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Expiry (MM/YY)")
    kiosk.wait(lambda nodes: "/" in key_names(nodes), "a pad with '/' for the expiry")
    kiosk.shot("card-form-expiry-pad")


# ----- the form's action and the focused field's sentence, above the keyboard ------------------

# Keys on the top row of every layout (letters, digits, dial pad): where the keyboard begins.
TOP_ROW_KEYS = set("1234567890qwertyuiop")
FIELD_ROLES = ("text", "password text")


def keyboard_top(nodes: list[Node]) -> int | None:
    tops = [n.y for n in nodes if n.role == KEY and n.name in TOP_ROW_KEYS]
    return min(tops) if tops else None


def focused_field(nodes: list[Node]) -> Node | None:
    return next((n for n in nodes if n.focused and n.role in FIELD_ROLES), None)


def sentence_of(nodes: list[Node], field: Node) -> Node | None:
    """The sentence shown under the field (its description says the same)."""
    if not field.description:
        return None
    return next(
        (n for n in nodes if n.name == field.description and n.role not in FIELD_ROLES), None
    )


def all_above_keyboard(kiosk: Kiosk, nodes: list[Node], *shown: Node) -> None:
    """Each of `shown` whole on screen: below the toolbar and above the keyboard."""
    top = keyboard_top(nodes)
    assert top is not None, "the keyboard is up"
    bar = [n.y + n.h for n in nodes if n.role == KEY and n.name in ("Back", "Home")]
    ceiling = max(bar) if bar else 0
    for node in shown:
        assert ceiling <= node.y and node.y + node.h <= top + 1, (
            f"{node.role} {node.name or node.description!r} at y {node.y}-{node.y + node.h}, "
            f"not between the toolbar ({ceiling}) and the keyboard ({top}); "
            f"picture {kiosk.shot('failed-above-keyboard')}"
        )


def bottom_right(size: str, action: Node) -> None:
    """The primary action where every screen keeps it: at the right."""
    width = int(size.split("x")[0])
    assert action.x + action.w >= width * 0.9, f"{action.name!r} at x {action.x}, not at the right"


def field_with_sentence(kiosk: Kiosk, what: str) -> tuple[list[Node], Node, Node]:
    """Until the focused field shows its sentence: the screen, the field, the sentence."""

    def shown(nodes: list[Node]):
        field = focused_field(nodes)
        sentence = sentence_of(nodes, field) if field is not None else None
        return (nodes, field, sentence) if sentence is not None else None

    return kiosk.wait(shown, what)


def log_in_by_typing(kiosk: Kiosk) -> None:
    open_login(kiosk)
    kiosk.tap("Email", role="text")
    kiosk.type(DEMO_EMAIL_SIMPSON)
    kiosk.key("Return")
    kiosk.type(DEMO_PASSWORD)
    kiosk.key("Return")
    kiosk.wait_for("Hi Marge", seconds=30)


@pytest.mark.parametrize("size", ["1920x1080", "1080x1920"])
def test_a_refused_login_is_said_above_the_keyboard_next_to_log_in(kiosk_journey, size):
    kiosk = kiosk_journey(size=size)
    open_login(kiosk)
    kiosk.tap("Email", role="text")
    kiosk.type(DEMO_EMAIL_SIMPSON)
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Password")
    kiosk.type("not-her-password")
    kiosk.tap("Enter", role=KEY)  # the last field: Enter logs in, and the portal says no
    nodes = kiosk.wait(
        lambda nodes: nodes if any(n.role == "alert" and n.name for n in nodes) else None,
        "the refused login's sentence",
        seconds=30,
    )
    message = next(n for n in nodes if n.role == "alert" and n.name)
    log_in = next(n for n in nodes if n.role == KEY and n.name == "Log In")
    field = focused_field(nodes)
    assert field is not None and "Password" in (field.name, field.description), field
    all_above_keyboard(kiosk, nodes, field, message, log_in)
    bottom_right(size, log_in)
    kiosk.shot(f"login-refused-keyboard-{size}")


@pytest.mark.parametrize("size", ["1920x1080", "1080x1920"])
def test_card_and_echeck_keep_pay_and_the_fields_sentence_above_the_keyboard(kiosk_journey, size):
    kiosk = kiosk_journey(size=size)
    log_in_by_typing(kiosk)
    kiosk.tap("My Account", role=KEY)
    kiosk.tap("Payments", exact=False, role=KEY)
    kiosk.tap("Pay everything", exact=False, role=KEY)

    # The card: digits only for its number; a number too short is said under it, with Pay.
    kiosk.tap("Type card number")
    kiosk.tap("Card number", role="text")
    focused(kiosk, "Card number")
    kiosk.wait(
        lambda nodes: {"0", "9"} <= key_names(nodes) and "q" not in key_names(nodes),
        "a digit pad for the card number",
    )
    type_on_keyboard(kiosk, "4242")
    kiosk.tap("Enter", role=KEY)  # Enter goes to the expiry ...
    focused(kiosk, "Expiry (MM/YY)")
    kiosk.tap("Card number", role="text")  # ... and back in the card number, its sentence
    nodes, field, sentence = field_with_sentence(kiosk, "the card number's sentence")
    pay = next(n for n in nodes if n.role == KEY and n.name.startswith("Pay "))
    all_above_keyboard(kiosk, nodes, field, sentence, pay)
    bottom_right(size, pay)
    kiosk.shot(f"card-error-keyboard-{size}")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Expiry (MM/YY)")
    kiosk.wait(lambda nodes: "/" in key_names(nodes), "a pad with '/' for the expiry")
    kiosk.type("1230")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Security code")
    kiosk.wait(lambda nodes: "q" not in key_names(nodes), "digits for the security code")
    kiosk.type("123")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Billing ZIP")
    kiosk.wait(
        lambda nodes: {"0", "9"} <= key_names(nodes) and "q" not in key_names(nodes),
        "digits for the ZIP code",
    )

    # The bank account, on a new Pay page: letters for the name, digits for the numbers; Enter
    # on the last field pays, and the routing number's sentence shows with Pay.
    kiosk.tap("Back", role=KEY)
    kiosk.tap("Pay everything", exact=False, role=KEY)
    kiosk.tap("Bank account (eCheck)")
    kiosk.tap("Name on the account", role="text")
    focused(kiosk, "Name on the account")
    kiosk.wait(lambda nodes: "q" in key_names(nodes), "letters for the name")
    kiosk.type("Marge Simpson")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Routing number")
    kiosk.wait(
        lambda nodes: {"0", "9"} <= key_names(nodes) and "q" not in key_names(nodes),
        "digits for the routing number",
    )
    type_on_keyboard(kiosk, "123")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Account number")
    kiosk.type("12345678")
    kiosk.tap("Enter", role=KEY)  # the last field: Enter pays, and the routing number is wrong

    def routing_sentence(nodes: list[Node]):
        routing = next((n for n in nodes if n.name == "Routing number" and n.role == "text"), None)
        sentence = sentence_of(nodes, routing) if routing is not None else None
        return (nodes, routing, sentence) if sentence is not None else None

    nodes, routing, sentence = kiosk.wait(routing_sentence, "the routing number's sentence")
    pay = next(n for n in nodes if n.role == KEY and n.name.startswith("Pay "))
    field = focused_field(nodes)
    assert field is not None, "the keyboard stays with the field"
    all_above_keyboard(kiosk, nodes, field, routing, sentence, pay)
    bottom_right(size, pay)
    kiosk.shot(f"echeck-error-keyboard-{size}")


@pytest.mark.parametrize("size", ["1920x1080", "1080x1920"])
def test_create_account_keeps_next_and_the_fields_sentence_above_the_keyboard(kiosk_journey, size):
    kiosk = kiosk_journey(size=size)
    kiosk.tap("Tap to Begin", seconds=60)
    kiosk.tap("Continue")
    kiosk.tap("Create Account", role=KEY)

    def step(number: int) -> None:
        kiosk.wait_for(f"Step {number} of 3", exact=True)

    def next_above(what: str, action: str = "Next") -> None:
        nodes, field, sentence = field_with_sentence(kiosk, what)
        button = next(n for n in nodes if n.role == KEY and n.name == action)
        all_above_keyboard(kiosk, nodes, field, sentence, button)
        bottom_right(size, button)

    # Step 1: Enter goes from field to field; a wrong email is said under it, with Next.
    step(1)
    kiosk.tap("First name", role="text")
    kiosk.type("Edna")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Last name")
    kiosk.type("Krabappel")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Email")
    kiosk.wait(lambda nodes: {"@", ".com"} <= key_names(nodes), "the email keyboard")
    kiosk.type("edna")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Mobile phone")
    kiosk.tap("Email", role="text")
    next_above("the email's sentence")
    kiosk.shot(f"create-step1-error-keyboard-{size}")
    kiosk.type("@example.com")
    for field, text in (
        ("Mobile phone", "2175550142"),
        ("Street address", "82 Evergreen Terrace"),
        ("Apartment, suite (optional)", ""),
        ("City", "Springfield"),
        ("State", "IL"),
        ("ZIP code", "62704"),
    ):
        kiosk.tap("Enter", role=KEY)
        focused(kiosk, field)
        if text:
            kiosk.type(text)
    kiosk.tap("Enter", role=KEY)  # the step's last field: Enter is Next

    # Step 2: the keyboard stays up, in the student's first name; a wrong birth date is said.
    step(2)
    focused(kiosk, "First name")
    kiosk.type("Rod")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Last name")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Birth date (MM/DD/YYYY)")
    kiosk.wait(lambda nodes: "/" in key_names(nodes), "a pad with '/' for the birth date")
    kiosk.type("13/45/2018")
    kiosk.tap("Enter", role=KEY)  # the step's last field: Next, refused
    next_above("the birth date's sentence")
    kiosk.shot(f"create-step2-error-keyboard-{size}")
    kiosk.key("ctrl+a")
    kiosk.type("05/06/2018")
    kiosk.tap("Enter", role=KEY)

    # Step 3: the password, too short, is said under it, with Create Account.
    step(3)
    focused(kiosk, "Emergency contact name")
    kiosk.type("Ned Flanders")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Emergency contact phone")
    kiosk.type("2175550199")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Relationship (optional)")
    kiosk.tap("Enter", role=KEY)
    focused(kiosk, "Choose a password (at least 8 characters)")
    kiosk.type("short")
    kiosk.tap("Enter", role=KEY)  # the last field: Create Account, refused
    next_above("the password's sentence", action="Create Account")
    kiosk.shot(f"create-step3-error-keyboard-{size}")

    # A good password: the account is made, and the new family is welcomed as new (issue #15,
    # item 10), then can open the policies it accepted to read them again.
    kiosk.key("ctrl+a")
    kiosk.type("Springfield-2026")
    kiosk.tap("Enter", role=KEY)
    kiosk.wait_for("Your account is ready", seconds=30)
    assert kiosk.showing("Welcome, Edna! You are logged in.")
    kiosk.shot(f"create-account-ready-{size}")
    kiosk.tap("Continue to our policies")
    accept_policies(kiosk)
    hello = kiosk.wait_for("Hi Edna!", seconds=30)
    assert "Welcome to Springfield Gymnastics" in hello.name, hello.name
    assert not kiosk.showing("Welcome back")
    kiosk.shot(f"create-account-welcome-{size}")
    kiosk.tap("Menu", role="push button")
    kiosk.tap("Family and Student Policies")
    kiosk.tap("Read Liability Waiver", exact=False, seconds=30)
    kiosk.wait_for("Hide Liability Waiver")
    kiosk.shot(f"create-account-policy-read-again-{size}")
