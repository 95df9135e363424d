"""The as-you-type rules of the kiosk's forms: one plain sentence, or None when fine."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.accounts import check_field, masked_email, new_account_problems
from kiosk.validation import check_birth_date, check_phone, parse_birth_date, phone_digits


@pytest.mark.parametrize(
    ("rule", "value", "ok"),
    [
        ("firstName", "Marge", True),
        ("firstName", "Mary-Kate O'Neil", True),
        ("firstName", "José", True),
        ("firstName", "", False),
        ("firstName", "R2D2", False),
        ("firstName", "<script>", False),
        ("firstName", "a" * 51, False),
        ("firstName", "Bad\x00Name", False),
        ("email", "marge@example.com", True),
        ("email", "marge@example", False),
        ("email", "marge example.com", False),
        ("email", "", False),
        ("phone", "(217) 555-0142", True),
        ("phone", "+1 217 555 0142", True),
        ("phone", "555-0142", False),
        ("phone", "217-555-01x2", False),
        ("zip", "62704", True),
        ("zip", "62704-1234", True),
        ("zip", "6270", False),
        ("state", "IL", True),
        ("state", "Illinois", False),
        (
            "password",
            "12345678",
            True,
        ),  # length is the kiosk's rule; the portal refuses common ones
        ("password", "short", False),
        ("password", "x" * 129, False),
        ("birthDate", "04/12/2017", True),
        ("birthDate", "2017-04-12", True),
        ("birthDate", "13/45/2017", False),
        ("birthDate", "tomorrow", False),
    ],
)
def test_each_rule_says_one_sentence_or_nothing(rule, value, ok):
    message = check_field(rule, value)
    assert (message is None) == ok
    if message:
        assert message.endswith(".") and len(message) < 120


def test_birth_dates_must_be_in_the_past_and_believable():
    today = date(2026, 11, 26)
    assert check_birth_date("11/27/2026", today) == "The birth date must be in the past."
    assert check_birth_date("01/01/1900", today) is not None
    assert parse_birth_date("02/30/2020") is None


def test_phone_numbers_are_reduced_to_ten_digits():
    assert phone_digits("+1 (217) 555-0142") == "2175550142"
    assert check_phone("1-217-555-0142") is None


def test_new_account_form_reports_every_problem_by_portal_field_path():
    problems = new_account_problems(
        {
            "firstName": "",
            "lastName": "Krabappel",
            "email": "edna@",
            "phone": "1",
            "line1": "",
            "city": "Springfield",
            "state": "IL",
            "zip": "62704",
        },
        "short",
        [{"firstName": "Martin", "lastName": "", "birthDate": "04/12/2017"}],
        {"name": "", "phone": ""},
    )
    assert set(problems) == {
        "guardian.firstName",
        "guardian.email",
        "guardian.phone",
        "guardian.address.line1",
        "password",
        "students.0.lastName",
        "emergencyContact.name",
        "emergencyContact.phone",
    }


def test_no_students_is_a_problem_too():
    problems = new_account_problems({}, "long-enough-pw", [], {"name": "A", "phone": "2175550100"})
    assert "students" in problems


def test_masked_email_shows_only_enough_to_recognise():
    assert masked_email("marge@example.com") == "m***@example.com"
    assert masked_email("nonsense") == "***"


def test_ages_read_as_families_say_them():
    from kiosk.catalog_view import age_text, openings_text

    assert age_text(72, 191) == "Ages 6–15"
    assert age_text(36, 59) == "Ages 3–4"
    assert age_text(18, 35) == "Ages 1.5–2"
    assert age_text(None, None) == "All ages"
    assert openings_text(0, True) == "Full - join waitlist"
    assert openings_text(1, False) == "1 spot left"
    assert openings_text(3, False) == "3 spots left"


def test_next_meetings_are_the_class_days_from_today_or_its_first_day():
    from kiosk.catalog_view import next_meetings
    from kiosk.domain import ScheduleSlot

    mon_wed = [ScheduleSlot(2, "Mon", "16:30", "17:30"), ScheduleSlot(4, "Wed", "16:30", "17:30")]
    thursday = date(2026, 11, 26)
    assert next_meetings(mon_wed, thursday) == [
        date(2026, 11, 30),
        date(2026, 12, 2),
        date(2026, 12, 7),
    ]
    assert next_meetings(mon_wed, thursday, 1, starts=date(2027, 1, 4)) == [date(2027, 1, 4)]
