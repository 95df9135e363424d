"""The kiosk's language (English or Spanish), switched on every screen at once, no restart."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Property, QCoreApplication, QLocale, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QQmlEngine

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"

# Code -> (the locale dates, times and money follow, the language's own name for itself).
LANGUAGES: dict[str, tuple[QLocale, str]] = {
    "en": (QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "English"),
    "es": (QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates), "Español"),
}


def language_of(locale_name: str) -> str:
    """'es_US' -> 'es'; anything the kiosk has no words for falls back to English."""
    code = locale_name.replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else "en"


class LanguageBridge(QObject):
    """`languageChanged` fires after the translator, the locale and QML have switched; the app
    wiring re-emits each bridge's state signal on it so Python-made sentences follow."""

    languageChanged = Signal()

    def __init__(
        self,
        engine: QQmlEngine | None = None,
        translations_dir: Path = TRANSLATIONS_DIR,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._dir = translations_dir
        self._translator: QTranslator | None = None
        self._language = "en"
        self._default = "en"

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        code = code if code in LANGUAGES else "en"
        if code == self._language:
            return
        app = QCoreApplication.instance()
        if self._translator is not None:
            if app is not None:
                app.removeTranslator(self._translator)
            self._translator = None
        if code != "en":
            translator = QTranslator(self)
            path = self._dir / f"kiosk_{code}.qm"
            if translator.load(str(path)):
                if app is not None:
                    app.installTranslator(translator)
                self._translator = translator
            else:
                log.error("no translation file at %s; the words stay in English", path)
        self._language = code
        QLocale.setDefault(LANGUAGES[code][0])
        if self._engine is not None:
            self._engine.setUiLanguage(LANGUAGES[code][0].name())
            self._engine.retranslate()
        self.languageChanged.emit()

    @Slot()
    def toggle(self) -> None:
        """The language button: English <-> Español."""
        self.setLanguage("es" if self._language == "en" else "en")

    def set_default(self, locale_name: str) -> None:
        """The organisation's language. Nobody chose another one yet (the kiosk is on the old
        default), so the kiosk switches to it now."""
        new_default = language_of(locale_name)
        if new_default == self._default:
            return
        follow = self._language == self._default
        self._default = new_default
        if follow:
            self.setLanguage(new_default)

    @Slot()
    def reset(self) -> None:
        """The visit ended: the next family starts in the organisation's language."""
        self.setLanguage(self._default)

    language = Property(str, lambda self: self._language, notify=languageChanged)
    defaultLanguage = Property(str, lambda self: self._default, notify=languageChanged)
    # The button shows the other language in its own words: a Spanish reader looks for "Español".
    otherLanguageName = Property(
        str,
        lambda self: LANGUAGES["es" if self._language == "en" else "en"][1],
        notify=languageChanged,
    )
