"""two_way_sync

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 21:48:46.629867
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comment_links",
        sa.Column("github_comment_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("ticket_comment_id", sa.Uuid(), nullable=True),
        sa.Column("ticket_id", sa.Uuid(), nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("origin IN ('ticket', 'github')", name=op.f("ck_comment_links_origin")),
        sa.PrimaryKeyConstraint("github_comment_id", name=op.f("pk_comment_links")),
        sa.UniqueConstraint("ticket_comment_id", name=op.f("uq_comment_links_ticket_comment_id")),
        schema="github_sync",
    )
    op.create_index(
        op.f("ix_comment_links_ticket_id"), "comment_links", ["ticket_id"], unique=False, schema="github_sync"
    )
    op.create_table(
        "deliveries",
        sa.Column("delivery_id", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("delivery_id", name=op.f("pk_deliveries")),
        schema="github_sync",
    )
    op.add_column(
        "issue_links",
        sa.Column("state_synced", sa.String(length=8), server_default="open", nullable=False),
        schema="github_sync",
    )
    op.add_column(
        "issue_links",
        sa.Column("state_version", sa.Integer(), server_default="0", nullable=False),
        schema="github_sync",
    )


def downgrade() -> None:
    op.drop_column("issue_links", "state_version", schema="github_sync")
    op.drop_column("issue_links", "state_synced", schema="github_sync")
    op.drop_table("deliveries", schema="github_sync")
    op.drop_index(op.f("ix_comment_links_ticket_id"), table_name="comment_links", schema="github_sync")
    op.drop_table("comment_links", schema="github_sync")
