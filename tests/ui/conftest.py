"""Fixtures for driving the real kiosk window (offscreen) against the real portal on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QPointF, Qt  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.config import load_settings  # noqa: E402
from ui.app import KioskApp, build_kiosk, prepare_environment  # noqa: E402

prepare_environment()

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


def find(window: QQuickWindow, name: str) -> QQuickItem | None:
    """The visible item with this objectName, wherever it sits (screens, pop-ups, drawers)."""
    roots: list[QObject] = [window.contentItem(), window]
    for root in roots:
        for item in root.findChildren(QQuickItem, name):
            if item.isVisible():
                return item
    return None


def visible_names(window: QQuickWindow, prefix: str) -> list[str]:
    names = {
        item.objectName()
        for item in window.contentItem().findChildren(QQuickItem)
        if item.objectName().startswith(prefix) and item.isVisible()
    }
    return sorted(names)


def tap(window: QQuickWindow, name: str) -> None:
    """A finger on the middle of the named item (a real mouse press and release in the window)."""
    item = find(window, name)
    assert item is not None, f"nothing visible is called {name!r}"
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def screenshot(window: QQuickWindow, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    window.grabWindow().save(str(path))
    return path


def current_screen(app: KioskApp) -> str:
    return str(app.window.property("currentScreen") or "")


@pytest.fixture
def make_kiosk(qapp, tmp_path) -> Iterator:
    """Builds kiosks on a data dir of their own; each one is shut down after the test."""
    built: list[KioskApp] = []

    def _make(portal_url: str, account: str = "demo", data_dir: Path | None = None,
              **overrides) -> KioskApp:
        settings = load_settings(
            None,
            env={},
            portal_url=portal_url,
            account=account,
            data_dir=data_dir or tmp_path / "kiosk",
            **overrides,
        )
        app = build_kiosk(settings, kiosk_mode=False)
        app.window.resize(1920, 1080)
        app.window.show()
        built.append(app)
        return app

    yield _make
    for app in built:
        app.shutdown()
