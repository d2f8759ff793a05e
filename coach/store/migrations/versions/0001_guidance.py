"""Guidance content: sources, topics, causes, tips, steps, and full-text search.

Revision ID: 0001_guidance
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_guidance"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE tips_fts USING fts5(
        title, summary, search_text, content='tips', content_rowid='id',
        tokenize='porter unicode61')""",
    """CREATE TRIGGER tips_fts_ai AFTER INSERT ON tips BEGIN
        INSERT INTO tips_fts(rowid, title, summary, search_text)
        VALUES (new.id, new.title, new.summary, new.search_text); END""",
    """CREATE TRIGGER tips_fts_ad AFTER DELETE ON tips BEGIN
        INSERT INTO tips_fts(tips_fts, rowid, title, summary, search_text)
        VALUES ('delete', old.id, old.title, old.summary, old.search_text); END""",
    """CREATE TRIGGER tips_fts_au AFTER UPDATE ON tips BEGIN
        INSERT INTO tips_fts(tips_fts, rowid, title, summary, search_text)
        VALUES ('delete', old.id, old.title, old.summary, old.search_text);
        INSERT INTO tips_fts(rowid, title, summary, search_text)
        VALUES (new.id, new.title, new.summary, new.search_text); END""",
]


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("author", sa.String(200)),
        sa.Column("author_role", sa.String(200)),
        sa.Column("publisher", sa.String(200)),
        sa.Column("published", sa.Date),
        sa.Column("seed_file", sa.String(200)),
    )
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
    )
    op.create_table(
        "causes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("patterns", sa.Text, nullable=False),
    )
    op.create_table(
        "tips",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(120), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("more", sa.Text, nullable=False),
        sa.Column("suits", sa.String(10), nullable=False),
        sa.Column("effort", sa.String(10), nullable=False),
        sa.Column("needs_safe_relationship", sa.Boolean, nullable=False),
        sa.Column("own_description", sa.Boolean, nullable=False),
        sa.Column("covers", sa.String(200), nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_tips_kind", "tips", ["kind"])
    op.create_table(
        "tip_steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "tip_id", sa.Integer, sa.ForeignKey("tips.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.UniqueConstraint("tip_id", "position", name="uq_tip_steps_position"),
    )
    op.create_index("ix_tip_steps_tip_id", "tip_steps", ["tip_id"])
    for name, other in (("topic", "topics"), ("cause", "causes"), ("source", "sources")):
        op.create_table(
            f"tip_{name}s",
            sa.Column(
                "tip_id",
                sa.Integer,
                sa.ForeignKey("tips.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column(
                f"{name}_id",
                sa.Integer,
                sa.ForeignKey(f"{other}.id", ondelete="CASCADE"),
                primary_key=True,
            ),
        )
        op.create_index(f"ix_tip_{name}s_{name}", f"tip_{name}s", [f"{name}_id", "tip_id"])
    op.create_table(
        "content_meta",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_tips_search ON tips USING gin (to_tsvector('english', search_text))"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("tips_fts_ai", "tips_fts_ad", "tips_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS tips_fts")
    for table in (
        "content_meta",
        "tip_sources",
        "tip_causes",
        "tip_topics",
        "tip_steps",
        "tips",
        "causes",
        "topics",
        "sources",
    ):
        op.drop_table(table)
