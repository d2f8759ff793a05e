"""Plan ranking: fit to the cause, to whether the partner is willing, and to what was tried."""

from dataclasses import replace

from coach.plan import Profile, propose, quickest, rank, replacement, ruled_out_by
from coach.store.queries import TipView


def tip(
    slug,
    topics=("communication",),
    causes=(),
    suits="either",
    effort="minutes",
    kind="practice",
    safe=True,
):
    return TipView(
        slug,
        kind,
        slug,
        "s",
        "w",
        "",
        suits,
        effort,
        safe,
        False,
        (),
        tuple(topics),
        tuple(causes),
        ("a", "b"),
        (),
    )


TIPS = [
    tip("baby-talk", ("communication",), ("new_baby",)),
    tip("baby-time", ("quality_time",), ("new_baby",), effort="evening"),
    tip("hug", ("touch", "exercises"), ("new_baby",), suits="both"),
    tip("exercise", ("exercises",), ("new_baby",), suits="both"),
    tip("self", ("self_care",), (), suits="alone", safe=False),
    tip("therapy", ("professional_help",), (), suits="alone", safe=False, effort="ongoing"),
    tip("explain", ("understanding",), kind="understanding"),
]


def test_cause_fit_wins_and_topics_do_not_repeat():
    ranked = rank(TIPS, Profile(cause="new_baby", partner_open="yes"))
    plan = [r.tip.slug for r in ranked]
    assert plan[0] == "baby-talk" and len(plan) == 3
    assert not {"hug", "exercise"} <= set(plan)  # they share the "exercises" topic
    topics = [t for r in ranked for t in r.tip.topics]
    assert len(topics) == len(set(topics))
    assert "explain" not in plan  # explanations are not practices


def test_unwilling_partner_gets_nothing_that_needs_both():
    plan = rank(TIPS, Profile(cause="new_baby", partner_open="no"))
    assert all(r.tip.suits != "both" for r in plan)
    assert "alone" in plan[0].reasons


def test_unsafe_relationship_gets_individual_tips_only():
    plan = rank(TIPS, Profile(cause="new_baby", safe_only=True))
    assert {r.tip.slug for r in plan} == {"self", "therapy"}


def test_tried_tips_are_left_out_and_replaced():
    profile = Profile(cause="new_baby", tried=frozenset({"baby-talk"}))
    assert "baby-talk" not in [r.tip.slug for r in rank(TIPS, profile)]
    swap = replacement(TIPS, profile, ["baby-time", "hug", "self"])
    assert swap is not None and swap.tip.slug not in {"baby-talk", "baby-time", "hug", "self"}


def test_empty_candidates():
    assert rank([], Profile()) == []
    assert replacement([], Profile(), []) is None


def fitted(slug, fits=(), avoid=(), suits="alone", minutes=None, effort="minutes"):
    return replace(tip(slug, suits=suits, effort=effort), fits=fits, avoid=avoid, minutes=minutes)


def test_situation_fit_ranks_first_and_avoid_rules_out():
    tips = [
        fitted("calls", fits=("long_distance",)),
        fitted("phones-away", avoid=(("long_distance", "needs you in the same room"),)),
        fitted("other"),
        fitted("another"),
    ]
    plan = [r.tip.slug for r in rank(tips, Profile(situations=("long_distance",)))]
    assert plan[0] == "calls" and "phones-away" not in plan
    assert "phones-away" in [r.tip.slug for r in rank(tips, Profile(), size=4)]


def test_an_avoid_key_of_several_situations_needs_them_all():
    touch = fitted("touch", avoid=(("new_baby+no_affection", "touched out"),))
    assert ruled_out_by(touch, Profile(situations=("new_baby", "no_affection"))) == (
        "new_baby+no_affection"
    )
    assert ruled_out_by(touch, Profile(situations=("new_baby",))) is None


def test_a_drinking_partner_gets_nothing_that_needs_both():
    tips = [fitted("both", suits="both", fits=("addiction",)), fitted("a"), fitted("b")]
    assert "both" not in [r.tip.slug for r in rank(tips, Profile(situations=("addiction",)))]


def test_intro_facts_follow_the_tips():
    tips = [fitted("x", suits="both", fits=("grief",)), fitted("y"), fitted("z")]
    proposal = propose(tips, Profile(partner_open="yes", situations=("grief", "money")))
    assert proposal.together and not proposal.alone and proposal.named == ("grief",)


def test_quickest_by_minutes_then_effort():
    tips = [
        fitted("a", minutes=30),
        fitted("b", minutes=5, effort="evening"),
        fitted("c", effort="minutes"),
    ]
    assert quickest(tips) == 1
    assert quickest([fitted("d", effort="ongoing"), fitted("e", effort="minutes")]) == 1
