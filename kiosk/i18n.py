"""Marks the core's user-facing sentences for translation; the UI installs the translator."""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = lambda text: text  # noqa: E731 - identity until the UI sets one
_translate_portal: Callable[[str], str] = lambda text: text  # noqa: E731


def install_translator(
    translate: Callable[[str], str], portal: Callable[[str], str] | None = None
) -> None:
    """The UI passes a function that looks a sentence up in the current language, and one
    that looks up the portal's sentences (their own context, "portal", in the .ts)."""
    global _translate, _translate_portal
    _translate = translate
    if portal is not None:
        _translate_portal = portal


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
