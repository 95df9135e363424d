"""A list model of rows (dicts or dataclasses) that a new list updates by a diff, not a reset."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

Key = str | Callable[[Any], Hashable] | None

# Past this many inserted or removed runs a reset is cheaper than telling the view each one
# (a new search that keeps a scattered few of 10,000 rows); the view starts at the top again.
MAX_STEPS = 64


def row_value(row: Any, name: str) -> Any:
    """One field of a row: a dict's key or a dataclass's (or any object's) attribute."""
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name, None)


def _as_dict(row: Any) -> dict[str, Any]:
    if isinstance(row, dict):
        return row
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    return {"value": row}


def plan_steps(
    old: Sequence[Hashable], new: Sequence[Hashable], limit: int = MAX_STEPS
) -> list[tuple[str, int, list[Hashable]]] | None:
    """The removals and insertions that turn the keys `old` into `new`, in the order to apply
    them: ("remove", first, keys) or ("insert", first, keys). A row that moved is removed and
    inserted again. None when the keys repeat or it takes more than `limit` steps."""
    if len(set(old)) != len(old) or len(set(new)) != len(new):
        return None
    steps: list[tuple[str, int, list[Hashable]]] = []
    wanted = set(new)
    current = list(old)
    gone = [i for i, key in enumerate(current) if key not in wanted]
    # Contiguous runs of removed rows, last first so the earlier indexes still hold.
    runs: list[tuple[int, int]] = []
    for i in gone:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    if len(runs) > limit:
        return None
    for first, last in reversed(runs):
        steps.append(("remove", first, current[first : last + 1]))
        del current[first : last + 1]
    present = set(current)
    i = 0
    while i < len(new):
        if len(steps) > limit:
            return None
        if i < len(current) and current[i] == new[i]:
            i += 1
            continue
        key = new[i]
        if key in present:  # moved here from further down
            j = current.index(key, i)
            steps.append(("remove", j, [key]))
            del current[j]
            steps.append(("insert", i, [key]))
            current.insert(i, key)
            i += 1
            continue
        start = i
        while i < len(new) and new[i] not in present:
            i += 1
        steps.append(("insert", start, list(new[start:i])))
        current[start:start] = new[start:i]
    return steps if len(steps) <= limit else None


class RowModel(QAbstractListModel):
    """Rows a QML ListView shows, each field a role (`required property <name>` in the delegate).
    `set_rows` tells the view only what changed: rows that went, rows that came, rows whose
    fields changed; an unchanged row emits nothing, so the view keeps its scroll position and
    the delegates it has."""

    countChanged = Signal()
    # After every set_rows, even one that changed nothing (the benchmark's clock stops here).
    rowsApplied = Signal()

    def __init__(
        self, roles: Sequence[str] = (), key: Key = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._roles = tuple(roles)
        self._key = key
        self._rows: list[Any] = []
        self._keys: list[Hashable] = []

    # ----- the rows ------------------------------------------------------------------------------

    def _key_of(self, row: Any) -> Hashable:
        key = self._key
        if key is None:
            return row if isinstance(row, Hashable) else id(row)
        if isinstance(key, str):
            return row_value(row, key)
        return key(row)

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any], key: Key = None) -> None:
        """Show `rows`: a row is the same row as before when its key is (`key`: a field name,
        a function of the row, or None for the row itself; the model's own when not given)."""
        if key is not None:
            self._key = key
        new_rows = list(rows)
        if not self._roles and new_rows:
            # Roles come from the first rows' fields; QML reads them once, so they stay.
            self._roles = tuple(_as_dict(new_rows[0]))
        new_keys = [self._key_of(row) for row in new_rows]
        count = len(self._rows)
        steps = plan_steps(self._keys, new_keys)
        if steps is None:
            self.beginResetModel()
            self._rows, self._keys = new_rows, new_keys
            self.endResetModel()
        else:
            by_key = dict(zip(new_keys, new_rows, strict=True))
            self._apply(steps, by_key)
            self._update_changed(new_rows)
        if len(self._rows) != count:
            self.countChanged.emit()
        self.rowsApplied.emit()

    def _apply(self, steps: list[tuple[str, int, list[Hashable]]], by_key: dict) -> None:
        root = QModelIndex()
        for kind, first, keys in steps:
            last = first + len(keys) - 1
            if kind == "remove":
                self.beginRemoveRows(root, first, last)
                del self._rows[first : last + 1]
                del self._keys[first : last + 1]
                self.endRemoveRows()
            else:
                self.beginInsertRows(root, first, last)
                self._rows[first:first] = [by_key[k] for k in keys]
                self._keys[first:first] = keys
                self.endInsertRows()

    def _update_changed(self, new_rows: list[Any]) -> None:
        """The rows are in their new order; tell the view of each row whose fields changed
        (only the roles that did)."""
        for row, new in enumerate(new_rows):
            old = self._rows[row]
            if old is new:
                continue
            self._rows[row] = new
            if old == new:
                continue
            before, after = _as_dict(old), _as_dict(new)
            changed = [
                Qt.ItemDataRole.UserRole + i
                for i, name in enumerate(self._roles)
                if before.get(name) != after.get(name)
            ]
            if changed:
                index = self.index(row)
                self.dataChanged.emit(index, index, changed)

    # ----- QAbstractListModel ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {
            Qt.ItemDataRole.UserRole + i: QByteArray(name.encode())
            for i, name in enumerate(self._roles)
        }

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        offset = role - Qt.ItemDataRole.UserRole
        if not 0 <= offset < len(self._roles):
            return None
        return self.value(index.row(), self._roles[offset])

    def value(self, row: int, name: str) -> Any:
        """One field of one row (a subclass may read it lazily)."""
        return row_value(self._rows[row], name)

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> dict[str, Any]:
        """One row as a plain map (for a pop-up that shows the row tapped)."""
        if not 0 <= row < len(self._rows):
            return {}
        return {name: self.value(row, name) for name in self._roles}

    def _count(self) -> int:
        return len(self._rows)

    count = Property(int, _count, notify=countChanged)
