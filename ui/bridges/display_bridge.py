"""How the screen reads for this family: larger text; back to normal when the visit ends."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

LARGE_TEXT_SCALE = 1.5


class DisplayBridge(QObject):
    """Theme.textScale binds to `textScale`; every font size in Theme.qml follows it."""

    stateChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._large_text = False

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        if on != self._large_text:
            self._large_text = on
            self.stateChanged.emit()

    @Slot()
    def toggleLargeText(self) -> None:
        self.setLargeText(not self._large_text)

    @Slot()
    def reset(self) -> None:
        """The visit ended: the next family starts with the usual text size."""
        self.setLargeText(False)

    largeText = Property(bool, lambda self: self._large_text, notify=stateChanged)
    textScale = Property(
        float, lambda self: LARGE_TEXT_SCALE if self._large_text else 1.0, notify=stateChanged
    )
