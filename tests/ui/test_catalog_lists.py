"""The catalog bridge's lists: read from the cache once per catalog change, not on every
binding that reads them (issue #21)."""

from __future__ import annotations

from sqlalchemy import event

from tests.ui.conftest import current_screen


def _statements(app) -> list[str]:
    """Every SQL statement the kiosk's cache runs from now on."""
    seen: list[str] = []
    engine = app.session_factory.kw["bind"]
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_catalog_lists_are_read_once_per_catalog_change(qtbot, shared_portal, make_kiosk):
    app = make_kiosk(shared_portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    names = ("programs", "products", "staff", "locations", "location", "partyPackages")
    first = {name: app.catalog.property(name) for name in names}
    assert first["products"] and first["staff"] and first["location"]

    statements = _statements(app)
    again = {name: app.catalog.property(name) for name in names for _ in range(3)}
    assert statements == []  # a read is not a query
    assert again == first

    # A sync applied (or another location): the next read goes to the cache again, once.
    app.catalog.reload()
    statements.clear()
    after = {name: app.catalog.property(name) for name in names}
    read_once = len(statements)
    assert read_once > 0
    assert after == first
    for name in names:
        app.catalog.property(name)
    assert len(statements) == read_once
