"""Dates and money as people say them, in the kiosk's current language (Qt's QLocale)."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from kiosk.clock import clock


def _date_pattern(locale: QLocale, with_year: bool) -> str:
    """English says the month first ('Sat, Dec 6'); Spanish the day ('sáb, 6 dic')."""
    if locale.language() == QLocale.Language.English:
        return "ddd, MMM d, yyyy" if with_year else "ddd, MMM d"
    return "ddd, d MMM yyyy" if with_year else "ddd, d MMM"


def format_date(value: date, *, with_year: bool = False) -> str:
    """'Sat, Dec 6' (or 'Sat, Dec 6, 2026'): short weekday and month, in the kiosk's language."""
    locale = QLocale()
    return locale.toString(
        QDate(value.year, value.month, value.day), _date_pattern(locale, with_year)
    )


def format_datetime(value: datetime) -> str:
    """'Sat, Dec 6, 2026 · 9:00 AM' at the facility (an aware time is moved to its zone)."""
    if value.tzinfo is not None:
        value = value.astimezone(clock.zone)
    moment = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
    locale = QLocale()
    return (
        f"{locale.toString(moment.date(), _date_pattern(locale, True))} · "
        f"{locale.toString(moment.time(), QLocale.FormatType.ShortFormat)}"
    )


def format_money(cents: int) -> str:
    """'$85.00' in the kiosk's locale."""
    locale = QLocale()
    return locale.toCurrencyString(cents / 100, locale.currencySymbol(), 2)


def with_time(sentence: str, time_text: str) -> str:
    """A translated sentence with a clock time for %1. Spanish says "a las 3:00" but "a la
    1:00" (one o'clock is singular), which a translation file cannot know."""
    text = sentence.replace("%1", time_text)
    return re.sub(r"\b(a|de) las (1:\d\d)", r"\1 la \2", text)
