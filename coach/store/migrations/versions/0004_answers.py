"""Answers to the concerns people raise: example questions, a concern label, own guidance.

``asks`` holds example wordings of the question a tip answers (one per line), used to match
open questions; ``concern`` names the concern an answer addresses ("normal", "should_leave");
``own_guidance`` marks guidance that no article supports (the coach's own, credited as such).

Revision ID: 0004_answers
Revises: 0003_memory
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_answers"
down_revision = "0003_memory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: SQLite keeps the table (and its FTS triggers).
    op.add_column("tips", sa.Column("asks", sa.Text, nullable=False, server_default=""))
    op.add_column("tips", sa.Column("concern", sa.String(40), nullable=True))
    op.add_column(
        "tips",
        sa.Column("own_guidance", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("tips") as batch:
        batch.drop_column("own_guidance")
        batch.drop_column("concern")
        batch.drop_column("asks")
