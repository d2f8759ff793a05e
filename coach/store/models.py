"""SQLAlchemy models of the guidance store (SQLAlchemy 1.4, written in the 2.0 style).

Content tables (sources, topics, causes, tips and their steps) are rebuilt from
``content/guidance.yml`` by :mod:`coach.store.seed`; nothing about a user lives in them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, declarative_base, relationship

Base = declarative_base()

tip_topics = Table(
    "tip_topics",
    Base.metadata,
    Column("tip_id", ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_tip_topics_topic", "topic_id", "tip_id"),
)

tip_causes = Table(
    "tip_causes",
    Base.metadata,
    Column("tip_id", ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True),
    Column("cause_id", ForeignKey("causes.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_tip_causes_cause", "cause_id", "tip_id"),
)

tip_sources = Table(
    "tip_sources",
    Base.metadata,
    Column("tip_id", ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_tip_sources_source", "source_id", "tip_id"),
)


class Source(Base):
    """An article the guidance is drawn from."""

    __tablename__ = "sources"

    id: Mapped[int] = Column(Integer, primary_key=True)
    slug: Mapped[str] = Column(String(80), nullable=False, unique=True)
    title: Mapped[str] = Column(String(300), nullable=False)
    author: Mapped[Optional[str]] = Column(String(200), nullable=True)  # type: ignore[misc]
    author_role: Mapped[Optional[str]] = Column(String(200), nullable=True)  # type: ignore[misc]
    publisher: Mapped[Optional[str]] = Column(String(200), nullable=True)  # type: ignore[misc]
    published: Mapped[Optional[date]] = Column(Date, nullable=True)  # type: ignore[misc]
    seed_file: Mapped[Optional[str]] = Column(String(200), nullable=True)  # type: ignore[misc]


class Topic(Base):
    """A theme of guidance (communication, screens, trust, ...)."""

    __tablename__ = "topics"

    id: Mapped[int] = Column(Integer, primary_key=True)
    slug: Mapped[str] = Column(String(80), nullable=False, unique=True)
    name: Mapped[str] = Column(String(120), nullable=False)
    description: Mapped[str] = Column(Text, nullable=False, default="")


class Cause(Base):
    """Something that may have changed in a couple's life (a new baby, a new job, ...)."""

    __tablename__ = "causes"

    id: Mapped[int] = Column(Integer, primary_key=True)
    slug: Mapped[str] = Column(String(80), nullable=False, unique=True)
    name: Mapped[str] = Column(String(120), nullable=False)
    # Words and phrases people use for it, one per line (feeds the spaCy entity ruler).
    patterns: Mapped[str] = Column(Text, nullable=False, default="")


class Tip(Base):
    """A piece of guidance: a practice to try or an explanation, with ordered steps."""

    __tablename__ = "tips"
    __table_args__ = (Index("ix_tips_kind", "kind"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    slug: Mapped[str] = Column(String(120), nullable=False, unique=True)
    kind: Mapped[str] = Column(String(20), nullable=False)  # practice | understanding | answer
    title: Mapped[str] = Column(String(200), nullable=False)
    summary: Mapped[str] = Column(Text, nullable=False)
    why: Mapped[str] = Column(Text, nullable=False)
    more: Mapped[str] = Column(Text, nullable=False, default="")
    suits: Mapped[str] = Column(String(10), nullable=False)  # alone | both | either
    effort: Mapped[str] = Column(String(10), nullable=False)  # minutes | evening | ongoing
    needs_safe_relationship: Mapped[bool] = Column(Boolean, nullable=False, default=True)
    own_description: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    # Guidance no article supports: the coach's own, credited as such (migration 0004).
    own_guidance: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    # Example wordings of the question it answers, one per line; the concern it addresses.
    asks: Mapped[str] = Column(Text, nullable=False, default="")
    concern: Mapped[Optional[str]] = Column(String(40), nullable=True)  # type: ignore[misc]
    # Plan fit (migration 0005): situations it suits (space separated), situations it must
    # not be offered for (JSON object situation -> reason), words to say (one per line),
    # minutes a first try takes.
    fits: Mapped[str] = Column(String(400), nullable=False, default="")
    avoid: Mapped[str] = Column(Text, nullable=False, default="{}")
    say: Mapped[str] = Column(Text, nullable=False, default="")
    minutes: Mapped[Optional[int]] = Column(Integer, nullable=True)  # type: ignore[misc]
    # Checklist ids it covers, space separated ("P13 P22 R1").
    covers: Mapped[str] = Column(String(200), nullable=False, default="")
    # Title, summary and steps in one column, for full-text search.
    search_text: Mapped[str] = Column(Text, nullable=False, default="")
    content_hash: Mapped[str] = Column(String(64), nullable=False)

    steps: Mapped[list[Step]] = relationship(
        "Step",
        order_by="Step.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    topics: Mapped[list[Topic]] = relationship("Topic", secondary=tip_topics, order_by="Topic.slug")
    causes: Mapped[list[Cause]] = relationship("Cause", secondary=tip_causes, order_by="Cause.slug")
    sources: Mapped[list[Source]] = relationship(
        "Source", secondary=tip_sources, order_by="Source.slug"
    )


class Step(Base):
    """One concrete step of a tip, in order."""

    __tablename__ = "tip_steps"
    __table_args__ = (UniqueConstraint("tip_id", "position", name="uq_tip_steps_position"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    tip_id: Mapped[int] = Column(
        ForeignKey("tips.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = Column(Integer, nullable=False)
    text: Mapped[str] = Column(Text, nullable=False)


class ContentMeta(Base):
    """Key-value facts about the seeded content (its version and hash)."""

    __tablename__ = "content_meta"

    key: Mapped[str] = Column(String(80), primary_key=True)
    value: Mapped[str] = Column(Text, nullable=False)
    updated_at: Mapped[datetime] = Column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


# --- Memory across conversations (migration 0003) -------------------------------------
# One person is known only by ``sender_id``, the channel's sender id. Every table below has
# that column, so "delete my data" removes a person's rows from all of them, and a
# ``created_at``/``updated_at`` time for retention.


class MemoryPlan(Base):
    """A person's current plan: the tips' slugs in order and which one they are on."""

    __tablename__ = "memory_plans"

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[str] = Column(String(255), nullable=False, unique=True)
    tips: Mapped[str] = Column(Text, nullable=False, default="")  # slugs, space separated
    current_tip: Mapped[int] = Column(Integer, nullable=False, default=0)
    updated_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)


class TipOutcome(Base):
    """How a tip went for a person: helped, didn't help, or didn't get to it (+ their words)."""

    __tablename__ = "memory_tip_outcomes"
    __table_args__ = (Index("ix_memory_tip_outcomes_sender", "sender_id", "created_at"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[str] = Column(String(255), nullable=False)
    tip_slug: Mapped[str] = Column(String(120), nullable=False)
    outcome: Mapped[str] = Column(String(20), nullable=False)  # helped | not_helped | not_done
    note: Mapped[Optional[str]] = Column(Text, nullable=True)  # type: ignore[misc]
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)


class CheckIn(Base):
    """A weekly answer to "how connected do you feel this week?" (1 to 10)."""

    __tablename__ = "memory_check_ins"
    __table_args__ = (Index("ix_memory_check_ins_sender", "sender_id", "created_at"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[str] = Column(String(255), nullable=False)
    score: Mapped[int] = Column(Integer, nullable=False)
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)


class ChartLink(Base):
    """The unguessable token in a person's progress chart URL (an HMAC of the sender id)."""

    __tablename__ = "memory_chart_links"

    sender_id: Mapped[str] = Column(String(255), primary_key=True)
    token: Mapped[str] = Column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)


# --- The outbox (migration 0006) --------------------------------------------------------
# Every message the coach means to send later is a row here (coach/outbox.py); the Rasa
# servers' schedulers claim and deliver due rows (runtime/outbox.py). It has a
# ``sender_id`` column, so "delete my data" and ``make purge`` remove a person's rows.


class OutboxMessage(Base):
    """A message to send later: a reminder, a nudge, a check-in offer."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_due", "state", "due_at"),
        Index("ix_outbox_sender_kind", "sender_id", "kind", "state"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[str] = Column(String(255), nullable=False)
    channel: Mapped[str] = Column(String(40), nullable=False)  # input channel's name
    kind: Mapped[str] = Column(String(20), nullable=False)  # reminder | check_in | ...
    due_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)
    payload: Mapped[str] = Column(Text, nullable=False, default="{}")  # JSON: intent, entities
    # pending -> claimed -> sent; pending -> cancelled; claimed -> waiting (web chat
    # person not connected) -> claimed at their next session -> sent.
    state: Mapped[str] = Column(String(12), nullable=False, default="pending")
    claimed_by: Mapped[Optional[str]] = Column(String(80), nullable=True)  # type: ignore[misc]
    claimed_at: Mapped[Optional[datetime]] = Column(  # type: ignore[misc]
        DateTime(timezone=True), nullable=True
    )
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)
