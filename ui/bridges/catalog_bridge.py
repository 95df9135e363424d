"""The catalog screens' view-model: class list with filters, class and camp details, camps,
ProShop, Meet the Staff, location details. Reads the local cache only (instant, works offline).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    Property,
    QObject,
    QUrl,
    Signal,
    Slot,
)
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cache.repositories import CatalogRepository
from kiosk.catalog_view import (
    ClassFilter,
    age_text,
    camp_ineligibility,
    class_ineligibility,
    clock_text,
    find_class_ids,
    money_text,
    next_meetings,
    openings_text,
    other_times,
    recommend,
    schedule_text,
)
from kiosk.clock import clock
from kiosk.domain import ClassOffering, Level
from kiosk.html import sanitize_html

from .formats import format_date
from .row_model import RowModel
from .wording import opening_days, translated

_CLASS_ROLES = (
    "classId",
    "name",
    "scheduleText",
    "ageText",
    "levelName",
    "levelColor",
    "instructorText",
    "openingsText",
    "full",
    "tuitionText",
)


def _file_url(path: str | None) -> str:
    return QUrl.fromLocalFile(path).toString() if path else ""


class ClassListModel(RowModel):
    """Holds only the matching ids; the cards are read from the cache when shown, a screenful
    in one query, so 10,000 matches cost no more than 10. A card does not depend on the filter,
    so the cards read stay across searches (typing "gym" shows the same first cards again).
    A new search is told to the list as the classes that went and came (RowModel), so the
    cards still shown keep their place and their delegates."""

    READ_AHEAD = 16  # cards read with the one asked for: the rest of the screen, and a flick

    def __init__(
        self,
        describe: Callable[[list[int]], dict[int, dict[str, Any]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(_CLASS_ROLES, parent=parent)
        self._describe = describe
        self._cards: OrderedDict[int, dict[str, Any]] = OrderedDict()

    def set_ids(self, ids: list[int]) -> None:
        self.set_rows(ids)

    def forget_cards(self, *, redraw: bool = True) -> None:
        """After a change of language: reread what is on screen (`redraw` False when a new
        list follows anyway)."""
        self._cards.clear()
        if redraw and self._keys:
            self.dataChanged.emit(self.index(0), self.index(len(self._keys) - 1))

    def refresh_cards(self, new_list: Callable[[], None] = lambda: None) -> None:
        """After a sync: `new_list` (the search again), then the cards read before that are
        still listed read again, and the view told only of those that changed (an opening
        taken redraws that card, not the list, which keeps its scroll)."""
        listed = set(self._keys)
        before = {cid: card for cid, card in self._cards.items() if cid in listed}
        self._cards.clear()
        new_list()
        row_of = {class_id: row for row, class_id in enumerate(self._keys)}
        held = [class_id for class_id in before if class_id in row_of]
        if not held:
            return
        found = self._describe(held)
        for class_id in held:
            card = found.get(class_id) or {"classId": class_id, "name": ""}
            self._cards[class_id] = card
            if card != before[class_id]:
                index = self.index(row_of[class_id])
                self.dataChanged.emit(index, index)

    def _card(self, row: int) -> dict[str, Any]:
        class_id = self._keys[row]
        card = self._cards.get(class_id)
        if card is not None:
            self._cards.move_to_end(class_id)
            return card
        wanted = [i for i in self._keys[row : row + self.READ_AHEAD] if i not in self._cards]
        found = self._describe(wanted)
        for wanted_id in wanted:
            self._cards[wanted_id] = found.get(wanted_id) or {"classId": wanted_id, "name": ""}
        while len(self._cards) > 200:
            self._cards.popitem(last=False)
        return self._cards[class_id]

    def value(self, row: int, name: str) -> Any:
        return self._card(row).get(name)


class CatalogBridge(QObject):
    # One NOTIFY signal per property: a change of one list or one filter re-evaluates only
    # the bindings that read it, not every binding on the bridge.
    programsChanged = Signal()
    productsChanged = Signal()
    appointmentTypesChanged = Signal()
    partyPackagesChanged = Signal()
    staffChanged = Signal()
    locationChanged = Signal()
    locationsChanged = Signal()
    instructorsChanged = Signal()
    levelsChanged = Signal()
    widenHintsChanged = Signal()
    selectedProgramChanged = Signal()
    selectedLevelChanged = Signal()
    selectedAgeMonthsChanged = Signal()
    selectedDaysChanged = Signal()
    selectedTimeOfDayChanged = Signal()
    openingsOnlyChanged = Signal()
    selectedInstructorChanged = Signal()
    queryChanged = Signal()
    # For Python listeners: the catalog was read again (no property is notified by it).
    catalogChanged = Signal()

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        location_id: Callable[[], int | None],
        show_instructors: Callable[[], bool],
        show_tuition: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_factory = session_factory
        self._location_id = location_id
        self._show_instructors = show_instructors
        self._show_tuition = show_tuition
        self._filter = ClassFilter()
        self._levels: dict[int, Level] = {}
        self._instructor_names: list[str] = []
        self._classes = ClassListModel(self._describe_classes, self)
        self._recommended = ClassListModel(self._describe_classes, self)
        self._widen: list[str] = []
        # The lists the other catalog screens show, read from the cache at most once per
        # catalog change (a sync, another location, another language), not on every binding
        # that reads them: a property read is then a dict lookup on the GUI thread.
        self._lists: dict[str, Any] = {}

    # ----- reading the cache -----------------------------------------------------------------

    def _repo_call(self, fn: Callable[[CatalogRepository], Any]) -> Any:
        with self._session_factory() as session:
            return fn(CatalogRepository(session))

    def _describe_classes(self, class_ids: list[int]) -> dict[int, dict[str, Any]]:
        offerings = self._repo_call(lambda repo: repo.class_offerings(class_ids))
        return {class_id: self.class_card(offering) for class_id, offering in offerings.items()}

    def class_card(self, offering: ClassOffering) -> dict[str, Any]:
        level = self._levels.get(offering.level_id or -1)
        return {
            "classId": offering.id,
            "name": offering.name,
            "scheduleText": schedule_text(offering.schedule),
            "ageText": age_text(offering.min_age_months, offering.max_age_months),
            "levelName": level.name if level else "",
            "levelColor": (level.color if level and level.color else "#8a94a6"),
            "instructorText": ", ".join(offering.instructor_names)
            if self._show_instructors()
            else "",
            "openingsText": openings_text(offering.openings, offering.allow_waitlist),
            "full": offering.openings <= 0,
            "tuitionText": (
                self.tr("%1 / month").replace("%1", money_text(offering.tuition_cents))
                if self._show_tuition() and offering.tuition_cents
                else ""
            ),
        }

    @Slot()
    def reload(self) -> None:
        """The catalog changed (a sync, another location): levels, then the list."""
        lists, self._lists = self._lists, {}
        levels = self._levels_list()
        location_id = self._location_id()
        if location_id is None:
            self._tell_lists(lists)
            return
        self._levels = {
            level.id: level for level in self._repo_call(lambda repo: repo.levels(location_id))
        }
        # Read once per catalog change, not on every binding that shows the coach chips.
        self._instructor_names = [
            f"{s.first_name} {s.last_name}".strip()
            for s in self._repo_call(lambda repo: repo.staff(location_id))
            if s.is_instructor
        ]
        # Openings, times and names may have changed: no card read before this stays, and
        # the cards on screen that changed are redrawn.
        self._classes.refresh_cards(self._apply_filter)
        self._recommended.refresh_cards()
        self._tell_lists(lists)
        if self._levels_list() != levels:
            self.levelsChanged.emit()
        # Always: whether coaches are shown is the organisation's setting, which a sync changes.
        self.instructorsChanged.emit()
        self.catalogChanged.emit()

    def refresh_words(self) -> None:
        """The language changed: the cards' words again, in place (the list keeps its scroll)."""
        lists, self._lists = self._lists, {}  # their words too
        self._classes.forget_cards()
        self._recommended.forget_cards()
        self._tell_lists(lists)
        self.levelsChanged.emit()
        self.widenHintsChanged.emit()
        self.catalogChanged.emit()

    def _tell_lists(self, before: dict[str, Any]) -> None:
        """After the cached lists were dropped: each list a binding had read is read again and
        its signal emitted only when it changed; a list nobody read is read when it is."""
        for name, compute in self._list_sources().items():
            if name not in before or self._cached(name, compute) != before[name]:
                getattr(self, f"{name}Changed").emit()

    def _list_sources(self) -> dict[str, Callable[[], Any]]:
        return {
            "programs": self._programs,
            "products": self._products,
            "appointmentTypes": self._appointment_types,
            "partyPackages": self._party_packages,
            "staff": self._staff,
            "location": self._location,
            "locations": self._locations,
        }

    def _apply_filter(self) -> None:
        location_id = self._location_id()
        if location_id is None:
            self._classes.set_ids([])
            return
        with self._session_factory() as session:
            ids = find_class_ids(session, location_id, self._filter)
        self._classes.set_ids(ids)

    def _set_filter(self, **changes: Any) -> None:
        before = self._filter
        self._filter = ClassFilter(**{**before.__dict__, **changes})
        self._apply_filter()
        self._tell_filter(before)

    def _tell_filter(self, before: ClassFilter) -> None:
        """The signal of each filter property whose value changed, and no other."""
        now = self._filter
        for field, signal in (
            ("program_id", self.selectedProgramChanged),
            ("program_id", self.levelsChanged),  # a program shows its own levels
            ("level_id", self.selectedLevelChanged),
            ("age_months", self.selectedAgeMonthsChanged),
            ("days", self.selectedDaysChanged),
            ("time_of_day", self.selectedTimeOfDayChanged),
            ("openings_only", self.openingsOnlyChanged),
            ("instructor", self.selectedInstructorChanged),
            ("query", self.queryChanged),
        ):
            if getattr(before, field) != getattr(now, field):
                signal.emit()

    # ----- filters (QML calls these as the family taps) ---------------------------------------

    @Slot(int)
    def setProgram(self, program_id: int) -> None:
        self._set_filter(program_id=program_id if program_id > 0 else None, level_id=None)

    @Slot(int)
    def setLevel(self, level_id: int) -> None:
        self._set_filter(level_id=level_id if level_id > 0 else None)

    @Slot(int)
    def setAgeMonths(self, months: int) -> None:
        self._set_filter(age_months=months if months >= 0 else None)

    @Slot(int)
    def toggleDay(self, day: int) -> None:
        days = set(self._filter.days)
        days.symmetric_difference_update({day})
        self._set_filter(days=frozenset(days))

    @Slot(str)
    def setTimeOfDay(self, value: str) -> None:
        self._set_filter(time_of_day=value or None)

    @Slot(bool)
    def setOpeningsOnly(self, value: bool) -> None:
        self._set_filter(openings_only=value)

    @Slot(str)
    def setQuery(self, text: str) -> None:
        self._set_filter(query=text)

    @Slot(str)
    def setInstructor(self, name: str) -> None:
        self._set_filter(instructor=name)

    @Slot()
    def clearFilters(self) -> None:
        self._set_filter(**ClassFilter().__dict__)

    # ----- details ------------------------------------------------------------------------------

    def class_offering(self, class_id: int) -> ClassOffering | None:
        """One class as the cache has it (None: not in the cache)."""
        offering: ClassOffering | None = self._repo_call(lambda repo: repo.class_offering(class_id))
        return offering

    @Slot(int, result="QVariantMap")
    def classDetail(self, class_id: int) -> dict[str, Any]:
        offering = self.class_offering(class_id)
        if offering is None:
            return {}
        card = self.class_card(offering)
        # Again here: a cache filled by an older kiosk may still hold raw HTML.
        card["description"] = sanitize_html(
            translated(offering.translations, "description", offering.description)
        )
        card["datesText"] = (
            self.tr("Starts %1").replace("%1", format_date(offering.start_date, with_year=True))
            if offering.start_date and offering.start_date > clock.today()
            else ""
        )
        card["allowWaitlist"] = offering.allow_waitlist
        # A full class is not a dead end: the same class at other times with a free seat.
        others: list[ClassOffering] = []
        if offering.openings <= 0:
            with self._session_factory() as session:
                others = other_times(session, offering)
        card["otherTimes"] = [
            {
                "classId": other.id,
                "scheduleText": schedule_text(other.schedule),
                "openingsText": openings_text(other.openings, other.allow_waitlist),
                "instructorText": ", ".join(other.instructor_names)
                if self._show_instructors()
                else "",
            }
            for other in others
        ]
        card["startDates"] = [
            {"iso": d.isoformat(), "text": format_date(d)}
            for d in next_meetings(offering.schedule, clock.today(), 3, offering.start_date)
        ]
        return card

    @Slot(int, "QVariantList", result="QVariantList")
    def classEligibility(
        self, class_id: int, students: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Each of the family's students with why they can't join (empty when they can)."""
        offering = self._repo_call(lambda repo: repo.class_offering(class_id))
        today = clock.today()
        result = []
        for student in students:
            born = _parse_iso(student.get("birthIso", ""))
            reason = (
                class_ineligibility(str(student.get("firstName", "")), born, offering, today)
                if offering
                else None
            )
            result.append({**student, "reason": reason or ""})
        return result

    @Slot(int, result="QVariantList")
    def camps(self, type_id: int) -> list[dict[str, Any]]:
        location_id = self._location_id()
        if location_id is None:
            return []
        camps = self._repo_call(
            lambda repo: repo.camps(location_id, type_id if type_id > 0 else None)
        )
        return [self._camp_card(c) for c in camps]

    def _camp_card(self, camp: Any) -> dict[str, Any]:
        start, end = camp.start_date, camp.end_date
        dates = ""
        if start and end and start != end:
            dates = f"{format_date(start)} – {format_date(end)}"
        elif start:
            dates = format_date(start)
        return {
            "campId": camp.id,
            "name": camp.name,
            "datesText": dates,
            "timeText": f"{clock_text(camp.daily_start)} – {clock_text(camp.daily_end)}"
            if camp.daily_start
            else "",
            "ageText": self.tr("Ages %1–%2")
            .replace("%1", str(camp.min_age or 0))
            .replace("%2", str(camp.max_age or 99)),
            "priceText": money_text(camp.price_cents),
            "dayPriceText": money_text(camp.day_price_cents) if camp.allow_choose_days else "",
            "openingsText": openings_text(camp.openings, False),
            "full": camp.openings <= 0,
            "description": sanitize_html(
                translated(camp.translations, "description", camp.description)
            ),
            "allowChooseDays": camp.allow_choose_days,
            "days": [{"iso": d.isoformat(), "text": format_date(d)} for d in camp.days],
        }

    @Slot(int, result="QVariantMap")
    def campDetail(self, camp_id: int) -> dict[str, Any]:
        camp = self._repo_call(lambda repo: repo.camp(camp_id))
        return self._camp_card(camp) if camp else {}

    @Slot(int, "QVariantList", result="QVariantList")
    def campEligibility(self, camp_id: int, students: list[dict[str, Any]]) -> list[dict[str, Any]]:
        camp = self._repo_call(lambda repo: repo.camp(camp_id))
        today = clock.today()
        return [
            {
                **s,
                "reason": (
                    camp_ineligibility(
                        str(s.get("firstName", "")), _parse_iso(s.get("birthIso", "")), camp, today
                    )
                    if camp
                    else None
                )
                or "",
            }
            for s in students
        ]

    # ----- Find the Right Class ------------------------------------------------------------------

    @Slot(int, int, "QVariantList", str)
    def findRightClass(
        self, age_months: int, program_id: int, days: list[Any], time_of_day: str
    ) -> None:
        location_id = self._location_id()
        if location_id is None:
            return
        with self._session_factory() as session:
            answer = recommend(
                session,
                location_id,
                age_months=age_months,
                program_id=program_id if program_id > 0 else None,
                days=frozenset(int(d) for d in days),
                time_of_day=time_of_day or None,
            )
        self._recommended.set_ids(list(answer.class_ids))
        if list(answer.widen) != self._widen:
            self._widen = list(answer.widen)
            self.widenHintsChanged.emit()

    # ----- lists for the other catalog screens ---------------------------------------------------

    def _programs(self) -> list[dict[str, Any]]:
        location_id = self._location_id()
        if location_id is None:
            return []
        programs = self._repo_call(lambda repo: repo.programs(location_id, "class"))
        return [{"programId": p.id, "name": p.name} for p in programs]

    def _levels_list(self) -> list[dict[str, Any]]:
        # Every level the catalog carries, in its order; once a program is chosen, its own.
        chosen = self._filter.program_id
        levels = [
            lv for lv in self._levels.values() if chosen is None or lv.program_id in (None, chosen)
        ]
        return [
            {"levelId": lv.id, "name": lv.name, "color": lv.color or "#8a94a6"} for lv in levels
        ]

    def _products(self) -> list[dict[str, Any]]:
        location_id = self._location_id()
        if location_id is None:
            return []
        products = self._repo_call(lambda repo: repo.products(location_id))
        return [
            {
                "productId": p.id,
                "name": p.name,
                "description": p.short_description,
                "priceText": money_text(p.active_price_cents),
                "wasText": money_text(p.price_cents) if p.sale_price_cents is not None else "",
                "inStock": p.in_stock,
                "stockText": (
                    self.tr("Only %1 left").replace("%1", str(p.inventory_count))
                    if p.enable_inventory and 0 < (p.inventory_count or 0) <= 5
                    else ""
                ),
                "imageUrl": _file_url(p.image),
            }
            for p in products
        ]

    def _appointment_types(self) -> list[dict[str, Any]]:
        location_id = self._location_id()
        if location_id is None:
            return []
        types = self._repo_call(lambda repo: repo.appointment_types(location_id))
        return [
            {
                "typeId": t.id,
                "name": t.name,
                "description": t.description,
                "detailText": " · ".join(
                    x
                    for x in (
                        self.tr("%1 minutes").replace("%1", str(t.duration_minutes))
                        if t.duration_minutes
                        else "",
                        money_text(t.price_cents) if t.price_cents else "",
                    )
                    if x
                ),
            }
            for t in types
        ]

    def _party_packages(self) -> list[dict[str, Any]]:
        location_id = self._location_id()
        if location_id is None:
            return []
        packages = self._repo_call(lambda repo: repo.party_packages(location_id))
        return [
            {
                "packageId": p.id,
                "name": p.name,
                "description": p.description,
                "detailText": " · ".join(
                    x
                    for x in (
                        money_text(p.price_cents) if p.price_cents else "",
                        self.tr("%1 minutes").replace("%1", str(p.duration_minutes))
                        if p.duration_minutes
                        else "",
                        self.tr("up to %1 guests").replace("%1", str(p.max_guests))
                        if p.max_guests
                        else "",
                    )
                    if x
                ),
            }
            for p in packages
        ]

    def _staff(self) -> list[dict[str, Any]]:
        location_id = self._location_id()
        staff = self._repo_call(lambda repo: repo.staff(location_id))
        return [
            {
                "staffId": s.id,
                "name": f"{s.first_name} {s.last_name}".strip(),
                "title": s.title,
                "bio": s.bio,
                "photoUrl": _file_url(s.photo),
            }
            for s in staff
        ]

    def _location(self) -> dict[str, Any]:
        location_id = self._location_id()
        if location_id is None:
            return {}
        loc = self._repo_call(lambda repo: repo.location(location_id))
        if loc is None:
            return {}
        return {
            "name": loc.name,
            "address": "\n".join(
                part
                for part in (loc.address, loc.address2, f"{loc.city}, {loc.state} {loc.zip}")
                if part.strip(", ")
            ),
            "phone": loc.phone,
            "email": loc.email,
            "hours": [
                {
                    "days": opening_days(h.day_numbers, h.days),
                    "text": f"{clock_text(h.open)} – {clock_text(h.close)}",
                }
                for h in loc.hours
            ],
        }

    def _instructors(self) -> list[str]:
        return self._instructor_names if self._show_instructors() else []

    def _locations(self) -> list[dict[str, Any]]:
        locations = self._repo_call(lambda repo: repo.locations())
        return [{"locationId": loc.id, "name": loc.name, "city": loc.city} for loc in locations]

    def _cached(self, name: str, compute: Callable[[], Any]) -> Any:
        if name not in self._lists:
            self._lists[name] = compute()
        return self._lists[name]

    classes = Property(QObject, lambda self: self._classes, constant=True)
    recommended = Property(QObject, lambda self: self._recommended, constant=True)
    widenHints = Property("QVariantList", lambda self: self._widen, notify=widenHintsChanged)
    programs = Property(
        "QVariantList",
        lambda self: self._cached("programs", self._programs),
        notify=programsChanged,
    )
    levels = Property("QVariantList", _levels_list, notify=levelsChanged)
    products = Property(
        "QVariantList",
        lambda self: self._cached("products", self._products),
        notify=productsChanged,
    )
    appointmentTypes = Property(
        "QVariantList",
        lambda self: self._cached("appointmentTypes", self._appointment_types),
        notify=appointmentTypesChanged,
    )
    partyPackages = Property(
        "QVariantList",
        lambda self: self._cached("partyPackages", self._party_packages),
        notify=partyPackagesChanged,
    )
    staff = Property(
        "QVariantList", lambda self: self._cached("staff", self._staff), notify=staffChanged
    )
    location = Property(
        "QVariantMap", lambda self: self._cached("location", self._location), notify=locationChanged
    )
    locations = Property(
        "QVariantList",
        lambda self: self._cached("locations", self._locations),
        notify=locationsChanged,
    )
    selectedProgram = Property(
        int, lambda self: self._filter.program_id or 0, notify=selectedProgramChanged
    )
    selectedLevel = Property(
        int, lambda self: self._filter.level_id or 0, notify=selectedLevelChanged
    )
    selectedAgeMonths = Property(
        int,
        lambda self: self._filter.age_months if self._filter.age_months is not None else -1,
        notify=selectedAgeMonthsChanged,
    )
    selectedDays = Property(
        "QVariantList", lambda self: sorted(self._filter.days), notify=selectedDaysChanged
    )
    selectedTimeOfDay = Property(
        str, lambda self: self._filter.time_of_day or "", notify=selectedTimeOfDayChanged
    )
    openingsOnly = Property(
        bool, lambda self: self._filter.openings_only, notify=openingsOnlyChanged
    )
    instructors = Property("QVariantList", _instructors, notify=instructorsChanged)
    selectedInstructor = Property(
        str, lambda self: self._filter.instructor, notify=selectedInstructorChanged
    )
    query = Property(str, lambda self: self._filter.query, notify=queryChanged)


def _parse_iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
