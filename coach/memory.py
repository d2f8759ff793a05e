"""What the coach remembers about a person between conversations (plain Python, no Rasa).

A person is known only by ``sender_id`` (the channel's sender id). The service keeps their
plan, how each tip went, their weekly connection check-ins, and the token of their chart
URL, in the store's ``memory_*`` tables (migration 0003).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from coach.store.db import get_engine, session_scope
from coach.store.models import ChartLink, CheckIn, MemoryPlan, TipOutcome
from coach.vocabulary import OUTCOMES

MAX_NOTE_CHARS = 500
CHECK_IN_EVERY = timedelta(days=7)
MEMORY_TABLES = (MemoryPlan, TipOutcome, CheckIn, ChartLink)


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)


def aware(value: datetime) -> datetime:
    """A stored time as UTC-aware (SQLite gives naive datetimes back)."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Plan:
    """A remembered plan."""

    tips: tuple[str, ...]
    current_tip: int
    updated_at: datetime

    @property
    def current(self) -> str | None:
        """The slug of the tip the person is on (None for an empty plan)."""
        if not self.tips:
            return None
        return self.tips[min(max(self.current_tip, 0), len(self.tips) - 1)]


@dataclass(frozen=True)
class Outcome:
    """How one tip went."""

    tip_slug: str
    outcome: str
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class Score:
    """One check-in."""

    score: int
    created_at: datetime


def parse_score(value: object) -> int | None:
    """A check-in score from a button value or free text ("7", "about a 6/10"), else None."""
    text = str(value or "").strip()
    digits = ""
    for char in text:
        if char.isdigit():
            digits += char
        elif digits:
            break
    if not digits or len(digits) > 2:
        return None
    score = int(digits)
    return score if 1 <= score <= 10 else None


def trend(scores: Sequence[int]) -> str:
    """Say "up", "down" or "steady" from the last check-ins ("new" with fewer than two)."""
    if len(scores) < 2:
        return "new"
    recent = list(scores[-3:])
    change = recent[-1] - recent[0]
    if change >= 1:
        return "up"
    if change <= -1:
        return "down"
    return "steady"


def chart_token(sender_id: str, secret: str) -> str:
    """The unguessable part of a person's chart URL: an HMAC-SHA256 of the sender id."""
    digest = hmac.new(secret.encode("utf-8"), sender_id.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:40]


class Memory:
    """Reads and writes a person's memory; one short session per call."""

    def __init__(self, engine: Engine | None = None) -> None:
        """Use ``engine`` (default: this process's engine for ``COACH_DB_URL``)."""
        self.engine = engine or get_engine()

    def save_plan(self, sender_id: str, tips: Sequence[str], current_tip: int = 0) -> None:
        """Remember the person's plan (replacing the previous one)."""
        with session_scope(self.engine) as session:
            row = session.scalars(
                select(MemoryPlan).where(MemoryPlan.sender_id == sender_id)
            ).first()
            if row is None:
                row = MemoryPlan(sender_id=sender_id)
                session.add(row)
            row.tips = " ".join(tips)
            row.current_tip = max(0, int(current_tip))
            row.updated_at = now()

    def plan(self, sender_id: str) -> Plan | None:
        """The person's remembered plan, if any."""
        with session_scope(self.engine) as session:
            row = session.scalars(
                select(MemoryPlan).where(MemoryPlan.sender_id == sender_id)
            ).first()
            if row is None:
                return None
            return Plan(tuple(row.tips.split()), row.current_tip, aware(row.updated_at))

    def record_outcome(
        self, sender_id: str, tip_slug: str, outcome: str, note: str | None = None
    ) -> Outcome:
        """Remember how a tip went (``note`` is what the person chose to say, trimmed)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
        clean = (note or "").strip()[:MAX_NOTE_CHARS] or None
        when = now()
        with session_scope(self.engine) as session:
            session.add(
                TipOutcome(
                    sender_id=sender_id,
                    tip_slug=tip_slug,
                    outcome=outcome,
                    note=clean,
                    created_at=when,
                )
            )
        return Outcome(tip_slug, outcome, clean, when)

    def outcomes(self, sender_id: str) -> list[Outcome]:
        """Everything the person told us about their tips, oldest first."""
        with session_scope(self.engine) as session:
            rows = session.scalars(
                select(TipOutcome)
                .where(TipOutcome.sender_id == sender_id)
                .order_by(TipOutcome.created_at, TipOutcome.id)
            ).all()
            return [Outcome(r.tip_slug, r.outcome, r.note, aware(r.created_at)) for r in rows]

    def latest_outcomes(self, sender_id: str) -> dict[str, str]:
        """The latest outcome per tip, in the order the tips were first mentioned."""
        latest: dict[str, str] = {}
        for item in self.outcomes(sender_id):
            latest[item.tip_slug] = item.outcome
        return latest

    def record_check_in(self, sender_id: str, score: int, when: datetime | None = None) -> Score:
        """Remember a check-in (1 to 10)."""
        if not 1 <= int(score) <= 10:
            raise ValueError(f"a check-in is 1 to 10, got {score!r}")
        at = when or now()
        with session_scope(self.engine) as session:
            session.add(CheckIn(sender_id=sender_id, score=int(score), created_at=at))
        return Score(int(score), at)

    def check_ins(self, sender_id: str, limit: int = 52) -> list[Score]:
        """The person's latest ``limit`` check-ins, oldest first."""
        with session_scope(self.engine) as session:
            rows = session.scalars(
                select(CheckIn)
                .where(CheckIn.sender_id == sender_id)
                .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
                .limit(limit)
            ).all()
            return [Score(r.score, aware(r.created_at)) for r in reversed(rows)]

    def check_in_due(self, sender_id: str, at: datetime | None = None) -> bool:
        """Whether a week (or more) has passed since the last check-in, or there was none."""
        last = self.check_ins(sender_id, limit=1)
        return not last or (at or now()) - last[-1].created_at >= CHECK_IN_EVERY

    def chart_token(self, sender_id: str, secret: str) -> str:
        """The person's chart token, remembered so the chart route can find them."""
        token = chart_token(sender_id, secret)
        with session_scope(self.engine) as session:
            row = session.get(ChartLink, sender_id)
            if row is None:
                session.add(ChartLink(sender_id=sender_id, token=token, created_at=now()))
            elif row.token != token:  # the secret changed: old links stop working
                row.token = token
                row.created_at = now()
        return token

    def sender_for_token(self, token: str, secret: str) -> str | None:
        """Whose chart ``token`` opens (None for an unknown or stale token)."""
        if not token or len(token) > 64:
            return None
        with session_scope(self.engine) as session:
            row = session.scalars(select(ChartLink).where(ChartLink.token == token)).first()
            sender = row.sender_id if row is not None else None
        if sender is None or not hmac.compare_digest(chart_token(sender, secret), token):
            return None
        return sender

    def forget(self, sender_id: str) -> int:
        """Delete everything remembered about a person; return how many rows went."""
        removed = 0
        with session_scope(self.engine) as session:
            for model in MEMORY_TABLES:
                result = session.execute(delete(model).where(model.sender_id == sender_id))
                removed += int(getattr(result, "rowcount", 0) or 0)
        return removed
