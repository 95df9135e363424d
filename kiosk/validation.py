"""Form rules the kiosk checks as you type (the portal is the judge on submit).

Each check returns one plain sentence for the field, or None when the value is fine.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from kiosk.clock import clock
from kiosk.i18n import _

MAX_NAME = 50
MIN_PASSWORD = 8
MAX_PASSWORD = 128

MAX_EMAIL = 254

# The portal's own rules, copied (the kiosk does not import the portal: a lobby screen installs
# only its half). The portal publishes them in /openapi.json and
# tests/portal/test_wire_contract.py fails when the two copies disagree.
# Letters (any script), then words joined by a space, apostrophe (' or ’), hyphen or period.
NAME_PATTERN = r"^[^\W\d_]+(?:[ '’\-.][^\W\d_]*)*$"
EMAIL_PATTERN = (
    r"^(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"  # no ".." anywhere
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
ZIP_PATTERN = r"^[0-9]{5}(?:-[0-9]{4})?$"
STATE_PATTERN = r"^[A-Za-z]{2}$"
_NAME_RE = re.compile(NAME_PATTERN)
_EMAIL_RE = re.compile(EMAIL_PATTERN)
_ZIP_RE = re.compile(ZIP_PATTERN)
_STATE_RE = re.compile(STATE_PATTERN)


def _has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in value)


def check_required(value: str, what: str) -> str | None:
    if not value.strip():
        return _("Please enter {what}.").format(what=what)
    if not value.isprintable():  # control characters, broken text: the portal refuses them too
        return _("Please use letters, digits and punctuation only.")
    return None


def check_name(value: str, what: str) -> str | None:
    # NFC as the portal reads it: "é" typed as e + a combining accent is one letter there too.
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return _("Please enter {what}.").format(what=what)
    if len(text) > MAX_NAME:
        return _("That is too long; please use at most {n} letters.").format(n=MAX_NAME)
    if _has_control_characters(text) or not _NAME_RE.match(text):
        return _("Please use letters only (spaces, hyphens and apostrophes are fine).")
    return None


def check_email(value: str) -> str | None:
    text = value.strip()
    if not text:
        return _("Please enter your email address.")
    if len(text) > MAX_EMAIL or not _EMAIL_RE.match(text):
        return _(
            "That doesn't look like an email address. Please check it (like name@example.com)."
        )
    return None


def phone_digits(value: str) -> str:
    digits = re.sub(r"[^0-9]", "", value)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def check_phone(value: str, what: str = "") -> str | None:
    if not value.strip():
        return _("Please enter a phone number.")
    if len(phone_digits(value)) != 10 or re.search(r"[^0-9\s().+\-]", value):
        return _("Please enter a 10-digit phone number, like 555-123-4567.")
    return None


def check_zip(value: str) -> str | None:
    if not _ZIP_RE.match(value.strip()):
        return _("Please enter a 5-digit ZIP code.")
    return None


def check_state(value: str) -> str | None:
    if not _STATE_RE.match(value.strip()):
        return _("Please enter the two-letter state, like IL.")
    return None


def check_password(value: str) -> str | None:
    if len(value) < MIN_PASSWORD:
        return _("Please use at least {n} characters.").format(n=MIN_PASSWORD)
    if len(value) > MAX_PASSWORD:
        return _("Please use at most {n} characters.").format(n=MAX_PASSWORD)
    return None


def parse_birth_date(value: str) -> date | None:
    """Accepts MM/DD/YYYY (how families write it here) or YYYY-MM-DD."""
    text = value.strip()
    match = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", text)
    try:
        if match:
            month, day, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def check_birth_date(value: str, today: date | None = None) -> str | None:
    today = today or clock.today()
    if not value.strip():
        return _("Please enter the birth date.")
    born = parse_birth_date(value)
    if born is None:
        return _("Please enter the birth date as MM/DD/YYYY.")
    if born >= today:
        return _("The birth date must be in the past.")
    if (today.year - born.year) > 100:
        return _("Please check the year of the birth date.")
    return None


def check_code(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{6}", value.strip()):
        return _("Please enter the 6-digit code from the email.")
    return None
