"""The portal's refusals that carry a date, worded in the family's language from their code and
data ("messageCode", "messageData"; issue #16): "Registration for this class opens on Dec 1." is
not a sentence a translation file can hold, its parts are."""

from __future__ import annotations

from datetime import date
from typing import Any

from kiosk.i18n import _, say_day


def _templates(code: str, what: str) -> tuple[str, bool] | None:
    """The sentence for `code` (%1 the date, %2 the student) and whether its date says the
    weekday ("Thu, Dec 10") or not ("Dec 10"), as the portal's English does."""
    if code == "registration_opens":
        if what == "class":
            return _("Registration for this class opens on %1."), False
        if what == "camp":
            return _("Registration for this camp opens on %1."), False
        return None
    sentences = {
        "not_a_meeting": (_("The class does not meet on %1."), True),
        "absence_too_late": (
            _("It is too late to mark %2 absent for %1. Please call the front desk."),
            True,
        ),
        "already_absent": (_("%2 is already marked absent for %1."), True),
        "take_back_too_late": (
            _("It is too late to take back %2's absence for %1. Please call the front desk."),
            True,
        ),
        "seat_taken": (
            _(
                "%2's seat on %1 has been given to someone else, so the absence cannot be "
                "taken back."
            ),
            True,
        ),
        "credit_expired": (_("That makeup credit expired on %1."), False),
        "full_on_date": (_("That class is full on %1. Please choose another date."), True),
    }
    return sentences.get(code)


def worded_refusal(body: Any) -> str | None:
    """The refusal in the family's language with its date said their way, or None when the
    portal sent no code the kiosk knows (then its sentence is shown as it is)."""
    if not isinstance(body, dict):
        return None
    code, data = body.get("messageCode"), body.get("messageData")
    if not isinstance(code, str) or not isinstance(data, dict):
        return None
    try:
        day = date.fromisoformat(str(data.get("date") or ""))
    except ValueError:
        return None
    found = _templates(code, str(data.get("what") or ""))
    if found is None:
        return None
    sentence, weekday = found
    student = str(data.get("studentName") or "")
    if "%2" in sentence and not student:
        return None
    return sentence.replace("%1", say_day(day, weekday=weekday)).replace("%2", student)
