"""What a family sees on one screen, checked from the item tree: words cut off or clipped,
overlapping or small tap targets, targets a screen reader cannot name."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem, QQuickWindow

from tests.ui.conftest import visible_items
from tests.ui.test_accessibility import (
    accessible_name,
    interactive_items,
    keeping_none,
    reachable,
    unnamed_interactive_items,
)
from tests.ui.test_text_size import cut_off_texts

TOUCH_MIN = 64
# Roles that tell a screen reader nothing about what the item does.
_NO_ROLE = {QAccessible.Role.NoRole, QAccessible.Role.Client, QAccessible.Role.Pane}


def inherits(item: QQuickItem, *names: str) -> bool:
    # QObject.inherits walks the class chain in C++: walking metaObject().superClass() from
    # Python ends on a None PySide does not count, which crashes a long walk.
    return any(item.inherits(name) for name in names)


def scene_rect(item: QQuickItem) -> QRectF:
    top_left = item.mapToScene(QPointF(0, 0))
    return QRectF(top_left.x(), top_left.y(), item.width(), item.height())


def describe(item: QQuickItem) -> str:
    path = []
    node: QQuickItem | None = item
    while node is not None and len(path) < 4:
        name = node.objectName() or node.metaObject().className()
        if not node.objectName() and node.metaObject().indexOfProperty("text") >= 0:
            text = node.property("text")
            if isinstance(text, str) and text:
                name += f"({text[:30]!r})"
        path.append(name)
        node = None if node.inherits("QQuickRootItem") else node.parentItem()
    return " < ".join(path)


def _ancestors(item: QQuickItem):
    """Up to the window's root item (asking the root for its parent costs a None reference:
    see keeping_none)."""
    node = item
    while not node.inherits("QQuickRootItem"):
        parent = node.parentItem()
        if parent is None:
            return
        node = parent
        yield node


def shown_rect(item: QQuickItem, window: QQuickWindow) -> QRectF:
    """The part of the item a person can see: inside the window and every clipping ancestor
    (a scrolling list shows only what is scrolled into view)."""
    rect = scene_rect(item).intersected(QRectF(0, 0, window.width(), window.height()))
    for node in _ancestors(item):
        if node.clip():
            rect = rect.intersected(scene_rect(node))
    return rect


def top_layer(window: QQuickWindow) -> QQuickItem:
    """Where a finger lands: the open pop-up or drawer on top, else the whole window."""
    popups = [
        item
        for item in visible_items(window)
        if inherits(item, "QQuickPopupItem") and item.width() > 0 and item.height() > 0
    ]
    return max(popups, key=lambda i: i.z()) if popups else window.contentItem()


def _in(item: QQuickItem, root: QQuickItem) -> bool:
    return item is root or any(node is root for node in _ancestors(item))


def _inside(rect: QRectF, box: QRectF) -> bool:
    return (
        rect.left() >= box.left() - 2
        and rect.top() >= box.top() - 2
        and rect.right() <= box.right() + 2
        and rect.bottom() <= box.bottom() + 2
    )


def clipped_texts(window: QQuickWindow, root: QQuickItem | None = None) -> list[str]:
    """Words a person cannot reach: clipped by a box that does not scroll, past the end of a
    list's scrolling, outside their pop-up, or below the bottom of the window outside any
    scrolling list; and words taller than the room they were given (drawn over what is below)."""
    problems = []
    height = float(window.height())
    for item in visible_items(window):
        if not inherits(item, "QQuickText") or not item.property("text"):
            continue
        if root is not None and not _in(item, root):
            continue
        text = str(item.property("text")).replace("\n", " ")[:50]
        box = scene_rect(item)
        # A new rectangle, not setHeight(): PySide 6.12 loses a reference to None on that call.
        words = QRectF(
            box.x(), box.y(), box.width(), max(box.height(), float(item.property("contentHeight")))
        )
        if item.property("contentHeight") > item.height() + 2 and not item.property("truncated"):
            problems.append(f"taller than its room ({item.height():.0f} px): {text!r}")
            continue
        in_flickable = False
        for node in _ancestors(item):
            if inherits(node, "QQuickFlickable"):
                in_flickable = True
                box = scene_rect(node)
                scrolls_y = node.property("contentHeight") > node.height() + 1
                scrolls_x = node.property("contentWidth") > node.width() + 1
                interactive = node.property("interactive")
                below = words.bottom() > box.bottom() + 2 or words.top() < box.top() - 2
                beside = words.right() > box.right() + 2 or words.left() < box.left() - 2
                if node.clip() and (
                    (below and not (scrolls_y and interactive))
                    or (beside and not (scrolls_x and interactive))
                ):
                    problems.append(f"clipped by {describe(node)} (no scrolling): {text!r}")
                    break
                content = node.property("contentItem")
                if isinstance(content, QQuickItem) and not inherits(node, "QQuickListView"):
                    end = content.mapToScene(QPointF(0, float(node.property("contentHeight")))).y()
                    if words.bottom() > end + 2:
                        problems.append(
                            f"past the end of {describe(node)}'s scrolling by "
                            f"{words.bottom() - end:.0f} px: {text!r}"
                        )
                        break
                if node.clip():
                    # Scrolled to, the words show inside the list: that is what the rest holds.
                    words = words.intersected(box)
            elif inherits(node, "QQuickPopupItem"):
                if not _inside(words, scene_rect(node)):
                    problems.append(f"outside its pop-up {describe(node)}: {text!r}")
                break  # a pop-up is drawn over everything; nothing under it clips it
            elif node.clip():
                box = scene_rect(node)
                if not _inside(words, box):
                    problems.append(f"clipped by {describe(node)}: {text!r}")
                    break
        if not in_flickable and words.top() + min(words.height(), 20) > height:
            problems.append(f"below the window's bottom: {text!r}")
    return problems


def touch_problems(window: QQuickWindow) -> list[str]:
    """On the top layer: tap targets smaller than 64 px, overlapping one another, or without a
    role and a name for a screen reader."""
    root = top_layer(window)
    targets = [
        item
        for item in interactive_items(window)
        if _in(item, root)
        and not inherits(item, "QQuickFlickable")
        and not shown_rect(item, window).isEmpty()
    ]
    problems = []
    for item in targets:
        is_field = inherits(item, "QQuickTextInput", "QQuickTextEdit")
        small = item.height() < TOUCH_MIN - 0.5 or (not is_field and item.width() < TOUCH_MIN - 0.5)
        if small:
            problems.append(
                f"smaller than {TOUCH_MIN} px ({item.width():.0f} x {item.height():.0f}): "
                f"{describe(item)}"
            )
        popup = next((n for n in _ancestors(item) if inherits(n, "QQuickPopupItem")), None)
        if popup is not None and not _inside(shown_rect(item, window), scene_rect(popup)):
            problems.append(f"outside its pop-up, where a tap does not reach: {describe(item)}")
        interface = keeping_none(lambda item=item: QAccessible.queryAccessibleInterface(item))
        if interface is not None and keeping_none(interface.role) in _NO_ROLE:
            problems.append(f"no accessible role: {describe(item)}")
    for i, first in enumerate(targets):
        a = shown_rect(first, window).adjusted(1, 1, -1, -1)
        for second in targets[i + 1 :]:
            if _in(first, second) or _in(second, first):
                continue
            b = shown_rect(second, window).adjusted(1, 1, -1, -1)
            if a.intersects(b):
                problems.append(f"overlap: {describe(first)} and {describe(second)}")
    problems += [f"no Accessible.name: {item}" for item in unnamed_interactive_items(window)]
    return problems


def _in_popup(item: QQuickItem) -> bool:
    return any(inherits(node, "QQuickPopupItem") for node in [item, *_ancestors(item)])


def _on_keyboard(item: QQuickItem) -> bool:
    return any(node.objectName() == "inputPanel" for node in [item, *_ancestors(item)])


def _region(item: QQuickItem) -> str:
    """Where a screen reader says a button is: the toolbar, or the page (or pop-up) itself."""
    for node in [item, *_ancestors(item)]:
        if node.objectName() == "toolbar":
            return "toolbar"
    return "page"


def same_names(window: QQuickWindow) -> list[str]:
    """Buttons a screen reader could not tell apart: two enabled ones on the top layer, on the
    page or in the toolbar, with one name ("Edit", "Edit"): each says what it acts on ("Edit
    Bart's details"). The toolbar's "News" and the page's "News" tile are told apart by where
    they are (a screen reader says "toolbar")."""
    root = top_layer(window)
    by_name: dict[tuple[str, str], list[QQuickItem]] = {}
    for item in interactive_items(window):
        if not _in(item, root) or not inherits(item, "QQuickAbstractButton"):
            continue
        name = accessible_name(item)
        if name:
            by_name.setdefault((_region(item), name), []).append(item)
    return [
        f"{len(items)} buttons called {name!r}: " + ", ".join(describe(i) for i in items[:3])
        for (_, name), items in by_name.items()
        if len(items) > 1
    ]


# Roles a screen reader stops on to act: behind an open pop-up, none may be reachable.
_ACTING_ROLES = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.EditableText,
    QAccessible.Role.ComboBox,
    QAccessible.Role.Link,
    QAccessible.Role.PageTab,
    QAccessible.Role.MenuItem,
    QAccessible.Role.Slider,
    QAccessible.Role.SpinBox,
    QAccessible.Role.List,
    QAccessible.Role.ListItem,
}


def reachable_behind_popup(window: QQuickWindow) -> list[str]:
    """With a pop-up or drawer open, what a screen reader can still reach behind it: anything
    with a name or a role to act on, outside every pop-up (and the keyboard, which types into
    the pop-up's fields)."""
    if not inherits(top_layer(window), "QQuickPopupItem"):
        return []
    problems = []
    for node in reachable(window):
        if node.item is None or _in_popup(node.item) or _on_keyboard(node.item):
            continue
        if node.name or node.role in _ACTING_ROLES:
            problems.append(
                f"reachable behind the pop-up: {node.role.name} {node.name!r} "
                f"({describe(node.item)})"
            )
    return problems


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def unread_texts(window: QQuickWindow) -> list[str]:
    """Words on the top layer a screen reader never reads: neither the name nor the
    description of anything it can reach holds them (a button's own label is its name, which
    may say more: not counted)."""
    root = top_layer(window)
    heard = [
        _plain(f"{node.name} {node.description}")
        for node in reachable(window)
        if node.item is not None and _in(node.item, root)
    ]
    problems = []
    for item in visible_items(window):
        if not inherits(item, "QQuickText") or not _in(item, root):
            continue
        text = item.property("text")
        if not isinstance(text, str) or "<" in text or not any(ch.isalnum() for ch in text):
            continue  # nothing to read (a PIN's dots), or styled text

        if shown_rect(item, window).isEmpty() or _on_keyboard(item):
            continue
        if any(inherits(node, "QQuickAbstractButton") for node in _ancestors(item)):
            continue
        words = _plain(text)
        if not any(words in said for said in heard):
            problems.append(f"not read by a screen reader: {text[:50]!r} ({describe(item)})")
    return problems


def screen_problems(window: QQuickWindow) -> list[str]:
    """On the top layer (the open pop-up, or the screen with its toolbar)."""
    root = top_layer(window)
    return (
        cut_off_texts(window, root)
        + clipped_texts(window, root)
        + touch_problems(window)
        + same_names(window)
        + reachable_behind_popup(window)
        + unread_texts(window)
    )
