"""The Create Account wizard's rules: its steps, what each step asks for, and which comes next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kiosk.accounts import new_account_problems

ABOUT_YOU, STUDENTS, CONTACT_AND_PASSWORD = 0, 1, 2
STEP_COUNT = 3


def step_of(path: str) -> int:
    """The step whose fields a problem's path (the portal's field paths) belongs to."""
    if path.startswith("guardian."):
        return ABOUT_YOU
    if path.startswith("students"):
        return STUDENTS
    return CONTACT_AND_PASSWORD  # emergencyContact.*, password, and anything else the portal names


def first_step_with_problem(paths: Iterable[str]) -> int | None:
    """The earliest step that has a problem to show (None: no problem)."""
    steps = [step_of(path) for path in paths]
    return min(steps) if steps else None


@dataclass
class NewAccountForm:
    """What the family typed so far, step by step (values as the screen holds them)."""

    guardian: dict[str, str] = field(default_factory=dict)
    students: list[dict[str, str]] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)  # name, phone, relationship
    password: str = ""

    def problems(self, step: int) -> dict[str, str]:
        """The problems of one step's fields, keyed by the portal's field paths; a step is
        checked as a whole so each of its fields shows its own sentence at once."""
        every = new_account_problems(self.guardian, self.password, self.students, self.contact)
        return {path: message for path, message in every.items() if step_of(path) == step}

    def next_step(self, step: int) -> int | None:
        """The step after `step`, or None after the last one: the form is ready to send."""
        return step + 1 if step + 1 < STEP_COUNT else None
