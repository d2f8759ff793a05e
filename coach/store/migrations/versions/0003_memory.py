"""Memory across conversations: plans, tip outcomes, check-ins, chart links.

Every table has a ``sender_id`` column (the channel's sender id, nothing else identifying)
and a timestamp, so deleting a person's data and retention work table by table.

Revision ID: 0003_memory
Revises: 0002_pg_search_vector
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_memory"
down_revision = "0002_pg_search_vector"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "memory_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False, unique=True),
        sa.Column("tips", sa.Text, nullable=False, server_default=""),
        sa.Column("current_tip", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "memory_tip_outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("tip_slug", sa.String(120), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_memory_tip_outcomes_sender", "memory_tip_outcomes", ["sender_id", "created_at"]
    )
    op.create_table(
        "memory_check_ins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_memory_check_ins_sender", "memory_check_ins", ["sender_id", "created_at"])
    op.create_table(
        "memory_chart_links",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("memory_chart_links")
    op.drop_index("ix_memory_check_ins_sender", table_name="memory_check_ins")
    op.drop_table("memory_check_ins")
    op.drop_index("ix_memory_tip_outcomes_sender", table_name="memory_tip_outcomes")
    op.drop_table("memory_tip_outcomes")
    op.drop_table("memory_plans")
