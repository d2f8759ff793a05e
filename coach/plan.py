"""Choosing a personal plan: three tips ranked by fit to the person (plain Python, no Rasa).

Everything the coach knows counts (docs/plans.md): the situations read from the whole
conversation (several at once), the cause answered in the questions, how long it has felt
this way, who pulled away, how open the partner is (graded), the time the person has, and
what they tried. A tip whose ``avoid`` names one of the person's situations is never
offered; one whose ``fits`` names them ranks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

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
# Situations that leave a couple little spare time or energy: quick tips first.
LITTLE_TIME = frozenset({"new_baby", "long_hours", "new_job", "illness", "moving"})


@dataclass(frozen=True)
class Profile:
    """What the coach learned about the person's situation."""

    cause: str | None = None
    partner_open: str | None = None  # yes | probably | unsure | probably_not | no
    pulled_away: str | None = None  # me | partner | both | unsure
    tried: frozenset[str] = field(default_factory=frozenset)
    safe_only: bool = False  # after an abuse disclosure: no closeness or couple work
    topic: str | None = None
    situations: tuple[str, ...] = ()  # content/situations.yml keys, read from the conversation
    duration: str | None = None  # weeks | months | year_plus | unsure | skipped

    def having_tried(self, slugs: Iterable[str]) -> Profile:
        """The same person, with more tips counted as tried (never offered again)."""
        return replace(self, tried=self.tried | frozenset(slugs))

    @property
    def starts_alone(self) -> bool:
        """Whether the plan should begin with what the person can do on their own."""
        return (
            self.safe_only
            or self.partner_open in START_ALONE
            or self.pulled_away == "partner"
            or "addiction" in self.situations
        )

    @property
    def short_of_time(self) -> bool:
        """Whether what they said leaves them little time or energy."""
        return bool(LITTLE_TIME & set(self.situations)) or self.cause == "new_baby"


@dataclass(frozen=True)
class Ranked:
    """A tip with its score and the reasons the coach gives for choosing it."""

    tip: TipView
    score: float
    reasons: tuple[str, ...]


def ruled_out_by(tip: TipView, profile: Profile) -> str | None:
    """The situation for which this tip must not be offered to this person, if any."""
    said = set(profile.situations)
    # A key names one situation, or several joined by "+" that must all have been said.
    return next((key for key, _ in tip.avoid if set(key.split("+")) <= said), None)


def eligible(tip: TipView, profile: Profile) -> bool:
    """Whether a tip may be offered at all to this person."""
    if tip.kind != "practice" or tip.slug in profile.tried:
        return False
    if profile.safe_only and tip.needs_safe_relationship:
        return False
    if ruled_out_by(tip, profile) is not None:
        return False
    if "addiction" in profile.situations and tip.suits == "both":
        # A partner's drinking or other dependency: support for the person first.
        return False
    return not (profile.partner_open in NOT_WILLING and tip.suits == "both")


def score(tip: TipView, profile: Profile) -> Ranked:
    """Score one tip for this person: situations and cause first, then who, then time."""
    points = 0.0
    reasons: list[str] = []
    fitting = [s for s in profile.situations if s in tip.fits]
    if fitting:
        points += 4 + 1.5 * (len(fitting) - 1)
        reasons.append("situation")
    if profile.cause and profile.cause in tip.causes:
        points += 2 if profile.situations else 4
        reasons.append("cause")
    if profile.topic and profile.topic in tip.topics:
        points += 3
        reasons.append("topic")
    if profile.starts_alone:
        if tip.suits in ("alone", "either"):
            points += 2
            reasons.append("alone")
        else:
            points -= 1
    elif tip.suits in ("both", "either"):
        points += 1.5 if profile.partner_open == "yes" else 1
        reasons.append("together")
    if profile.pulled_away == "me" and "self_care" in tip.topics:
        points += 1
        reasons.append("self")
    if profile.duration == "year_plus" and "professional_help" in tip.topics:
        points += 1.5
        reasons.append("long")
    ease = 2 - EFFORT_ORDER.get(tip.effort, 2)
    points += ease * (0.75 if profile.short_of_time else 0.5)
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
    best = rank(candidates, profile.having_tried(current), size=1)
    return best[0] if best else None


@dataclass(frozen=True)
class Swap:
    """A plan with one tip swapped for the next best (``pick`` None: nothing else fits)."""

    plan: tuple[str, ...]
    index: int
    pick: Ranked | None


def swap(plan: Sequence[str], index: int, candidates: Iterable[TipView], profile: Profile) -> Swap:
    """Swap the plan's tip at ``index`` for the best tip not in the plan nor tried."""
    pick = replacement(candidates, profile, plan)
    if pick is None:
        return Swap(tuple(plan), index, None)
    swapped = list(plan)
    swapped[index] = pick.tip.slug
    return Swap(tuple(swapped), index, pick)


def quickest(tips: Sequence[TipView]) -> int | None:
    """The index of the tip whose first try takes least time ("which is quickest?")."""
    if not tips:
        return None

    def cost(i: int) -> tuple[float, int, int]:
        tip = tips[i]
        minutes = tip.minutes if tip.minutes is not None else 10 ** (EFFORT_ORDER[tip.effort] + 1)
        return (minutes, EFFORT_ORDER.get(tip.effort, 2), i)

    return min(range(len(tips)), key=cost)


@dataclass(frozen=True)
class Proposal:
    """A plan for the person: the tips, how to introduce it, what was left out and why."""

    ranked: tuple[Ranked, ...]
    together: bool  # at least one tip needs or invites the partner
    alone: bool  # every tip can be done without the partner
    named: tuple[str, ...]  # the person's situations the plan answers to
    left_out: tuple[tuple[str, str], ...]  # (tip slug, situation) ruled out for them

    @property
    def tips(self) -> list[TipView]:
        """The plan's tips, in order."""
        return [r.tip for r in self.ranked]


def propose(candidates: Iterable[TipView], profile: Profile, size: int = PLAN_SIZE) -> Proposal:
    """Rank a plan and describe it: whether it starts alone, which situations it answers."""
    pool = list(candidates)
    ranked = rank(pool, profile, size)
    tips = [r.tip for r in ranked]
    named = tuple(s for s in profile.situations if any(s in t.fits for t in tips))
    left_out = tuple(
        (t.slug, situation)
        for t in pool
        if t.kind == "practice" and (situation := ruled_out_by(t, profile)) is not None
    )
    return Proposal(
        ranked=tuple(ranked),
        together=any(t.suits == "both" for t in tips),
        alone=bool(tips) and all(t.suits in ("alone", "either") for t in tips),
        named=named,
        left_out=left_out,
    )
