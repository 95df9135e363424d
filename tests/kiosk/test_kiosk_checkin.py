"""Check-in input rules the family meets before anything reaches the portal."""

from __future__ import annotations

import pytest

from kiosk.checkin import (
    CheckInClass,
    CheckInFamily,
    CheckInStudent,
    ScanGuard,
    default_selection,
    identify_problem,
    phone_digits,
)


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("(217) 555-0101", "2175550101"),
        ("1-217-555-0101", "2175550101"),
        ("+1 217 555 0101", "2175550101"),
        ("217.555.0101", "2175550101"),
    ],
)
def test_phone_numbers_are_read_however_they_are_written(typed: str, digits: str) -> None:
    assert phone_digits(typed) == digits
    assert identify_problem("phone", typed) is None


@pytest.mark.parametrize(
    ("method", "value", "sentence"),
    [
        ("phone", "", "Please enter your phone number."),
        ("phone", "555-0101", "Please enter the whole phone number, with the area code."),
        ("phone", "217555010199", "That phone number has too many digits."),
        ("pin", "", "Please enter your check-in PIN."),
        ("pin", "12", "Your check-in PIN has 4 to 6 digits."),
        ("pin", "12a4", "Your check-in PIN has 4 to 6 digits."),
        ("pin", "1234567", "Your check-in PIN has 4 to 6 digits."),
        ("card", "", "That card could not be read. Please scan it again."),
        ("card", "x" * 65, "That card could not be read. Please scan it again."),
        ("card", "SGF\x00", "That card could not be read. Please scan it again."),
    ],
)
def test_bad_entries_get_one_sentence(method: str, value: str, sentence: str) -> None:
    assert identify_problem(method, value) == sentence


def test_a_card_held_over_the_scanner_is_one_scan() -> None:
    now = [100.0]
    guard = ScanGuard(window_s=5, clock=lambda: now[0])
    assert guard.accept("SGF-SIMPSON-01")
    now[0] += 0.3
    assert not guard.accept("sgf-simpson-01 ")  # the same card, read again
    now[0] += 4.9  # still held: each read extends the quiet time
    assert not guard.accept("SGF-SIMPSON-01")
    assert guard.accept("SGF-FLANDERS-01")  # another family's card is a new scan at once
    now[0] += 5.1
    assert guard.accept("SGF-FLANDERS-01")  # the same card later is a new visit


def _cls(class_id: int, status: str, via: str = "enrollment") -> CheckInClass:
    return CheckInClass(
        class_id, "Class", "15:30", "16:30", "15:00", status, False, via, None, None
    )


def test_one_tap_checks_in_every_open_enrolled_class_but_not_a_punch() -> None:
    family = CheckInFamily(
        "t",
        "Simpson",
        False,
        "",
        (
            CheckInStudent(1, "Bart S.", None, (_cls(10, "open"), _cls(11, "too_early"))),
            CheckInStudent(2, "Lisa S.", 4, (_cls(12, "open", via="punch_pass"),)),
            CheckInStudent(3, "Maggie S.", None, (_cls(13, "checked_in"), _cls(14, "closed"))),
        ),
    )
    assert default_selection(family) == {(1, 10)}
