"""Marks the core's user-facing sentences for translation; the UI installs the translator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date


def _english_day(day: date, weekday: bool) -> str:
    """'Thu, Dec 10' / 'Dec 10', as the portal's English says a date."""
    return f"{day:%a}, {day:%b} {day.day}" if weekday else f"{day:%b} {day.day}"


_translate: Callable[[str], str] = lambda text: text  # noqa: E731 - identity until the UI sets one
_translate_portal: Callable[[str], str] = lambda text: text  # noqa: E731
_say_day: Callable[[date, bool], str] = _english_day


def install_translator(
    translate: Callable[[str], str],
    portal: Callable[[str], str] | None = None,
    day: Callable[[date, bool], str] | None = None,
) -> None:
    """The UI passes a function that looks a sentence up in the current language, one that
    looks up the portal's sentences (their own context, "portal", in the .ts), and one that
    says a date in the current language (with its weekday or not)."""
    global _translate, _translate_portal, _say_day
    _translate = translate
    if portal is not None:
        _translate_portal = portal
    if day is not None:
        _say_day = day


def say_day(day: date, *, weekday: bool) -> str:
    """A date in the family's language: 'Thu, Dec 10' or 'Dec 10' in English."""
    return _say_day(day, weekday)


def _(text: str) -> str:
    return _translate(text)


def N_(text: str) -> str:
    """Marks a sentence for translation where it is defined; `_()` translates it where shown."""
    return text


def portal_sentence(text: str) -> str:
    """A sentence the portal sent (a refusal, a field error) in the family's language when the
    kiosk has it (scripts/update_translations.py collects the portal's sentences); otherwise,
    e.g. a sentence with a child's name in it, exactly as the portal sent it."""
    if not text:
        return text
    translated = _translate_portal(text)
    return translated or text
