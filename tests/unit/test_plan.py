"""Plan ranking: fit to the cause, to whether the partner is willing, and to what was tried."""

from coach.plan import Profile, rank, replacement
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
