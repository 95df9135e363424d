"""Attack: a class description written to run on the kiosk (issue #17).

A description with a remote image, a script, an iframe, `on*=` handlers and entities goes through
the real portal, the kiosk's sync and the class screen of a real window. Nothing of it may run:
no request reaches the loopback server the image points at, no script text shows, and the
entities show as the characters they stand for. A control Text in the same window, given the same
image as Qt rich text, does fetch it, so "no request" is a finding and not a deaf server.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent
from sqlalchemy import select

from portal.models import ClassOffering as PortalClass
from tests.portal.helpers import HTTP_TIMEOUT_S
from tests.reliability.recorder import record
from tests.ui.conftest import (  # noqa: F401  (fixtures)
    current_screen,
    find,
    make_kiosk,
    qtbot,
    screenshot,
    tap,
)

# A 1x1 GIF, so a fetch that does happen is a complete, successful one.
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


class _CountingServer(ThreadingHTTPServer):
    hits: Counter[str]


class _Handler(BaseHTTPRequestHandler):
    server: _CountingServer

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Content-Length", str(len(GIF)))
        self.end_headers()
        self.wfile.write(GIF)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def bait() -> Iterator[_CountingServer]:
    """A loopback HTTP server that counts every request it gets, by path."""
    server = _CountingServer(("127.0.0.1", 0), _Handler)
    server.hits = Counter()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _hostile(base: str) -> str:
    return (
        f'<p onclick="steal()">Flips &ndash; <b>and</b> <i>tricks</i>'
        f'<img src="{base}/description.gif" onerror="steal()"></p>'
        "<script>document.title='owned'; steal()</script>"
        f'<iframe src="{base}/frame"></iframe>'
        f'<p style="background:url({base}/style.gif)">Bring water &amp; a towel.</p>'
        "&lt;img src=x&gt; is how a tag looks"
        "<ul><li>Leotard</li><li>Hair tie</li></ul>"
    )


def test_a_hostile_description_is_shown_as_text_and_loads_nothing(
    qtbot,  # noqa: F811
    portal,
    make_kiosk,  # noqa: F811
    bait,
):
    base = f"http://127.0.0.1:{bait.server_address[1]}"
    started = time.monotonic()
    with portal.session_factory() as session:
        classes = session.scalars(select(PortalClass).where(PortalClass.location_id == 1)).all()
        for offering in classes:
            offering.description_html = _hostile(base)
        session.commit()
        first_id = classes[0].id

    # What the portal itself sends (the change feed and the iClassPro-style open API).
    detail = requests.get(
        f"{portal.url}/api/open/v1/demo/classes/{first_id}", timeout=HTTP_TIMEOUT_S
    ).json()
    sent = detail["data"]["description"]
    for active in ("<img", "<script", "steal", "<iframe", "style=", "onclick", base):
        assert active not in sent, active
    assert "Flips – <b>and</b>" in sent and "&lt;img src=x&gt;" in sent

    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "tile_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    description = find(app.window, "classDescription")
    shown = str(description.property("text"))
    assert "Flips – " in shown and "Bring water" in shown and "Leotard" in shown
    for active in ("script", "steal", "owned", "iframe", "&ndash;", base):
        assert active not in shown, active
    assert "&lt;img src=x&gt;" in shown  # styled text shows it as the words "<img src=x>"
    assert app.window.title() != "owned"
    screenshot(app.window, "hostile-description")

    # The control: the same picture given to Qt as rich text in the same window is fetched.
    control = QQmlComponent(app.engine)
    control.setData(
        (
            "import QtQuick\nText { textFormat: Text.RichText; "
            f"text: '<img src=\"{base}/control.gif\">' }}"
        ).encode(),
        QUrl(),
    )
    item = control.create()
    assert item is not None, control.errorString()
    item.setParentItem(app.window.contentItem())
    qtbot.waitUntil(lambda: bait.hits["/control.gif"] > 0, timeout=10000)
    elapsed_ms = round((time.monotonic() - started) * 1000)

    fetched_by_the_kiosk = sum(n for path, n in bait.hits.items() if path != "/control.gif")
    assert fetched_by_the_kiosk == 0, dict(bait.hits)
    record(
        "hostile class description",
        operations=5,  # a remote image, a script, an iframe, a style url, on* handlers
        let_through=fetched_by_the_kiosk,
        ms=elapsed_ms,
        note="remote requests that reached the bait server from the kiosk (control fetched: "
        f"{bait.hits['/control.gif']})",
    )
