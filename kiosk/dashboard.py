"""Which dashboard tiles, toolbar buttons and booking-menu entries the organisation shows."""

from __future__ import annotations

from kiosk.domain import BookingMenuItem, Features

# Dashboard order follows the iClassPro Customer Portal families already know.
_TILES: tuple[tuple[str, str | None], ...] = (
    ("check_in", "check_in"),
    ("booking", None),
    ("my_account", None),
    ("news", None),
    ("pro_shop", "pro_shop"),
    ("create_account", None),
    ("log_in", None),
    ("welcome_info", "welcome_info"),
    ("find_class", "find_the_right_class"),
)

_TOOLBAR: tuple[tuple[str, str | None], ...] = (
    ("menu", None),
    ("booking", None),
    ("my_account", None),
    ("news", None),
    ("pro_shop", "pro_shop"),
    ("more", None),
    ("location", None),
    ("cart", None),
)

# Browse mode (an iClassPro account's public catalog): what needs the family's account or the
# facility's own system is not offered on the kiosk. Logging in is handed off by QR code.
_NEEDS_FACILITY_SYSTEM = frozenset(
    {"check_in", "my_account", "create_account", "cart", "gift_cards", "policies"}
)

# Booking-menu targets that an organisation can switch off.
_OPTIONAL_TARGETS = {"appointments": "appointments", "parties": "parties"}


def _enabled(features: Features, flag: str | None) -> bool:
    return flag is None or bool(getattr(features, flag))


def _works(key: str, browse_mode: bool, has_news: bool = True) -> bool:
    if key == "news" and browse_mode and not has_news:
        return False  # the open API has no news: only the kiosk's own slides, if staff set any
    return not (browse_mode and key in _NEEDS_FACILITY_SYSTEM)


def dashboard_tiles(
    features: Features,
    *,
    logged_in: bool = False,
    browse_mode: bool = False,
    has_news: bool = True,
) -> list[str]:
    """Tile keys in display order; account tiles swap once a family has logged in."""
    hidden_when_logged_in = {"create_account", "log_in"}
    return [
        key
        for key, flag in _TILES
        if _enabled(features, flag)
        and not (logged_in and key in hidden_when_logged_in)
        and _works(key, browse_mode, has_news)
    ]


def toolbar_buttons(
    features: Features, *, browse_mode: bool = False, has_news: bool = True
) -> list[str]:
    return [
        key
        for key, flag in _TOOLBAR
        if _enabled(features, flag) and _works(key, browse_mode, has_news)
    ]


def visible_booking_menu(items: list[BookingMenuItem], features: Features) -> list[BookingMenuItem]:
    """The location's booking menu without the entries the organisation switched off."""
    return [
        item
        for item in items
        if item.target not in _OPTIONAL_TARGETS or getattr(features, _OPTIONAL_TARGETS[item.target])
    ]


def menu_entries(
    features: Features,
    *,
    location_count: int = 1,
    logged_in: bool = False,
    can_switch_family: bool = False,
    browse_mode: bool = False,
) -> list[str]:
    """Menu keys in display order, following what the organisation enables."""
    entries = ["home"]
    if logged_in and can_switch_family:
        entries.append("switch_family")
    if features.welcome_info:
        entries.append("welcome_info")
    if location_count > 1:
        entries.append("switch_location")
    if features.meet_the_staff:
        entries.append("meet_the_staff")
    entries.append("policies")
    if features.mobile_app:
        entries.append("mobile_app")
    entries.append("log_out" if logged_in else "log_in")
    entries.append("landing")
    return [key for key in entries if _works(key, browse_mode)]


def more_entries(features: Features, *, browse_mode: bool = False) -> list[str]:
    """The More screen: smaller corners of the portal, following what the organisation enables."""
    entries = [] if browse_mode else ["gift_cards"]
    if features.meet_the_staff:
        entries.append("meet_the_staff")
    entries.append("location")
    if features.find_the_right_class:
        entries.append("find_class")
    if features.welcome_info:
        entries.append("welcome_info")
    return entries
