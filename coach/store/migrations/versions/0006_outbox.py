"""The outbox: messages the coach means to send later (issue #25).

One row per message (a reminder, a nudge, a check-in offer): who and which channel, what
kind, when it is due, a JSON payload (the intent to trigger), its state (pending, claimed,
sent, cancelled, waiting) and which server claimed it. ``sender_id`` makes "delete my
data" and ``make purge`` cover it.

Revision ID: 0006_outbox
Revises: 0005_plan_fit
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_outbox"
down_revision = "0005_plan_fit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text, nullable=False, server_default="{}"),
        sa.Column("state", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("claimed_by", sa.String(80), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_outbox_state_due", "outbox", ["state", "due_at"])
    op.create_index("ix_outbox_sender_kind", "outbox", ["sender_id", "kind", "state"])


def downgrade() -> None:
    op.drop_index("ix_outbox_sender_kind", table_name="outbox")
    op.drop_index("ix_outbox_state_due", table_name="outbox")
    op.drop_table("outbox")
