"""Read-side service over the guidance store. Returns plain frozen dataclasses, never ORM rows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload

from coach.store.db import get_engine
from coach.store.models import Cause, Source, Tip, Topic, tip_causes, tip_topics

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "he",
        "she",
        "his",
        "her",
        "him",
        "its",
        "i'm",
        "im",
        "just",
        "really",
        "very",
        "about",
        "get",
        "got",
        "should",
        "would",
        "could",
    ]
)
MAX_QUERY_TERMS = 12
CANDIDATES = 60


@dataclass(frozen=True)
class SourceView:
    """An article, as the coach credits it."""

    slug: str
    title: str
    author: str | None
    author_role: str | None
    publisher: str | None
    published: str | None

    @property
    def credit(self) -> str:
        """How the coach names the article: title, then author or publisher."""
        by = self.author or self.publisher
        return f'"{self.title}" ({by})' if by else f'"{self.title}"'


@dataclass(frozen=True)
class TipView:
    """A tip with its steps, topics, causes and sources."""

    slug: str
    kind: str
    title: str
    summary: str
    why: str
    more: str
    suits: str
    effort: str
    needs_safe_relationship: bool
    own_description: bool
    covers: tuple[str, ...]
    topics: tuple[str, ...]
    causes: tuple[str, ...]
    steps: tuple[str, ...]
    sources: tuple[SourceView, ...]
    own_guidance: bool = False
    asks: tuple[str, ...] = ()
    concern: str | None = None
    fits: tuple[str, ...] = ()
    avoid: tuple[tuple[str, str], ...] = ()  # (situation, reason)
    say: tuple[str, ...] = ()
    minutes: int | None = None

    @property
    def credits(self) -> str:
        """All the tip's sources, ready to show ("From ..."); empty for the coach's own."""
        return " and ".join(s.credit for s in self.sources)


@dataclass(frozen=True)
class Vocabulary:
    """Words the NLU pipeline should recognise, taken from the store's content."""

    causes: dict[str, tuple[str, ...]]
    topics: dict[str, str]


def _source_view(source: Source) -> SourceView:
    return SourceView(
        slug=source.slug,
        title=source.title,
        author=source.author,
        author_role=source.author_role,
        publisher=source.publisher,
        published=source.published.isoformat() if source.published else None,
    )


def _tip_view(tip: Tip) -> TipView:
    return TipView(
        slug=tip.slug,
        kind=tip.kind,
        title=tip.title,
        summary=tip.summary,
        why=tip.why,
        more=tip.more,
        suits=tip.suits,
        effort=tip.effort,
        needs_safe_relationship=tip.needs_safe_relationship,
        own_description=tip.own_description,
        covers=tuple(tip.covers.split()),
        topics=tuple(t.slug for t in tip.topics),
        causes=tuple(c.slug for c in tip.causes),
        steps=tuple(s.text for s in tip.steps),
        sources=tuple(_source_view(s) for s in tip.sources),
        own_guidance=tip.own_guidance,
        asks=tuple(a for a in tip.asks.splitlines() if a.strip()),
        concern=tip.concern,
        fits=tuple(tip.fits.split()),
        avoid=tuple(sorted(json.loads(tip.avoid or "{}").items())),
        say=tuple(line for line in tip.say.splitlines() if line.strip()),
        minutes=tip.minutes,
    )


def _loaded() -> tuple[object, ...]:
    return (
        selectinload(Tip.steps),
        selectinload(Tip.topics),
        selectinload(Tip.causes),
        selectinload(Tip.sources),
    )


LINKS: dict[str, tuple[Any, Any, Any]] = {
    "topic": (tip_topics, Topic, tip_topics.c.topic_id),
    "cause": (tip_causes, Cause, tip_causes.c.cause_id),
}


def linked_to(stmt: Any, kind: str, slug: str) -> Any:
    """Restrict a query on tips to those linked to a topic or cause (by its slug)."""
    link, model, foreign_key = LINKS[kind]
    return (
        stmt.join(link, link.c.tip_id == Tip.id)
        .join(model, model.id == foreign_key)
        .where(model.slug == slug)
        .order_by(link.c.tip_id)
    )


def search_terms(query: str) -> list[str]:
    """The words of a free question worth searching for (lowercase, no stopwords, no syntax)."""
    terms: list[str] = []
    for word in _WORD.findall(query.lower()):
        if word in _STOPWORDS or len(word) < 2 or word in terms:
            continue
        terms.append(word[:40])
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms


class GuidanceStore:
    """Queries over the guidance content. Each call opens and closes its own session."""

    def __init__(self, engine: Engine | None = None) -> None:
        """Use ``engine``, or this process's engine for ``COACH_DB_URL``."""
        self.engine = engine or get_engine()

    def _tips(self, session: Session, slugs_in_order: Sequence[str]) -> list[TipView]:
        if not slugs_in_order:
            return []
        rows = session.execute(
            select(Tip).where(Tip.slug.in_(list(slugs_in_order))).options(*_loaded())
        ).scalars()
        by_slug = {tip.slug: _tip_view(tip) for tip in rows}
        return [by_slug[s] for s in slugs_in_order if s in by_slug]

    def tip(self, slug: str) -> TipView | None:
        """One tip by slug, or None."""
        with Session(self.engine, future=True) as session:
            found = self._tips(session, [slug])
            return found[0] if found else None

    def tips(self, slugs: Iterable[str]) -> list[TipView]:
        """Several tips by slug, in the order given (unknown slugs are skipped)."""
        with Session(self.engine, future=True) as session:
            return self._tips(session, list(slugs))

    def steps(self, slug: str) -> list[str]:
        """The steps of a tip, in order (empty if the tip is unknown)."""
        tip = self.tip(slug)
        return list(tip.steps) if tip else []

    def tips_for_topic(self, topic: str, kind: str | None = None) -> list[TipView]:
        """Tips that belong to a topic, in content order."""
        stmt = linked_to(select(Tip), "topic", topic).options(*_loaded())
        if kind:
            stmt = stmt.where(Tip.kind == kind)
        with Session(self.engine, future=True) as session:
            return [_tip_view(t) for t in session.execute(stmt).scalars()]

    def tips_for_cause(self, cause: str) -> list[TipView]:
        """Practice tips that fit a cause, in content order."""
        stmt = linked_to(select(Tip), "cause", cause).where(Tip.kind == "practice")
        stmt = stmt.options(*_loaded())
        with Session(self.engine, future=True) as session:
            return [_tip_view(t) for t in session.execute(stmt).scalars()]

    def practice_tips(self, safe_only: bool = False) -> list[TipView]:
        """Every practice tip (only those fine in an unsafe relationship if ``safe_only``)."""
        stmt = select(Tip).where(Tip.kind == "practice").order_by(Tip.slug).options(*_loaded())
        if safe_only:
            stmt = stmt.where(Tip.needs_safe_relationship.is_(False))
        with Session(self.engine, future=True) as session:
            return [_tip_view(t) for t in session.execute(stmt).scalars()]

    def plan_candidates(
        self,
        cause: str | None = None,
        topic: str | None = None,
        safe_only: bool = False,
        exclude: Iterable[str] = (),
        limit: int = CANDIDATES,
    ) -> list[TipView]:
        """Practice tips worth ranking for a plan: those for the cause and topic, then others.

        Each part is an indexed lookup with a limit, so the cost stays flat however many
        tips the store holds; :mod:`coach.plan` ranks the (at most ``3 * limit``) results.
        """
        excluded = list(exclude)

        def practice() -> Any:
            stmt = select(Tip.id).where(Tip.kind == "practice")
            if safe_only:
                stmt = stmt.where(Tip.needs_safe_relationship.is_(False))
            if excluded:
                stmt = stmt.where(Tip.slug.not_in(excluded))
            return stmt

        queries = [
            linked_to(practice(), kind, slug).limit(limit)
            for kind, slug in (("cause", cause), ("topic", topic))
            if slug
        ]
        queries.append(practice().order_by(Tip.id).limit(limit))
        with Session(self.engine, future=True) as session:
            ids: list[int] = []
            for stmt in queries:
                ids += [i for i in session.execute(stmt).scalars() if i not in ids]
            rows = session.execute(
                select(Tip).where(Tip.id.in_(ids)).order_by(Tip.slug).options(*_loaded())
            ).scalars()
            return [_tip_view(t) for t in rows]

    def covering(self, checklist_id: str) -> list[TipView]:
        """Tips that cover a checklist id (for the "what is ...?" questions)."""
        pattern = f"% {checklist_id} %"
        stmt = (
            select(Tip)
            .where((" " + Tip.covers + " ").like(pattern))
            .order_by(Tip.kind.desc(), Tip.slug)
            .options(*_loaded())
        )
        with Session(self.engine, future=True) as session:
            return [_tip_view(t) for t in session.execute(stmt).scalars()]

    def search(self, query: str, limit: int = 5) -> list[TipView]:
        """Full-text search over titles, summaries and steps, best match first.

        SQLite uses FTS5 (bm25), PostgreSQL its English text search (ts_rank);
        the query's words are ORed, so a free question finds partial matches.
        """
        terms = search_terms(query)
        if not terms:
            return []
        limit = max(1, min(limit, 50))
        with Session(self.engine, future=True) as session:
            dialect = session.get_bind().dialect.name
            if dialect == "sqlite":
                match = " OR ".join(f'"{t}"' for t in terms)
                rows = session.execute(
                    text(
                        "SELECT tips.slug FROM tips_fts JOIN tips ON tips.id = tips_fts.rowid "
                        "WHERE tips_fts MATCH :match ORDER BY bm25(tips_fts, 5.0, 3.0, 1.0), "
                        "tips.slug LIMIT :limit"
                    ),
                    {"match": match, "limit": limit},
                )
            elif dialect == "postgresql":
                rows = session.execute(
                    text(
                        "SELECT slug FROM tips, to_tsquery('english', :q) query "
                        "WHERE search_vector @@ query "
                        "ORDER BY ts_rank(search_vector, query) DESC, slug LIMIT :limit"
                    ),
                    {"q": " | ".join(terms), "limit": limit},
                )
            else:  # pragma: no cover - other databases: a plain LIKE scan
                like = select(Tip.slug).where(Tip.search_text.ilike(f"%{terms[0]}%"))
                rows = session.execute(like.order_by(Tip.slug).limit(limit))
            slugs = [row[0] for row in rows]
            return self._tips(session, slugs)

    def all_tips(self) -> list[TipView]:
        """Every tip, explanation and answer, by slug (to build the answer index)."""
        with Session(self.engine, future=True) as session:
            rows = session.execute(select(Tip).order_by(Tip.slug).options(*_loaded())).scalars()
            return [_tip_view(t) for t in rows]

    def source(self, slug: str) -> SourceView | None:
        """One article by slug, or None."""
        with Session(self.engine, future=True) as session:
            row = session.execute(select(Source).where(Source.slug == slug)).scalar_one_or_none()
            return _source_view(row) if row else None

    def sources(self) -> list[SourceView]:
        """All articles, by slug."""
        with Session(self.engine, future=True) as session:
            rows = session.execute(select(Source).order_by(Source.slug)).scalars()
            return [_source_view(s) for s in rows]

    def vocabulary(self) -> Vocabulary:
        """Cause patterns and topic names, for the spaCy entity ruler."""
        with Session(self.engine, future=True) as session:
            causes = {
                c.slug: tuple(p for p in c.patterns.splitlines() if p.strip())
                for c in session.execute(select(Cause).order_by(Cause.slug)).scalars()
            }
            topics = {
                t.slug: t.name
                for t in session.execute(select(Topic).order_by(Topic.slug)).scalars()
            }
        return Vocabulary(causes=causes, topics=topics)

    def count_tips(self) -> int:
        """How many tips the store holds."""
        with Session(self.engine, future=True) as session:
            return int(session.scalar(select(func.count()).select_from(Tip)) or 0)
