"""A screen reader can name everything a family can tap, type into or scroll: what counts as
interactive and how its name is read. The walk over every screen, in both languages and sizes
(tests/ui/test_every_screen.py), runs these checks on each one."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem, QQuickWindow

from tests.ui.conftest import visible_items

# Qt Quick types a finger uses: buttons of every kind (check boxes, chips, tiles, cards),
# text entry, pickers.
T = TypeVar("T")

_INTERACTIVE_TYPES = (
    "QQuickAbstractButton",
    "QQuickTextInput",
    "QQuickTextEdit",
    "QQuickComboBox",
    "QQuickSpinBox",
    "QQuickSlider",
    "QQuickRangeSlider",
    "QQuickDial",
    "QQuickTumbler",
)


def _inherits(item: QQuickItem, names: tuple[str, ...]) -> bool:
    # QObject.inherits walks the class chain in C++: walking metaObject().superClass() from
    # Python ends on a None PySide does not count, which crashes a long walk.
    return any(item.inherits(name) for name in names)


def _scrollable(item: QQuickItem) -> bool:
    """A list or page a finger can drag: interactive, with more content than it shows."""
    if not _inherits(item, ("QQuickFlickable",)) or not item.property("interactive"):
        return False
    return (
        item.property("contentHeight") > item.height() + 1
        or item.property("contentWidth") > item.width() + 1
    )


def _interactive(item: QQuickItem) -> bool:
    if not item.isEnabled() or item.width() <= 0 or item.height() <= 0:
        return False
    if _inherits(item, ("QQuickTextInput", "QQuickTextEdit")) and item.property("readOnly"):
        return False  # shows text (a ComboBox's label, a read-only note): nothing to do with it
    return _inherits(item, _INTERACTIVE_TYPES) or _scrollable(item)


def _describe(item: QQuickItem) -> str:
    path = []
    node: QQuickItem | None = item
    while node is not None and len(path) < 6:
        path.append(node.objectName() or node.metaObject().className())
        # Not the root item's parent: PySide loses a reference to None there (keeping_none).
        node = None if node.inherits("QQuickRootItem") else node.parentItem()
    return " < ".join(path)


def interactive_items(window: QQuickWindow) -> list[QQuickItem]:
    return [item for item in visible_items(window) if _interactive(item)]


def accessible_name(item: QQuickItem) -> str:
    """What a screen reader calls the item: its name, or, for a field Qt keeps the name of
    (a hidden-text field: a password, a security code), the label it is labelled by."""
    interface = keeping_none(lambda: QAccessible.queryAccessibleInterface(item))
    if interface is None:
        return ""
    name = keeping_none(lambda: interface.text(QAccessible.Text.Name)).strip()
    if name:
        return name
    for other, relation in keeping_none(lambda: interface.relations(QAccessible.Relation.Label)):
        label = keeping_none(lambda other=other: other.text(QAccessible.Text.Name)).strip()
        if label and relation & QAccessible.Relation.Label:
            return label
    return ""


def unnamed_interactive_items(window: QQuickWindow) -> list[str]:
    """What a screen reader would announce with no name: tap targets, fields (hidden-text ones
    too), scrolling lists."""
    return [_describe(item) for item in interactive_items(window) if not accessible_name(item)]


@dataclass(frozen=True)
class Reachable:
    """One thing a screen reader can reach: its role, name, description and item."""

    role: QAccessible.Role
    name: str
    description: str
    item: QQuickItem | None


def reachable(window: QQuickWindow) -> list[Reachable]:
    """Everything a screen reader can move to, walking the accessibility tree as it does: what
    an invisible node holds (a screen behind an open pop-up, see BehindPopups.qml) is not."""
    found: list[Reachable] = []
    pending = [keeping_none(lambda: QAccessible.queryAccessibleInterface(window))]
    while pending:
        interface = pending.pop()
        if interface is None or not keeping_none(interface.isValid):
            continue
        if keeping_none(interface.state).invisible:
            continue
        target = keeping_none(interface.object)
        found.append(
            Reachable(
                keeping_none(interface.role),
                keeping_none(lambda i=interface: i.text(QAccessible.Text.Name)).strip(),
                keeping_none(lambda i=interface: i.text(QAccessible.Text.Description)).strip(),
                target if isinstance(target, QQuickItem) else None,
            )
        )
        count = keeping_none(interface.childCount)
        pending.extend(
            keeping_none(lambda i=interface, n=n: i.child(n)) for n in range(count - 1, -1, -1)
        )
    return found


_NONE_REFERENCES: list[None] = []


def keeping_none(call: Callable[[], T]) -> T:
    """PySide 6.12 drops a reference to None in some calls (QAccessible's interface and its
    text/state/role, a missing property, parentItem() at the top): a walk over every screen
    makes enough of them that Python aborts ("deallocating None"). Give them back."""
    before = sys.getrefcount(None)
    result = call()
    lost = before + (result is None) - sys.getrefcount(None)
    if lost > 0:
        _NONE_REFERENCES.extend([None] * lost)
    return result
