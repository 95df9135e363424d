"""Catalog use-cases; all writes go through the ORM so the change feed records them."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    Base,
    ClassOffering,
    Enrollment,
    News,
    Organisation,
    OrganisationSettings,
    Staff,
)

ModelT = TypeVar("ModelT", bound=Base)


class NotFoundError(LookupError):
    """The record does not exist (in this organisation)."""


FEATURE_NAMES = frozenset(
    field.alias or name for name, field in schemas.Features.model_fields.items()
)


def get_organisation(session: Session, account: str) -> Organisation | None:
    return session.scalars(select(Organisation).where(Organisation.account == account)).first()


def require_organisation(session: Session, account: str) -> Organisation:
    org = get_organisation(session, account)
    if org is None:
        raise NotFoundError(f"no organisation called {account!r}")
    return org


def create_organisation(session: Session, account: str, name: str, **settings: Any) -> Organisation:
    """A new organisation with its settings row (features default to the contract's)."""
    org = Organisation(account=account, name=name)
    session.add(org)
    session.flush()
    settings.setdefault("features", schemas.Features().model_dump(by_alias=True))
    session.add(OrganisationSettings(organisation_id=org.id, **settings))
    session.flush()
    return org


def _get(session: Session, model: type[ModelT], record_id: int) -> ModelT:
    row = session.get(model, record_id)
    if row is None:
        raise NotFoundError(f"{model.__name__} {record_id} not found")
    return row


def update_record(session: Session, model: type[ModelT], record_id: int, **fields: Any) -> ModelT:
    """Set column attributes of one row by primary key; unknown names are a ValueError."""
    row = _get(session, model, record_id)
    columns = {attr.key for attr in inspect(model).column_attrs}
    unknown = set(fields) - columns
    if unknown:
        raise ValueError(f"{model.__name__} has no field(s) {sorted(unknown)}")
    for name, value in fields.items():
        setattr(row, name, value)
    session.flush()
    return row


def update_class(session: Session, class_id: int, **fields: Any) -> ClassOffering:
    """Update a class; `instructor_ids=[...]` replaces its instructors."""
    instructor_ids = fields.pop("instructor_ids", None)
    row = update_record(session, ClassOffering, class_id, **fields)
    if instructor_ids is not None:
        row.instructors = list(
            session.scalars(select(Staff).where(Staff.id.in_(instructor_ids)).order_by(Staff.id))
        )
        session.flush()
    return row


def delete_class(session: Session, class_id: int) -> None:
    session.delete(_get(session, ClassOffering, class_id))
    session.flush()


def update_news(session: Session, news_id: int, **fields: Any) -> News:
    return update_record(session, News, news_id, **fields)


def delete_news(session: Session, news_id: int) -> None:
    session.delete(_get(session, News, news_id))
    session.flush()


def update_staff(session: Session, staff_id: int, **fields: Any) -> Staff:
    return update_record(session, Staff, staff_id, **fields)


def _settings(session: Session, organisation: Organisation | str) -> OrganisationSettings:
    org = (
        require_organisation(session, organisation)
        if isinstance(organisation, str)
        else organisation
    )
    settings = session.scalars(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == org.id)
    ).first()
    if settings is None:
        raise NotFoundError(f"organisation {org.account!r} has no settings")
    return settings


def update_settings(
    session: Session, organisation: Organisation | str, **fields: Any
) -> OrganisationSettings:
    """Update organisation settings (snake_case column names, e.g. welcome_title)."""
    settings = _settings(session, organisation)
    return update_record(session, OrganisationSettings, settings.id, **fields)


def set_feature(
    session: Session, organisation: Organisation | str, feature: str, enabled: bool
) -> OrganisationSettings:
    """Switch one dashboard feature (contract name, e.g. "checkIn" or "proShop")."""
    if feature not in FEATURE_NAMES:
        raise ValueError(f"unknown feature {feature!r}; expected one of {sorted(FEATURE_NAMES)}")
    settings = _settings(session, organisation)
    # Assign a new dict: in-place mutation of a JSON column is not tracked.
    settings.features = {**(settings.features or {}), feature: bool(enabled)}
    session.flush()
    return settings


def enroll_student(session: Session, student_id: int, class_id: int) -> Enrollment:
    """Enroll a student, or waitlist them when the class is full; the class's openings change."""
    cls = session.scalars(
        select(ClassOffering).where(ClassOffering.id == class_id).with_for_update()
    ).first()
    if cls is None:
        raise NotFoundError(f"class {class_id} not found")
    if cls.openings > 0:
        enrollment = Enrollment(
            organisation_id=cls.organisation_id, student_id=student_id, class_id=class_id
        )
        cls.enrolled += 1
    elif cls.allow_waitlist:
        position = (
            session.scalar(
                select(func.coalesce(func.max(Enrollment.waitlist_position), 0)).where(
                    Enrollment.class_id == class_id, Enrollment.status == "waitlisted"
                )
            )
            or 0
        ) + 1
        enrollment = Enrollment(
            organisation_id=cls.organisation_id,
            student_id=student_id,
            class_id=class_id,
            status="waitlisted",
            waitlist_position=position,
        )
        cls.waitlist_count += 1
    else:
        raise ValueError("That class is full.")
    session.add(enrollment)
    session.flush()
    return enrollment
