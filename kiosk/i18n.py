"""Marks the core's user-facing sentences for translation; the UI installs the translator."""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = lambda text: text  # noqa: E731 - identity until the UI sets one


def install_translator(translate: Callable[[str], str]) -> None:
    """The UI passes a function that looks a sentence up in the current language."""
    global _translate
    _translate = translate


def _(text: str) -> str:
    return _translate(text)


def N_(text: str) -> str:
    """Marks a sentence for translation where it is defined; `_()` translates it where shown."""
    return text
