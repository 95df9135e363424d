"""The catalog bridge's lists: read from the cache once per catalog change, not on every
binding that reads them (issue #21)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import event

from tests.ui.conftest import current_screen, find


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

    # A sync applied (or another location): the lists read before are read again, once (to
    # tell only the bindings whose list changed), and reads after that are free again.
    statements.clear()
    app.catalog.reload()
    after = {name: app.catalog.property(name) for name in names}
    read_once = len(statements)
    assert read_once > 0
    assert after == first
    for name in names:
        app.catalog.property(name)
    assert len(statements) == read_once


def test_a_sync_redraws_only_the_class_cards_that_changed(qtbot, portal, make_kiosk):
    """One class fills up: its card says so; the list is not reset, the other cards keep their
    delegates (and the list its scroll)."""
    from PySide6.QtTest import QSignalSpy

    from portal.models import ClassOffering as PortalClass
    from portal.services import catalog
    from tests.ui.test_catalog import _open_classes

    app = make_kiosk(portal.url)
    _open_classes(qtbot, app)
    model = app.catalog.property("classes")
    card0, card1 = find(app.window, "classCard0"), find(app.window, "classCard1")
    class_id = int(card0.property("classId"))
    reset, changed = QSignalSpy(model.modelReset), QSignalSpy(model.dataChanged)
    with portal.session_factory() as session:
        offering = session.get(PortalClass, class_id)
        catalog.update_class(session, class_id, capacity=offering.enrolled, allow_waitlist=True)
        session.commit()
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=10000):
        app.kiosk.syncNow()
    qtbot.waitUntil(lambda: "waitlist" in card0.property("openingsText").lower(), timeout=5000)
    assert reset.count() == 0
    assert changed.count() >= 1
    assert {(changed.at(i)[0].row(), changed.at(i)[1].row()) for i in range(changed.count())} == {
        (0, 0)
    }
    assert find(app.window, "classCard0") is card0 and find(app.window, "classCard1") is card1


def test_a_narrower_filter_removes_cards_without_a_reset(qtbot, shared_portal, make_kiosk):
    from PySide6.QtTest import QSignalSpy

    from tests.ui.test_catalog import _open_classes

    app = make_kiosk(shared_portal.url)
    _open_classes(qtbot, app)
    model = app.catalog.property("classes")
    before = model.rowCount()
    first = model.data(model.index(0), Qt.ItemDataRole.UserRole)  # classId
    reset, removed = QSignalSpy(model.modelReset), QSignalSpy(model.rowsRemoved)
    app.catalog.setQuery(model.data(model.index(0), Qt.ItemDataRole.UserRole + 1))  # its name
    qtbot.waitUntil(lambda: model.rowCount() < before, timeout=3000)
    assert reset.count() == 0 and removed.count() >= 1
    assert model.data(model.index(0), Qt.ItemDataRole.UserRole) == first
    app.catalog.setQuery("")
    qtbot.waitUntil(lambda: model.rowCount() == before, timeout=3000)
    assert reset.count() == 0


def test_each_property_has_its_own_signal(qtbot, shared_portal, make_kiosk):
    """A new search word tells the bindings of the query and nothing else; a sync that changed
    none of the lists read tells none of them."""
    from PySide6.QtTest import QSignalSpy

    app = make_kiosk(shared_portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    catalog = app.catalog
    meta = catalog.metaObject()
    names = [meta.property(i).name() for i in range(meta.propertyOffset(), meta.propertyCount())]
    signals = {
        meta.property(i).notifySignal().name().data().decode()
        for i in range(meta.propertyOffset(), meta.propertyCount())
        if meta.property(i).hasNotifySignal()
    }
    assert len(signals) == len([n for n in names if n not in ("classes", "recommended")])
    for name in ("products", "staff", "programs", "location"):
        catalog.property(name)
    spies = {name: QSignalSpy(getattr(catalog, name)) for name in signals}

    catalog.setQuery("gym")
    assert {name for name, spy in spies.items() if spy.count()} == {"queryChanged"}

    spies = {name: QSignalSpy(getattr(catalog, name)) for name in signals}
    catalog.reload()
    told = {name for name, spy in spies.items() if spy.count()}
    assert not told & {"productsChanged", "staffChanged", "programsChanged", "locationChanged"}
