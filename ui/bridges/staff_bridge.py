"""Staff mode as QML sees it: PIN sign-in, help a walk-in, kiosk settings, sync status,
the demo mailbox, exit."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, PortalUnavailable, ValidationError
from kiosk.cache.repositories import SyncStateRepository
from kiosk.catalog_view import clock_text, money_text
from kiosk.clock import clock
from kiosk.config import (
    KioskSettings,
    SettingsError,
    missing_slide_image,
    save_settings,
    settings_from_values,
)
from kiosk.outbox import OutboxSender
from kiosk.staff import (
    CheckInAlert,
    EnrolledKiosk,
    FamilyMatch,
    RosterClass,
    StaffSession,
    StaffSignInFailed,
)

from .formats import format_datetime
from .qml_types import QVariantList, QVariantMap
from .session_bridge import SessionBridge
from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)


def _local_clock(stamp: str) -> str:
    """'2026-11-26T11:31:05Z' -> '11:31 AM' at the facility (whatever zone the machine is in)."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(clock.zone)
    return clock_text(f"{moment.hour:02d}:{moment.minute:02d}")


class StaffBridge(QObject, RunsVisitActions):
    policiesRequired = Signal()  # the portal wants the policies accepted first
    stateChanged = Signal()
    busyChanged = Signal()
    signedIn = Signal()
    signInFailed = Signal()  # the PIN pad starts again from nothing
    exitRequested = Signal()

    def __init__(
        self,
        staff: StaffSession,
        session: SessionBridge,
        client: PortalClient,
        outbox: OutboxSender,
        session_factory: sessionmaker[Session],
        settings: KioskSettings,
        settings_path: Path,
        apply_settings: Callable[[KioskSettings], None],
        worker: Worker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._session = session
        self._client = client
        self._outbox = outbox
        self._session_factory = session_factory
        self._settings = settings
        self._settings_path = settings_path
        self._apply_settings = apply_settings
        self._worker = worker
        self._actions = VisitActions(worker)
        self._message = ""
        self._good_message = ""  # the message when it is good news (green), in any language
        self._matches: list[FamilyMatch] = []
        self._mailbox: list[dict[str, Any]] = []
        self._outbox_items: list[dict[str, Any]] = []
        self._sync: dict[str, Any] = {}
        self._settings_errors: dict[str, str] = {}
        self._roster: list[RosterClass] = []
        self._alerts: list[CheckInAlert] = []
        self._kiosks: list[EnrolledKiosk] = []
        self._security_alerts: list[str] = []
        self._pairing_code = ""

    def _action_started(self) -> None:
        self._message = ""
        self.stateChanged.emit()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, StaffSignInFailed):
            self._message = error.message
            self.signInFailed.emit()
        elif isinstance(error, PortalUnavailable):
            self._message = self.tr("The portal can't be reached right now.")
        elif isinstance(error, PortalError):
            self._message = error.message
        else:
            log.error("staff action failed: %s", type(error).__name__)
            self._message = self.tr("That didn't work. Please try again.")

    # ----- sign in and out ---------------------------------------------------------------------

    @Slot(str)
    def signIn(self, pin: str) -> None:
        self._run(lambda: self._staff.sign_in(pin), lambda _member: self.signedIn.emit())

    @Slot()
    def signOut(self) -> None:
        """Idle, exit from the panel, or the end of a visit: forget staff at once."""
        self._actions.forget()
        token = self._staff.end()
        if token:
            self._worker.submit(lambda: self._staff.revoke(token))
        self._message = ""
        self._matches, self._mailbox = [], []
        self._roster, self._alerts = [], []
        self._kiosks, self._security_alerts, self._pairing_code = [], [], ""
        self.busyChanged.emit()
        self.stateChanged.emit()

    # ----- help a walk-in -------------------------------------------------------------------------

    @Slot(str)
    def search(self, query: str) -> None:
        if len(query.strip()) < 2:
            self._message = self.tr("Type at least 2 letters or digits.")
            self.stateChanged.emit()
            return

        def done(matches: list[FamilyMatch]) -> None:
            self._matches = matches
            if not matches:
                self._message = self.tr("No family matches that. Try a last name, phone or email.")

        self._run(lambda: self._staff.search(query), done)

    @Slot(int)
    def assist(self, family_id: int) -> None:
        member = self._staff.member
        name = member.display_name if member else ""
        self._session.start_assisted(lambda: self._staff.assist(family_id), name)

    @Slot("QVariantMap", "QVariantMap")
    def quickCreate(self, guardian: dict[str, Any], student: dict[str, Any]) -> None:
        member = self._staff.member
        name = member.display_name if member else ""
        guardian_values = {k: str(v).strip() for k, v in guardian.items()}
        students = (
            [{k: str(v).strip() for k, v in student.items()}] if student.get("firstName") else []
        )
        self._session.start_assisted(
            lambda: self._staff.quick_create(guardian_values, students), name
        )

    # ----- kiosk settings -------------------------------------------------------------------------

    @Slot(str, str)
    def testConnection(self, portal_url: str, account: str) -> None:
        browse = self._settings.browse_mode

        def work() -> str:
            probe = PortalClient(portal_url.strip(), account.strip(), timeout=5, max_retries=0)
            try:
                if browse:  # an iClassPro account: its open API names its locations
                    locations = probe.open_locations()
                    return locations[0].name if locations else account
                settings = probe.kiosk_settings()
            finally:
                probe.close()
            return str(getattr(settings, "name", "") or account)

        def done(name: str) -> None:
            self._message = self.tr("Connected to %1.").replace("%1", name)
            self._good_message = self._message

        self._run(work, done)

    @Slot(str, str, str, str)
    def saveSettings(self, portal_url: str, account: str, location_id: str, idle: str) -> None:
        self._save(
            portal_url=portal_url.strip(),
            account=account.strip(),
            location_id=int(location_id) if location_id.strip().isdigit() else None,
            idle_timeout_s=int(idle) if idle.strip().isdigit() else None,
        )

    @Slot(str, str)
    def saveSource(self, source: str, customer_portal_url: str) -> None:
        """Where the catalog comes from (our portal, or an iClassPro account: browse mode), and
        where browse mode's QR codes send families."""
        self._save(source=source, customer_portal_url=customer_portal_url.strip())

    @Slot(str, str, str)
    def addSlide(self, title: str, text: str, image: str) -> None:
        """One of the kiosk's own announcements, shown with the news (in either mode)."""
        missing = missing_slide_image(image)
        if missing:
            self._settings_errors = {"slides": missing}
            self._message = self.tr("Please check the highlighted settings.")
            self.stateChanged.emit()
            return
        slides = [slide.model_dump() for slide in self._settings.slides]
        slides.append({"title": title, "text": text, "image": image.strip() or None})
        self._save(slides=slides)

    @Slot(int)
    def removeSlide(self, index: int) -> None:
        slides = [slide.model_dump() for slide in self._settings.slides]
        if 0 <= index < len(slides):
            del slides[index]
            self._save(slides=slides)

    def _save(self, **changes: Any) -> None:
        values = self._settings.model_dump()
        values.update(changes)
        try:
            new = settings_from_values(values)
        except SettingsError as exc:
            self._settings_errors = dict(exc.problems)
            self._message = self.tr("Please check the highlighted settings.")
            self.stateChanged.emit()
            return
        self._settings_errors = {}
        save_settings(new, self._settings_path)
        self._settings = new
        self._apply_settings(new)
        self._message = self.tr("Saved. The kiosk uses the new settings now.")
        self._good_message = self._message
        self.stateChanged.emit()

    # ----- sync status and the demo mailbox -------------------------------------------------------

    @Slot()
    def refreshStatus(self) -> None:
        with self._session_factory() as session:
            state = SyncStateRepository(session).state()
        self._sync = {
            "cursor": state.cursor,
            "lastSync": format_datetime(state.last_success_at)
            if state.last_success_at
            else self.tr("never"),
            "lastError": state.last_error or "",
        }
        self._outbox_items = self._outbox.status()
        self.stateChanged.emit()

    @Slot()
    def loadMailbox(self) -> None:
        def done(data: dict[str, Any]) -> None:
            self._mailbox = [
                {"to": m.get("to", ""), "subject": m.get("subject", ""), "body": m.get("body", "")}
                for m in data.get("messages") or []
            ][:20]

        self._run(self._client.demo_mailbox, done)

    # ----- check-in: today's roster and the families sent to the desk -----------------------------

    @Slot()
    def loadCheckIns(self) -> None:
        def work() -> tuple[list[RosterClass], list[CheckInAlert]]:
            return self._staff.checkin_roster(), self._staff.checkin_alerts()

        def done(answer: tuple[list[RosterClass], list[CheckInAlert]]) -> None:
            self._roster, self._alerts = answer

        self._run(work, done)

    def _roster_list(self) -> list[dict[str, Any]]:
        return [
            {
                "name": c.name,
                "time": f"{clock_text(c.start_time)} – {clock_text(c.end_time)}",
                "location": c.location,
                "count": self.tr("%1 of %2 checked in")
                .replace("%1", str(c.checked_in_count))
                .replace("%2", str(len(c.students))),
                "students": [
                    {
                        "name": s.name,
                        "checkedIn": s.checked_in,
                        "note": " · ".join(
                            x
                            for x in (
                                clock_text(s.checked_in_at) if s.checked_in else "",
                                self.tr("late") if s.tardy else "",
                                self.tr("drop-in") if s.drop_in else "",
                            )
                            if x
                        ),
                    }
                    for s in c.students
                ],
            }
            for c in self._roster
        ]

    def _block_words(self, reasons: tuple[str, ...]) -> str:
        words = {
            "suspended": self.tr("account suspended"),
            "policies": self.tr("policies to accept"),
            "balance": self.tr("balance over the limit"),
        }
        return ", ".join(words.get(r, r) for r in reasons)

    def _alerts_list(self) -> list[dict[str, Any]]:
        return [
            {
                "familyId": a.family_id,
                "familyName": a.family_name,
                "at": _local_clock(a.at),
                "why": a.detail or self._block_words(a.reasons),
            }
            for a in self._alerts
        ]

    # ----- enrolled kiosks: the list, pairing codes, rename, revoke; security alerts -------------

    @Slot()
    def loadKiosks(self) -> None:
        def work() -> tuple[list[EnrolledKiosk], list[str]]:
            return self._staff.kiosks(), self._staff.security_alerts()

        def done(answer: tuple[list[EnrolledKiosk], list[str]]) -> None:
            self._kiosks, self._security_alerts = answer

        self._run(work, done)

    @Slot()
    def newPairingCode(self) -> None:
        def done(code: str) -> None:
            self._pairing_code = code

        self._run(self._staff.pairing_code, done)

    @Slot(int, str)
    def renameKiosk(self, kiosk_id: int, name: str) -> None:
        if not name.strip():
            self._message = self.tr("Please give the kiosk a name.")
            self.stateChanged.emit()
            return

        def work() -> tuple[list[EnrolledKiosk], list[str]]:
            self._staff.rename_kiosk(kiosk_id, name.strip())
            return self._staff.kiosks(), self._staff.security_alerts()

        def done(answer: tuple[list[EnrolledKiosk], list[str]]) -> None:
            self._kiosks, self._security_alerts = answer

        self._run(work, done)

    @Slot(int)
    def revokeKiosk(self, kiosk_id: int) -> None:
        def work() -> tuple[list[EnrolledKiosk], list[str]]:
            self._staff.revoke_kiosk(kiosk_id)
            return self._staff.kiosks(), self._staff.security_alerts()

        def done(answer: tuple[list[EnrolledKiosk], list[str]]) -> None:
            self._kiosks, self._security_alerts = answer

        self._run(work, done)

    def _kiosks_list(self) -> list[dict[str, Any]]:
        return [
            {
                "kioskId": k.kiosk_id,
                "name": k.name,
                "state": self.tr("revoked")
                if k.revoked
                else self.tr("this kiosk")
                if k.this_kiosk
                else self.tr("last seen %1").replace("%1", _local_clock(k.last_seen_at))
                if k.last_seen_at
                else "",
                "revoked": k.revoked,
                "thisKiosk": k.this_kiosk,
            }
            for k in self._kiosks
        ]

    @Slot()
    def exitKiosk(self) -> None:
        self.signOut()
        self.exitRequested.emit()

    # ----- properties -------------------------------------------------------------------------

    def _matches_list(self) -> list[dict[str, Any]]:
        return [
            {
                "familyId": m.family_id,
                "name": m.name,
                "suspended": m.suspended,
                "guardians": ", ".join(m.guardians),
                "students": ", ".join(m.students),
                "contact": m.contact,
                "balanceText": money_text(m.balance_due_cents) if m.balance_due_cents else "",
                "policies": m.outstanding_policies,
                "checkInBlocks": self._block_words(m.check_in_blocks),
            }
            for m in self._matches
        ]

    def _settings_map(self) -> dict[str, Any]:
        s = self._settings
        return {
            "portalUrl": s.portal_url,
            "account": s.account,
            "locationId": str(s.location_id or ""),
            "idleTimeout": str(s.idle_timeout_s or ""),
            "deviceId": s.device_id,
            "source": s.source,
            "customerPortalUrl": s.customer_portal_url,
            "slides": [
                {"title": slide.title, "text": slide.text, "image": str(slide.image or "")}
                for slide in s.slides
            ],
        }

    busy = Property(bool, lambda self: self._actions.busy, notify=busyChanged)
    isSignedIn = Property(bool, lambda self: self._staff.signed_in, notify=stateChanged)
    offlineOnly = Property(bool, lambda self: self._staff.offline_only, notify=stateChanged)
    staffName = Property(
        str,
        lambda self: self._staff.member.display_name if self._staff.member else "",
        notify=stateChanged,
    )
    message = Property(str, lambda self: self._message, notify=stateChanged)
    messageIsGood = Property(
        bool,
        lambda self: self._message != "" and self._message == self._good_message,
        notify=stateChanged,
    )
    matches = Property(QVariantList, _matches_list, notify=stateChanged)
    mailbox = Property(QVariantList, lambda self: self._mailbox, notify=stateChanged)
    roster = Property(QVariantList, _roster_list, notify=stateChanged)
    checkInAlerts = Property(QVariantList, _alerts_list, notify=stateChanged)
    kiosks = Property(QVariantList, _kiosks_list, notify=stateChanged)
    securityAlerts = Property(QVariantList, lambda self: self._security_alerts, notify=stateChanged)
    pairingCode = Property(str, lambda self: self._pairing_code, notify=stateChanged)
    syncStatus = Property(QVariantMap, lambda self: self._sync, notify=stateChanged)
    outboxItems = Property(QVariantList, lambda self: self._outbox_items, notify=stateChanged)
    kioskSettings = Property(QVariantMap, _settings_map, notify=stateChanged)
    settingsErrors = Property(
        QVariantMap, lambda self: dict(self._settings_errors), notify=stateChanged
    )


__all__ = ["StaffBridge", "ValidationError"]
