"""Plans that fit (issue 20): different people get different plans, none with a tip the
blind never-list rules out, and the recorded table of plans holds."""

from __future__ import annotations

import pytest

from bench.plan_table import (
    distinct,
    distinct_count,
    load_profiles,
    load_rules,
    plan_of,
    profile_of,
    violations,
)
from coach.plan import Profile, propose, quickest, rank
from coach.store.queries import GuidanceStore

PROFILES = load_profiles()
RULES = load_rules()


@pytest.fixture(scope="module")
def store(sqlite_engine):
    return GuidanceStore(sqlite_engine)


def test_the_table_has_enough_profiles_and_the_list_covers_every_situation():
    assert len(PROFILES) >= 25
    assert len({p["partner_open"] for p in PROFILES}) == 5
    assert any(len(p["situations"]) >= 2 for p in PROFILES)
    assert {"weeks", "months", "year_plus"} <= {p["duration"] for p in PROFILES}
    assert len(RULES) >= 18


@pytest.mark.parametrize("item", PROFILES, ids=[p["id"] for p in PROFILES])
def test_each_profile_gets_its_recorded_plan_and_nothing_ruled_out(store, item):
    profile = profile_of(item)
    plan = plan_of(store, profile)
    assert len(plan) == 3
    assert violations(profile, plan, RULES) == []
    # The table records what each person gets; a change to ranking or tags shows here
    # (refresh with bench/plan_table.py --write after checking the new plans).
    assert plan == item["plan"]


def test_plans_differ_when_people_differ(store):
    plans = [plan_of(store, profile_of(item)) for item in PROFILES]
    assert distinct_count(plans) >= 18


CASES = [
    (rule, Profile(situations=tuple(sorted(rule.situations)), partner_open=willing))
    for rule in RULES
    for willing in ("yes", "probably", "unsure", "probably_not", "no")
]
CASES = [(rule, profile) for rule, profile in CASES if rule.applies(profile)]


@pytest.mark.parametrize(
    ("rule", "profile"),
    CASES,
    ids=[f"{'+'.join(sorted(r.situations)) or 'any'}-{p.partner_open}" for r, p in CASES],
)
def test_no_rule_is_broken_at_any_willingness(store, rule, profile):
    plan = plan_of(store, profile)
    assert not rule.never & set(plan), rule.reason


def test_distinct_means_two_of_three_tips_differ():
    assert distinct(["a", "b", "c"], ["a", "d", "e"])
    assert not distinct(["a", "b", "c"], ["a", "b", "e"])
    assert distinct_count([["a", "b", "c"], ["a", "b", "d"], ["x", "y", "c"]]) == 2


def test_an_unwilling_partner_or_a_drinking_partner_gets_nothing_for_two(store):
    for profile in (
        Profile(situations=("arguing",), partner_open="no"),
        Profile(situations=("addiction",), partner_open="yes"),
    ):
        tips = store.tips(plan_of(store, profile))
        assert all(t.suits != "both" for t in tips)


def test_the_intro_is_true_to_the_plan(store):
    open_partner = propose(store.plan_candidates(), Profile(partner_open="yes"))
    assert not open_partner.alone or all(t.suits != "both" for t in open_partner.tips)
    unsure = propose(store.plan_candidates(), Profile(partner_open="unsure"))
    assert unsure.alone == all(t.suits in ("alone", "either") for t in unsure.tips)
    named = propose(store.plan_candidates(), Profile(situations=("long_distance",)))
    assert named.named == ("long_distance",) or not any(
        "long_distance" in t.fits for t in named.tips
    )


def test_quickest_prefers_fewest_minutes_then_effort(store):
    tips = store.tips([r.tip.slug for r in rank(store.plan_candidates(), Profile())])
    index = quickest(tips)
    assert index is not None
    cost = [(t.minutes or 999, t.effort) for t in tips]
    assert cost[index][0] == min(c[0] for c in cost)
    assert quickest([]) is None
