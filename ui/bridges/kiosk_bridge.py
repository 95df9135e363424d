"""The app-level view-model: organisation settings, connection state, catalog sync."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import PortalError, PortalUnavailable, SignInRequired, UnknownAccount
from kiosk.branding import readable_primary
from kiosk.cache.repositories import CatalogRepository
from kiosk.clock import clock
from kiosk.dashboard import (
    dashboard_tiles,
    menu_entries,
    more_entries,
    toolbar_buttons,
    visible_booking_menu,
)
from kiosk.domain import BookingMenuItem, NewsItem, OrgSettings, SyncResult
from kiosk.handoff import handoff_url, short_address
from kiosk.qr import qr_png, qr_svg

from .news_model import NewsModel
from .qml_types import QVariantList
from .wording import translated
from .worker import Worker

log = logging.getLogger(__name__)

# While the portal is unreachable we retry sooner than the normal sync interval,
# backing off to it: 5 s, 10 s, 20 s, ... capped at sync_interval.
_OFFLINE_RETRY_FIRST_MS = 5_000


class KioskBridge(QObject):
    """What every screen needs to know about the organisation and the kiosk's connection."""

    stateChanged = Signal()
    catalogChanged = Signal()
    syncFinished = Signal(bool)  # True when the portal answered
    # From the heartbeat's thread; Qt queues it to the GUI thread (see portal_reachable).
    _reachabilityChanged = Signal(bool)

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        run_sync: Callable[[], SyncResult],
        worker: Worker,
        news_model: NewsModel,
        location_id: int | None,
        sync_interval_s: float,
        portal_url: str,
        media_dir: Path,
        browse_mode: bool = False,
        account: str = "",
        customer_portal_url: str = "",
        own_slides: tuple[NewsItem, ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Browse mode: the catalog is an iClassPro account's; actions are handed off by QR.
        self._browse_mode = browse_mode
        self._account = account
        self._customer_portal_url = customer_portal_url
        # The kiosk's own announcements (settings), shown after the organisation's news.
        self._own_slides = own_slides
        self._session_factory = session_factory
        self._run_sync = run_sync
        self._worker = worker
        self._news = news_model
        # Where the kiosk stands (its settings), and the one a family switched to for their visit.
        self._home_location_id = location_id
        self._requested_location_id = location_id
        self._sync_interval_ms = int(sync_interval_s * 1000)
        self._portal_url = portal_url
        self._media_dir = media_dir
        self._settings: OrgSettings | None = None
        self._location_id: int | None = None
        self._location_name = ""
        self._location_count = 0
        self._logged_in = False
        self._can_switch_family = False
        self._booking_menu: list[BookingMenuItem] = []
        self._online = True
        self._syncing = False
        self._sync_failed_once = False
        self._problem = ""  # a sentence for staff when the kiosk cannot start
        self._offline_retry_ms = _OFFLINE_RETRY_FIRST_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.syncNow)
        self._reachabilityChanged.connect(self._on_reachability_changed)

    # ----- start-up and sync -------------------------------------------------------------

    def start(self) -> None:
        """Show what the cache already has, then bring it up to date in the background."""
        self._reload_from_cache()
        self.syncNow()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def syncNow(self) -> None:
        if self._syncing:
            return
        self._timer.stop()
        self._syncing = True
        self.stateChanged.emit()
        self._worker.submit(self._run_sync, self._on_sync_done, self._on_sync_done)

    def _on_sync_done(self, outcome: SyncResult | Exception) -> None:
        self._syncing = False
        ok = not isinstance(outcome, Exception)
        if ok:
            self._online = True
            self._problem = ""
            self._offline_retry_ms = _OFFLINE_RETRY_FIRST_MS
            assert isinstance(outcome, SyncResult)
            if outcome.changes_applied or outcome.media_downloaded or self._settings is None:
                self._reload_from_cache()
            self._timer.start(self._sync_interval_ms)
        else:
            self._on_sync_failed(outcome)  # type: ignore[arg-type]
        self.stateChanged.emit()
        self.syncFinished.emit(ok)

    def portal_reachable(self, online: bool) -> None:
        """The heartbeat's word, from its own thread: the portal went away or came back."""
        self._reachabilityChanged.emit(online)

    def _on_reachability_changed(self, online: bool) -> None:
        if online:
            # Back: catch up at once instead of at the end of the offline back-off, and say
            # "online" now (the sync says otherwise if the portal still cannot serve it).
            self._online = True
            self._offline_retry_ms = _OFFLINE_RETRY_FIRST_MS
            self.stateChanged.emit()
            self.syncNow()
            return
        self._online = False
        if self._settings is None and not self._problem:
            self._problem = self._unreachable_sentence()
        self.stateChanged.emit()

    def _unreachable_sentence(self) -> str:
        return self.tr(
            "This kiosk cannot reach %1 and has nothing saved to show yet. "
            "Staff: please check the network connection. It will keep trying by itself."
        ).replace("%1", self._portal_url)

    def _on_sync_failed(self, error: Exception) -> None:
        log.warning("catalog sync failed: %s", type(error).__name__)
        self._sync_failed_once = True
        if isinstance(error, UnknownAccount) and self._browse_mode:
            self._online = True
            self._problem = self.tr(
                "iClassPro does not know the account name '%1' — check the kiosk settings."
            ).replace("%1", self._account)
        elif isinstance(error, SignInRequired):
            self._online = True
            self._problem = self.tr(
                "This iClassPro account shows its classes only to families who sign in, so the "
                "kiosk cannot list them. Staff: ask iClassPro to show classes without signing "
                "in, or use the kiosk with your own portal."
            )
        elif isinstance(error, UnknownAccount):
            self._online = True
            self._problem = self.tr(
                "The portal does not know the account name this kiosk is set up with. "
                "Staff: please check the account name in the kiosk settings."
            )
        elif isinstance(error, PortalUnavailable | PortalError):
            self._online = False
            self._problem = self._unreachable_sentence()
        else:
            self._online = False
            self._problem = self.tr(
                "Something went wrong while loading the catalog. It will try again by itself."
            )
        self._timer.start(min(self._offline_retry_ms, self._sync_interval_ms))
        self._offline_retry_ms = min(self._offline_retry_ms * 2, self._sync_interval_ms)

    def _reload_from_cache(self) -> None:
        # Small indexed reads (a settings row, a handful of news): well under a millisecond.
        with self._session_factory() as session:
            repo = CatalogRepository(session)
            self._settings = repo.settings()
            if self._settings is not None:
                # "Today" on every screen is the facility's, whatever zone the machine is in.
                clock.set_zone(self._settings.timezone)
            locations = repo.locations()
            wanted = self._requested_location_id or (
                self._settings.default_location_id if self._settings else None
            )
            location = next((loc for loc in locations if loc.id == wanted), None) or (
                locations[0] if locations else None
            )
            self._location_count = len(locations)
            self._location_id = location.id if location else None
            self._location_name = location.name if location else ""
            self._news.set_items([*repo.news(self._location_id), *self._own_slides])
            menu = repo.booking_menu(self._location_id) if self._location_id else []
        features = self._settings.features if self._settings else None
        if features is not None:
            menu = visible_booking_menu(menu, features)
        self._booking_menu = list(menu)
        self.stateChanged.emit()
        self.catalogChanged.emit()

    def org_settings(self) -> OrgSettings | None:
        return self._settings

    def location_id(self) -> int | None:
        return self._location_id

    @Slot(result="QVariantList")
    def mobileAppCodes(self) -> list[dict[str, str]]:
        """The mobile-app download links as QR codes (made on first use, kept in the cache)."""
        links = self._settings.mobile_app_links if self._settings else None
        if links is None:
            return []
        # Not in the media folder: the sync tidies that one to what the catalog refers to.
        folder = self._media_dir.parent / "qr"
        codes = []
        for store, url in (
            (self.tr("iPhone and iPad"), links.ios),
            (self.tr("Android"), links.android),
        ):
            if url:
                codes.append(
                    {
                        "store": store,
                        "imageUrl": QUrl.fromLocalFile(str(qr_svg(url, folder))).toString(),
                    }
                )
        return codes

    @Slot(str, int, result="QVariantMap")
    def handoffCode(self, kind: str, record_id: int) -> dict[str, str]:
        """Browse mode: the QR code and short address of the customer-portal page where the
        family finishes `kind` ("class", "camp", "shop", "parties", "login") on their phone."""
        url = handoff_url(self._customer_portal_url, self._account, kind, record_id)
        folder = self._media_dir.parent / "qr"
        return {
            "url": url,
            "address": short_address(url),
            "imageUrl": QUrl.fromLocalFile(str(qr_png(url, folder))).toString(),
        }

    def set_browse_mode(self, browse_mode: bool, account: str, customer_portal_url: str) -> None:
        self._browse_mode = browse_mode
        self._account = account
        self._customer_portal_url = customer_portal_url
        self.stateChanged.emit()

    def set_own_slides(self, slides: tuple[NewsItem, ...]) -> None:
        self._own_slides = slides
        self._reload_from_cache()

    def set_portal_url(self, portal_url: str) -> None:
        self._portal_url = portal_url
        self._settings = None
        self._sync_failed_once = False
        self._reload_from_cache()

    @Slot(int)
    def switchLocation(self, location_id: int) -> None:
        """Switch Location: the catalog, booking menu and ProShop follow the chosen one, for
        this visit."""
        self._requested_location_id = location_id
        self._reload_from_cache()

    def set_home_location(self, location_id: int | None) -> None:
        """Staff changed where this kiosk stands (its settings)."""
        self._home_location_id = location_id
        self.switchLocation(location_id or 0)

    def return_home(self) -> None:
        """The visit ended: the next family starts at the location the kiosk stands in."""
        if self._requested_location_id != self._home_location_id:
            self._requested_location_id = self._home_location_id
            self._reload_from_cache()

    def set_visit_state(self, logged_in: bool, can_switch_family: bool) -> None:
        """Tiles and menu follow whether a family is logged in (Log In gives way to Log Out)."""
        if (logged_in, can_switch_family) != (self._logged_in, self._can_switch_family):
            self._logged_in, self._can_switch_family = logged_in, can_switch_family
            self.stateChanged.emit()

    # ----- properties QML binds to -------------------------------------------------------

    def _ready(self) -> bool:
        return self._settings is not None

    def _starting(self) -> bool:
        return self._settings is None and not self._sync_failed_once

    def _org_name(self) -> str:
        return self._settings.name if self._settings else ""

    def _welcome_title(self) -> str:
        info = self._settings.welcome_info if self._settings else None
        return info.title if info else ""

    def _welcome_body(self) -> str:
        info = self._settings.welcome_info if self._settings else None
        return info.body if info else ""

    def _show_welcome_info(self) -> bool:
        return bool(
            self._settings and self._settings.features.welcome_info and self._settings.welcome_info
        )

    def _primary_color(self) -> str:
        # White text sits on it everywhere (toolbar, tiles, primary buttons): keep it AA.
        return readable_primary(self._settings.branding.primary_color if self._settings else None)

    def _secondary_color(self) -> str:
        return self._settings.branding.secondary_color if self._settings else "#f2a900"

    def _logo_url(self) -> str:
        logo = self._settings.branding.logo if self._settings else None
        return QUrl.fromLocalFile(logo).toString() if logo else ""

    def _tiles(self) -> list[str]:
        if not self._settings:
            return []
        return dashboard_tiles(
            self._settings.features,
            logged_in=self._logged_in,
            browse_mode=self._browse_mode,
            has_news=self._news.rowCount() > 0,
        )

    def _toolbar(self) -> list[str]:
        if not self._settings:
            return []
        return toolbar_buttons(
            self._settings.features,
            browse_mode=self._browse_mode,
            has_news=self._news.rowCount() > 0,
        )

    def _menu(self) -> list[str]:
        if not self._settings:
            return []
        return menu_entries(
            self._settings.features,
            location_count=self._location_count,
            logged_in=self._logged_in,
            can_switch_family=self._can_switch_family,
            browse_mode=self._browse_mode,
        )

    def _idle_timeout(self) -> int:
        return self._settings.idle_timeout_seconds if self._settings else 90

    ready = Property(bool, _ready, notify=stateChanged)
    starting = Property(bool, _starting, notify=stateChanged)
    online = Property(bool, lambda self: self._online, notify=stateChanged)
    syncing = Property(bool, lambda self: self._syncing, notify=stateChanged)
    problem = Property(str, lambda self: self._problem, notify=stateChanged)
    orgName = Property(str, _org_name, notify=stateChanged)
    welcomeTitle = Property(str, _welcome_title, notify=stateChanged)
    welcomeBody = Property(str, _welcome_body, notify=stateChanged)
    showWelcomeInfo = Property(bool, _show_welcome_info, notify=stateChanged)
    primaryColor = Property(str, _primary_color, notify=stateChanged)
    secondaryColor = Property(str, _secondary_color, notify=stateChanged)
    logoUrl = Property(str, _logo_url, notify=stateChanged)
    locationName = Property(str, lambda self: self._location_name, notify=stateChanged)
    dashboardTiles = Property(QVariantList, _tiles, notify=stateChanged)
    checkInEnabled = Property(
        bool,
        lambda self: bool(self._settings and self._settings.features.check_in),
        notify=stateChanged,
    )
    toolbarButtons = Property(QVariantList, _toolbar, notify=stateChanged)

    def _booking_menu_list(self) -> list[dict[str, Any]]:
        """Worded when read: the organisation's titles in the visitor's language if it wrote
        them (stateChanged fires again when the language changes)."""
        return [
            {
                "title": translated(item.translations, "title", item.title),
                "subTitle": translated(item.translations, "subTitle", item.sub_title),
                "target": item.target,
                "typeId": item.type_id if item.type_id is not None else -1,
            }
            for item in self._booking_menu
        ]

    bookingMenu = Property(QVariantList, _booking_menu_list, notify=stateChanged)
    menuEntries = Property(QVariantList, _menu, notify=stateChanged)
    moreEntries = Property(
        QVariantList,
        lambda self: (
            more_entries(self._settings.features, browse_mode=self._browse_mode)
            if self._settings
            else []
        ),
        notify=stateChanged,
    )
    idleTimeoutSeconds = Property(int, _idle_timeout, notify=stateChanged)
    browseMode = Property(bool, lambda self: self._browse_mode, notify=stateChanged)
