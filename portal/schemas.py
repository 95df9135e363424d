"""Pydantic wire schemas: the kiosk contract (camelCase) and the iClassPro-compatible catalog."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

DAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


class CamelModel(BaseModel):
    """snake_case in Python, camelCase on the wire."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, serialize_by_alias=True
    )


# --------------------------------------------------------------------------- errors


class ErrorMessage(BaseModel):
    message: str = Field(description="One sentence a parent can read.")


class FeedConflict(ErrorMessage):
    latest: int = Field(description="The newest sequence number; resync from 0.")


class OpenError(BaseModel):
    data: None = None
    message: str
    errors: list[Any] = Field(default_factory=list)


# --------------------------------------------------------------------------- settings


class Features(CamelModel):
    pro_shop: bool = True
    welcome_info: bool = True
    find_the_right_class: bool = True
    appointments: bool = True
    parties: bool = True
    meet_the_staff: bool = True
    mobile_app: bool = True
    show_instructors: bool = True
    show_tuition: bool = True
    check_in: bool = False


class WelcomeInfo(CamelModel):
    title: str
    body: str = Field(description="Plain text, paragraphs separated by blank lines.")


class Branding(CamelModel):
    primary_color: str
    secondary_color: str
    logo: str | None


class MobileAppLinks(CamelModel):
    ios: str | None = None
    android: str | None = None


class OrgSettings(CamelModel):
    """Organisation settings; also the `data` of change-feed entity `settings` (id "org")."""

    name: str
    account: str
    timezone: str
    currency: str
    locale: str
    default_location_id: int | None
    features: Features
    welcome_info: WelcomeInfo
    branding: Branding
    idle_timeout_seconds: int
    idle_warning_seconds: int
    session_cap_seconds: int
    cart_hold_seconds: int
    mobile_app_links: MobileAppLinks


# --------------------------------------------------------------------------- change feed data


class OpeningHours(CamelModel):
    days: str = Field(examples=["Mon-Fri"])
    open: str = Field(examples=["15:00"])
    close: str = Field(examples=["20:00"])


class LocationData(CamelModel):
    id: int
    name: str
    email: str
    phone: str
    address: str
    address2: str
    city: str
    state: str
    zip: str
    country: str
    primary_color: str
    secondary_color: str
    logo: str | None
    hours: list[OpeningHours]
    sort_order: int


class BookingMenuData(CamelModel):
    id: int
    location_id: int
    sort_order: int
    title: str
    sub_title: str
    image: str | None
    target: Literal["classes", "camps", "appointments", "parties"]
    type_id: int | None


class ProgramData(CamelModel):
    id: int
    location_id: int
    kind: Literal["class", "camp", "appointment"]
    name: str
    description: str


class LevelData(CamelModel):
    id: int
    location_id: int
    program_id: int | None
    name: str
    color: str
    text_color: str
    sort_order: int


class StaffData(CamelModel):
    id: int
    location_id: int | None
    first_name: str
    last_name: str
    title: str
    bio: str
    photo: str | None
    is_instructor: bool
    show_on_portal: bool
    sort_order: int


class ScheduleSlot(CamelModel):
    day_number: int = Field(ge=1, le=7, description="1 = Sunday .. 7 = Saturday")
    day_name: str
    start_time: str = Field(examples=["15:30"])
    end_time: str = Field(examples=["16:30"])

    @classmethod
    def from_stored(cls, slot: dict[str, Any]) -> ScheduleSlot:
        day = int(slot["dayNumber"])
        return cls(
            day_number=day,
            day_name=DAY_NAMES[day - 1],
            start_time=slot["startTime"],
            end_time=slot["endTime"],
        )


class ClassData(CamelModel):
    id: int
    location_id: int
    program_id: int | None
    level_id: int | None
    name: str
    description: str = Field(description="Plain text.")
    min_age_months: int | None
    max_age_months: int | None
    schedule: list[ScheduleSlot]
    instructor_ids: list[int]
    instructor_names: list[str]
    capacity: int
    enrolled: int
    openings: int
    allow_waitlist: bool
    waitlist_count: int
    allow_web_registration: bool
    tuition_cents: int | None
    tuition_period: str
    start_date: date | None
    end_date: date | None
    image: str | None


class CampTypeData(CamelModel):
    id: int
    location_id: int
    name: str
    plural_name: str
    sort_order: int


class CampData(CamelModel):
    id: int
    location_id: int
    type_id: int
    program_id: int | None
    name: str
    description: str
    min_age: int | None
    max_age: int | None
    start_date: date
    end_date: date
    days: list[date]
    daily_start: str
    daily_end: str
    price_cents: int
    day_price_cents: int | None
    capacity: int
    openings: int
    allow_choose_days: bool
    image: str | None


class PartyPackageData(CamelModel):
    id: int
    location_id: int
    name: str
    description: str
    price_cents: int
    duration_minutes: int
    max_guests: int


class AppointmentTypeData(CamelModel):
    id: int
    location_id: int
    program_id: int | None
    name: str
    description: str
    duration_minutes: int
    price_cents: int
    staff_ids: list[int]


class ProductData(CamelModel):
    id: int
    location_id: int
    name: str
    sku: str
    price_cents: int
    sale_price_cents: int | None = Field(description="null when not on sale")
    inventory_count: int
    enable_inventory: bool
    images: list[str]
    short_description: str
    tax_rate: float


class NewsData(CamelModel):
    id: int
    location_id: int | None = Field(description="null = every location")
    title: str
    summary: str
    body: str
    image: str | None
    published_at: datetime | None
    sort_order: int


class PolicyData(CamelModel):
    id: int
    kind: Literal["family", "student"]
    title: str
    body: str
    version: int
    required: bool


class Change(CamelModel):
    seq: int
    entity: str = Field(
        description="settings, location, booking_menu, program, level, staff, class, camp_type, "
        "camp, party_package, appointment_type, product, news or policy"
    )
    id: str
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None = Field(
        description="The whole current record for upsert (see the *Data schemas), null for delete."
    )


class ChangesPage(CamelModel):
    changes: list[Change]
    cursor: int = Field(description="Seq of the last change in this page, or `after` if empty.")
    has_more: bool
    latest: int


# --------------------------------------------------------------------------- open API (iClassPro)

T = TypeVar("T")


class OpenEnvelope(BaseModel, Generic[T]):
    data: T
    message: str = ""
    errors: list[Any] = Field(default_factory=list)


class OpenListEnvelope(OpenEnvelope[T], Generic[T]):
    total_records: int = Field(alias="totalRecords")

    model_config = ConfigDict(validate_by_name=True, serialize_by_alias=True)


class OpenCampsEnvelope(OpenListEnvelope[T], Generic[T]):
    camp_type_name: str | None = Field(alias="campTypeName")
    camp_type_name_plural: str | None = Field(alias="campTypeNamePlural")


class OpenLocation(CamelModel):
    id: int
    name: str
    email: str
    phone: str
    url: str
    address: str
    address2: str
    city: str
    state: str
    zip: str
    country: str
    active: bool
    primary_color: str
    secondary_color: str
    logo: str | None
    header_image: str | None
    show_address_on_portal: bool
    show_phone_number_on_portal: bool


class OpenTargetParams(CamelModel):
    type_id: int | None = None


class OpenBookingItem(CamelModel):
    title: str
    sub_title: str
    plural_title: str
    image: str | None
    target: str
    target_params: OpenTargetParams


class OpenIdName(CamelModel):
    id: int
    name: str


class OpenLevel(CamelModel):
    id: int
    sort_order: int
    name: str
    color: str
    text_color: str
    image: str | None


class OpenInstructor(CamelModel):
    id: int
    first_name: str
    last_name: str


class OpenSession(CamelModel):
    id: int
    name: str
    start_date: date | None


class OpenScheduleItem(CamelModel):
    day_number: int = Field(description="1 = Sunday .. 7 = Saturday")
    day_name: str
    start_time: str = Field(examples=["3:30PM"])
    end_time: str = Field(examples=["4:30PM"])
    time_stamp: int = Field(description="Start time in seconds after midnight.")
    ts_id: int


class OpenCampScheduleItem(OpenScheduleItem):
    date: dt.date


class OpenDates(CamelModel):
    start: date | None
    end: date | None
    reg_start: date | None
    reg_end: date | None
    priority_start: date | None
    priority_end: date | None


class OpenClass(CamelModel):
    id: int
    name: str
    min_age_year: int | None
    min_age_month: int | None
    max_age_year: int | None
    max_age_month: int | None
    schedule: list[OpenScheduleItem]
    program_id: int | None
    level_id: int | None
    instructors: list[str]
    allow_web_registration: bool
    show_openings: bool
    openings: int
    future_openings: int
    allow_waitlist: bool
    auto_approve: bool
    dates: OpenDates
    image: str | None
    sessions: list[OpenIdName]
    start_date: date | None
    end_date: date | None


class OpenClassDetail(OpenClass):
    description: str = Field(description="HTML")


class OpenCamp(CamelModel):
    id: int
    name: str
    program_id: int | None
    type_id: int
    min_age: int | None
    max_age: int | None
    start_date: date
    end_date: date
    registration_start_date: date | None
    registration_end_date: date | None
    schedule: list[OpenCampScheduleItem]
    has_openings: bool
    openings: int
    openings_display: str = Field(examples=["10 OPEN", "FULL"])
    allow_choose_days: bool
    allow_to_request_camp_that_is_full: bool
    image: str | None


class OpenCampDetail(OpenCamp):
    description: str = Field(description="HTML")
    program_name: str | None
    instructors: list[str]


class OpenParties(CamelModel):
    date: dt.date
    available_days: list[dt.date]
    use_inclusive_tax: bool


class OpenProduct(CamelModel):
    id: int
    name: str
    sku: str
    price: float = Field(description="Dollars, as iClassPro sends them.")
    sale_price: float | None
    active_price: float
    sale: bool
    inventory_count: int
    enable_inventory: bool
    images: list[str]
    short_description: str
    tax_rate: float
    show_on_customer_portal: bool


class OpenNews(CamelModel):
    id: int
    title: str
    body: str
    created_at: datetime
