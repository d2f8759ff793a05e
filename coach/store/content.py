"""Load and validate the guidance content file (``content/guidance.yml``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from coach.settings import CONTENT_DIR

KINDS = {"practice", "understanding", "answer"}
SUITS = {"alone", "both", "either"}
EFFORTS = {"minutes", "evening", "ongoing"}


class ContentError(ValueError):
    """The content file is malformed; the message says where."""


@dataclass(frozen=True)
class SourceData:
    """An article, as written in the content file."""

    slug: str
    title: str
    author: str | None = None
    author_role: str | None = None
    publisher: str | None = None
    published: date | None = None
    seed_file: str | None = None


@dataclass(frozen=True)
class TopicData:
    """A topic, as written in the content file."""

    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class CauseData:
    """A cause, as written in the content file."""

    slug: str
    name: str
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class TipData:
    """A tip, as written in the content file."""

    slug: str
    kind: str
    title: str
    summary: str
    why: str
    suits: str
    effort: str
    steps: tuple[str, ...]
    more: str = ""
    needs_safe_relationship: bool = True
    own_description: bool = False
    topics: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    own_guidance: bool = False
    asks: tuple[str, ...] = ()
    concern: str | None = None
    # Plan fit (migration 0005): situations the tip suits, those it must not be offered
    # for in a first plan (situation, reason), words to say, minutes for a first try.
    fits: tuple[str, ...] = ()
    avoid: tuple[tuple[str, str], ...] = ()
    say: tuple[str, ...] = ()
    minutes: int | None = None

    def content_hash(self) -> str:
        """A stable hash of everything the tip says, to detect changes when re-seeding."""
        raw = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @property
    def search_text(self) -> str:
        """Title, example questions, summary and steps in one text for full-text search."""
        return "\n".join([self.title, *self.asks, self.summary, *self.steps])


@dataclass(frozen=True)
class Content:
    """Everything the content file holds."""

    version: int
    sources: tuple[SourceData, ...]
    topics: tuple[TopicData, ...]
    causes: tuple[CauseData, ...]
    tips: tuple[TipData, ...] = field(default_factory=tuple)

    def covered_ids(self) -> set[str]:
        """Checklist ids covered by at least one tip."""
        return {cid for tip in self.tips for cid in tip.covers}


def _str(item: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ContentError(f"{where}: '{key}' is required")
        return ""
    if not isinstance(value, str):
        raise ContentError(f"{where}: '{key}' must be text")
    return value.strip()


def _opt(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return str(value).strip() if value not in (None, "") else None


def _list(item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(f"{where}: '{key}' must be a list of text")
    return tuple(v.strip() for v in value)


def _choice(item: dict[str, Any], key: str, allowed: set[str], where: str) -> str:
    value = _str(item, key, where)
    if value not in allowed:
        raise ContentError(f"{where}: '{key}' must be one of {sorted(allowed)}, got {value!r}")
    return value


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ContentError(f"{where}: 'published' must be an ISO date") from exc


def _avoid(item: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    value = item.get("avoid") or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        raise ContentError(f"{where}: 'avoid' must map a situation to a reason")
    return tuple((k.strip(), v.strip()) for k, v in value.items())


def _minutes(item: dict[str, Any], where: str) -> int | None:
    value = item.get("minutes")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ContentError(f"{where}: 'minutes' must be a positive whole number")
    return value


def situation_keys() -> frozenset[str]:
    """The situations the coach reads (``content/situations.yml``), for checking tags."""
    path = CONTENT_DIR / "situations.yml"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset((yaml.safe_load(handle) or {}).get("names") or {})


def _unique(slugs: list[str], what: str) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            raise ContentError(f"duplicate {what} slug {slug!r}")
        seen.add(slug)


def parse_content(raw: Any) -> Content:
    """Validate parsed YAML and turn it into :class:`Content`."""
    if not isinstance(raw, dict):
        raise ContentError("the content file must be a mapping with sources, topics, causes, tips")
    sources = tuple(
        SourceData(
            slug=_str(s, "slug", f"sources[{i}]"),
            title=_str(s, "title", f"sources[{i}]"),
            author=_opt(s, "author"),
            author_role=_opt(s, "author_role"),
            publisher=_opt(s, "publisher"),
            published=_date(s.get("published"), f"sources[{i}]"),
            seed_file=_opt(s, "seed_file"),
        )
        for i, s in enumerate(raw.get("sources") or [])
    )
    topics = tuple(
        TopicData(
            slug=_str(t, "slug", f"topics[{i}]"),
            name=_str(t, "name", f"topics[{i}]"),
            description=_str(t, "description", f"topics[{i}]", required=False),
        )
        for i, t in enumerate(raw.get("topics") or [])
    )
    causes = tuple(
        CauseData(
            slug=_str(c, "slug", f"causes[{i}]"),
            name=_str(c, "name", f"causes[{i}]"),
            patterns=tuple(p.lower() for p in _list(c, "patterns", f"causes[{i}]")),
        )
        for i, c in enumerate(raw.get("causes") or [])
    )
    tips = []
    for i, t in enumerate(raw.get("tips") or []):
        where = f"tips[{i}] ({t.get('slug', '?')})"
        steps = _list(t, "steps", where)
        if not 2 <= len(steps) <= 6:
            raise ContentError(f"{where}: needs 2 to 6 steps, has {len(steps)}")
        tips.append(
            TipData(
                slug=_str(t, "slug", where),
                kind=_choice(t, "kind", KINDS, where),
                title=_str(t, "title", where),
                summary=_str(t, "summary", where),
                why=_str(t, "why", where),
                more=_str(t, "more", where, required=False),
                suits=_choice(t, "suits", SUITS, where),
                effort=_choice(t, "effort", EFFORTS, where),
                needs_safe_relationship=bool(t.get("needs_safe_relationship", True)),
                own_description=bool(t.get("own_description", False)),
                topics=_list(t, "topics", where),
                causes=_list(t, "causes", where),
                covers=_list(t, "covers", where),
                sources=_list(t, "sources", where),
                steps=steps,
                own_guidance=bool(t.get("own_guidance", False)),
                asks=_list(t, "asks", where),
                concern=_opt(t, "concern"),
                fits=_list(t, "fits", where),
                avoid=_avoid(t, where),
                say=_list(t, "say", where),
                minutes=_minutes(t, where),
            )
        )
    content = Content(
        version=int(raw.get("version", 1)),
        sources=sources,
        topics=topics,
        causes=causes,
        tips=tuple(tips),
    )
    _check_references(content)
    return content


def _check_references(content: Content) -> None:
    _unique([s.slug for s in content.sources], "source")
    _unique([t.slug for t in content.topics], "topic")
    _unique([c.slug for c in content.causes], "cause")
    _unique([t.slug for t in content.tips], "tip")
    known = {
        "topics": {t.slug for t in content.topics},
        "causes": {c.slug for c in content.causes},
        "sources": {s.slug for s in content.sources},
    }
    situations = situation_keys()
    for tip in content.tips:
        for situation in (*tip.fits, *(part for key, _ in tip.avoid for part in key.split("+"))):
            if situations and situation not in situations:
                raise ContentError(f"tip {tip.slug!r}: unknown situation {situation!r}")
        for key, allowed in known.items():
            for ref in getattr(tip, key):
                if ref not in allowed:
                    raise ContentError(f"tip {tip.slug!r}: unknown {key[:-1]} {ref!r}")
        if not tip.sources and not tip.own_guidance:
            raise ContentError(
                f"tip {tip.slug!r}: credits no source (mark it own_guidance: true "
                "if no article supports it)"
            )
        if tip.own_guidance and tip.sources:
            raise ContentError(f"tip {tip.slug!r}: own_guidance tips credit no article")


def load_content(path: Path | None = None) -> Content:
    """Read and validate the content file (default ``content/guidance.yml``)."""
    path = path or CONTENT_DIR / "guidance.yml"
    with path.open(encoding="utf-8") as handle:
        return parse_content(yaml.safe_load(handle))
