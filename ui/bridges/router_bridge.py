"""The window's navigation: kiosk.navigation's decisions as steps Main.qml carries out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.navigation import ROUTE_BY_OBJECT_NAME, ROUTES, Navigator, Step

from .qml_types import QVariantList


def step_for_qml(step: Step) -> dict[str, Any]:
    route = step.route
    return {
        "action": step.action,
        "screen": step.screen,
        "view": route.view if route else "",
        "params": dict(step.params),
        "stack": step.stack.value,
        "popup": step.popup,
        "kind": step.handoff_kind,
        "recordId": step.record_id,
    }


class RouterBridge(QObject):
    """Adapts a Navigator for QML, and turns the bridges' outcomes (logged in, paid, added to
    the cart...) into the screens that follow them."""

    stepsRequested = Signal(QVariantList)  # the window carries them out, in order
    currentScreenChanged = Signal()

    def __init__(
        self,
        navigator: Navigator,
        *,
        session: QObject,
        cart: QObject,
        payments: QObject,
        staff: QObject,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._session = session
        self._current_screen = ""
        session.loginSucceeded.connect(self._on_login_succeeded)  # type: ignore[attr-defined]
        session.familyReady.connect(self._on_family_ready)  # type: ignore[attr-defined]
        session.policiesAccepted.connect(self._on_policies_accepted)  # type: ignore[attr-defined]
        session.accountCreated.connect(self._on_account_created)  # type: ignore[attr-defined]
        payments.paid.connect(lambda: self._request("receipt"))  # type: ignore[attr-defined]
        payments.checkedOut.connect(lambda: self._request("orderConfirmed"))  # type: ignore[attr-defined]
        cart.added.connect(lambda: self._request("cart"))  # type: ignore[attr-defined]
        cart.checkedOut.connect(lambda: self._request("orderConfirmed"))  # type: ignore[attr-defined]
        # Over the screen it was marked on (the dashboard or My Account): Done comes back.
        cart.absenceMarked.connect(  # type: ignore[attr-defined]
            lambda words: self._request("absenceMarked", {"words": words})
        )
        staff.signedIn.connect(lambda: self._request("staffPanel"))  # type: ignore[attr-defined]

    # ----- what QML asks ------------------------------------------------------------------------

    @Slot(str, "QVariant", result="QVariantMap")
    def go(self, screen: str, params: Any = None) -> dict[str, Any]:
        return step_for_qml(self._navigator.go(screen, params if isinstance(params, dict) else {}))

    @Slot(str, result="QVariantMap")
    def section(self, key: str) -> dict[str, Any]:
        return step_for_qml(self._navigator.section(key))

    @Slot(result="QVariantMap")
    def start(self) -> dict[str, Any]:
        return step_for_qml(self._navigator.start())

    @Slot(result="QVariantList")
    def continueAfterLogin(self) -> list[dict[str, Any]]:
        return [step_for_qml(step) for step in self._navigator.continue_after_login()]

    @Slot(str, result="QVariantMap")
    def routeOf(self, object_name: str) -> dict[str, Any]:
        """The rules of the screen on top (by its objectName): toolbar, reachable when not ready."""
        route = ROUTE_BY_OBJECT_NAME.get(object_name)
        return {
            "toolbar": bool(route and route.toolbar),
            "withoutCatalog": bool(route and route.without_catalog),
        }

    @Slot(result="QVariantList")
    def views(self) -> list[str]:
        """Every screen's view, to load ahead after the first frame."""
        return [route.view for route in ROUTES]

    def _get_current_screen(self) -> str:
        return self._current_screen

    def _set_current_screen(self, name: str) -> None:
        if name != self._current_screen:
            self._current_screen = name
            self.currentScreenChanged.emit()

    # The objectName of the screen on top; the window keeps it up to date.
    currentScreen = Property(
        str, _get_current_screen, _set_current_screen, notify=currentScreenChanged
    )

    # ----- the bridges' outcomes ------------------------------------------------------------------

    def _request(self, screen: str, params: dict[str, Any] | None = None) -> None:
        self.stepsRequested.emit([step_for_qml(self._navigator.go(screen, params))])

    def _continue(self) -> None:
        self.stepsRequested.emit(self.continueAfterLogin())

    def _on_login_succeeded(self, needs_family_choice: bool) -> None:
        if needs_family_choice:
            self._request("chooseFamily")

    def _on_family_ready(self, has_policies: bool) -> None:
        if has_policies:
            self._request("policies")
        else:
            self._continue()

    def _on_policies_accepted(self) -> None:
        self._continue()

    def _on_account_created(self) -> None:
        # Its screen says "your account is ready" and goes on from there; if the family has
        # left that screen meanwhile, on at once.
        if self._current_screen != "createAccountScreen":
            self._session.continueAfterAccount()  # type: ignore[attr-defined]
