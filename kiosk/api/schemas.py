"""Pydantic models of what travels on the wire: the sync feed and the iClassPro-style open API.

Every model is tolerant: unknown keys are ignored, ``null`` means "use the default", empty strings
mean "no date"/"no value", and a list item that cannot be read is dropped rather than sinking the
whole record. A record that still cannot be read is skipped by `parse_records` with a warning that
names only its id.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic.alias_generators import to_camel

from kiosk import domain
from kiosk.html import sanitize_html

log = logging.getLogger(__name__)

DAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")  # dayNumber 1..7

# ----- tolerant scalar types ---------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _loose_str(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    return value


def _opt_str(value: Any) -> Any:
    if _blank(value):
        return None
    return _loose_str(value)


def _to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d+\.0*", text):
            return int(text.split(".")[0])
    return None


def _opt_int(value: Any) -> int | None:
    """Whole numbers from ints or numeric strings; blanks and nonsense become None."""
    if _blank(value):
        return None
    return _to_int(value)


def _id(value: Any) -> Any:
    """Ids must be readable: a bad id fails the record (it is then skipped and logged)."""
    number = _to_int(value)
    return number if number is not None else value


def _loose_bool(value: Any) -> Any:
    if value is None:
        return False
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("1", "true", "yes", "y", "on", "t"):
            return True
        if text in ("", "0", "false", "no", "n", "off", "f", "null", "none"):
            return False
    if isinstance(value, int | float):
        return bool(value)
    return value


def _opt_float(value: Any) -> float | None:
    if _blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "").lstrip("$"))
        except ValueError:
            return None
    return None


def parse_date(value: Any) -> date | None:
    """ISO dates, ISO timestamps and US MM/DD/YYYY; empty strings and zero dates are None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip() or value.startswith("0000"):
        return None
    text = value.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the usual ISO date, fast
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    parsed = parse_datetime(text)
    return parsed.date() if parsed else None


def parse_datetime(value: Any) -> datetime | None:
    """ISO 8601 timestamps (naive ones are taken as UTC); blanks and nonsense are None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str) or not value.strip() or value.startswith("0000"):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        day = None
        for fmt in ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y"):
            try:
                day = datetime.strptime(text, fmt)
                break
            except ValueError:
                pass
        if day is None:
            return None
        parsed = day
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_CLOCK_RE = re.compile(
    r"(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?:(?P<ap>[ap])\.?\s*m?\.?)?"
)


def parse_clock(value: Any) -> str | None:
    """'3:30PM', '3:30 pm', '3pm', '15:30', '15:30:00' -> '15:30'; anything else -> None."""
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if not isinstance(value, str):
        return None
    match = _CLOCK_RE.fullmatch(value.strip().lower())
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if minute > 59:
        return None
    if match["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ap"] == "p" else 0)
    elif hour > 24 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


def clock_minutes(value: str | None) -> int | None:
    """'15:30' -> 930 (minutes after midnight)."""
    if not value:
        return None
    hours, _, minutes = value.partition(":")
    return int(hours) * 60 + int(minutes or 0)


def _clock(value: Any) -> Any:
    if _blank(value):
        return None
    return parse_clock(value)


def _none_to_empty_dict(value: Any) -> Any:
    return {} if value is None else value


def _names(value: Any) -> Any:
    """Instructors arrive as names, or as objects with firstName/lastName/name."""
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    names = []
    for item in value:
        if isinstance(item, Mapping):
            full = item.get("name") or " ".join(
                str(part) for part in (item.get("firstName"), item.get("lastName")) if part
            )
            if full:
                names.append(str(full))
        elif isinstance(item, str | int) and str(item).strip():
            names.append(str(item).strip())
    return names


def _paths(value: Any) -> Any:
    """Image lists arrive as paths, or as objects with url/path/image."""
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    paths = []
    for item in value:
        if isinstance(item, Mapping):
            item = item.get("url") or item.get("path") or item.get("image")
        if isinstance(item, str) and item.strip():
            paths.append(item.strip())
    return paths


def _tolerant_items(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Validate a list; if some items are unreadable, keep the readable ones."""
    if value is None:
        return handler([])
    if not isinstance(value, list | tuple):
        value = [value]
    try:
        return handler(value)
    except PydanticValidationError:
        kept = []
        for item in value:
            try:
                handler([item])
            except PydanticValidationError:
                continue
            kept.append(item)
        return handler(kept)


LooseStr = Annotated[str, BeforeValidator(_loose_str)]
OptStr = Annotated[str | None, BeforeValidator(_opt_str)]
# Organisation HTML (class and camp descriptions): whatever a portal or an iClassPro account sends
# is reduced to the allow-list before it reaches the cache or a screen.
SafeHtml = Annotated[str, AfterValidator(sanitize_html), BeforeValidator(_loose_str)]
OptInt = Annotated[int | None, BeforeValidator(_opt_int)]
OptFloat = Annotated[float | None, BeforeValidator(_opt_float)]
Id = Annotated[int, BeforeValidator(_id)]
LooseBool = Annotated[bool, BeforeValidator(_loose_bool)]
OptDate = Annotated[date | None, BeforeValidator(parse_date)]
OptDateTime = Annotated[datetime | None, BeforeValidator(parse_datetime)]
Clock = Annotated[str | None, BeforeValidator(_clock)]

T = TypeVar("T")
ItemList = Annotated[list[T], WrapValidator(_tolerant_items)]


def _translations(value: Any) -> dict[str, dict[str, str]]:
    """{"es": {"title": "..."}}; anything else in it (a null, a number, a list) is dropped."""
    if not isinstance(value, Mapping):
        return {}
    return {
        str(language): {str(k): v for k, v in fields.items() if isinstance(v, str) and v.strip()}
        for language, fields in value.items()
        if isinstance(fields, Mapping)
    }


def _day_numbers(value: Any) -> list[int]:
    if not isinstance(value, list | tuple):
        return []
    return [n for n in value if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 7]


def _sanitized_descriptions(value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """A translated description is organisation HTML too: the same allow-list."""
    for fields in value.values():
        if "description" in fields:
            fields["description"] = sanitize_html(fields["description"])
    return value


Translations = Annotated[dict[str, dict[str, str]], BeforeValidator(_translations)]
# Classes' and camps' translations carry HTML descriptions.
HtmlTranslations = Annotated[
    dict[str, dict[str, str]],
    AfterValidator(_sanitized_descriptions),
    BeforeValidator(_translations),
]
DayNumbers = Annotated[list[int], BeforeValidator(_day_numbers)]


class WireModel(BaseModel):
    """camelCase on the wire, snake_case in Python; unknown keys ignored; null means default."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True
    )

    @model_validator(mode="before")
    @classmethod
    def _nulls_mean_default(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {k: v for k, v in data.items() if v is not None}
        return data


M = TypeVar("M", bound=BaseModel)


def record_label(item: Any) -> str:
    """The id of a raw record for a log line (never any other field: they may be personal)."""
    if isinstance(item, Mapping):
        raw = item.get("id")
        if isinstance(raw, int | str) and not isinstance(raw, bool):
            return str(raw)[:40]
    return "?"


def parse_record(model: type[M], item: Any, what: str) -> M | None:
    try:
        return model.model_validate(item)
    except PydanticValidationError as exc:
        fields = sorted({".".join(str(p) for p in err["loc"]) for err in exc.errors()})
        log.warning(
            "skipped %s record id=%s that could not be read (fields: %s)",
            what,
            record_label(item),
            ", ".join(fields)[:200],
        )
        return None


def parse_records(model: type[M], items: Iterable[Any] | None, what: str) -> list[M]:
    """Each readable record as `model`; unreadable ones are skipped and logged by id."""
    parsed = (parse_record(model, item, what) for item in items or ())
    return [record for record in parsed if record is not None]


# ----- organisation settings ---------------------------------------------------------------


class FeaturesWire(WireModel):
    pro_shop: LooseBool = True
    welcome_info: LooseBool = True
    find_the_right_class: LooseBool = True
    appointments: LooseBool = True
    parties: LooseBool = True
    meet_the_staff: LooseBool = True
    mobile_app: LooseBool = False
    show_instructors: LooseBool = True
    show_tuition: LooseBool = True
    check_in: LooseBool = False

    def to_domain(self) -> domain.Features:
        return domain.Features(**self.model_dump())


class WelcomeInfoWire(WireModel):
    title: LooseStr = ""
    body: LooseStr = ""


class BrandingWire(WireModel):
    primary_color: LooseStr = "#1b5e9e"
    secondary_color: LooseStr = "#f2a900"
    logo: OptStr = None


class MobileAppLinksWire(WireModel):
    ios: LooseStr = ""
    android: LooseStr = ""


MediaResolver = Callable[[str], str | None]


def _resolve(path: str | None, resolve: MediaResolver | None) -> str | None:
    if not path or resolve is None:
        return None
    return resolve(path)


class OrgSettingsWire(WireModel):
    name: LooseStr
    account: LooseStr = ""
    timezone: LooseStr = "UTC"
    currency: LooseStr = "USD"
    locale: LooseStr = "en_US"
    default_location_id: OptInt = None
    features: Annotated[FeaturesWire, BeforeValidator(_none_to_empty_dict)] = Field(
        default_factory=FeaturesWire
    )
    welcome_info: WelcomeInfoWire | None = None
    branding: Annotated[BrandingWire, BeforeValidator(_none_to_empty_dict)] = Field(
        default_factory=BrandingWire
    )
    idle_timeout_seconds: int = Field(default=90, ge=0)
    idle_warning_seconds: int = Field(default=15, ge=0)
    session_cap_seconds: int = Field(default=900, ge=0)
    cart_hold_seconds: int = Field(default=600, ge=0)
    mobile_app_links: Annotated[MobileAppLinksWire, BeforeValidator(_none_to_empty_dict)] = Field(
        default_factory=MobileAppLinksWire
    )

    @model_validator(mode="before")
    @classmethod
    def _unreadable_numbers_mean_default(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        numbers = (
            "idleTimeoutSeconds",
            "idleWarningSeconds",
            "sessionCapSeconds",
            "cartHoldSeconds",
        )
        cleaned = dict(data)
        for key in numbers:
            if key in cleaned:
                value = _opt_int(cleaned[key])
                if value is None or value < 0:
                    del cleaned[key]
                else:
                    cleaned[key] = value
        return cleaned

    def media_paths(self) -> list[str]:
        return [self.branding.logo] if self.branding.logo else []

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.OrgSettings:
        """`resolve_media` maps a portal image path to a local file (None: not downloaded)."""
        welcome = self.welcome_info
        return domain.OrgSettings(
            name=self.name,
            account=self.account,
            timezone=self.timezone,
            currency=self.currency,
            locale=self.locale,
            default_location_id=self.default_location_id,
            features=self.features.to_domain(),
            welcome_info=(
                domain.WelcomeInfo(title=welcome.title, body=welcome.body)
                if welcome and (welcome.title or welcome.body)
                else None
            ),
            branding=domain.Branding(
                primary_color=self.branding.primary_color,
                secondary_color=self.branding.secondary_color,
                logo=_resolve(self.branding.logo, resolve_media),
            ),
            idle_timeout_seconds=self.idle_timeout_seconds,
            idle_warning_seconds=self.idle_warning_seconds,
            session_cap_seconds=self.session_cap_seconds,
            cart_hold_seconds=self.cart_hold_seconds,
            mobile_app_links=domain.MobileAppLinks(
                ios=self.mobile_app_links.ios, android=self.mobile_app_links.android
            ),
        )


# ----- the change feed ---------------------------------------------------------------------


class Change(WireModel):
    seq: int
    entity: LooseStr
    id: LooseStr
    op: LooseStr
    data: dict[str, Any] | None = None


class ChangePage(WireModel):
    changes: list[Change] = Field(default_factory=list)
    cursor: int
    has_more: LooseBool = False
    latest: OptInt = None
    skipped: int = 0  # changes in this page the kiosk could not read (counted, logged by seq)

    @model_validator(mode="before")
    @classmethod
    def _drop_unreadable_changes(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or not isinstance(data.get("changes"), list):
            return data
        kept, skipped = [], 0
        for raw in data["changes"]:
            try:
                kept.append(Change.model_validate(raw))
            except PydanticValidationError:
                skipped += 1
                seq = raw.get("seq") if isinstance(raw, Mapping) else None
                log.warning("skipped an unreadable change in the feed (seq=%s)", seq)
        return {**data, "changes": kept, "skipped": skipped}


class HoursWire(WireModel):
    days: LooseStr = ""
    open: Clock = None
    close: Clock = None
    day_numbers: DayNumbers = Field(default_factory=list)


class LocationWire(WireModel):
    id: Id
    name: LooseStr
    email: LooseStr = ""
    phone: LooseStr = ""
    address: LooseStr = ""
    address2: LooseStr = ""
    city: LooseStr = ""
    state: LooseStr = ""
    zip: LooseStr = ""
    country: LooseStr = ""
    primary_color: OptStr = None
    secondary_color: OptStr = None
    logo: OptStr = None
    hours: ItemList[HoursWire] = Field(default_factory=list)
    sort_order: OptInt = None

    def media_paths(self) -> list[str]:
        return [self.logo] if self.logo else []

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.Location:
        return domain.Location(
            id=self.id,
            name=self.name,
            email=self.email,
            phone=self.phone,
            address=self.address,
            address2=self.address2,
            city=self.city,
            state=self.state,
            zip=self.zip,
            hours=tuple(
                domain.OpeningHours(
                    days=h.days,
                    open=h.open or "",
                    close=h.close or "",
                    day_numbers=tuple(h.day_numbers),
                )
                for h in self.hours
            ),
            country=self.country,
            logo=_resolve(self.logo, resolve_media),
        )


class BookingMenuWire(WireModel):
    id: Id
    location_id: Id
    sort_order: OptInt = None
    title: LooseStr
    sub_title: LooseStr = ""
    image: OptStr = None
    target: LooseStr
    type_id: OptInt = None
    translations: Translations = Field(default_factory=dict)

    def media_paths(self) -> list[str]:
        return [self.image] if self.image else []

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.BookingMenuItem:
        return domain.BookingMenuItem(
            id=self.id,
            location_id=self.location_id,
            title=self.title,
            sub_title=self.sub_title,
            target=self.target,
            type_id=self.type_id,
            image=_resolve(self.image, resolve_media),
            translations=self.translations,
        )


class ProgramWire(WireModel):
    id: Id
    location_id: OptInt = None
    kind: LooseStr = "class"
    name: LooseStr
    description: LooseStr = ""

    def to_domain(self) -> domain.Program:
        return domain.Program(
            id=self.id,
            name=self.name,
            kind=self.kind,
            location_id=self.location_id,
            description=self.description,
        )


class LevelWire(WireModel):
    id: Id
    location_id: OptInt = None
    program_id: OptInt = None
    name: LooseStr
    color: OptStr = None
    text_color: OptStr = None
    sort_order: OptInt = None

    def to_domain(self) -> domain.Level:
        return domain.Level(
            id=self.id,
            name=self.name,
            program_id=self.program_id,
            location_id=self.location_id,
            color=self.color,
            text_color=self.text_color,
        )


class StaffWire(WireModel):
    id: Id
    location_id: OptInt = None
    first_name: LooseStr = ""
    last_name: LooseStr = ""
    title: LooseStr = ""
    bio: LooseStr = ""
    photo: OptStr = None
    is_instructor: LooseBool = False
    show_on_portal: LooseBool = True
    sort_order: OptInt = None

    def media_paths(self) -> list[str]:
        return [self.photo] if self.photo else []

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.StaffMember:
        return domain.StaffMember(
            id=self.id,
            first_name=self.first_name,
            last_name=self.last_name,
            title=self.title,
            bio=self.bio,
            photo=_resolve(self.photo, resolve_media),
            is_instructor=self.is_instructor,
            location_id=self.location_id,
        )


class ScheduleWire(WireModel):
    day_number: Annotated[int, Field(ge=1, le=7), BeforeValidator(_id)]
    day_name: LooseStr = ""
    start_time: Clock
    end_time: Clock = None

    @model_validator(mode="after")
    def _complete(self) -> ScheduleWire:
        if self.start_time is None:
            raise ValueError("a schedule slot needs a start time")
        if not self.day_name:
            object.__setattr__(self, "day_name", DAY_NAMES[self.day_number - 1])
        return self

    def to_domain(self) -> domain.ScheduleSlot:
        return domain.ScheduleSlot(
            day_number=self.day_number,
            day_name=self.day_name,
            start_time=self.start_time or "",
            end_time=self.end_time or "",
        )


class ClassWire(WireModel):
    id: Id
    location_id: Id
    program_id: OptInt = None
    level_id: OptInt = None
    name: LooseStr
    description: SafeHtml = ""
    min_age_months: OptInt = None
    max_age_months: OptInt = None
    schedule: ItemList[ScheduleWire] = Field(default_factory=list)
    instructor_ids: ItemList[Id] = Field(default_factory=list)
    instructor_names: Annotated[list[str], BeforeValidator(_names)] = Field(default_factory=list)
    capacity: OptInt = None
    enrolled: OptInt = None
    openings: OptInt = None
    allow_waitlist: LooseBool = False
    waitlist_count: OptInt = None
    allow_web_registration: LooseBool = True
    tuition_cents: OptInt = None
    tuition_period: LooseStr = "month"
    start_date: OptDate = None
    end_date: OptDate = None
    image: OptStr = None
    translations: HtmlTranslations = Field(default_factory=dict)

    @property
    def days_mask(self) -> int:
        """Bit (dayNumber - 1) set for every weekday the class meets (bit 0 = Sunday)."""
        mask = 0
        for slot in self.schedule:
            mask |= 1 << (slot.day_number - 1)
        return mask

    @property
    def earliest_start_minute(self) -> int | None:
        minutes = [clock_minutes(slot.start_time) for slot in self.schedule]
        known = [m for m in minutes if m is not None]
        return min(known) if known else None

    def search_text(self) -> str:
        return " ".join([self.name, *self.instructor_names]).lower()

    def to_domain(self) -> domain.ClassOffering:
        capacity = self.capacity or 0
        openings = self.openings
        if openings is None:
            openings = max(capacity - (self.enrolled or 0), 0)
        return domain.ClassOffering(
            id=self.id,
            location_id=self.location_id,
            name=self.name,
            program_id=self.program_id,
            level_id=self.level_id,
            min_age_months=self.min_age_months,
            max_age_months=self.max_age_months,
            schedule=tuple(slot.to_domain() for slot in self.schedule),
            instructor_names=tuple(self.instructor_names),
            capacity=capacity,
            openings=openings,
            allow_waitlist=self.allow_waitlist,
            tuition_cents=self.tuition_cents,
            description=self.description,
            start_date=self.start_date,
            end_date=self.end_date,
            translations=self.translations,
        )


class CampTypeWire(WireModel):
    id: Id
    location_id: OptInt = None
    name: LooseStr
    plural_name: LooseStr = ""
    sort_order: OptInt = None

    def to_domain(self) -> domain.CampType:
        return domain.CampType(id=self.id, name=self.name, plural_name=self.plural_name)


class CampWire(WireModel):
    id: Id
    location_id: Id
    type_id: OptInt = None
    program_id: OptInt = None
    name: LooseStr
    description: SafeHtml = ""
    min_age: OptInt = None
    max_age: OptInt = None
    start_date: OptDate = None
    end_date: OptDate = None
    days: ItemList[Annotated[date, BeforeValidator(parse_date)]] = Field(default_factory=list)
    daily_start: Clock = None
    daily_end: Clock = None
    price_cents: OptInt = None
    day_price_cents: OptInt = None
    capacity: OptInt = None
    openings: OptInt = None
    allow_choose_days: LooseBool = False
    image: OptStr = None
    translations: HtmlTranslations = Field(default_factory=dict)

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.Camp:
        return domain.Camp(
            id=self.id,
            location_id=self.location_id,
            name=self.name,
            type_id=self.type_id,
            description=self.description,
            min_age=self.min_age,
            max_age=self.max_age,
            start_date=self.start_date,
            end_date=self.end_date,
            days=tuple(self.days),
            daily_start=self.daily_start or "",
            daily_end=self.daily_end or "",
            price_cents=self.price_cents,
            day_price_cents=self.day_price_cents,
            capacity=self.capacity or 0,
            openings=self.openings or 0,
            allow_choose_days=self.allow_choose_days,
            image=_resolve(self.image, resolve_media),
            translations=self.translations,
        )


class PartyPackageWire(WireModel):
    id: Id
    location_id: OptInt = None
    name: LooseStr
    description: LooseStr = ""
    price_cents: OptInt = None
    duration_minutes: OptInt = None
    max_guests: OptInt = None

    def to_domain(self) -> domain.PartyPackage:
        return domain.PartyPackage(
            id=self.id,
            name=self.name,
            description=self.description,
            price_cents=self.price_cents or 0,
            duration_minutes=self.duration_minutes or 0,
            max_guests=self.max_guests or 0,
        )


class AppointmentTypeWire(WireModel):
    id: Id
    location_id: OptInt = None
    program_id: OptInt = None
    name: LooseStr
    description: LooseStr = ""
    duration_minutes: OptInt = None
    price_cents: OptInt = None
    staff_ids: ItemList[Id] = Field(default_factory=list)

    def to_domain(self) -> domain.AppointmentType:
        return domain.AppointmentType(
            id=self.id,
            name=self.name,
            description=self.description,
            duration_minutes=self.duration_minutes or 0,
            price_cents=self.price_cents or 0,
            staff_ids=tuple(self.staff_ids),
        )


class ProductWire(WireModel):
    id: Id
    location_id: OptInt = None
    name: LooseStr
    sku: LooseStr = ""
    price_cents: OptInt = None
    sale_price_cents: OptInt = None
    inventory_count: OptInt = None
    enable_inventory: LooseBool = False
    images: Annotated[list[str], BeforeValidator(_paths)] = Field(default_factory=list)
    short_description: LooseStr = ""
    tax_rate: OptFloat = None

    def media_paths(self) -> list[str]:
        return [path for path in self.images if path]

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.Product:
        first = next(iter(self.media_paths()), None)
        return domain.Product(
            id=self.id,
            name=self.name,
            price_cents=self.price_cents or 0,
            sale_price_cents=self.sale_price_cents,
            inventory_count=self.inventory_count,
            enable_inventory=self.enable_inventory,
            image=_resolve(first, resolve_media),
            short_description=self.short_description,
        )


class NewsWire(WireModel):
    id: Id
    location_id: OptInt = None
    title: LooseStr
    summary: LooseStr = ""
    body: LooseStr = ""
    image: OptStr = None
    published_at: OptDateTime = None
    sort_order: OptInt = None
    translations: Translations = Field(default_factory=dict)

    def media_paths(self) -> list[str]:
        return [self.image] if self.image else []

    def to_domain(self, resolve_media: MediaResolver | None = None) -> domain.NewsItem:
        return domain.NewsItem(
            id=self.id,
            title=self.title,
            summary=self.summary,
            body=self.body,
            image=_resolve(self.image, resolve_media),
            published_at=self.published_at,
            location_id=self.location_id,
            translations=self.translations,
        )


class PolicyWire(WireModel):
    id: Id
    kind: LooseStr = "family"
    title: LooseStr
    body: LooseStr = ""
    version: LooseStr = ""
    required: LooseBool = True


ENTITY_MODELS: dict[str, type[WireModel]] = {
    "settings": OrgSettingsWire,
    "location": LocationWire,
    "booking_menu": BookingMenuWire,
    "program": ProgramWire,
    "level": LevelWire,
    "staff": StaffWire,
    "class": ClassWire,
    "camp_type": CampTypeWire,
    "camp": CampWire,
    "party_package": PartyPackageWire,
    "appointment_type": AppointmentTypeWire,
    "product": ProductWire,
    "news": NewsWire,
    "policy": PolicyWire,
}

# Entities whose images the landing page and dashboard need offline.
MEDIA_ENTITIES = ("settings", "location", "booking_menu", "news", "staff", "product")


def media_paths(record: WireModel) -> list[str]:
    getter = getattr(record, "media_paths", None)
    return list(getter()) if callable(getter) else []


# ----- the iClassPro-compatible open API (PORTAL_API.md section 1) --------------------------


def _age_months(years: int | None, months: int | None) -> int | None:
    if years is None and months is None:
        return None
    return (years or 0) * 12 + (months or 0)


def _money_cents(value: Any) -> int | None:
    if _blank(value) or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("$"))
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    return int((amount * 100).to_integral_value())


class OpenLocation(WireModel):
    id: Id
    name: LooseStr
    email: LooseStr = ""
    phone: LooseStr = ""
    url: LooseStr = ""
    address: LooseStr = ""
    address2: LooseStr = ""
    city: LooseStr = ""
    state: LooseStr = ""
    zip: LooseStr = ""
    country: LooseStr = ""
    active: LooseBool = True
    primary_color: OptStr = None
    secondary_color: OptStr = None
    logo: OptStr = None
    header_image: OptStr = None
    show_address_on_portal: LooseBool = True
    show_phone_number_on_portal: LooseBool = True

    def to_domain(self) -> domain.Location:
        return domain.Location(
            id=self.id,
            name=self.name,
            email=self.email,
            phone=self.phone,
            address=self.address,
            address2=self.address2,
            city=self.city,
            state=self.state,
            zip=self.zip,
            country=self.country,
        )


class OpenBookingItem(WireModel):
    title: LooseStr
    sub_title: LooseStr = ""
    plural_title: LooseStr = ""
    image: OptStr = None
    target: LooseStr
    target_params: Annotated[dict[str, Any], BeforeValidator(_none_to_empty_dict)] = Field(
        default_factory=dict
    )

    @property
    def type_id(self) -> int | None:
        return _opt_int(self.target_params.get("typeId"))


class OpenProgram(WireModel):
    id: Id
    name: LooseStr


class OpenLevel(WireModel):
    id: Id
    sort_order: OptInt = None
    name: LooseStr
    color: OptStr = None
    text_color: OptStr = None
    image: OptStr = None


class OpenInstructor(WireModel):
    id: Id
    first_name: LooseStr = ""
    last_name: LooseStr = ""


class OpenSession(WireModel):
    id: Id
    name: LooseStr
    start_date: OptDate = None


class OpenScheduleSlot(WireModel):
    day_number: Annotated[int, Field(ge=1, le=7), BeforeValidator(_id)]
    day_name: LooseStr = ""
    start_time: Clock = None  # normalised to 24 h "HH:MM"
    end_time: Clock = None
    time_stamp: OptInt = None  # seconds after midnight
    ts_id: OptStr = None

    @model_validator(mode="after")
    def _complete(self) -> OpenScheduleSlot:
        if self.start_time is None and self.time_stamp is not None and self.time_stamp >= 0:
            minutes = self.time_stamp // 60
            object.__setattr__(self, "start_time", f"{minutes // 60:02d}:{minutes % 60:02d}")
        if self.start_time is None:
            raise ValueError("a schedule slot needs a start time")
        if not self.day_name:
            object.__setattr__(self, "day_name", DAY_NAMES[self.day_number - 1])
        return self

    def to_domain(self) -> domain.ScheduleSlot:
        return domain.ScheduleSlot(
            day_number=self.day_number,
            day_name=self.day_name,
            start_time=self.start_time or "",
            end_time=self.end_time or "",
        )


class OpenClassDates(WireModel):
    start: OptDate = None
    end: OptDate = None
    reg_start: OptDate = None
    reg_end: OptDate = None
    priority_start: OptDate = None
    priority_end: OptDate = None


class OpenClass(WireModel):
    id: Id
    name: LooseStr
    min_age_year: OptInt = None
    min_age_month: OptInt = None
    max_age_year: OptInt = None
    max_age_month: OptInt = None
    schedule: ItemList[OpenScheduleSlot] = Field(default_factory=list)
    program_id: OptInt = None
    level_id: OptInt = None
    instructors: Annotated[list[str], BeforeValidator(_names)] = Field(default_factory=list)
    allow_web_registration: LooseBool = True
    show_openings: LooseBool = True
    openings: OptInt = None
    future_openings: OptInt = None
    allow_waitlist: LooseBool = False
    auto_approve: LooseBool = False
    dates: Annotated[OpenClassDates, BeforeValidator(_none_to_empty_dict)] = Field(
        default_factory=OpenClassDates
    )
    image: OptStr = None
    sessions: ItemList[Any] = Field(default_factory=list)
    start_date: OptDate = None
    end_date: OptDate = None
    description: SafeHtml = ""  # only on GET /classes/{id}

    @property
    def min_age_months(self) -> int | None:
        return _age_months(self.min_age_year, self.min_age_month)

    @property
    def max_age_months(self) -> int | None:
        return _age_months(self.max_age_year, self.max_age_month)

    def to_domain(self, location_id: int) -> domain.ClassOffering:
        openings = self.openings or 0
        return domain.ClassOffering(
            id=self.id,
            location_id=location_id,
            name=self.name,
            program_id=self.program_id,
            level_id=self.level_id,
            min_age_months=self.min_age_months,
            max_age_months=self.max_age_months,
            schedule=tuple(slot.to_domain() for slot in self.schedule),
            instructor_names=tuple(self.instructors),
            capacity=openings,  # the open API does not publish capacity
            openings=openings,
            allow_waitlist=self.allow_waitlist,
            tuition_cents=None,
            description=self.description,
            start_date=self.start_date or self.dates.start,
            end_date=self.end_date or self.dates.end,
        )


class OpenCamp(WireModel):
    id: Id
    name: LooseStr
    program_id: OptInt = None
    type_id: OptInt = None
    min_age: OptInt = None
    max_age: OptInt = None
    start_date: OptDate = None
    end_date: OptDate = None
    registration_start_date: OptDate = None
    registration_end_date: OptDate = None
    schedule: ItemList[OpenScheduleSlot] = Field(default_factory=list)
    has_openings: LooseBool = False
    openings: OptInt = None
    openings_display: LooseStr = ""
    allow_choose_days: LooseBool = False
    allow_to_request_camp_that_is_full: LooseBool = False
    image: OptStr = None
    description: SafeHtml = ""
    program_name: LooseStr = ""
    instructors: Annotated[list[str], BeforeValidator(_names)] = Field(default_factory=list)


class OpenProduct(WireModel):
    id: Id
    name: LooseStr
    sku: LooseStr = ""
    price: OptFloat = None
    sale_price: OptFloat = None
    active_price: OptFloat = None
    sale: LooseBool = False
    inventory_count: OptInt = None
    enable_inventory: LooseBool = False
    images: Annotated[list[str], BeforeValidator(_paths)] = Field(default_factory=list)
    short_description: LooseStr = ""
    tax_rate: OptFloat = None
    show_on_customer_portal: LooseBool = True

    @property
    def price_cents(self) -> int | None:
        price = self.active_price if self.active_price is not None else self.price
        return _money_cents(price)


class OpenNews(WireModel):
    id: Id
    title: LooseStr
    body: LooseStr = ""
    created_at: OptDateTime = None

    def to_domain(self) -> domain.NewsItem:
        return domain.NewsItem(
            id=self.id,
            title=self.title,
            summary="",
            body=self.body,
            image=None,
            published_at=self.created_at,
        )
