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
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
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


class ClassListModel(QAbstractListModel):
    """Holds only the matching ids; the cards are read from the cache when shown, a screenful
    in one query, so 10,000 matches cost no more than 10. A card does not depend on the filter,
    so the cards read stay across searches (typing "gym" shows the same first cards again)."""

    countChanged = Signal()

    READ_AHEAD = 16  # cards read with the one asked for: the rest of the screen, and a flick

    def __init__(
        self,
        describe: Callable[[list[int]], dict[int, dict[str, Any]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._describe = describe
        self._cards: OrderedDict[int, dict[str, Any]] = OrderedDict()

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()
        self.countChanged.emit()

    def forget_cards(self, *, redraw: bool = True) -> None:
        """After a sync or a change of language: reread what is on screen (`redraw` False when
        a new list follows anyway)."""
        self._cards.clear()
        if redraw and self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    def _card(self, row: int) -> dict[str, Any]:
        class_id = self._ids[row]
        card = self._cards.get(class_id)
        if card is not None:
            self._cards.move_to_end(class_id)
            return card
        wanted = [i for i in self._ids[row : row + self.READ_AHEAD] if i not in self._cards]
        found = self._describe(wanted)
        for wanted_id in wanted:
            self._cards[wanted_id] = found.get(wanted_id) or {"classId": wanted_id, "name": ""}
        while len(self._cards) > 200:
            self._cards.popitem(last=False)
        return self._cards[class_id]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def roleNames(self) -> dict[int, QByteArray]:
        return {
            Qt.ItemDataRole.UserRole + i: QByteArray(name.encode())
            for i, name in enumerate(_CLASS_ROLES)
        }

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        card = self._card(index.row())
        offset = role - Qt.ItemDataRole.UserRole
        return card.get(_CLASS_ROLES[offset]) if 0 <= offset < len(_CLASS_ROLES) else None

    count = Property(int, lambda self: len(self._ids), notify=countChanged)


class CatalogBridge(QObject):
    filtersChanged = Signal()
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
        location_id = self._location_id()
        if location_id is None:
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
        # Openings, times and names may have changed: no card read before this stays.
        self._classes.forget_cards(redraw=False)  # _apply_filter resets the list
        self._recommended.forget_cards()
        self._apply_filter()
        self.catalogChanged.emit()

    def refresh_words(self) -> None:
        """The language changed: the cards' words again, in place (the list keeps its scroll)."""
        self._classes.forget_cards()
        self._recommended.forget_cards()
        self.catalogChanged.emit()
        self.filtersChanged.emit()

    def _apply_filter(self) -> None:
        location_id = self._location_id()
        if location_id is None:
            self._classes.set_ids([])
            return
        with self._session_factory() as session:
            ids = find_class_ids(session, location_id, self._filter)
        self._classes.set_ids(ids)
        self.filtersChanged.emit()

    def _set_filter(self, **changes: Any) -> None:
        values = {**self._filter.__dict__, **changes}
        self._filter = ClassFilter(**values)
        self._apply_filter()

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
        self._filter = ClassFilter()
        self._apply_filter()

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
        self._widen = list(answer.widen)
        self.filtersChanged.emit()

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

    classes = Property(QObject, lambda self: self._classes, constant=True)
    recommended = Property(QObject, lambda self: self._recommended, constant=True)
    widenHints = Property("QVariantList", lambda self: self._widen, notify=filtersChanged)
    programs = Property("QVariantList", _programs, notify=catalogChanged)
    levels = Property("QVariantList", _levels_list, notify=filtersChanged)
    products = Property("QVariantList", _products, notify=catalogChanged)
    appointmentTypes = Property("QVariantList", _appointment_types, notify=catalogChanged)
    partyPackages = Property("QVariantList", _party_packages, notify=catalogChanged)
    staff = Property("QVariantList", _staff, notify=catalogChanged)
    location = Property("QVariantMap", _location, notify=catalogChanged)
    locations = Property("QVariantList", _locations, notify=catalogChanged)
    selectedProgram = Property(
        int, lambda self: self._filter.program_id or 0, notify=filtersChanged
    )
    selectedLevel = Property(int, lambda self: self._filter.level_id or 0, notify=filtersChanged)
    selectedAgeMonths = Property(
        int,
        lambda self: self._filter.age_months if self._filter.age_months is not None else -1,
        notify=filtersChanged,
    )
    selectedDays = Property(
        "QVariantList", lambda self: sorted(self._filter.days), notify=filtersChanged
    )
    selectedTimeOfDay = Property(
        str, lambda self: self._filter.time_of_day or "", notify=filtersChanged
    )
    openingsOnly = Property(bool, lambda self: self._filter.openings_only, notify=filtersChanged)
    instructors = Property("QVariantList", _instructors, notify=catalogChanged)
    selectedInstructor = Property(str, lambda self: self._filter.instructor, notify=filtersChanged)
    query = Property(str, lambda self: self._filter.query, notify=filtersChanged)


def _parse_iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
