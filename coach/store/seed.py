"""Idempotent, versioned seeding of the guidance store from the content file (``make seed``).

Re-running it updates changed rows in place, removes dropped ones and leaves
everything else alone; it touches only content tables, never user data.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from coach.store.content import Content, load_content
from coach.store.db import get_engine, session_scope
from coach.store.migrate import upgrade
from coach.store.models import Cause, ContentMeta, Source, Step, Tip, Topic

T = TypeVar("T", Source, Topic, Cause)


@dataclass
class SeedReport:
    """What one seed run changed, per kind of row."""

    added: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return any(self.added.values()) or any(self.updated.values()) or any(self.removed.values())

    def summary(self) -> str:
        """One short human-readable line per kind that changed."""
        if not self.changed:
            return "guidance store: no changes"
        lines = []
        for kind in ("sources", "topics", "causes", "tips"):
            parts = [
                f"{len(group[kind])} {verb}"
                for verb, group in (
                    ("added", self.added),
                    ("updated", self.updated),
                    ("removed", self.removed),
                )
                if group.get(kind)
            ]
            if parts:
                lines.append(f"guidance store: {kind}: {', '.join(parts)}")
        return "\n".join(lines)


def _sync_simple(
    session: Session,
    model: type[T],
    kind: str,
    wanted: dict[str, dict[str, Any]],
    report: SeedReport,
) -> dict[str, T]:
    """Upsert rows of a slug-keyed table; return them by slug."""
    existing = {row.slug: row for row in session.execute(select(model)).scalars()}
    for slug, values in wanted.items():
        row = existing.get(slug)
        if row is None:
            row = model(slug=slug, **values)
            session.add(row)
            existing[slug] = row
            report.added.setdefault(kind, []).append(slug)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            report.updated.setdefault(kind, []).append(slug)
    for slug in sorted(set(existing) - set(wanted)):
        session.delete(existing.pop(slug))
        report.removed.setdefault(kind, []).append(slug)
    return existing


def content_digest(content: Content) -> str:
    """A hash of the whole content, stored in ``content_meta``."""
    parts = [tip.content_hash() for tip in content.tips]
    parts += [repr(s) for s in content.sources] + [repr(t) for t in content.topics]
    parts += [repr(c) for c in content.causes]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def seed(engine: Engine, content: Content) -> SeedReport:
    """Make the content tables match ``content``; return what changed."""
    report = SeedReport()
    with session_scope(engine) as session:
        sources = _sync_simple(
            session,
            Source,
            "sources",
            {
                s.slug: {
                    "title": s.title,
                    "author": s.author,
                    "author_role": s.author_role,
                    "publisher": s.publisher,
                    "published": s.published,
                    "seed_file": s.seed_file,
                }
                for s in content.sources
            },
            report,
        )
        topics = _sync_simple(
            session,
            Topic,
            "topics",
            {t.slug: {"name": t.name, "description": t.description} for t in content.topics},
            report,
        )
        causes = _sync_simple(
            session,
            Cause,
            "causes",
            {c.slug: {"name": c.name, "patterns": "\n".join(c.patterns)} for c in content.causes},
            report,
        )
        session.flush()
        existing = {tip.slug: tip for tip in session.execute(select(Tip)).scalars()}
        for data in content.tips:
            digest = data.content_hash()
            tip = existing.get(data.slug)
            if tip is not None and tip.content_hash == digest:
                continue
            if tip is None:
                tip = Tip(slug=data.slug)
                session.add(tip)
                report.added.setdefault("tips", []).append(data.slug)
            else:
                report.updated.setdefault("tips", []).append(data.slug)
                # Replace the steps wholesale; flush first so positions stay unique.
                tip.steps.clear()
                session.flush()
            tip.kind = data.kind
            tip.title = data.title
            tip.summary = data.summary
            tip.why = data.why
            tip.more = data.more
            tip.suits = data.suits
            tip.effort = data.effort
            tip.needs_safe_relationship = data.needs_safe_relationship
            tip.own_description = data.own_description
            tip.own_guidance = data.own_guidance
            tip.asks = "\n".join(data.asks)
            tip.concern = data.concern
            tip.fits = " ".join(data.fits)
            tip.avoid = json.dumps(dict(data.avoid), sort_keys=True, ensure_ascii=False)
            tip.say = "\n".join(data.say)
            tip.minutes = data.minutes
            tip.covers = " ".join(data.covers)
            tip.search_text = data.search_text
            tip.content_hash = digest
            tip.steps = [Step(position=i + 1, text=text) for i, text in enumerate(data.steps)]
            tip.topics = [topics[s] for s in data.topics]
            tip.causes = [causes[s] for s in data.causes]
            tip.sources = [sources[s] for s in data.sources]
        wanted = {t.slug for t in content.tips}
        dropped = sorted(set(existing) - wanted)
        if dropped:
            session.execute(delete(Tip).where(Tip.slug.in_(dropped)))
            report.removed["tips"] = dropped
        meta = session.get(ContentMeta, "content_digest")
        digest = content_digest(content)
        if meta is None:
            session.add(ContentMeta(key="content_digest", value=digest))
        elif meta.value != digest:
            meta.value = digest
    return report


def main(argv: list[str]) -> int:
    """Command line: ``python -m coach.store.seed [CONTENT_FILE]``: migrate, then seed."""
    path = Path(argv[0]) if argv else None
    content = load_content(path)
    upgrade()
    report = seed(get_engine(), content)
    sys.stdout.write(report.summary() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
