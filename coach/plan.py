"""Choosing a personal plan: three tips ranked by fit to the person (plain Python, no Rasa)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coach.store.queries import TipView

PLAN_SIZE = 3
# When someone asks for tips naming a cause ("how do we stop fighting?"), the topic to use.
CAUSE_TOPICS = {
    "conflict": "conflict",
    "screens": "screens",
    "routine": "spontaneity",
    "self_esteem": "self_care",
    "stress": "self_care",
    "new_baby": "quality_time",
    "new_job": "quality_time",
    "distance": "communication",
    "health": "communication",
}
EFFORT_ORDER = {"minutes": 0, "evening": 1, "ongoing": 2}
# How "is your partner open to working on it?" ranks the plan (docs/assessment.md): yes
# and probably lean to things to do together; unsure and probably not start with steps
# that don't depend on the partner; no and probably not leave out tips that need both.
# "unknown" is what older conversations stored for "not sure".
START_ALONE = frozenset({"no", "probably_not", "unsure", "unknown"})
NOT_WILLING = frozenset({"no", "probably_not"})


@dataclass(frozen=True)
class Profile:
    """What the coach learned about the person's situation."""

    cause: str | None = None
    partner_open: str | None = None  # yes | probably | unsure | probably_not | no
    pulled_away: str | None = None  # me | partner | both | unsure
    tried: frozenset[str] = field(default_factory=frozenset)
    safe_only: bool = False  # after an abuse disclosure: no closeness or couple work
    topic: str | None = None


@dataclass(frozen=True)
class Ranked:
    """A tip with its score and the reasons the coach gives for choosing it."""

    tip: TipView
    score: float
    reasons: tuple[str, ...]


def eligible(tip: TipView, profile: Profile) -> bool:
    """Whether a tip may be offered at all to this person."""
    if tip.kind != "practice" or tip.slug in profile.tried:
        return False
    if profile.safe_only and tip.needs_safe_relationship:
        return False
    return not (profile.partner_open in NOT_WILLING and tip.suits == "both")


def score(tip: TipView, profile: Profile) -> Ranked:
    """Score one tip for this person: cause fit first, then who can do it, then ease."""
    points = 0.0
    reasons: list[str] = []
    if profile.cause and profile.cause in tip.causes:
        points += 4
        reasons.append("cause")
    if profile.topic and profile.topic in tip.topics:
        points += 3
        reasons.append("topic")
    if profile.partner_open in START_ALONE or profile.pulled_away == "partner":
        if tip.suits in ("alone", "either"):
            points += 2
            reasons.append("alone")
    elif tip.suits in ("both", "either"):
        points += 1
        reasons.append("together")
    if profile.pulled_away == "me" and "self_care" in tip.topics:
        points += 1
        reasons.append("self")
    points += (2 - EFFORT_ORDER.get(tip.effort, 2)) * 0.5
    if tip.effort == "minutes":
        reasons.append("easy")
    return Ranked(tip=tip, score=points, reasons=tuple(reasons))


def rank(candidates: Iterable[TipView], profile: Profile, size: int = PLAN_SIZE) -> list[Ranked]:
    """The best ``size`` tips for the person, sharing no topic where possible."""
    scored = sorted(
        (score(t, profile) for t in candidates if eligible(t, profile)),
        key=lambda r: (-r.score, r.tip.slug),
    )
    chosen: list[Ranked] = []
    used_topics: set[str] = set()
    for ranked in scored:
        topics = set(ranked.tip.topics)
        if topics & used_topics:
            continue
        chosen.append(ranked)
        used_topics |= topics
        if len(chosen) == size:
            return chosen
    for ranked in scored:  # not enough distinct topics: fill with the next best
        if len(chosen) == size:
            break
        if ranked not in chosen:
            chosen.append(ranked)
    return chosen


def replacement(
    candidates: Iterable[TipView], profile: Profile, current: Sequence[str]
) -> Ranked | None:
    """The best tip not already in the plan, to swap in for one the person declined."""
    excluded = Profile(
        cause=profile.cause,
        partner_open=profile.partner_open,
        pulled_away=profile.pulled_away,
        tried=profile.tried | frozenset(current),
        safe_only=profile.safe_only,
        topic=profile.topic,
    )
    best = rank(candidates, excluded, size=1)
    return best[0] if best else None
