"""Domain objects that cross the boundary between the kiosk core and the UI (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Features:
    """Which optional dashboard items the organisation has switched on."""

    pro_shop: bool = True
    welcome_info: bool = True
    find_the_right_class: bool = True
    appointments: bool = True
    parties: bool = True
    meet_the_staff: bool = True
    mobile_app: bool = False
    show_instructors: bool = True
    show_tuition: bool = True
    check_in: bool = False


@dataclass(frozen=True)
class WelcomeInfo:
    title: str
    body: str


@dataclass(frozen=True)
class Branding:
    primary_color: str = "#1b5e9e"
    secondary_color: str = "#f2a900"
    logo: str | None = None  # local file path once downloaded, else None


@dataclass(frozen=True)
class MobileAppLinks:
    ios: str = ""
    android: str = ""


@dataclass(frozen=True)
class OrgSettings:
    name: str
    account: str
    timezone: str = "UTC"
    currency: str = "USD"
    locale: str = "en_US"
    default_location_id: int | None = None
    features: Features = field(default_factory=Features)
    welcome_info: WelcomeInfo | None = None
    branding: Branding = field(default_factory=Branding)
    idle_timeout_seconds: int = 90
    idle_warning_seconds: int = 15
    session_cap_seconds: int = 900
    cart_hold_seconds: int = 600
    mobile_app_links: MobileAppLinks = field(default_factory=MobileAppLinks)


# The organisation's own texts in other languages: {"es": {"title": "...", ...}}.
Translations = dict[str, dict[str, str]]


def in_language(translations: Translations, language: str, name: str, original: str) -> str:
    """The organisation's text `name` in `language` when it wrote one, else the original."""
    return translations.get(language, {}).get(name) or original


@dataclass(frozen=True)
class OpeningHours:
    days: str
    open: str
    close: str
    day_numbers: tuple[int, ...] = ()  # the days of `days`, 1 = Sunday .. 7 = Saturday


@dataclass(frozen=True)
class Location:
    id: int
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    address2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    hours: tuple[OpeningHours, ...] = ()
    country: str = ""
    logo: str | None = None  # local file path once downloaded, else None


@dataclass(frozen=True)
class BookingMenuItem:
    id: int
    location_id: int
    title: str
    sub_title: str
    target: str  # classes | camps | appointments | parties
    type_id: int | None = None
    image: str | None = None
    translations: Translations = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class NewsItem:
    id: int
    title: str
    summary: str
    body: str
    image: str | None  # local file path of the downloaded image, or None
    published_at: datetime | None
    location_id: int | None = None
    translations: Translations = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ScheduleSlot:
    day_number: int  # 1 = Sunday .. 7 = Saturday
    day_name: str
    start_time: str  # "15:30"
    end_time: str


@dataclass(frozen=True)
class ClassOffering:
    id: int
    location_id: int
    name: str
    program_id: int | None
    level_id: int | None
    min_age_months: int | None
    max_age_months: int | None
    schedule: tuple[ScheduleSlot, ...]
    instructor_names: tuple[str, ...]
    capacity: int
    openings: int
    allow_waitlist: bool
    tuition_cents: int | None
    description: str = ""
    start_date: date | None = None
    end_date: date | None = None
    translations: Translations = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class SyncResult:
    """What one catalog sync did; `changes_applied == 0` means nothing moved."""

    pages: int
    changes_applied: int
    cursor: int
    media_downloaded: int = 0
    resynced: bool = False  # True when the portal's feed restarted and the catalog was rebuilt
    skipped: int = 0  # changes that could not be read (logged by id) and were left out


# ----- added by the core (fields above are what the UI codes against; do not rename) -----------


@dataclass(frozen=True)
class SyncStatus:
    """The stored state of the catalog sync, for a staff/status screen."""

    cursor: int
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None


@dataclass(frozen=True)
class OutboxEntry:
    """One queued action for the portal (book, pay, ...), delivered at least once."""

    id: int
    idempotency_key: str
    kind: str
    payload: dict[str, object]
    state: str  # pending | sending | delivered | failed
    attempts: int
    created_at: datetime
    last_error: str | None = None
    result: dict[str, object] | None = None


@dataclass(frozen=True)
class Program:
    id: int
    name: str
    kind: str = "class"  # class | camp | appointment
    location_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Level:
    id: int
    name: str
    program_id: int | None = None
    location_id: int | None = None
    color: str | None = None
    text_color: str | None = None


@dataclass(frozen=True)
class StaffMember:
    """'Meet the Staff': public, catalog data (not personal data in the kiosk's sense)."""

    id: int
    first_name: str
    last_name: str
    title: str = ""
    bio: str = ""
    photo: str | None = None  # local file path once downloaded, else None
    is_instructor: bool = False
    location_id: int | None = None


@dataclass(frozen=True)
class CampType:
    id: int
    name: str
    plural_name: str = ""


@dataclass(frozen=True)
class Camp:
    id: int
    location_id: int
    name: str
    type_id: int | None = None
    description: str = ""
    min_age: int | None = None
    max_age: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    days: tuple[date, ...] = ()
    daily_start: str = ""
    daily_end: str = ""
    price_cents: int | None = None
    day_price_cents: int | None = None
    capacity: int = 0
    openings: int = 0
    allow_choose_days: bool = False
    image: str | None = None
    translations: Translations = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    price_cents: int
    sale_price_cents: int | None = None
    inventory_count: int | None = None
    enable_inventory: bool = False
    image: str | None = None  # local file path of the first picture, once downloaded
    short_description: str = ""

    @property
    def in_stock(self) -> bool:
        return not self.enable_inventory or (self.inventory_count or 0) > 0

    @property
    def active_price_cents(self) -> int:
        return self.sale_price_cents if self.sale_price_cents is not None else self.price_cents


@dataclass(frozen=True)
class PartyPackage:
    id: int
    name: str
    description: str = ""
    price_cents: int = 0
    duration_minutes: int = 0
    max_guests: int = 0


@dataclass(frozen=True)
class AppointmentType:
    id: int
    name: str
    description: str = ""
    duration_minutes: int = 0
    price_cents: int = 0
    staff_ids: tuple[int, ...] = ()
