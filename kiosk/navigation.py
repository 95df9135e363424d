"""Where a visit may go: every screen with its view and its rules (one table), and the decisions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Stack(Enum):
    """How a screen goes onto the screen stack."""

    PUSH = "push"  # on top: Back returns to what was there
    RESET = "reset"  # the only screen: Back never returns past it
    START = "start"  # the only screen, at once (no slide): the start of a visit


@dataclass(frozen=True)
class Route:
    name: str  # what screens ask for: navigate(name, params)
    view: str  # the QML file in ui/qml/screens, without ".qml"
    # A family's own details: log in first, then come back here.
    needs_login: bool = False
    # Browse mode (an iClassPro account): needs the facility's own system, a QR code hands it off.
    handed_off: bool = False
    stack: Stack = Stack.PUSH
    # The toolbar shows over it (not over the start screen).
    toolbar: bool = True
    # Reachable on a kiosk that is not ready (no catalog, wrong account): how staff put it right.
    without_catalog: bool = False

    @property
    def object_name(self) -> str:
        """The objectName of the screen's root item (what tests and the window read)."""
        return f"{self.name}Screen"


# Every screen of the kiosk, once. Steps of logging in and confirmations reset the stack: Back
# never returns to the password form or to a payment that already went through.
ROUTES: tuple[Route, ...] = (
    Route("landing", "LandingScreen", stack=Stack.START, toolbar=False),
    Route("dashboard", "DashboardScreen", stack=Stack.RESET),
    Route("news", "NewsScreen"),
    Route("newsDetail", "NewsDetailScreen"),
    Route("booking", "BookingScreen"),
    Route("comingSoon", "ComingSoonScreen"),
    Route("login", "LoginScreen", handed_off=True),
    Route("createAccount", "CreateAccountScreen", handed_off=True),
    Route("forgotPassword", "ForgotPasswordScreen", handed_off=True),
    Route(
        "chooseFamily", "ChooseFamilyScreen", needs_login=True, handed_off=True, stack=Stack.RESET
    ),
    Route("policies", "PoliciesScreen", handed_off=True, stack=Stack.RESET),
    Route("myAccount", "MyAccountScreen", needs_login=True, handed_off=True),
    Route("editDetails", "EditDetailsScreen", handed_off=True),
    Route("policyHistory", "PolicyHistoryScreen", needs_login=True, handed_off=True),
    Route("classes", "ClassesScreen"),
    Route("classDetail", "ClassDetailScreen"),
    Route("camps", "CampsScreen"),
    Route("campDetail", "CampDetailScreen"),
    Route("cart", "CartScreen", needs_login=True, handed_off=True),
    Route("orderConfirmed", "OrderConfirmedScreen", stack=Stack.RESET),
    Route("proShop", "ProShopScreen"),
    Route("staff", "StaffScreen"),
    Route("location", "LocationScreen"),
    Route("findClass", "FindClassScreen"),
    Route("giftCard", "GiftCardScreen", handed_off=True),
    Route("more", "MoreScreen"),
    Route("accountPayments", "AccountPaymentsScreen", needs_login=True, handed_off=True),
    Route("payment", "PaymentScreen", needs_login=True, handed_off=True),
    Route("receipt", "ReceiptScreen", stack=Stack.RESET),
    Route("staffPanel", "StaffPanelScreen", without_catalog=True),
    Route("appointments", "AppointmentsScreen", handed_off=True),
    Route("parties", "PartiesScreen", handed_off=True),
    Route("checkIn", "CheckInScreen", handed_off=True),
    Route("makeup", "MakeupScreen", needs_login=True),
    Route("absenceMarked", "AbsenceMarkedScreen"),
)
ROUTE_BY_NAME: dict[str, Route] = {route.name: route for route in ROUTES}
ROUTE_BY_OBJECT_NAME: dict[str, Route] = {route.object_name: route for route in ROUTES}

END_VISIT = "endVisit"
# Dashboard tiles, toolbar buttons and menu entries, by key: a screen, a pop-up or the visit's end.
# A key not here is a feature still to come ("comingSoon").
SECTIONS: dict[str, str] = {
    "news": "news",
    "booking": "booking",
    "classes": "classes",
    "check_in": "checkIn",
    "cart": "cart",
    "pro_shop": "proShop",
    "location": "location",
    "more": "more",
    "meet_the_staff": "staff",
    "switch_location": "location",
    "find_class": "findClass",
    "gift_cards": "giftCard",
    "log_in": "login",
    "create_account": "createAccount",
    "my_account": "myAccount",
    "policies": "policyHistory",
    "switch_family": "chooseFamily",
    "home": "dashboard",
    "log_out": END_VISIT,
    "landing": END_VISIT,
}
POPUPS: dict[str, str] = {
    "welcome_info": "welcome",
    "mobile_app": "mobileApp",
    "menu": "menu",
    "staff_sign_in": "staffPin",  # press and hold the logo, or "Staff: kiosk settings"
}
# What "Log In to Enroll" (or to book, or to buy) hands off in browse mode, by where it led.
HANDOFF_KINDS: dict[str, tuple[str, str]] = {
    "classDetail": ("class", "classId"),
    "campDetail": ("camp", "campId"),
    "proShop": ("shop", ""),
}


@dataclass(frozen=True)
class Step:
    """What the window does next. action: "show" a screen, "handOff" (a QR code), "popup",
    "endVisit", or "none" (an unknown screen)."""

    action: str
    screen: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    stack: Stack = Stack.PUSH
    popup: str = ""
    handoff_kind: str = ""
    record_id: int = 0

    @property
    def route(self) -> Route | None:
        return ROUTE_BY_NAME.get(self.screen)


NOTHING = Step("none")


class Navigator:
    """The navigation rules of a visit. Asks, through callables, what it needs to know of the
    visit (logged in, policies pending, browse mode, the organisation's welcome)."""

    def __init__(
        self,
        *,
        logged_in: Callable[[], bool],
        policies_pending: Callable[[], bool],
        browse_mode: Callable[[], bool],
        show_welcome: Callable[[], bool] = lambda: False,
    ) -> None:
        self._logged_in = logged_in
        self._policies_pending = policies_pending
        self._browse_mode = browse_mode
        self._show_welcome = show_welcome
        # Where a family was headed when the kiosk asked them to log in first.
        self.after_login = "dashboard"
        self.after_login_params: dict[str, Any] = {}
        self.welcome_shown = False

    def go(self, screen: str, params: Mapping[str, Any] | None = None) -> Step:
        """A screen asked for `screen`: where the visit really goes."""
        params = dict(params or {})
        # Back to the start is the end of the visit, whoever asks (a staff member signing out,
        # check-in's "done"): the visit's one owner ends it, then `start` comes back here.
        if screen == "landing":
            return Step(END_VISIT)
        route = ROUTE_BY_NAME.get(screen)
        if route is None:
            return NOTHING
        if self._browse_mode() and route.handed_off:
            return self._hand_off(screen, params)
        # Policies first: until they are accepted, the policies (and leaving) are all there is.
        if self._policies_pending() and screen != "policies":
            screen, params = "policies", {}
        elif route.needs_login and not self._logged_in():
            self.after_login, self.after_login_params = screen, params
            screen, params = "login", {}
        if screen == "login" and params.get("then"):
            # "Log In to Enroll": come back to the class (or camp, or shop) afterwards.
            self.after_login = str(params["then"])
            self.after_login_params = dict(params.get("thenParams") or {})
            params = {}
        return self._show(screen, params)

    def start(self) -> Step:
        """The visit ended: the start screen, nothing of the last visit's plans left."""
        self.after_login, self.after_login_params = "dashboard", {}
        self.welcome_shown = False
        return self._show("landing", {})

    def begin(self) -> Step:
        """ "Tap to Begin": the organisation's welcome once a visit, if it has one."""
        if self._show_welcome() and not self.welcome_shown:
            self.welcome_shown = True
            return Step("popup", popup="welcome")
        return self.go("dashboard")

    def continue_after_login(self) -> list[Step]:
        """Logged in (and policies accepted): the dashboard, then where the family was headed."""
        target, target_params = self.after_login, self.after_login_params
        self.after_login, self.after_login_params = "dashboard", {}
        steps = [self.go("dashboard")]
        if target != "dashboard":
            steps.append(self.go(target, target_params))
        return steps

    def section(self, key: str) -> Step:
        """A dashboard tile, toolbar button or menu entry (or "Tap to Begin": "begin")."""
        if key == "begin":
            return self.begin()
        if key in POPUPS:
            return Step("popup", popup=POPUPS[key])
        target = SECTIONS.get(key)
        if target == END_VISIT:
            return Step(END_VISIT)
        if target is None:
            return self.go("comingSoon", {"feature": key})
        return self.go(target)

    def _show(self, screen: str, params: dict[str, Any]) -> Step:
        return Step("show", screen, params, ROUTE_BY_NAME[screen].stack)

    @staticmethod
    def _hand_off(screen: str, params: Mapping[str, Any]) -> Step:
        then = str(params.get("then") or "")
        then_params = params.get("thenParams") or {}
        kind, record_id = "login", 0
        if then in HANDOFF_KINDS:
            kind, id_key = HANDOFF_KINDS[then]
            record_id = int(then_params.get(id_key) or 0) if id_key else 0
        elif screen == "parties":
            kind = "parties"
        return Step("handOff", screen, handoff_kind=kind, record_id=record_id)
