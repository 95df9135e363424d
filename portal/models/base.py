"""The declarative base, the catalog mixin and shared column helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    MetaData,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(timezone=True),
    }


class CatalogMixin:
    """Marks a catalog row: every insert, update and delete is recorded in the change feed.

    `__change_entity__` is the contract's entity name; `__change_relationships__` lists the
    relationships that are part of the record (a change to them is a change of the record).
    The record's JSON is built from the row's attributes by portal.serializers.
    """

    __change_entity__: ClassVar[str]
    __change_relationships__: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:
        id: Mapped[int]
        organisation_id: Mapped[int]

    def change_id(self) -> str:
        return str(self.id)

    def dependent_records(self) -> list[CatalogMixin]:
        """Other catalog records whose contract data embeds this one (re-emitted on change)."""
        return []


def _org_fk() -> Any:
    return mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
