"""Builds the Qt Quick kiosk: the engine, the bridges over kiosk/, and the window."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle
from sqlalchemy.orm import Session, sessionmaker

from kiosk.accounts import FamilySession
from kiosk.api.client import PortalClient
from kiosk.cache.db import open_cache
from kiosk.cart import CartService
from kiosk.checkin import CheckInService
from kiosk.config import KioskSettings
from kiosk.domain import SyncResult
from kiosk.i18n import install_translator
from kiosk.outbox import OutboxSender
from kiosk.payments import PaymentService, SimulatedCardReader
from kiosk.staff import StaffSession
from kiosk.sync.catalog import CatalogSync
from kiosk.sync.child import SyncInChildProcess

from .bridges.cart_bridge import CartBridge
from .bridges.catalog_bridge import CatalogBridge
from .bridges.checkin_bridge import CheckInBridge
from .bridges.display_bridge import DisplayBridge
from .bridges.idle import IdleMonitor
from .bridges.kiosk_bridge import KioskBridge
from .bridges.language_bridge import LanguageBridge
from .bridges.news_model import NewsModel
from .bridges.payment_bridge import PaymentBridge
from .bridges.schedule_bridge import ScheduleBridge
from .bridges.session_bridge import SessionBridge
from .bridges.staff_bridge import StaffBridge
from .bridges.worker import Worker

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml"


def prepare_environment() -> None:
    """Must run before the QGuiApplication exists: on-screen keyboard and the control style."""
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    # The virtual keyboard's sound effects need no audio server on a kiosk.
    os.environ.setdefault(
        "QT_LOGGING_RULES",
        "qt.multimedia.*=false;qt.virtualkeyboard.*=false;qt.qml.propertyCache.append=false",
    )
    QQuickStyle.setStyle("Basic")
    # English/US until the organisation's language is known (LanguageBridge switches it);
    # never the machine's C locale, which has no currency symbol.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def start_application(argv: list[str]) -> QGuiApplication:
    """The Qt application, after `prepare_environment` (for main.py: PySide6 loads through
    here, after the kiosk's core; see ui/__init__.py)."""
    prepare_environment()
    return QGuiApplication(argv)


@dataclass
class KioskApp:
    """Everything the running kiosk is made of, so tests and main.py can drive and close it."""

    settings: KioskSettings
    engine: QQmlApplicationEngine
    window: QQuickWindow
    kiosk: KioskBridge
    news: NewsModel
    catalog: CatalogBridge
    schedule: ScheduleBridge
    cart: CartBridge
    payments: PaymentBridge
    staff: StaffBridge
    session: SessionBridge
    idle: IdleMonitor
    worker: Worker
    session_factory: sessionmaker[Session]
    client: PortalClient
    language: LanguageBridge
    display: DisplayBridge
    checkin: CheckInBridge

    _closed: bool = False

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.kiosk.stop()
        # The translator and the default locale are the process's, not this window's.
        self.language.setLanguage("en")
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.worker.wait_for_done()
        self.window.setProperty("exitAllowed", True)
        self.window.close()
        # The QML goes before the bridges it binds to, so no binding reads a deleted object.
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.session.wipeForIdle()
        self.cart.wipe()
        self.payments.wipe()
        self.staff.signOut()
        self.checkin.reset()
        self.worker.wait_for_done()
        self.client.close()
        bind = self.session_factory.kw.get("bind")
        if bind is not None:
            bind.dispose()


def build_kiosk(
    settings: KioskSettings,
    *,
    kiosk_mode: bool = True,
    settings_path: Path | None = None,
    parent: QObject | None = None,
) -> KioskApp:
    """Load the QML window over a fresh set of bridges; sync starts in the background."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    cache_path = settings.data_dir / "kiosk-cache.sqlite3"
    session_factory = open_cache(cache_path)
    client = PortalClient(settings.portal_url, settings.account, timeout=settings.request_timeout_s)
    media_dir = settings.data_dir / "media"
    catalog_sync = CatalogSync(client, session_factory, media_dir)
    # The sync itself runs in a child process, so the window's frames never wait for it.
    sync_process = SyncInChildProcess(
        settings.portal_url,
        settings.account,
        cache_path,
        media_dir,
        request_timeout_s=settings.request_timeout_s,
    )
    outbox = OutboxSender(client, session_factory)

    def run_sync() -> SyncResult:
        # Each sync also finishes any payment or checkout an earlier run could not deliver.
        result = sync_process.run()
        outbox.deliver_pending()
        return result

    worker = Worker(parent)
    news = NewsModel(parent)
    kiosk = KioskBridge(
        session_factory=session_factory,
        run_sync=run_sync,
        worker=worker,
        news_model=news,
        location_id=settings.location_id,
        sync_interval_s=settings.sync_interval_s,
        portal_url=settings.portal_url,
        media_dir=media_dir,
        parent=parent,
    )

    def features():
        org = kiosk.org_settings()
        return org.features if org else None

    catalog = CatalogBridge(
        session_factory,
        kiosk.location_id,
        show_instructors=lambda: bool(features() and features().show_instructors),
        show_tuition=lambda: bool(features() and features().show_tuition),
        parent=parent,
    )
    kiosk.catalogChanged.connect(catalog.reload)
    schedule = ScheduleBridge(client, kiosk.location_id, worker, parent)

    family_session = FamilySession(client, settings.device_id)
    session = SessionBridge(
        family_session,
        worker,
        parent,
        earlier_outcomes=outbox.outcomes_for_family,
        before_revoke=outbox.deliver_pending,
    )
    cart_service = CartService(client)
    cart = CartBridge(cart_service, worker, parent)
    # The demo's card reader shows test cards on screen; a real terminal plugs in here.
    payments = PaymentBridge(
        PaymentService(
            client, outbox, lambda: family_session.family.id if family_session.family else None
        ),
        SimulatedCardReader(),
        cart_service,
        worker,
        on_paid=lambda: (session.refreshFamily(), cart.stateChanged.emit()),
        parent=parent,
    )
    session.visitEnded.connect(lambda _reason: payments.wipe())
    # The cart is the family's: it goes when they go.
    session.visitEnded.connect(lambda _reason: cart.wipe())
    session.stateChanged.connect(
        lambda: kiosk.set_visit_state(
            bool(session.property("loggedIn")), bool(session.property("canSwitchFamily"))
        )
    )

    idle = IdleMonitor(parent=parent)
    app = QGuiApplication.instance()
    if app is not None:
        app.installEventFilter(idle)

    def apply_idle_timeouts() -> None:
        org = kiosk.org_settings()
        idle_s = settings.idle_timeout_s or (org.idle_timeout_seconds if org else 90)
        idle.set_timeouts(idle_s, org.idle_warning_seconds if org else 15)
        session.set_session_cap(org.session_cap_seconds if org else 900)

    kiosk.stateChanged.connect(apply_idle_timeouts)
    # Nobody answered "Are you still there?": forget the family before anything else happens.
    idle.timedOut.connect(session.wipeForIdle)
    idle.timedOut.connect(cart.wipe)
    idle.timedOut.connect(payments.wipe)
    session.familyReady.connect(lambda _has_policies: (cart.refresh(), cart.loadComingUp()))
    apply_idle_timeouts()

    def apply_settings(new: KioskSettings) -> None:
        """Staff saved new kiosk settings: use them now, no restart."""
        nonlocal settings
        moved = (new.portal_url, new.account) != (settings.portal_url, settings.account)
        settings = new
        if moved:
            client.reconfigure(new.portal_url, new.account)
            sync_process.reconfigure(new.portal_url, new.account)
            kiosk.set_portal_url(new.portal_url)
            worker.submit(catalog_sync.reset, lambda _done: kiosk.syncNow())
        if new.location_id:
            kiosk.switchLocation(new.location_id)
        apply_idle_timeouts()

    staff = StaffBridge(
        StaffSession(client, settings.device_id, settings.staff_pin_hash),
        session,
        client,
        outbox,
        session_factory,
        settings,
        settings_path or settings.data_dir / "kiosk.toml",
        apply_settings,
        worker,
        parent,
    )
    # Staff mode is a visit too: it ends with the visit, on idle or at logout.
    idle.timedOut.connect(staff.signOut)
    session.visitEnded.connect(lambda _reason: staff.signOut())

    def forget_clipboard() -> None:
        # Nothing one family copied can be pasted by the next.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.clipboard().clear()

    session.visitEnded.connect(lambda _reason: forget_clipboard())

    # Check-in needs no password; what it showed goes with the visit like everything else.
    checkin = CheckInBridge(CheckInService(client, settings.device_id), worker, parent)
    session.visitEnded.connect(lambda _reason: checkin.reset())
    idle.timedOut.connect(checkin.reset)
    idle.timedOut.connect(forget_clipboard)

    engine = QQmlApplicationEngine()

    # Languages: a family's choice lasts for their visit, then the organisation's language.
    language = LanguageBridge(engine, parent=parent)
    install_translator(
        lambda text: QCoreApplication.translate("kiosk", text),
        portal=lambda text: QCoreApplication.translate("portal", text),
    )

    def follow_org_language() -> None:
        org = kiosk.org_settings()
        if org is not None:
            language.set_default(org.locale)

    def refresh_words() -> None:
        """Sentences the bridges and the core made in Python: ask QML to read them again."""
        for changed in (
            kiosk.stateChanged,
            session.stateChanged,
            session.errorsChanged,
            cart.stateChanged,
            payments.stateChanged,
            payments.errorsChanged,
            staff.stateChanged,
            schedule.stateChanged,
            checkin.stateChanged,
        ):
            changed.emit()
        catalog.refresh_words()
        if news.rowCount() > 0:
            news.dataChanged.emit(news.index(0), news.index(news.rowCount() - 1))

    kiosk.stateChanged.connect(follow_org_language)
    language.languageChanged.connect(refresh_words)
    # Larger text, like the language, is the family's for their visit only.
    display = DisplayBridge(parent)
    for reset in (language.reset, display.reset):
        session.visitEnded.connect(lambda _reason, reset=reset: reset())
        idle.timedOut.connect(reset)

    engine.setInitialProperties(
        {
            "kiosk": kiosk,
            "newsModel": news,
            "catalog": catalog,
            "schedule": schedule,
            "cart": cart,
            "payments": payments,
            "staff": staff,
            "session": session,
            "idle": idle,
            "language": language,
            "display": display,
            "checkin": checkin,
            "kioskMode": kiosk_mode,
        }
    )
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError(
            "The kiosk's main window could not be loaded (see the QML errors above)."
        )
    window = roots[0]
    assert isinstance(window, QQuickWindow)
    kiosk.start()
    return KioskApp(
        settings,
        engine,
        window,
        kiosk,
        news,
        catalog,
        schedule,
        cart,
        payments,
        staff,
        session,
        idle,
        worker,
        session_factory,
        client,
        language,
        display,
        checkin,
    )
