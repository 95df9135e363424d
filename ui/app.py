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
from kiosk.config import KioskSettings, Slide
from kiosk.domain import Features, NewsItem, SyncResult
from kiosk.enrollment import ensure_enrolled
from kiosk.heartbeat import PING_TIMEOUT_S, PortalHeartbeat
from kiosk.i18n import install_translator
from kiosk.makeups import MakeupService
from kiosk.navigation import Navigator
from kiosk.outbox import OutboxSender
from kiosk.payments import PaymentService, SimulatedCardReader
from kiosk.staff import OfflineStaffPins, StaffSession
from kiosk.sync.catalog import CatalogSync, ensure_catalog_source
from kiosk.sync.child import SyncInChildProcess

from .bridges.cart_bridge import CartBridge
from .bridges.catalog_bridge import CatalogBridge
from .bridges.checkin_bridge import CheckInBridge
from .bridges.display_bridge import DisplayBridge
from .bridges.formats import format_date
from .bridges.idle import IdleMonitor
from .bridges.kiosk_bridge import KioskBridge
from .bridges.language_bridge import LanguageBridge
from .bridges.news_model import NewsModel
from .bridges.payment_bridge import PaymentBridge
from .bridges.router_bridge import RouterBridge
from .bridges.schedule_bridge import ScheduleBridge
from .bridges.session_bridge import SessionBridge
from .bridges.staff_bridge import StaffBridge
from .bridges.visit import VisitBridge
from .bridges.wording import day_month
from .bridges.worker import Worker

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml"
# The kiosk's own on-screen keyboard layouts: "@" and ".com" for email, pads for digits and phones.
KEYBOARD_LAYOUTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "keyboard" / "layouts"


def prepare_environment() -> None:
    """Must run before the QGuiApplication exists: on-screen keyboard and the control style."""
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_VIRTUALKEYBOARD_LAYOUT_PATH", str(KEYBOARD_LAYOUTS_DIR))
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
    visit: VisitBridge
    heartbeat: PortalHeartbeat
    heartbeat_client: PortalClient
    router: RouterBridge | None = None

    _closed: bool = False

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.heartbeat.stop()
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
        self.visit.end("")
        self.worker.wait_for_done()
        self.client.close()
        self.heartbeat_client.close()
        bind = self.session_factory.kw.get("bind")
        if bind is not None:
            bind.dispose()


def catalog_source(settings: KioskSettings) -> str:
    return f"{settings.source} {settings.portal_url} {settings.account}"


def own_slides(slides: tuple[Slide, ...]) -> tuple[NewsItem, ...]:
    """The kiosk's own announcements (settings) as news items, after the organisation's."""
    return tuple(
        NewsItem(
            id=-(number + 1),  # never an id the catalog uses
            title=slide.title,
            summary="",
            body=slide.text,
            image=str(slide.image) if slide.image and slide.image.is_file() else None,
            published_at=None,
        )
        for number, slide in enumerate(slides)
    )


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
    ensure_catalog_source(session_factory, settings.data_dir, catalog_source(settings))
    client = PortalClient(settings.portal_url, settings.account, timeout=settings.request_timeout_s)
    # Before the window: staff mode and check-in need the device credential (a quick call, and
    # only when a pairing code is waiting to be used).
    ensure_enrolled(client, settings)
    media_dir = settings.data_dir / "media"
    catalog_sync = CatalogSync(client, session_factory, media_dir)
    # The sync itself runs in a child process, so the window's frames never wait for it.
    sync_process = SyncInChildProcess(
        settings.portal_url,
        settings.account,
        cache_path,
        media_dir,
        request_timeout_s=settings.request_timeout_s,
        source=settings.source,
        full_refresh_s=settings.full_refresh_s,
        requests_per_minute=settings.requests_per_minute,
        timezone=settings.timezone,
    )
    outbox = OutboxSender(client, session_factory)
    # The heartbeat's own client (its own connections): a ping never queues behind a payment.
    heartbeat_client = PortalClient(
        settings.portal_url, settings.account, timeout=settings.request_timeout_s, max_retries=0
    )
    heartbeat = PortalHeartbeat(
        lambda: heartbeat_client.health(PING_TIMEOUT_S), interval_s=settings.heartbeat_interval_s
    )

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
        browse_mode=settings.browse_mode,
        account=settings.account,
        customer_portal_url=settings.customer_portal_url,
        own_slides=own_slides(settings.slides),
        parent=parent,
    )

    def features() -> Features | None:
        org = kiosk.org_settings()
        return org.features if org else None

    catalog = CatalogBridge(
        session_factory,
        kiosk.location_id,
        show_instructors=lambda: bool((f := features()) and f.show_instructors),
        show_tuition=lambda: bool((f := features()) and f.show_tuition),
        parent=parent,
    )
    kiosk.catalogChanged.connect(catalog.reload)
    schedule = ScheduleBridge(client, kiosk.location_id, worker, parent)

    def heartbeat_online() -> bool:
        return heartbeat.online  # read on the Worker's threads: a plain attribute

    family_session = FamilySession(client, settings.device_id, portal_reachable=heartbeat_online)
    session = SessionBridge(
        family_session,
        worker,
        parent,
        earlier_outcomes=outbox.outcomes_for_family,
        before_revoke=outbox.deliver_pending,
    )

    # Each family call carries this visit's token (the client keeps none: two worker threads).
    def family_token() -> str | None:
        return family_session.token

    cart_service = CartService(client, family_token)
    cart = CartBridge(
        cart_service,
        worker,
        MakeupService(client, family_token),
        parent,
        students=lambda: family_session.family.students if family_session.family else (),
        class_offering=catalog.class_offering,
    )

    def after_payment() -> None:
        # A payment changes the balance and can confirm bookings: the family's details and
        # Coming Up! are read again.
        session.refreshFamily()
        cart.stateChanged.emit()
        cart.loadComingUp()

    # The demo's card reader shows test cards on screen; a real terminal plugs in here.
    payments = PaymentBridge(
        PaymentService(
            client,
            outbox,
            lambda: family_session.family.id if family_session.family else None,
            token=family_token,
        ),
        SimulatedCardReader(),
        cart_service,
        worker,
        on_paid=after_payment,
        parent=parent,
    )
    session.stateChanged.connect(
        lambda: kiosk.set_visit_state(
            bool(session.property("loggedIn")), bool(session.property("canSwitchFamily"))
        )
    )

    idle = IdleMonitor(parent=parent)
    app = QGuiApplication.instance()
    if app is not None:
        app.installEventFilter(idle)

    applied_timeouts: list[tuple[float, int, int]] = []

    def apply_idle_timeouts() -> None:
        """The kiosk's and the organisation's time-outs, when they change (not at every sync:
        what was set last, by settings or by hand, stays until the settings say otherwise)."""
        org = kiosk.org_settings()
        idle_s = settings.idle_timeout_s or (org.idle_timeout_seconds if org else 90)
        wanted = (
            idle_s,
            org.idle_warning_seconds if org else 15,
            org.session_cap_seconds if org else 900,
        )
        if applied_timeouts and applied_timeouts[-1] == wanted:
            return
        applied_timeouts[:] = [wanted]
        idle.set_timeouts(wanted[0], wanted[1])
        session.set_session_cap(wanted[2])

    kiosk.stateChanged.connect(apply_idle_timeouts)

    def family_can_shop(has_policies: bool = False) -> None:
        # Nothing of the family's but the policies until they are accepted (the portal would
        # refuse the cart anyway).
        if not has_policies:
            cart.refresh()
            cart.loadComingUp()
            cart.loadCredits()
            cart.loadAlerts()

    session.familyReady.connect(family_can_shop)
    # What was just booked shows in Coming Up! at once, not at the next login.
    cart.checkedOut.connect(cart.loadComingUp)
    session.policiesAccepted.connect(family_can_shop)
    apply_idle_timeouts()

    def apply_settings(new: KioskSettings) -> None:
        """Staff saved new kiosk settings: use them now, no restart."""
        nonlocal settings
        moved = (new.portal_url, new.account, new.source) != (
            settings.portal_url,
            settings.account,
            settings.source,
        )
        settings = new
        kiosk.set_browse_mode(new.browse_mode, new.account, new.customer_portal_url)
        kiosk.set_own_slides(own_slides(new.slides))
        if moved:
            client.reconfigure(new.portal_url, new.account)
            heartbeat_client.reconfigure(new.portal_url, new.account)
            heartbeat.check_now()
            sync_process.reconfigure(new.portal_url, new.account, new.source)
            kiosk.set_portal_url(new.portal_url)

            def start_over() -> None:
                catalog_sync.reset()
                ensure_catalog_source(session_factory, new.data_dir, catalog_source(new))

            worker.submit(start_over, lambda _done: kiosk.syncNow())
        if new.location_id:
            kiosk.set_home_location(new.location_id)
        apply_idle_timeouts()

    staff = StaffBridge(
        StaffSession(
            client,
            settings.device_id,
            settings.staff_pin_hash,
            offline_pins=OfflineStaffPins(session_factory),
            portal_reachable=heartbeat_online,
        ),
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

    def forget_clipboard() -> None:
        # Nothing one family copied can be pasted by the next.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.clipboard().clear()

    # Check-in needs no password; what it showed goes with the visit like everything else.
    checkin = CheckInBridge(CheckInService(client, settings.device_id), worker, parent)

    def on_sync_finished(answered: bool) -> None:
        # The portal answered a sync: "can't reach our system" is no longer true.
        if answered:
            checkin.connectionBack()

    kiosk.syncFinished.connect(on_sync_finished)

    engine = QQmlApplicationEngine()

    # Languages: a family's choice lasts for their visit, then the organisation's language.
    language = LanguageBridge(engine, parent=parent)
    install_translator(
        lambda text: QCoreApplication.translate("kiosk", text),
        portal=lambda text: QCoreApplication.translate("portal", text),
        day=lambda day, weekday: format_date(day) if weekday else day_month(day),
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
    display = DisplayBridge(parent)

    # One owner ends the visit, whatever ends it (VisitBridge): the family, what they were
    # doing, how the screen looked for them; then QML puts the start screen back.
    visit = VisitBridge(
        session=session,
        cart=cart,
        payments=payments,
        schedule=schedule,
        staff_sign_out=staff.signOut,
        checkin_reset=checkin.reset,
        clear_filters=catalog.clearFilters,
        home_location=kiosk.return_home,
        language_reset=language.reset,
        display_reset=display.reset,
        clear_clipboard=forget_clipboard,
        parent=parent,
    )
    session.visitEndRequested.connect(visit.end)
    idle.timedOut.connect(lambda: visit.end(""))
    for asks in (session, cart, payments, staff, checkin):
        asks.policiesRequired.connect(visit.requirePolicies)

    # Where the visit goes next (kiosk/navigation.py's route table); made after the bridges'
    # own reactions to logging in and paying are connected, so those run first, as before.
    router = RouterBridge(
        Navigator(
            logged_in=lambda: bool(session.property("loggedIn")),
            policies_pending=lambda: bool(session.property("policiesPending")),
            browse_mode=lambda: bool(kiosk.property("browseMode")),
            show_welcome=lambda: bool(kiosk.property("showWelcomeInfo")),
        ),
        session=session,
        cart=cart,
        payments=payments,
        staff=staff,
        parent=parent,
    )

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
            "visit": visit,
            "router": router,
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
    heartbeat.on_change = kiosk.portal_reachable
    client.on_unreachable = heartbeat.check_now  # a call that gave up: is the portal gone?
    heartbeat.start()
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
        visit,
        heartbeat,
        heartbeat_client,
        router,
    )
