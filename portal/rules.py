"""Form rules of the family-account API: each returns the clean value or raises one plain sentence.

The functions are pydantic "before" validators: they take whatever JSON value arrived (None, a
number, a list, a 1 MB string, control characters...) and either return the normalised value or
raise `PydanticCustomError` whose message is the sentence shown next to the field. They never
raise anything else, so no input reaches the database or the hasher unchecked.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta, timezone
from importlib import resources
from typing import Any

from pydantic_core import PydanticCustomError

from portal.core.clock import clock

MAX_NAME = 50
MAX_EMAIL = 254
MAX_ADDRESS_LINE = 100
MAX_RELATIONSHIP = 50
MIN_PASSWORD = 8
MAX_PASSWORD = 128
# Login and reset take any password up to this length (longer ones cannot exist) so that a
# pasted wall of text is a plain "wrong password", not work for the hasher.
MAX_PASSWORD_INPUT = 1024
MAX_AGE_YEARS = 100

# The patterns are published in /openapi.json (Python `re` syntax, Unicode classes: `\w` is
# any script's letters). The kiosk keeps its own copy in kiosk/validation.py (it cannot import
# the portal); tests/portal/test_wire_contract.py holds the two together.
# Letters (any script), then words joined by a space, apostrophe (' or ’), hyphen or period.
NAME_PATTERN = r"^[^\W\d_]+(?:[ '’\-.][^\W\d_]*)*$"
EMAIL_PATTERN = (
    r"^(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"  # no ".." anywhere
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
PHONE_PATTERN = r"^[0-9\s().+\-]*$"  # [0-9]: ASCII digits, as phone_rule wants
ZIP_PATTERN = r"^[0-9]{5}(?:-[0-9]{4})?$"
STATE_PATTERN = r"^[A-Za-z]{2}$"
MAX_PHONE_INPUT = 40
_NAME_RE = re.compile(NAME_PATTERN)
_EMAIL_RE = re.compile(EMAIL_PATTERN)
_PHONE_CHARS_RE = re.compile(PHONE_PATTERN)
_ZIP_RE = re.compile(ZIP_PATTERN)
_STATE_RE = re.compile(STATE_PATTERN)
_CODE_RE = re.compile(r"\d{6}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
GENDERS = ("female", "male", "")

COMMON_PASSWORDS_FILE = "common_passwords.txt"

NAME_TOO_LONG = f"That is too long; please use at most {MAX_NAME} letters."
NAME_LETTERS_ONLY = "Please use letters only (spaces, hyphens and apostrophes are fine)."
EMAIL_MISSING = "Please enter your email address."
EMAIL_INVALID = "That doesn't look like an email address. Please check it (like name@example.com)."
PHONE_MISSING = "Please enter a phone number."
PHONE_INVALID = "Please enter a 10-digit phone number, like 555-123-4567."
ZIP_INVALID = "Please enter a 5-digit ZIP code."
STATE_INVALID = "Please enter the two-letter state, like IL."
PASSWORD_SHORT = f"Please use at least {MIN_PASSWORD} characters."
PASSWORD_LONG = f"Please use at most {MAX_PASSWORD} characters."
PASSWORD_COMMON = "That password is too common. Please choose one that is harder to guess."
PASSWORD_MISSING = "Please enter your password."
UNUSUAL_CHARACTERS = "Please remove the unusual characters."
CODE_MISSING = "Please enter the 6-digit code from the email."
BIRTH_DATE_MISSING = "Please enter the birth date."
BIRTH_DATE_INVALID = "Please enter a real date for the birth date."
BIRTH_DATE_FUTURE = "The birth date must be in the past."
BIRTH_DATE_TOO_OLD = "Please check the year of the birth date."
GENDER_INVALID = "Please choose female or male, or leave it empty."


def fail(message: str) -> PydanticCustomError:
    """The error pydantic reports for a field; its message is exactly `message`."""
    return PydanticCustomError("form", message)


def _has_unusual_characters(text: str) -> bool:
    """Control, format, surrogate, private-use or unassigned characters (and NUL)."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


def _text(value: Any, *, allow_numbers: bool = False) -> str:
    """The value as stripped NFC text; None is empty; anything else that is not text fails."""
    if value is None:
        return ""
    if allow_numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise fail("Please enter this as text.")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        # Lone surrogates cannot be stored or hashed (they are not UTF-8).
        raise fail(UNUSUAL_CHARACTERS)
    return unicodedata.normalize("NFC", value).strip()


def name_rule(what: str) -> Callable[[Any], str]:
    """A person's (or city's) name: 1-50 characters, letters, spaces, ' - and periods."""

    def check(value: Any) -> str:
        text = _text(value)
        if not text:
            raise fail(f"Please enter {what}.")
        if len(text) > MAX_NAME:
            raise fail(NAME_TOO_LONG)
        if _has_unusual_characters(text) or not _NAME_RE.fullmatch(text):
            raise fail(NAME_LETTERS_ONLY)
        return re.sub(r"\s+", " ", text)

    return check


def normalise_email(value: str) -> str:
    return value.strip().lower()


def email_rule(value: Any) -> str:
    """A deliverable-looking address (ASCII, one @, a dotted domain); stored lower-case."""
    text = _text(value)
    if not text:
        raise fail(EMAIL_MISSING)
    if len(text) > MAX_EMAIL or not _EMAIL_RE.fullmatch(text):
        raise fail(EMAIL_INVALID)
    return normalise_email(text)


def login_email_rule(value: Any) -> str:
    """Login, forgot and reset take any text up to 320 characters: a malformed address is just
    an unknown one (same answer, same work), never a hint."""
    text = _text(value)
    if not text:
        raise fail(EMAIL_MISSING)
    if len(text) > 320:
        raise fail(EMAIL_INVALID)
    return normalise_email(text)


def looks_like_email(value: str) -> bool:
    return bool(_EMAIL_RE.fullmatch(value)) and not _has_unusual_characters(value)


def phone_digits(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def format_phone(digits: str) -> str:
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def phone_rule(value: Any) -> str:
    """A US number: 10 digits (a leading 1 is dropped), punctuation ignored; "(217) 555-0101"."""
    text = _text(value, allow_numbers=True)
    if not text:
        raise fail(PHONE_MISSING)
    if len(text) > MAX_PHONE_INPUT or not _PHONE_CHARS_RE.fullmatch(text):
        raise fail(PHONE_INVALID)
    digits = phone_digits(text)
    if len(digits) != 10 or not digits.isascii():
        raise fail(PHONE_INVALID)
    return format_phone(digits)


def zip_rule(value: Any) -> str:
    text = _text(value, allow_numbers=True)
    if not _ZIP_RE.fullmatch(text) or not text.isascii():
        raise fail(ZIP_INVALID)
    return text


def state_rule(value: Any) -> str:
    text = _text(value)
    if not _STATE_RE.fullmatch(text) or not text.isascii():
        raise fail(STATE_INVALID)
    return text.upper()


def line_rule(
    what: str, *, required: bool, max_length: int = MAX_ADDRESS_LINE
) -> Callable[[Any], str]:
    """Free text on one line (a street address, a relationship)."""

    def check(value: Any) -> str:
        text = _text(value)
        if not text:
            if required:
                raise fail(f"Please enter {what}.")
            return ""
        if len(text) > max_length:
            raise fail(f"That is too long; please use at most {max_length} characters.")
        if _has_unusual_characters(text):
            raise fail(UNUSUAL_CHARACTERS)
        return re.sub(r"\s+", " ", text)

    return check


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of most common passwords, lower-cased."""
    text = resources.files("portal.data").joinpath(COMMON_PASSWORDS_FILE).read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def is_common_password(password: str) -> bool:
    return password.lower() in common_passwords()


def _password_text(value: Any) -> str:
    # Passwords are taken as typed (no stripping: a space is a character like any other).
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail("Please enter this as text.")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value) or "\x00" in value:
        raise fail(UNUSUAL_CHARACTERS)
    return value


def new_password_rule(value: Any) -> str:
    """8-128 characters, not one of the most common passwords; no composition rules (NIST)."""
    text = _password_text(value)
    if len(text) < MIN_PASSWORD:
        raise fail(PASSWORD_SHORT)
    if len(text) > MAX_PASSWORD:
        raise fail(PASSWORD_LONG)
    if is_common_password(text):
        raise fail(PASSWORD_COMMON)
    return text


def login_password_rule(value: Any) -> str:
    text = _password_text(value)
    if not text:
        raise fail(PASSWORD_MISSING)
    if len(text) > MAX_PASSWORD_INPUT:
        raise fail(PASSWORD_LONG)
    return text


def code_rule(value: Any) -> str:
    """The emailed code as text; a wrong shape is judged like a wrong code, by the service."""
    text = _text(value, allow_numbers=True)
    if not text:
        raise fail(CODE_MISSING)
    return text[:20]


def is_code_shaped(text: str) -> bool:
    return bool(_CODE_RE.fullmatch(text)) and text.isascii()


_EARLIEST_ZONE_ON_EARTH = timezone(timedelta(hours=14))


def born_before(born: date, today: date) -> str | None:
    """The sentence for a birth date that is not before the facility's `today`, else None."""
    return BIRTH_DATE_FUTURE if born >= today else None


def birth_date_rule(value: Any, *, today: date | None = None) -> date:
    """A real date, in the past, less than 100 years ago; ISO `YYYY-MM-DD` on the wire."""
    if isinstance(value, date):
        born = value
    else:
        text = _text(value)
        if not text:
            raise fail(BIRTH_DATE_MISSING)
        if not _DATE_RE.fullmatch(text) or not text.isascii():
            raise fail(BIRTH_DATE_INVALID)
        try:
            born = date.fromisoformat(text)
        except ValueError:
            raise fail(BIRTH_DATE_INVALID) from None
    # Without the facility's zone, refuse only what is in the future everywhere on Earth; the
    # account services check against the facility's own day (born_before).
    today = today or clock.today(_EARLIEST_ZONE_ON_EARTH)
    if born >= today:
        raise fail(BIRTH_DATE_FUTURE)
    try:
        oldest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if born <= oldest:
        raise fail(BIRTH_DATE_TOO_OLD)
    return born


def gender_rule(value: Any) -> str:
    text = _text(value).lower()
    if text not in GENDERS:
        raise fail(GENDER_INVALID)
    return text


def device_id_rule(value: Any) -> str:
    """The kiosk's device id: optional, any printable text; kept short and clean, never fails."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    cleaned = "".join(
        ch for ch in value[:400] if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return cleaned.strip()[:200]
