"""How the screen reads for this family: larger text, high contrast, lowered; back to normal
when the visit ends."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

LARGE_TEXT_SCALE = 1.5


class DisplayBridge(QObject):
    """Theme.textScale binds to `textScale` (every font size in Theme.qml follows it),
    Theme.highContrast to `highContrast`; `lowered` moves everything a finger needs into the
    bottom two-thirds of the screen (Main.qml), for a wheelchair user or a child."""

    stateChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._large_text = False
        self._high_contrast = False
        self._lowered = False

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        if on != self._large_text:
            self._large_text = on
            self.stateChanged.emit()

    @Slot()
    def toggleLargeText(self) -> None:
        self.setLargeText(not self._large_text)

    @Slot()
    def toggleHighContrast(self) -> None:
        self._high_contrast = not self._high_contrast
        self.stateChanged.emit()

    @Slot()
    def toggleLowered(self) -> None:
        self._lowered = not self._lowered
        self.stateChanged.emit()

    @Slot()
    def reset(self) -> None:
        """The visit ended: the next family starts with the usual screen."""
        if self._large_text or self._high_contrast or self._lowered:
            self._large_text = self._high_contrast = self._lowered = False
            self.stateChanged.emit()

    largeText = Property(bool, lambda self: self._large_text, notify=stateChanged)
    highContrast = Property(bool, lambda self: self._high_contrast, notify=stateChanged)
    lowered = Property(bool, lambda self: self._lowered, notify=stateChanged)
    textScale = Property(
        float, lambda self: LARGE_TEXT_SCALE if self._large_text else 1.0, notify=stateChanged
    )
