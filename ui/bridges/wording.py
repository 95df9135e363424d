"""The portal's data worded in the visitor's language: cart and order lines, opening days, and
the organisation's own texts in that language when it wrote them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from kiosk.cart import LineWhen
from kiosk.catalog_view import clock_text
from kiosk.domain import Translations, in_language
from kiosk.payments import DescriptionData

from .language_bridge import language_of

NO_DATA = DescriptionData()


def visitor_language() -> str:
    """'en' or 'es': the language the kiosk shows now (LanguageBridge sets the default locale)."""
    return language_of(QLocale().name())


def translated(translations: Translations, name: str, original: str) -> str:
    """The organisation's own text in the visitor's language when it wrote one, else as is."""
    return in_language(translations, visitor_language(), name, original)


def _qt_day(day_number: int) -> int:
    """The contract's 1 = Sunday .. 7 = Saturday as Qt's 1 = Monday .. 7 = Sunday."""
    return (day_number + 5) % 7 + 1


def weekday_short(day_number: int) -> str:
    """'Mon' / 'lun'."""
    return QLocale().dayName(_qt_day(day_number), QLocale.FormatType.ShortFormat)


def weekday_plural(day_number: int) -> str:
    """'Mondays' (every Monday), as a class meets."""
    names = (
        QCoreApplication.translate("Wording", "Sundays"),
        QCoreApplication.translate("Wording", "Mondays"),
        QCoreApplication.translate("Wording", "Tuesdays"),
        QCoreApplication.translate("Wording", "Wednesdays"),
        QCoreApplication.translate("Wording", "Thursdays"),
        QCoreApplication.translate("Wording", "Fridays"),
        QCoreApplication.translate("Wording", "Saturdays"),
    )
    return names[day_number - 1]


def _english(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.English


def day_month(day: date) -> str:
    """'Dec 7' / '7 dic'."""
    locale = QLocale()
    return locale.toString(
        QDate(day.year, day.month, day.day), "MMM d" if _english(locale) else "d MMM"
    )


def weekday_day_month(day: date) -> str:
    """'Mon Dec 7' / 'lun 7 dic'."""
    locale = QLocale()
    return locale.toString(
        QDate(day.year, day.month, day.day), "ddd MMM d" if _english(locale) else "ddd d MMM"
    )


def opening_days(day_numbers: Iterable[int], as_written: str) -> str:
    """'Mon-Fri', 'Sat' / 'lun-vie', 'sáb': runs of following days joined; the organisation's
    words as written when the portal sent no day numbers."""
    numbers = [n for n in day_numbers if 1 <= n <= 7]
    if not numbers:
        return as_written
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] % 7 + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        weekday_short(run[0])
        if len(run) == 1
        else f"{weekday_short(run[0])}-{weekday_short(run[-1])}"
        for run in runs
    )


def _times(start: str, end: str) -> str:
    return f"{clock_text(start)} – {clock_text(end)}" if end else clock_text(start)


def _camp_span(when: LineWhen) -> str:
    if len(when.days) > 1:
        return f"{day_month(when.days[0])} – {day_month(when.days[-1])}"
    return day_month(when.days[0]) if when.days else ""


def _at(when: LineWhen) -> str:
    """'Mon Dec 7, 4:00 PM'."""
    return (
        f"{weekday_day_month(when.day)}, {clock_text(when.start_time or '00:00')}"
        if when.day
        else ""
    )


def line_subtitle(kind: str, when: LineWhen, portal_words: str) -> str:
    """A cart line's second line: 'Mon 4:30 PM – 5:30 PM', 'Dec 21 – Dec 23 (3 days), 9:00 AM
    – 3:00 PM', 'Mon Dec 7, 4:00 PM with Coach Emily', 'Qty 2'."""
    if not when.known:
        return portal_words
    if kind == "class":
        return ", ".join(
            f"{weekday_short(day)} {_times(start, end)}" for day, start, end in when.weekly
        )
    if kind == "camp":
        span = _camp_span(when)
        if when.camp_days is not None and len(when.days) != when.camp_days:
            words = (
                QCoreApplication.translate("Wording", "%1 (1 day)")
                if len(when.days) == 1
                else QCoreApplication.translate("Wording", "%1 (%2 days)")
            )
            span = words.replace("%1", span).replace("%2", str(len(when.days)))
        return f"{span}, {_times(when.start_time, when.end_time)}"
    if kind == "giftcard" or (kind not in _ONE_WORDING and when.recipient_email):
        return (
            QCoreApplication.translate("Wording", "For %1 (%2)")
            .replace("%1", when.recipient_name)
            .replace("%2", when.recipient_email)
        )
    return _worded_alike(kind, when, portal_words)


def line_when(kind: str, when: LineWhen, portal_words: str) -> str:
    """When a booked line happens, for the confirmation: 'Mondays 4:30 PM from Dec 7'."""
    if not when.known:
        return portal_words
    if kind == "class":
        weekly = ", ".join(
            f"{weekday_plural(day)} {clock_text(start)}" for day, start, _end in when.weekly
        )
        if when.start_date is None:
            return weekly
        return (
            QCoreApplication.translate("Wording", "%1 from %2")
            .replace("%1", weekly)
            .replace("%2", day_month(when.start_date))
        )
    if kind == "camp":
        return _camp_span(when)
    if kind == "giftcard" or (kind not in _ONE_WORDING and when.recipient_email):
        return QCoreApplication.translate("Wording", "Sent to %1").replace(
            "%1", when.recipient_email
        )
    return _worded_alike(kind, when, portal_words)


# Line kinds worded the same in the cart and on the confirmation.
_ONE_WORDING = frozenset({"appointment", "party", "product"})


def _worded_alike(kind: str, when: LineWhen, portal_words: str) -> str:
    if kind == "appointment":
        return _with_staff(when)
    if kind == "party":
        return _at(when)
    if kind == "product":
        return _quantity(when)
    return portal_words


def charge_label(kind: str, portal_words: str, data: DescriptionData = NO_DATA) -> str:
    """The portal's own labels by their code, and its descriptions worded from their data
    ("Tuition – Lisa – Girls Beginner – December"); as sent when it sent no data."""
    if kind == "registration_fee":
        return QCoreApplication.translate("Wording", "Annual registration fee")
    if kind == "tax":
        return QCoreApplication.translate("Wording", "Sales tax")
    if data.known:
        worded = _described(kind, data)
        if worded:
            return worded
    return portal_words


def _month_name(month: int) -> str:
    """'December' / 'diciembre', as a month is said on its own."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


def _filled(words: str, *parts: str) -> str:
    for number, part in enumerate(parts, start=1):
        words = words.replace(f"%{number}", part)
    return words


def _described(kind: str, data: DescriptionData) -> str:
    """A charge's description from its data, or '' when the kind is not one worded here."""
    student, item = data.student_name, data.item_name
    if kind == "tuition" and student and item:
        if data.month is None:
            return _filled(
                QCoreApplication.translate("Wording", "Tuition – %1 – %2"), student, item
            )
        return _filled(
            # %1 the student, %2 the class, %3 the month ("December")
            QCoreApplication.translate("Wording", "Tuition – %1 – %2 – %3"),
            student,
            item,
            _month_name(data.month),
        )
    if kind == "camp" and student and item:
        return _filled(QCoreApplication.translate("Wording", "Camp – %1 – %2"), student, item)
    if kind == "appointment" and item and data.day is not None:
        return " – ".join(part for part in (item, student, day_month(data.day)) if part)
    if kind == "party" and item and data.day is not None:
        return _filled(
            # %1 the party package, %2 the day ("Dec 19")
            QCoreApplication.translate("Wording", "Birthday party – %1 – %2"),
            item,
            day_month(data.day),
        )
    if kind == "giftcard" and data.recipient_name:
        return QCoreApplication.translate("Wording", "eGift card for %1").replace(
            "%1", data.recipient_name
        )
    return ""


def payment_method(portal_words: str, kind: str) -> str:
    """How a payment was paid: "Account credit" worded here; a card's brand and last four
    digits as the portal sent them."""
    if kind == "credit":
        return QCoreApplication.translate("Wording", "Account credit")
    return portal_words


def _with_staff(when: LineWhen) -> str:
    if not when.staff_name:
        return _at(when)
    return (
        QCoreApplication.translate("Wording", "%1 with %2")
        .replace("%1", _at(when))
        .replace("%2", when.staff_name)
    )


def _quantity(when: LineWhen) -> str:
    return QCoreApplication.translate("Wording", "Qty %1").replace("%1", str(when.quantity or 1))
