"""Plan fit: the situations a tip suits or must not be offered for, words to say, minutes.

``fits`` holds situation keys (``content/situations.yml``) the tip particularly suits, space
separated; ``avoid`` a JSON object of situation -> reason for situations where the tip must
not appear in a first plan; ``say`` example words for doing the tip, one per line;
``minutes`` how long a first try takes (for "which one takes the least time?").

Revision ID: 0005_plan_fit
Revises: 0004_answers
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_plan_fit"
down_revision = "0004_answers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: SQLite keeps the table (and its FTS triggers).
    op.add_column("tips", sa.Column("fits", sa.String(400), nullable=False, server_default=""))
    op.add_column("tips", sa.Column("avoid", sa.Text, nullable=False, server_default="{}"))
    op.add_column("tips", sa.Column("say", sa.Text, nullable=False, server_default=""))
    op.add_column("tips", sa.Column("minutes", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tips") as batch:
        batch.drop_column("minutes")
        batch.drop_column("say")
        batch.drop_column("avoid")
        batch.drop_column("fits")
