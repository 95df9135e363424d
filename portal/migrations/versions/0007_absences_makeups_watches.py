"""absences and makeup credits, makeup bookings, spot-open watches, per-date seats of a class,
absence and makeup settings


Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:05:47.243322

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_absences_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_absences_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_absences_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_absences_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
        sa.UniqueConstraint("student_id", "class_id", "date", name=op.f("uq_absences_student_id")),
    )
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.create_index("ix_absences_class_day", ["class_id", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_absences_family_id"), ["family_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_absences_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "spot_watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("alert", sa.String(length=300), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_spot_watches_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_spot_watches_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_spot_watches_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["guardian_id"],
            ["guardians.id"],
            name=op.f("fk_spot_watches_guardian_id_guardians"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_spot_watches_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_watches")),
    )
    with op.batch_alter_table("spot_watches", schema=None) as batch_op:
        batch_op.create_index("ix_spot_watches_class", ["class_id", "ended_at", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_spot_watches_family_id"), ["family_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_spot_watches_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "makeup_credits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("absence_day", sa.Date(), nullable=False),
        sa.Column("absence_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["absence_id"],
            ["absences.id"],
            name=op.f("fk_makeup_credits_absence_id_absences"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_makeup_credits_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_makeup_credits_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_makeup_credits_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_makeup_credits_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_makeup_credits_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_makeup_credits")),
        sa.UniqueConstraint("absence_id", name=op.f("uq_makeup_credits_absence_id")),
    )
    with op.batch_alter_table("makeup_credits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_makeup_credits_family_id"), ["family_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_makeup_credits_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "makeup_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("credit_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_makeup_bookings_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["credit_id"],
            ["makeup_credits.id"],
            name=op.f("fk_makeup_bookings_credit_id_makeup_credits"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_makeup_bookings_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_makeup_bookings_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_makeup_bookings_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_makeup_bookings")),
        sa.UniqueConstraint("credit_id", name=op.f("uq_makeup_bookings_credit_id")),
        sa.UniqueConstraint(
            "student_id", "class_id", "date", name=op.f("uq_makeup_bookings_student_id")
        ),
    )
    with op.batch_alter_table("makeup_bookings", schema=None) as batch_op:
        batch_op.create_index("ix_makeup_bookings_class_day", ["class_id", "date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_makeup_bookings_family_id"), ["family_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_makeup_bookings_organisation_id"), ["organisation_id"], unique=False
        )

    with op.batch_alter_table("classes", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("date_seats", sa.JSON(), server_default="{}", nullable=False))

    with op.batch_alter_table("organisation_settings", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("absence_cutoff_minutes", sa.Integer(), server_default="120", nullable=False)
        )
        batch_op.add_column(
            sa.Column("makeups_enabled", sa.Boolean(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "makeup_credits_per_session", sa.Integer(), server_default="4", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("makeup_credit_days", sa.Integer(), server_default="60", nullable=False)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.drop_column("makeup_credit_days")
        batch_op.drop_column("makeup_credits_per_session")
        batch_op.drop_column("makeups_enabled")
        batch_op.drop_column("absence_cutoff_minutes")

    with op.batch_alter_table("classes", schema=None) as batch_op:
        batch_op.drop_column("date_seats")

    with op.batch_alter_table("makeup_bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_makeup_bookings_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_makeup_bookings_family_id"))
        batch_op.drop_index("ix_makeup_bookings_class_day")

    op.drop_table("makeup_bookings")
    with op.batch_alter_table("makeup_credits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_makeup_credits_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_makeup_credits_family_id"))

    op.drop_table("makeup_credits")
    with op.batch_alter_table("spot_watches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_spot_watches_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_spot_watches_family_id"))
        batch_op.drop_index("ix_spot_watches_class")

    op.drop_table("spot_watches")
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absences_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_absences_family_id"))
        batch_op.drop_index("ix_absences_class_day")

    op.drop_table("absences")
