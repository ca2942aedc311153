"""github_comments

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 21:48:52.443349
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "ticket_comments",
        sa.Column("external_author", sa.String(length=100), nullable=True),
        schema="tickets",
    )


def downgrade() -> None:
    op.drop_column("ticket_comments", "external_author", schema="tickets")
