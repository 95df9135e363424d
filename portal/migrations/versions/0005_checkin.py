"""self check-in: family PINs and cards, phone digits, punch passes, attendance, check-in
tokens, throttling and front-desk alerts, check-in settings

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:12:00.000000

"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _phone_digits(phone: str) -> str:
    """portal.rules.phone_digits as of this revision (a migration does not import the app)."""
    digits = re.sub(r"\D", "", phone or "")
    digits = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    return digits[:50]


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "check_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("client_key", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_check_in_attempts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_attempts")),
    )
    with op.batch_alter_table("check_in_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_check_in_attempts_client",
            ["organisation_id", "client_key", "created_at"],
            unique=False,
        )

    op.create_table(
        "check_in_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("device", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_check_in_alerts_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_check_in_alerts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_alerts")),
    )
    with op.batch_alter_table("check_in_alerts", schema=None) as batch_op:
        batch_op.create_index("ix_check_in_alerts_at", ["organisation_id", "at"], unique=False)

    op.create_table(
        "check_in_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_check_in_tokens_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_check_in_tokens_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_check_in_tokens_token_hash")),
    )
    with op.batch_alter_table("check_in_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_in_tokens_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "punch_passes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("punches_total", sa.Integer(), nullable=False),
        sa.Column("punches_left", sa.Integer(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_punch_passes_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_punch_passes_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_punch_passes")),
    )
    with op.batch_alter_table("punch_passes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_punch_passes_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_punch_passes_student_id"), ["student_id"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("tardy", sa.Boolean(), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.Column("punch_pass_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_attendance_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_attendance_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["punch_pass_id"],
            ["punch_passes.id"],
            name=op.f("fk_attendance_punch_pass_id_punch_passes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_attendance_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "student_id", "class_id", "date", name=op.f("uq_attendance_student_id")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_class_day", ["class_id", "date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attendance_organisation_id"), ["organisation_id"], unique=False
        )

    # Never recreate these tables on SQLite: dropping the old one would cascade to every row
    # that refers to it. New columns and indexes are added in place.
    with op.batch_alter_table("families", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("check_in_pin_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("card_code_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            "uq_families_check_in_pin", ["organisation_id", "check_in_pin_hash"], unique=True
        )
        batch_op.create_index(
            "uq_families_card_code", ["organisation_id", "card_code_hash"], unique=True
        )

    with op.batch_alter_table("guardians", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("phone_digits", sa.String(length=50), server_default="", nullable=False)
        )
        batch_op.create_index(
            "ix_guardians_phone_digits", ["organisation_id", "phone_digits"], unique=False
        )
    guardians = sa.table("guardians", sa.column("id", sa.Integer), sa.column("phone", sa.String))
    digits = sa.table(
        "guardians", sa.column("id", sa.Integer), sa.column("phone_digits", sa.String)
    )
    connection = op.get_bind()
    for guardian_id, phone in connection.execute(sa.select(guardians.c.id, guardians.c.phone)):
        value = _phone_digits(phone)
        if value:
            connection.execute(
                sa.update(digits).where(digits.c.id == guardian_id).values(phone_digits=value)
            )

    with op.batch_alter_table("organisation_settings", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "check_in_opens_minutes_before", sa.Integer(), server_default="30", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column(
                "check_in_closes_minutes_after", sa.Integer(), server_default="15", nullable=False
            )
        )
        batch_op.add_column(sa.Column("check_in_balance_limit_cents", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    # In place on SQLite (>= 3.35 drops a column without recreating the table; see 0004).
    with op.batch_alter_table("organisation_settings", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("check_in_balance_limit_cents")
        batch_op.drop_column("check_in_closes_minutes_after")
        batch_op.drop_column("check_in_opens_minutes_before")

    with op.batch_alter_table("guardians", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_guardians_phone_digits")
        batch_op.drop_column("phone_digits")

    with op.batch_alter_table("families", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("uq_families_card_code")
        batch_op.drop_index("uq_families_check_in_pin")
        batch_op.drop_column("card_code_hash")
        batch_op.drop_column("check_in_pin_hash")

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_organisation_id"))
        batch_op.drop_index("ix_attendance_class_day")

    op.drop_table("attendance")
    with op.batch_alter_table("punch_passes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punch_passes_student_id"))
        batch_op.drop_index(batch_op.f("ix_punch_passes_organisation_id"))

    op.drop_table("punch_passes")
    with op.batch_alter_table("check_in_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_tokens_organisation_id"))

    op.drop_table("check_in_tokens")
    with op.batch_alter_table("check_in_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_check_in_alerts_at")

    op.drop_table("check_in_alerts")
    with op.batch_alter_table("check_in_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_check_in_attempts_client")

    op.drop_table("check_in_attempts")
