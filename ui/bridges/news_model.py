"""The announcements list model behind the landing carousel and the News screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
    Slot,
)

from kiosk.domain import NewsItem

from .formats import format_date
from .wording import translated

_ROLES = {
    Qt.ItemDataRole.UserRole + 1: b"newsId",
    Qt.ItemDataRole.UserRole + 2: b"title",
    Qt.ItemDataRole.UserRole + 3: b"summary",
    Qt.ItemDataRole.UserRole + 4: b"body",
    Qt.ItemDataRole.UserRole + 5: b"imageUrl",
    Qt.ItemDataRole.UserRole + 6: b"dateText",
}


class NewsModel(QAbstractListModel):
    countChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[NewsItem] = []

    def set_items(self, items: list[NewsItem]) -> None:
        if items == self._items:
            return
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()
        self.countChanged.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name) for role, name in _ROLES.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self._value(self._items[index.row()], _ROLES.get(role, b""))

    @staticmethod
    def _value(item: NewsItem, name: bytes) -> Any:
        if name == b"newsId":
            return item.id
        # The organisation's own words, in the visitor's language when it wrote them.
        if name == b"title":
            return translated(item.translations, "title", item.title)
        if name == b"summary":
            return translated(item.translations, "summary", item.summary)
        if name == b"body":
            return translated(item.translations, "body", item.body)
        if name == b"imageUrl":
            return QUrl.fromLocalFile(item.image).toString() if item.image else ""
        if name == b"dateText":
            return format_date(item.published_at.date()) if item.published_at else ""
        return None

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> dict[str, Any]:
        """One item as a plain map, for the detail pop-up and screen."""
        if not 0 <= row < len(self._items):
            return {}
        item = self._items[row]
        return {name.decode(): self._value(item, name) for name in _ROLES.values()}

    def _count(self) -> int:
        return len(self._items)

    count = Property(int, _count, notify=countChanged)
