"""Pydantic wire schemas: the kiosk contract (camelCase) and the iClassPro-compatible catalog."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from portal import rules

DAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")

SAFE_HTML = (
    "HTML reduced to b, strong, i, em, u, p, br, ul, ol, li without attributes; "
    "entities decoded once (text `<` arrives as `&lt;`)."
)


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
    check_in_opens_minutes_before: int = Field(
        default=30, description="Check-in opens this many minutes before a class starts."
    )
    check_in_closes_minutes_after: int = Field(
        default=15, description="Check-in closes this many minutes after a class started."
    )
    check_in_balance_limit_cents: int | None = Field(
        default=None, description="A family owing more cannot check in (null: no limit)."
    )
    absence_cutoff_minutes: int = Field(
        default=120, description="Absences are marked or taken back until this long before."
    )
    makeups_enabled: bool = Field(default=True, description="Absences earn makeup credits.")
    makeup_credits_per_session: int = Field(
        default=4, description="At most this many credits per student and session (0: no limit)."
    )
    makeup_credit_days: int = Field(default=60, description="Days a makeup credit can be used.")


# --------------------------------------------------------------------------- change feed data


Translations = dict[str, dict[str, str]]
TRANSLATIONS_DOC = (
    "The organisation's own words in other languages, by language code and field name, e.g. "
    '`{"es": {"title": "..."}}`. A field or language not given: show the original.'
)


def day_numbers_of(days: str) -> list[int]:
    """'Mon-Fri' -> [2, 3, 4, 5, 6]; 'Sat' -> [7]; 'Mon, Wed' -> [2, 4] (1 = Sunday .. 7 =
    Saturday); words it cannot read give nothing, so the kiosk shows `days` as written."""
    numbers: list[int] = []
    text = days.replace("\u2013", "-").replace(" - ", "-").replace(",", " ")
    for part in text.split():
        first, _dash, last = part.partition("-")
        names = [n[:3].title() for n in (first, last or first)]
        if not all(n in DAY_NAMES for n in names):
            return []
        start, end = (DAY_NAMES.index(n) + 1 for n in names)
        span = range(start, end + 1) if start <= end else [*range(start, 8), *range(1, end + 1)]
        numbers += [d for d in span if d not in numbers]
    return numbers


class OpeningHours(CamelModel):
    days: str = Field(examples=["Mon-Fri"], description="As the organisation wrote it (English).")
    open: str = Field(examples=["15:00"])
    close: str = Field(examples=["20:00"])
    day_numbers: list[int] = Field(
        default_factory=list,
        examples=[[2, 3, 4, 5, 6]],
        description="The days of `days`, 1 = Sunday .. 7 = Saturday, for the kiosk to word "
        "in the visitor's language (empty when `days` could not be read).",
    )

    @model_validator(mode="after")
    def _numbers_from_days(self) -> OpeningHours:
        if not self.day_numbers:
            self.day_numbers = day_numbers_of(self.days)
        return self


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
    translations: Translations = Field(
        default_factory=dict, description=TRANSLATIONS_DOC + " Fields: title, subTitle."
    )


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
    description: str = Field(description=SAFE_HTML)
    min_age_months: int | None
    max_age_months: int | None
    schedule: list[ScheduleSlot]
    instructor_ids: list[int]
    instructor_names: list[str]
    capacity: int
    enrolled: int
    openings: int
    date_openings: dict[str, int] = Field(
        default_factory=dict,
        description="Seats of single dates that differ from `openings` (absences, makeups).",
    )
    allow_waitlist: bool
    waitlist_count: int
    allow_web_registration: bool
    tuition_cents: int | None
    tuition_period: str
    start_date: date | None
    end_date: date | None
    image: str | None
    translations: Translations = Field(
        default_factory=dict, description=TRANSLATIONS_DOC + " Fields: description."
    )


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
    description: str = Field(description=SAFE_HTML)
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
    translations: Translations = Field(
        default_factory=dict, description=TRANSLATIONS_DOC + " Fields: description."
    )


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
    translations: Translations = Field(
        default_factory=dict, description=TRANSLATIONS_DOC + " Fields: title, summary, body."
    )


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
    description: str = Field(description=SAFE_HTML)


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
    description: str = Field(description=SAFE_HTML)
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


# --------------------------------------------------------------------------- family accounts
# Requests validate with portal.rules: every field error is one plain sentence at the contract's
# dotted camelCase path (`guardian.email`, `students.0.birthDate`); unknown keys are ignored.

MAX_STUDENTS_PER_REQUEST = 20
MAX_ACCEPTANCES_PER_REQUEST = 50
MAX_ID = 2**31 - 1


def _object_rule(what: str) -> Any:
    def check(value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict | BaseModel):
            return value
        raise rules.fail(f"Please fill in {what}.")

    return check


def _list_rule(what: str, most: int) -> Any:
    def check(value: Any) -> Any:
        if value is None:
            return []
        if not isinstance(value, list):
            raise rules.fail(f"Please send {what} as a list.")
        if len(value) > most:
            raise rules.fail(f"Please send at most {most} {what} at a time.")
        return value

    return check


def _id_rule(message: str, *, optional: bool = False) -> Any:
    def check(value: Any) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 10:
            value = int(value.strip())
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID:
            return value
        raise rules.fail(message)

    return check


def _at_least_one(what: str) -> Any:
    def check(value: list[Any]) -> list[Any]:
        if not value:
            raise rules.fail(f"Please add at least one {what}.")
        return value

    return check


# What a form's field accepts, published in /openapi.json: the rules (portal.rules) judge the
# value as sent, before normalising it, so these describe the input, never the stored form.
def _accepts(pattern: str, max_length: int, min_length: int = 1) -> Any:
    return Field(
        json_schema_extra={"pattern": pattern, "minLength": min_length, "maxLength": max_length}
    )


_NAME_FORM = _accepts(rules.NAME_PATTERN, rules.MAX_NAME)
FirstName = Annotated[str, BeforeValidator(rules.name_rule("a first name")), _NAME_FORM]
LastName = Annotated[str, BeforeValidator(rules.name_rule("a last name")), _NAME_FORM]
City = Annotated[str, BeforeValidator(rules.name_rule("the city")), _NAME_FORM]
ContactName = Annotated[str, BeforeValidator(rules.name_rule("the contact's name")), _NAME_FORM]
Email = Annotated[
    str, BeforeValidator(rules.email_rule), _accepts(rules.EMAIL_PATTERN, rules.MAX_EMAIL)
]
LoginEmail = Annotated[str, BeforeValidator(rules.login_email_rule)]
Phone = Annotated[
    str,
    BeforeValidator(rules.phone_rule),
    _accepts(rules.PHONE_PATTERN, rules.MAX_PHONE_INPUT, min_length=10),
]
Zip = Annotated[str, BeforeValidator(rules.zip_rule), _accepts(rules.ZIP_PATTERN, 10, 5)]
State = Annotated[str, BeforeValidator(rules.state_rule), _accepts(rules.STATE_PATTERN, 2, 2)]


def _or_null(schema: dict[str, Any]) -> None:
    """Published as also accepting null: the field's rule reads null as "not given"."""
    kept: dict[str, Any] = {
        key: schema.pop(key) for key in ("title", "default", "description") if key in schema
    }
    alternative = dict(schema)
    schema.clear()
    schema.update(kept, anyOf=[alternative, {"type": "null"}])


# An optional field (a second address line, a relationship; a patch's address) takes null for
# "not given", as it always has: the published schema says so.
_NULL_IS_NOT_GIVEN = Field(json_schema_extra=_or_null)
Line1 = Annotated[str, BeforeValidator(rules.line_rule("the street address", required=True))]
Line2 = Annotated[str, BeforeValidator(rules.line_rule("", required=False)), _NULL_IS_NOT_GIVEN]
Relationship = Annotated[
    str,
    BeforeValidator(rules.line_rule("", required=False, max_length=rules.MAX_RELATIONSHIP)),
    _NULL_IS_NOT_GIVEN,
]
NewPassword = Annotated[
    str,
    BeforeValidator(rules.new_password_rule),
    Field(json_schema_extra={"minLength": rules.MIN_PASSWORD, "maxLength": rules.MAX_PASSWORD}),
]
LoginPassword = Annotated[str, BeforeValidator(rules.login_password_rule)]
Code = Annotated[str, BeforeValidator(rules.code_rule)]
BirthDate = Annotated[dt.date, BeforeValidator(rules.birth_date_rule)]
Gender = Annotated[str, BeforeValidator(rules.gender_rule), _NULL_IS_NOT_GIVEN]
DeviceId = Annotated[str, BeforeValidator(rules.device_id_rule)]


def _required() -> Any:
    """A field that is validated (and so gets its own sentence) even when it is missing."""
    return Field(default=None, validate_default=True)


class RequestModel(CamelModel):
    """A request body: camelCase keys, unknown keys ignored, None/non-object bodies refused."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, serialize_by_alias=True, extra="ignore"
    )


class LoginRequest(RequestModel):
    email: LoginEmail = _required()
    password: LoginPassword = _required()
    device_id: DeviceId = ""


class ChooseFamilyRequest(RequestModel):
    family_id: Annotated[int, BeforeValidator(_id_rule("Please choose one of your families."))] = (
        _required()
    )


class ForgotPasswordRequest(RequestModel):
    email: LoginEmail = _required()


class ResetPasswordRequest(RequestModel):
    email: LoginEmail = _required()
    code: Code = _required()
    new_password: NewPassword = _required()
    device_id: DeviceId = ""


class AddressIn(RequestModel):
    line1: Line1 = _required()
    line2: Line2 = ""
    city: City = _required()
    state: State = _required()
    zip: Zip = _required()


class GuardianIn(RequestModel):
    first_name: FirstName = _required()
    last_name: LastName = _required()
    email: Email = _required()
    phone: Phone = _required()
    address: Annotated[AddressIn, BeforeValidator(_object_rule("the address"))] = _required()


class StudentIn(RequestModel):
    first_name: FirstName = _required()
    last_name: LastName = _required()
    birth_date: BirthDate = _required()
    gender: Gender = ""


class EmergencyContactIn(RequestModel):
    name: ContactName = _required()
    phone: Phone = _required()
    relationship: Relationship = ""


StudentItem = Annotated[StudentIn, BeforeValidator(_object_rule("the student's details"))]


class CreateAccountRequest(RequestModel):
    guardian: Annotated[GuardianIn, BeforeValidator(_object_rule("your details"))] = _required()
    password: NewPassword = _required()
    students: Annotated[
        list[StudentItem],
        BeforeValidator(_list_rule("students", MAX_STUDENTS_PER_REQUEST)),
        AfterValidator(_at_least_one("student")),
    ] = _required()
    emergency_contact: Annotated[
        EmergencyContactIn, BeforeValidator(_object_rule("the emergency contact"))
    ] = _required()
    device_id: DeviceId = ""


class AddressPatch(RequestModel):
    """Only the keys sent are changed (`model_fields_set`); a key sent as null is refused."""

    line1: Line1 = ""
    line2: Line2 = ""
    city: City = ""
    state: State = ""
    zip: Zip = ""


class GuardianPatch(RequestModel):
    first_name: FirstName = ""
    last_name: LastName = ""
    email: Email = ""
    phone: Phone = ""
    address: Annotated[
        AddressPatch, BeforeValidator(_object_rule("the address")), _NULL_IS_NOT_GIVEN
    ] = Field(default_factory=AddressPatch)


class StudentPatch(RequestModel):
    first_name: FirstName = ""
    last_name: LastName = ""
    birth_date: BirthDate | None = None
    gender: Gender = ""

    @field_validator("birth_date", mode="before")
    @classmethod
    def _birth_date(cls, value: Any) -> dt.date:
        # A birth date sent as null is refused like an empty one (it cannot be cleared).
        return rules.birth_date_rule(value)


class AcceptanceIn(RequestModel):
    policy_id: Annotated[int, BeforeValidator(_id_rule("We could not find that policy."))] = (
        _required()
    )
    version: Annotated[int, BeforeValidator(_id_rule("Please send the policy's version."))] = (
        _required()
    )
    student_id: Annotated[
        int | None, BeforeValidator(_id_rule("We could not find that student.", optional=True))
    ] = None


class AcceptPoliciesRequest(RequestModel):
    acceptances: Annotated[
        list[Annotated[AcceptanceIn, BeforeValidator(_object_rule("the policy to accept"))]],
        BeforeValidator(_list_rule("policies", MAX_ACCEPTANCES_PER_REQUEST)),
        AfterValidator(_at_least_one("policy")),
    ] = _required()


class FieldErrorOut(BaseModel):
    field: str = Field(examples=["guardian.email"], description="Dotted camelCase path.")
    message: str = Field(description="One plain sentence for this field.")


class FormErrorMessage(ErrorMessage):
    errors: list[FieldErrorOut] = Field(default_factory=list)


class SuspendedMessage(ErrorMessage):
    # The family routes' 403: a suspended family, or policies still to accept (api/deps.py).
    reason: Literal["suspended", "policies_required"] = Field(
        default="suspended", description="`policies_required`: accept the policies first."
    )


class ThrottledMessage(CamelModel):
    message: str
    retry_after_seconds: int = Field(description="Also sent as the Retry-After header.")


class GuardianRef(CamelModel):
    id: int
    first_name: str
    last_name: str


class FamilyRef(CamelModel):
    id: int
    name: str


class FamilyChoice(FamilyRef):
    suspended: bool


class LoginResult(CamelModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`; never in a URL.")
    expires_at: datetime
    guardian: GuardianRef
    families: list[FamilyChoice]
    family: FamilyRef | None = Field(
        description="Set (and the token bound to it) when exactly one family is usable."
    )


class ChosenFamily(CamelModel):
    family: FamilyRef


class Address(CamelModel):
    line1: str
    line2: str
    city: str
    state: str
    zip: str


class GuardianOut(CamelModel):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    address: Address
    is_primary: bool


class GuardianUpdated(GuardianOut):
    pending_email: str | None = Field(
        default=None,
        description="A new login email waiting for the code mailed to it "
        "(`POST /family/guardians/me/email/confirm`); `email` is still the one in use.",
    )


class EmailChangeConfirm(RequestModel):
    code: Annotated[
        str,
        BeforeValidator(rules.line_rule("the code we emailed you", required=True, max_length=20)),
    ] = _required()


class StudentOut(CamelModel):
    id: int
    first_name: str
    last_name: str
    birth_date: date | None
    gender: str = Field(examples=["female", "male", ""])


class EmergencyContactOut(CamelModel):
    name: str
    phone: str
    relationship: str


class FamilyOut(CamelModel):
    id: int
    name: str
    credit_balance_cents: int
    balance_due_cents: int
    guardians: list[GuardianOut]
    students: list[StudentOut]
    emergency_contact: EmergencyContactOut | None


class OutstandingPolicy(CamelModel):
    policy_id: int
    kind: str = Field(examples=["family", "student"])
    title: str
    body: str
    version: int
    student_id: int | None
    student_name: str | None


class AcceptedPolicy(CamelModel):
    policy_id: int
    kind: str
    title: str
    body: str = Field(description="The text of the version that was accepted, to read again.")
    version: int
    student_id: int | None
    student_name: str | None
    accepted_at: datetime
    accepted_by: str = Field(description="The name of the guardian who accepted.")


class FamilyPolicies(CamelModel):
    outstanding: list[OutstandingPolicy]
    accepted: list[AcceptedPolicy]


class ForgotPasswordAnswer(ErrorMessage):
    pass


class MailboxMessage(CamelModel):
    id: int
    to: str
    subject: str
    body: str
    created_at: datetime


class Mailbox(CamelModel):
    messages: list[MailboxMessage]


# --------------------------------------------------------------------------- booking
# docs/booking-contract.md. Requests are loose on purpose (every field optional at this level):
# portal.services.booking checks what each kind needs and answers one sentence per field.

CART_KINDS = ("class", "camp", "appointment", "party", "product", "giftcard")
MAX_CAMP_DAYS = 60
MAX_QUANTITY = 99
MAX_GIFT_MESSAGE = 300
_HHMM_RE = r"^([01]\d|2[0-3]):[0-5]\d$"


def _optional(rule: Any) -> Any:
    """`rule` for a value that may be missing: None and "" stay None."""

    def check(value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return rule(value)

    return check


def _date_rule(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise rules.fail("Please choose a real date.")


def _days_rule(value: Any) -> list[dt.date]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise rules.fail("Please send the days as a list.")
    if len(value) > MAX_CAMP_DAYS:
        raise rules.fail(f"Please choose at most {MAX_CAMP_DAYS} days.")
    return sorted({_date_rule(v) for v in value})


def _time_rule(value: Any) -> str:
    import re

    if isinstance(value, str) and re.fullmatch(_HHMM_RE, value.strip()):
        return value.strip()
    raise rules.fail("Please choose a time.")


def _kind_rule(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in CART_KINDS:
        return value.strip().lower()
    raise rules.fail("Please choose a class, camp, appointment, party, product or eGift card.")


def _slot_rule(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and 0 < len(value) <= 64 and value.isascii() and value.isprintable():
        return value
    raise rules.fail("Please choose an appointment time.")


def _quote_id_rule(value: Any) -> str:
    if isinstance(value, str) and 0 < len(value) <= 64 and value.isascii() and value.isprintable():
        return value
    raise rules.fail("Please look at the amount again and pay from the new total.")


def _whole_number(what: str, low: int, high: int) -> Any:
    def check(value: Any) -> int:
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
            value = int(value.strip())
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise rules.fail(what)

    return check


def _gift_message_rule(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise rules.fail("Please enter the message as text.")
    text = value.strip()
    if len(text) > MAX_GIFT_MESSAGE:
        raise rules.fail(f"Please keep the message to {MAX_GIFT_MESSAGE} characters.")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text) or any(
        0xD800 <= ord(ch) <= 0xDFFF for ch in text
    ):
        raise rules.fail(rules.UNUSUAL_CHARACTERS)
    return text


def _flag_rule(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise rules.fail("Please send true or false.")


OptId = Annotated[int | None, BeforeValidator(_id_rule("We could not find that.", optional=True))]
OptDate = Annotated[dt.date | None, BeforeValidator(_optional(_date_rule))]


def _contract_requires(*names: str) -> ConfigDict:
    """Publish `names` as required in /openapi.json. They stay optional to pydantic so that a
    missing one is answered by the booking service with its own sentence ("Please choose a
    class."), all of a body's missing fields at once, as the contract's examples show."""
    return ConfigDict(json_schema_extra={"required": ["kind", *names]})


_Waitlist = Annotated[bool, BeforeValidator(_flag_rule)]
_Quantity = Annotated[
    int, BeforeValidator(_whole_number(f"Please choose 1 to {MAX_QUANTITY}.", 1, MAX_QUANTITY))
]


class ClassItemIn(RequestModel):
    """A class for a student from `startDate` (the first meeting on or after it)."""

    model_config = _contract_requires("classId", "studentId")

    kind: Literal["class"] = "class"
    class_id: OptId = None
    student_id: OptId = None
    start_date: OptDate = None
    waitlist: _Waitlist = Field(default=False, description="Join the waitlist of a full class.")


class CampItemIn(RequestModel):
    model_config = _contract_requires("campId", "studentId")

    kind: Literal["camp"] = "camp"
    camp_id: OptId = None
    student_id: OptId = None
    days: Annotated[list[dt.date], BeforeValidator(_days_rule)] = Field(
        default_factory=list, description="The days to book; empty: all of them."
    )
    waitlist: _Waitlist = Field(default=False, description="Ask for a place in a full camp.")


class AppointmentItemIn(RequestModel):
    model_config = _contract_requires("slotId", "studentId")

    kind: Literal["appointment"] = "appointment"
    slot_id: Annotated[str | None, BeforeValidator(_optional(_slot_rule))] = Field(
        default=None, description="The opaque `id` from /appointments/slots."
    )
    student_id: OptId = None


class PartyItemIn(RequestModel):
    model_config = _contract_requires("packageId", "date", "startTime", "guestOfHonorStudentId")

    kind: Literal["party"] = "party"
    package_id: OptId = None
    date: OptDate = None
    start_time: Annotated[str | None, BeforeValidator(_optional(_time_rule))] = Field(
        default=None, json_schema_extra={"pattern": _HHMM_RE}
    )
    guest_of_honor_student_id: OptId = None


class ProductItemIn(RequestModel):
    model_config = _contract_requires("productId")

    kind: Literal["product"] = "product"
    product_id: OptId = None
    quantity: _Quantity = Field(
        default=1, json_schema_extra={"minimum": 1, "maximum": MAX_QUANTITY}
    )


class GiftCardItemIn(RequestModel):
    model_config = _contract_requires("amountCents", "recipientEmail", "recipientName")

    kind: Literal["giftcard"] = "giftcard"
    amount_cents: Annotated[
        int | None,
        BeforeValidator(_optional(_whole_number("Please choose an amount.", 0, 10**9))),
    ] = None
    recipient_email: Annotated[str | None, BeforeValidator(_optional(rules.email_rule))] = None
    recipient_name: Annotated[
        str | None, BeforeValidator(_optional(rules.name_rule("the recipient's name")))
    ] = None
    message: Annotated[str, BeforeValidator(_gift_message_rule)] = Field(
        default="", json_schema_extra={"maxLength": MAX_GIFT_MESSAGE}
    )


_CART_ITEM_MODELS: dict[str, type[RequestModel]] = {
    "class": ClassItemIn,
    "camp": CampItemIn,
    "appointment": AppointmentItemIn,
    "party": PartyItemIn,
    "product": ProductItemIn,
    "giftcard": GiftCardItemIn,
}


class _CartKind(RequestModel):
    kind: Annotated[str, BeforeValidator(_kind_rule)] = _required()


def _by_kind(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Validate with the model of the body's `kind` so that errors name the field as sent
    ("classId", not pydantic's "class.classId"), and an unknown kind keeps its own sentence."""
    if not isinstance(value, dict):
        return handler(value)  # not an object: refused as before ("Please send ... object")
    kind = _CartKind.model_validate(value).kind  # raises the "Please choose a class, ..." error
    return _CART_ITEM_MODELS[kind].model_validate({**value, "kind": kind})


# One item to add to the cart: a union discriminated by `kind` (docs/booking-contract.md), so
# /openapi.json carries each kind's own body.
CartItemIn = Annotated[
    ClassItemIn | CampItemIn | AppointmentItemIn | PartyItemIn | ProductItemIn | GiftCardItemIn,
    Discriminator("kind"),  # not Field(discriminator=): FastAPI then nests the union twice
    WrapValidator(_by_kind),
]


class WeeklyTime(CamelModel):
    day_number: int = Field(ge=1, le=7, description="1 = Sunday .. 7 = Saturday")
    start_time: str = Field(examples=["16:30"], description="Facility time, HH:MM.")
    end_time: str = Field(examples=["17:30"], description="Facility time, HH:MM.")


class WhenData(CamelModel):
    """When (and with whom) a line happens, as data the kiosk words in the visitor's language."""

    start_date: dt.date | None = Field(default=None, description="A class's first meeting.")
    weekly: list[WeeklyTime] = Field(default_factory=list, description="A class's meetings.")
    days: list[dt.date] = Field(default_factory=list, description="The camp days booked.")
    camp_days: int | None = Field(default=None, description="How many days the camp has.")
    date: dt.date | None = Field(default=None, description="An appointment's or party's day.")
    start_time: str | None = Field(default=None, examples=["09:00"], description="HH:MM.")
    end_time: str | None = Field(default=None, examples=["15:00"], description="HH:MM.")
    staff_name: str | None = Field(default=None, description="Who an appointment is with.")
    quantity: int | None = Field(default=None, description="How many of a product.")
    recipient_name: str | None = Field(default=None, description="Whom a gift card is for.")
    recipient_email: str | None = Field(default=None, description="Where a gift card goes.")


WHEN_DOC = "Data for the kiosk to word `{}` in the visitor's language; `{}` stays for old clients."


class CartItemOut(CamelModel):
    id: int
    kind: str
    title: str
    subtitle: str
    student_id: int | None
    student_name: str
    ref_id: int | None = Field(
        description="The class, camp, appointment type, party package or product id."
    )
    start_date: dt.date | None
    days: list[dt.date]
    quantity: int
    price_cents: int = Field(description="The line's price (unit price x quantity).")
    fee_cents: int
    fee_label: str
    fee_kind: str | None = Field(
        default=None,
        examples=["registration_fee"],
        description="A code for `feeLabel` (English), for the kiosk to word; null: no fee.",
    )
    waitlist: bool
    hold_expires_at: datetime | None
    when_data: WhenData = Field(
        default_factory=WhenData, description=WHEN_DOC.format("subtitle", "subtitle")
    )


class ExpiredItem(CamelModel):
    title: str
    student_name: str


class CartOut(CamelModel):
    items: list[CartItemOut]
    subtotal_cents: int
    fees_cents: int
    tax_cents: int
    total_cents: int
    credit_available_cents: int
    hold_expires_at: datetime | None = Field(description="The soonest hold to run out.")
    expired: list[ExpiredItem] = Field(
        default_factory=list,
        description="Items whose hold ran out since the family last looked (reported once).",
    )


class PaymentIn(RequestModel):
    token: Annotated[str | None, BeforeValidator(_optional(_slot_rule))] = None
    apply_credit_cents: Annotated[
        int, BeforeValidator(_whole_number("Please send the credit in cents.", 0, 10**9))
    ] = 0
    quote_id: Annotated[str | None, BeforeValidator(_optional(_quote_id_rule))] = Field(
        default=None, description="The `quoteId` of the quote the family saw (409 if it changed)."
    )


class CheckoutRequest(RequestModel):
    payment: Annotated[PaymentIn | None, BeforeValidator(_optional(_object_rule("how to pay")))] = (
        None
    )


class OrderItemOut(CamelModel):
    kind: str
    title: str
    student_name: str
    result: str = Field(examples=["enrolled", "waitlisted", "booked", "purchased"])
    waitlist_position: int | None
    when: str = Field(description="English words, for old clients; see `whenData`.")
    when_data: WhenData = Field(
        default_factory=WhenData, description=WHEN_DOC.format("when", "when")
    )


class OrderOut(CamelModel):
    order_id: int
    status: str
    total_cents: int
    paid_cents: int
    credit_applied_cents: int = Field(default=0, description="What account credit paid.")
    charged_cents: int = Field(default=0, description="What the card or bank was charged.")
    method: str = Field(default="", examples=["Visa •••• 4242", "Account credit", ""])
    items: list[OrderItemOut]
    receipt_email: str


class BookingRefusal(ErrorMessage):
    reason: str = Field(
        examples=["full", "age", "registration_closed", "already_enrolled", "time_conflict"]
    )
    waitlist: bool | None = None


class ComingUpEvent(CamelModel):
    date: dt.date
    start_time: str
    end_time: str
    kind: str = Field(examples=["class", "camp", "appointment", "party"])
    title: str
    student_name: str
    location: str
    cancelled: bool
    note: str = Field(default="", description="Why it is cancelled, when it is.")
    class_id: int | None = None
    student_id: int | None = None
    status: str = Field(default="scheduled", examples=["scheduled", "absent", "makeup"])
    absence_id: int | None = None
    credit_earned: bool = False
    can_mark_absent: bool = False
    can_take_back: bool = False


class ComingUp(CamelModel):
    events: list[ComingUpEvent]


class AppointmentSlot(CamelModel):
    id: str = Field(description="Opaque; send it back as `slotId`.")
    type_id: int
    staff_id: int
    staff_name: str
    date: dt.date
    start_time: str
    end_time: str
    available: bool


class AppointmentSlots(CamelModel):
    slots: list[AppointmentSlot]


class PartyDay(CamelModel):
    date: dt.date
    times: list[str]


class PartyAvailabilityOut(CamelModel):
    days: list[PartyDay]


# --------------------------------------------------------------------------- payments
# docs/payments-contract.md


class TokenizeRequest(RequestModel):
    """Card or bank details; checked field by field in portal.services.payments."""

    type: Any = None
    number: Any = None
    exp_month: Any = None
    exp_year: Any = None
    cvv: Any = None
    zip: Any = None
    holder_name: Any = None
    routing_number: Any = None
    account_number: Any = None
    account_type: Any = None


class TokenizeResult(CamelModel):
    token: str
    type: str = Field(examples=["card", "echeck"])
    brand: str = Field(examples=["Visa", "Mastercard", "Amex", "Discover", "Checking"])
    last4: str


class DescriptionData(CamelModel):
    """What a charge is for, as data the kiosk words in the visitor's language with `kind`
    (e.g. tuition: "Tuition – Lisa – Girls Beginner – December"). Empty: word `description`."""

    student_name: str | None = Field(default=None, description="The student's first name.")
    item_name: str | None = Field(
        default=None, description="The class, camp, appointment type or party package."
    )
    month: int | None = Field(default=None, ge=1, le=12, description="Tuition's month, 1-12.")
    date: dt.date | None = Field(default=None, description="An appointment's or party's day.")
    recipient_name: str | None = Field(default=None, description="Whom a gift card is for.")


DESCRIPTION_DOC = (
    "Data for the kiosk to word `description` in the visitor's language; `description` stays "
    "for old clients."
)


class ChargeOut(CamelModel):
    id: int
    date: dt.date
    description: str
    kind: str = Field(
        default="",
        examples=["registration_fee", "tax", "tuition", "class", "product"],
        description="A code: the kiosk words `registration_fee` and `tax` itself.",
    )
    description_data: DescriptionData = Field(
        default_factory=DescriptionData, description=DESCRIPTION_DOC
    )
    amount_cents: int
    paid_cents: int
    due_date: dt.date | None


class ChargesOut(CamelModel):
    charges: list[ChargeOut]
    balance_due_cents: int
    credit_balance_cents: int


class PaymentOut(CamelModel):
    id: int
    date: dt.date
    amount_cents: int = Field(description="The whole payment, credit included.")
    credit_applied_cents: int
    charged_cents: int = Field(description="What the card or bank was charged.")
    method: str = Field(examples=["Visa •••• 4242", "Account credit"])
    method_kind: str = Field(
        default="",
        examples=["card", "echeck", "credit"],
        description="A code for `method`: the kiosk words `credit` (all paid with the "
        "family's credit) itself; a card's or bank's `method` is its brand and last four.",
    )
    receipt_number: str
    items: list[str]


class PaymentsOut(CamelModel):
    payments: list[PaymentOut]


class PayRequest(RequestModel):
    charge_ids: Annotated[
        list[Annotated[int, BeforeValidator(_id_rule("We could not find that charge."))]] | None,
        BeforeValidator(lambda v: None if v is None else _list_rule("charges", 200)(v)),
    ] = None
    apply_credit_cents: Annotated[
        int, BeforeValidator(_whole_number("Please send the credit in cents.", 0, 10**9))
    ] = 0
    token: Annotated[str | None, BeforeValidator(_optional(_slot_rule))] = None
    quote_id: Annotated[str | None, BeforeValidator(_optional(_quote_id_rule))] = Field(
        default=None, description="The `quoteId` of the quote the family saw (409 if it changed)."
    )


class QuoteLineOut(CamelModel):
    kind: str = Field(examples=["tuition", "registration_fee", "tax", "class", "product"])
    part: str = Field(
        description="Which total the line counts in.", examples=["subtotal", "fees", "tax"]
    )
    description: str
    description_data: DescriptionData = Field(
        default_factory=DescriptionData, description=DESCRIPTION_DOC
    )
    student_name: str = ""
    amount_cents: int
    charge_id: int | None = None


class QuoteOut(CamelModel):
    """What the family is about to pay, worked out once by the portal: every screen shows it
    and the payment charges exactly it."""

    quote_id: str = Field(description="Send it back with the payment; it names these amounts.")
    lines: list[QuoteLineOut]
    subtotal_cents: int
    fees_cents: int
    tax_cents: int
    due_cents: int = Field(description="subtotal + fees + tax")
    credit_available_cents: int
    credit_applied_cents: int
    pay_now_cents: int = Field(description="What the card or bank will be charged.")


class PaymentResult(CamelModel):
    payment_id: int
    status: str
    amount_cents: int
    credit_applied_cents: int
    charged_cents: int = Field(description="What the card or bank was charged.")
    method: str
    method_kind: str = Field(default="", examples=["card", "echeck", "credit"])
    receipt_number: str
    receipt_email: str
    charges: list[ChargeOut]


class PaymentRefusal(ErrorMessage):
    reason: str = Field(
        examples=["declined", "insufficient_funds", "processor_error", "payment_required"]
    )


# --------------------------------------------------------------------------- staff mode
# docs/staff-contract.md: PIN sign-in, family search, assisted sessions, quick-create, audit.

MAX_PIN_INPUT = 64


def _pin_rule(value: Any) -> str:
    """Any text (or a number) up to 64 characters: a malformed PIN is simply a wrong one (the
    service counts it against the throttle), never a hint about what PINs look like."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise rules.fail("Please enter your PIN.")
    if not isinstance(value, str):
        raise rules.fail("Please enter this as text.")
    return value.strip()[:MAX_PIN_INPUT]


class StaffLoginRequest(RequestModel):
    pin: Annotated[str, BeforeValidator(_pin_rule)] = _required()
    device_id: DeviceId = ""


def _text_only(value: Any) -> Any:
    """A kiosk name or pairing code is text; a number or a list is refused, not converted."""
    if value is not None and not isinstance(value, str):
        raise rules.fail("Please enter this as text.")
    return value


KioskName = Annotated[
    str,
    BeforeValidator(rules.line_rule("a name for the kiosk", required=True, max_length=100)),
    BeforeValidator(_text_only),
]
PairingCodeIn = Annotated[
    str,
    BeforeValidator(
        rules.line_rule("the pairing code staff gave you", required=True, max_length=40)
    ),
    BeforeValidator(_text_only),
]


class KioskEnrollRequest(RequestModel):
    pairing_code: PairingCodeIn = _required()
    name: KioskName = _required()


class KioskEnrolled(CamelModel):
    kiosk_id: int
    name: str
    location_id: int | None
    credential: str = Field(
        description="Keep it secret (file mode 0600) and send it as `X-Kiosk-Credential` on "
        "every call. It is shown once."
    )


class PairingCodeRequest(RequestModel):
    # strict: a JSON true is not location 1
    location_id: Annotated[int | None, Field(ge=1, le=2**31 - 1, strict=True)] = None


class PairingCodeOut(CamelModel):
    code: str = Field(examples=["K7QD-M2XA-9TRF"], description="Single use.")
    expires_at: datetime


class KioskOut(CamelModel):
    id: int
    name: str
    location_id: int | None
    enrolled_by: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked: bool
    this_kiosk: bool = Field(description="The kiosk that asked.")


class KioskList(CamelModel):
    kiosks: list[KioskOut]


class KioskRenameRequest(RequestModel):
    name: KioskName = _required()


class SecurityAlertOut(CamelModel):
    kind: str = Field(examples=["staff_pin"])
    message: str
    at: datetime


class SecurityAlerts(CamelModel):
    alerts: list[SecurityAlertOut]


class StaffRef(CamelModel):
    id: int
    first_name: str
    last_name: str


class StaffMemberOut(StaffRef):
    role: str = Field(examples=["front_desk"])


class StaffLoginResult(CamelModel):
    token: str = Field(description="Opens the staff routes only; `Authorization: Bearer <token>`.")
    expires_at: datetime
    staff: StaffMemberOut


class AssistedLoginResult(LoginResult):
    assisted_by: StaffRef = Field(description="The staff member every call is audited on.")


class StaffGuardianMatch(CamelModel):
    first_name: str
    last_name: str
    email: str
    phone: str


class StaffStudentMatch(CamelModel):
    first_name: str
    last_name: str


class StaffFamilyMatch(CamelModel):
    family_id: int
    name: str
    suspended: bool
    guardians: list[StaffGuardianMatch]
    students: list[StaffStudentMatch]
    balance_due_cents: int
    outstanding_policies: int
    check_in_blocks: list[str] = Field(
        default_factory=list,
        description="Why the family cannot self check-in (empty: it can).",
        examples=[["policies", "balance"]],
    )


class StaffFamilySearch(CamelModel):
    families: list[StaffFamilyMatch]


class QuickGuardianIn(RequestModel):
    first_name: FirstName = _required()
    last_name: LastName = _required()
    email: Email = _required()
    phone: Phone = _required()


class QuickCreateRequest(RequestModel):
    guardian: Annotated[
        QuickGuardianIn, BeforeValidator(_object_rule("the guardian's details"))
    ] = _required()
    students: Annotated[
        list[StudentItem],
        BeforeValidator(_list_rule("students", MAX_STUDENTS_PER_REQUEST)),
        AfterValidator(_at_least_one("student")),
    ] = _required()


class AuditEntryOut(CamelModel):
    at: datetime
    staff_name: str | None = Field(description="Null when no staff member is known (wrong PIN).")
    family_id: int | None
    action: str = Field(examples=["POST /family/cart/checkout", "POST /staff/login"])
    outcome: int = Field(description="The HTTP status answered.", examples=[200, 401, 403])


class AuditLog(CamelModel):
    entries: list[AuditEntryOut]


# --------------------------------------------------------------------------- self check-in
# docs/checkin-contract.md: identify a family without a password, check its students in.

CHECK_IN_METHODS = ("phone", "pin", "card")
MAX_CHECK_IN_VALUE = 64
MAX_CHECK_IN_ITEMS = 50


def _check_in_method_rule(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in CHECK_IN_METHODS:
        return value.strip().lower()
    raise rules.fail("Please choose phone, PIN or card.")


def _check_in_value_rule(value: Any) -> str:
    """Any text (or a number): what cannot match is simply not found, never a hint about what
    PINs or codes look like. Kept one character over the longest value that can match."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise rules.fail("Please enter your phone number, PIN or card.")
    if not isinstance(value, str):
        raise rules.fail("Please enter this as text.")
    return value.strip()[: MAX_CHECK_IN_VALUE + 1]


def _check_in_token_rule(value: Any) -> str:
    """A token that is missing or not text is an unknown one (401), not a form problem."""
    return value if isinstance(value, str) else ""


class CheckInIdentifyRequest(RequestModel):
    method: Annotated[str, BeforeValidator(_check_in_method_rule)] = _required()
    value: Annotated[str, BeforeValidator(_check_in_value_rule)] = _required()
    device_id: DeviceId = ""


class CheckInClassOut(CamelModel):
    class_id: int
    name: str
    start_time: str = Field(examples=["15:30"], description="Facility time, HH:MM.")
    end_time: str
    opens_at: str = Field(examples=["15:00"])
    closes_at: str = Field(examples=["15:45"])
    status: Literal["open", "too_early", "closed", "checked_in"]
    tardy: bool = Field(description="Checking in now would be late (checked_in: it was).")
    via: Literal["enrollment", "punch_pass"]
    openings: int | None = Field(description="Drop-in places left today (punch-pass classes).")
    checked_in_at: str | None = Field(description="HH:MM facility time, when checked in.")


class CheckInStudentOut(CamelModel):
    student_id: int
    display_name: str = Field(examples=["Bart S."], description="First name, last initial.")
    punches_left: int | None = Field(description="Punches left on the student's pass (null: none).")
    classes: list[CheckInClassOut]


class CheckInFamilyOut(CamelModel):
    check_in_token: str = Field(description="Opaque, bound to this family, valid 5 minutes.")
    family_name: str
    blocked: bool
    message: str | None = Field(description="'Please see the front desk.' when blocked.")
    students: list[CheckInStudentOut]


class CheckInIdentified(CamelModel):
    families: list[CheckInFamilyOut]


class CheckInItemIn(RequestModel):
    student_id: Annotated[int, BeforeValidator(_id_rule("Please choose a student."))] = _required()
    class_id: Annotated[int, BeforeValidator(_id_rule("Please choose a class."))] = _required()


class CheckInRequest(RequestModel):
    check_in_token: Annotated[str, BeforeValidator(_check_in_token_rule)] = ""
    items: Annotated[
        list[Annotated[CheckInItemIn, BeforeValidator(_object_rule("who to check in"))]],
        BeforeValidator(_list_rule("check-ins", MAX_CHECK_IN_ITEMS)),
        AfterValidator(_at_least_one("student to check in")),
    ] = _required()
    method: Annotated[str | None, BeforeValidator(_optional(_check_in_method_rule))] = None
    device_id: DeviceId = ""


class CheckedInOut(CamelModel):
    student_id: int
    class_id: int
    display_name: str
    class_name: str
    tardy: bool
    checked_in_at: str = Field(examples=["15:12"], description="HH:MM facility time.")
    punches_left: int | None


class CheckInResult(CamelModel):
    checked_in: list[CheckedInOut]
    message: str = Field(examples=["You're checked in!"])


class CheckInRefusal(ErrorMessage):
    reason: str | None = Field(
        default=None,
        examples=["not_open", "no_punches", "full", "not_found", "blocked"],
        description="Absent only when the Idempotency-Key was used for another body.",
    )


class RosterStudent(CamelModel):
    student_id: int
    name: str = Field(examples=["Bart Simpson"])
    family_id: int
    status: Literal["checked_in", "expected"]
    tardy: bool
    checked_in_at: str | None = Field(description="HH:MM facility time.")
    method: str | None = Field(examples=["phone", "pin", "card"])
    via: Literal["enrollment", "punch_pass"]


class RosterClass(CamelModel):
    class_id: int
    name: str
    start_time: str
    end_time: str
    location: str
    students: list[RosterStudent]


class CheckInRoster(CamelModel):
    date: dt.date
    classes: list[RosterClass]


class CheckInAlertOut(CamelModel):
    at: datetime
    family_id: int
    family_name: str
    reasons: list[str] = Field(examples=[["policies", "balance"]])
    detail: str = Field(examples=["2 policies to accept; owes $185.00"])


class CheckInAlerts(CamelModel):
    alerts: list[CheckInAlertOut]


# --------------------------------------------------------------------------- absences and makeups


class AbsencesIn(CamelModel):
    student_id: int = Field(ge=1, le=2**31 - 1)
    class_id: int = Field(ge=1, le=2**31 - 1)
    dates: list[dt.date] = Field(min_length=1, max_length=10)


class AbsenceOut(CamelModel):
    id: int
    student_id: int
    student_name: str
    class_id: int
    class_name: str
    date: dt.date
    start_time: str
    credit_earned: bool
    credit_id: int | None


class AbsencesOut(CamelModel):
    absences: list[AbsenceOut]
    credits_earned: int


class MakeupCreditOut(CamelModel):
    id: int
    student_id: int
    student_name: str
    class_id: int
    class_name: str
    absence_date: dt.date
    expires_on: dt.date
    status: str = Field(examples=["available", "used", "expired"])


class MakeupOut(CamelModel):
    id: int
    student_id: int
    student_name: str
    class_id: int
    class_name: str
    date: dt.date
    start_time: str
    end_time: str
    location: str


class MakeupsOut(CamelModel):
    credits: list[MakeupCreditOut]
    makeups: list[MakeupOut]


class MakeupOption(CamelModel):
    class_id: int
    class_name: str
    date: dt.date
    start_time: str
    end_time: str
    location: str
    open_seats: int


class MakeupOptions(CamelModel):
    options: list[MakeupOption]


class MakeupIn(CamelModel):
    credit_id: int = Field(ge=1, le=2**31 - 1)
    class_id: int = Field(ge=1, le=2**31 - 1)
    date: dt.date


class WatchIn(CamelModel):
    class_id: int = Field(ge=1, le=2**31 - 1)
    student_id: int = Field(ge=1, le=2**31 - 1)


class WatchOut(CamelModel):
    id: int
    class_id: int
    class_name: str
    student_id: int
    student_name: str
    created_at: dt.datetime
    alert: str | None


class WatchesOut(CamelModel):
    watches: list[WatchOut]


class AlertOut(CamelModel):
    watch_id: int
    class_name: str
    student_name: str
    message: str


class AlertsOut(CamelModel):
    alerts: list[AlertOut]


class AlertsSeenIn(CamelModel):
    watch_ids: list[Annotated[int, BeforeValidator(_id_rule("We could not find that alert."))]] = (
        Field(max_length=100)
    )
