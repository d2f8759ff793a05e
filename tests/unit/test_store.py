"""Query layer, against SQLite and PostgreSQL (the `store` fixture runs each test on both)."""

import pytest

from coach.store.queries import GuidanceStore, search_terms


def test_tip_with_ordered_steps_and_sources(store):
    tip = store.tips_for_topic("communication")[0]
    full = store.tip(tip.slug)
    assert full is not None
    assert full.steps == tuple(store.steps(tip.slug))
    assert 2 <= len(full.steps) <= 6
    assert full.sources and full.credits.startswith('"')


def test_tips_for_topic_and_cause(store):
    for topic in ("communication", "screens", "forgiveness", "professional_help"):
        tips = store.tips_for_topic(topic)
        assert tips, topic
        assert all(topic in t.topics for t in tips)
    tips = store.tips_for_cause("new_baby")
    assert len(tips) >= 5
    assert all("new_baby" in t.causes and t.kind == "practice" for t in tips)


def test_unknown_things_are_empty_not_errors(store):
    assert store.tip("no-such-tip") is None
    assert store.steps("no-such-tip") == []
    assert store.tips_for_topic("astrology") == []
    assert store.source("nope") is None


@pytest.mark.parametrize(
    "query",
    ["how do we stop arguing", "phones at dinner", "forgive him", "couples therapy"],
)
def test_search_finds_relevant_tips(store, query):
    results = store.search(query)
    assert results, query
    words = search_terms(query)
    top = results[0]
    text = " ".join([top.title, *top.asks, top.summary, *top.steps]).lower()
    assert any(w[:4] in text for w in words), (query, top.slug)


@pytest.mark.parametrize(
    "query",
    ["", "   ", "the and of", '"); DROP TABLE tips; --', "*", "NEAR(a b)", "a\x00b", "💔💔"],
)
def test_search_is_safe_with_hostile_input(store, query):
    store.search(query)  # no exception
    assert store.count_tips() > 50


def test_covering_finds_understanding_tips(store):
    tips = store.covering("U1")
    assert tips and tips[0].kind == "understanding"
    assert not store.covering("U")  # ids match whole, not by prefix


def test_sources_and_vocabulary(store):
    sources = store.sources()
    assert len(sources) == 5
    assert store.source(sources[0].slug) == sources[0]
    vocab = store.vocabulary()
    assert vocab.causes.get("new_baby")
    assert "communication" in vocab.topics


def test_empty_store_answers_empty(empty_engine):
    store = GuidanceStore(empty_engine)
    assert store.practice_tips() == []
    assert store.search("talk") == []
    assert store.count_tips() == 0


def test_plan_candidates_are_filtered_and_bounded(store):
    found = store.plan_candidates(cause="new_baby", safe_only=True, exclude=["x"], limit=5)
    assert found and all(t.kind == "practice" for t in found)
    assert not any(t.needs_safe_relationship for t in found)
    assert len(found) <= 10
    baby = [t for t in found if "new_baby" in t.causes]
    assert baby, "the cause's own tips come first"
    first = found[0].slug
    again = store.plan_candidates(cause="new_baby", safe_only=True, exclude=[first], limit=5)
    assert first not in {t.slug for t in again}
