"""Dates and money as people say them, in the kiosk's current language (Qt's QLocale)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale


def format_date(value: date) -> str:
    """'Sat, Dec 6' style: short weekday and month, no year."""
    return QLocale().toString(QDate(value.year, value.month, value.day), "ddd, MMM d")


def format_money(cents: int, currency: str = "USD") -> str:
    return QLocale().toCurrencyString(cents / 100, QLocale().currencySymbol())
