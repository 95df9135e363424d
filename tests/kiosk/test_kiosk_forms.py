"""The Create Account wizard's rules (kiosk.forms): what each step checks, which comes next,
and which step shows the portal's problems."""

from __future__ import annotations

from kiosk.forms import (
    ABOUT_YOU,
    CONTACT_AND_PASSWORD,
    STUDENTS,
    NewAccountForm,
    first_step_with_problem,
)

GUARDIAN = {
    "firstName": "Homer",
    "lastName": "Simpson",
    "email": "homer@example.com",
    "phone": "(217) 555-0142",
    "line1": "742 Evergreen Terrace",
    "line2": "",
    "city": "Springfield",
    "state": "IL",
    "zip": "62704",
}
STUDENT = {"firstName": "Bart", "lastName": "Simpson", "birthDate": "04/01/2016", "gender": ""}
CONTACT = {"name": "Ned Flanders", "phone": "217-555-0188", "relationship": "Neighbour"}


def test_an_empty_form_stops_at_each_step_with_only_that_steps_fields():
    form = NewAccountForm(students=[{}])
    assert set(form.problems(ABOUT_YOU)) == {
        "guardian.firstName",
        "guardian.lastName",
        "guardian.email",
        "guardian.phone",
        "guardian.address.line1",
        "guardian.address.city",
        "guardian.address.state",
        "guardian.address.zip",
    }
    assert set(form.problems(STUDENTS)) == {
        "students.0.firstName",
        "students.0.lastName",
        "students.0.birthDate",
    }
    assert set(form.problems(CONTACT_AND_PASSWORD)) == {
        "emergencyContact.name",
        "emergencyContact.phone",
        "password",
    }


def test_a_step_is_checked_alone_and_the_steps_follow_in_order():
    # Only the first step filled in: it passes, and the students' step still has its problems.
    form = NewAccountForm(guardian=dict(GUARDIAN), students=[{}, dict(STUDENT)])
    assert form.problems(ABOUT_YOU) == {}
    assert set(form.problems(STUDENTS)) == {
        "students.0.firstName",
        "students.0.lastName",
        "students.0.birthDate",
    }
    assert form.next_step(ABOUT_YOU) == STUDENTS
    assert form.next_step(STUDENTS) == CONTACT_AND_PASSWORD
    assert form.next_step(CONTACT_AND_PASSWORD) is None  # the last step sends the form

    whole = NewAccountForm(dict(GUARDIAN), [dict(STUDENT)], dict(CONTACT), "s3cret-pass")
    assert [whole.problems(step) for step in range(3)] == [{}, {}, {}]
    short = NewAccountForm(dict(GUARDIAN), [dict(STUDENT)], dict(CONTACT), "short")
    assert list(short.problems(CONTACT_AND_PASSWORD)) == ["password"]


def test_the_portals_problems_open_the_earliest_step_that_has_one():
    assert first_step_with_problem([]) is None
    assert first_step_with_problem(["password", "students.1.birthDate"]) == STUDENTS
    assert first_step_with_problem(["emergencyContact.phone", "guardian.email"]) == ABOUT_YOU
    assert first_step_with_problem(["students"]) == STUDENTS  # "Please add at least one student."
    assert first_step_with_problem(["password"]) == CONTACT_AND_PASSWORD
