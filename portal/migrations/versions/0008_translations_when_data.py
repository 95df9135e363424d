"""the organisation's texts in other languages (news, booking menu, class and camp descriptions),
order lines' when as data, so the kiosk words both in the visitor's language

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 01:50:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRANSLATED = ("news", "booking_menu_items", "classes", "camps")


def upgrade() -> None:
    """Upgrade schema."""
    for table in TRANSLATED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("translations", sa.JSON(), server_default="{}", nullable=False)
            )
    with op.batch_alter_table("order_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("when_data", sa.JSON(), server_default="{}", nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("order_items", schema=None) as batch_op:
        batch_op.drop_column("when_data")
    for table in reversed(TRANSLATED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("translations")
