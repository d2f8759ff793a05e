"""Seeding is idempotent, updates in place, removes dropped rows and reports what changed."""

import dataclasses

from sqlalchemy import select

from coach.store.db import session_scope
from coach.store.models import Step, Tip
from coach.store.queries import GuidanceStore
from coach.store.seed import seed


def test_second_seed_changes_nothing(empty_engine, content):
    first = seed(empty_engine, content)
    assert first.changed and len(first.added["tips"]) == len(content.tips)
    second = seed(empty_engine, content)
    assert not second.changed
    assert second.summary() == "guidance store: no changes"


def test_changed_tip_is_updated_in_place_and_dropped_tip_removed(empty_engine, content):
    seed(empty_engine, content)
    with session_scope(empty_engine) as session:
        ids_before = dict(session.execute(select(Tip.slug, Tip.id)).all())
    first, second, *rest = content.tips
    edited = dataclasses.replace(first, steps=("Whistle a zephyrsong together.", "Then another."))
    changed = dataclasses.replace(content, tips=(edited, *rest))
    report = seed(empty_engine, changed)
    assert report.updated["tips"] == [first.slug]
    assert report.removed["tips"] == [second.slug]
    store = GuidanceStore(empty_engine)
    assert store.steps(first.slug) == ["Whistle a zephyrsong together.", "Then another."]
    assert store.tip(second.slug) is None
    with session_scope(empty_engine) as session:
        assert (
            session.execute(select(Tip.id).where(Tip.slug == first.slug)).scalar_one()
            == (ids_before[first.slug])
        )
        orphan_steps = session.execute(
            select(Step.id).where(Step.tip_id == ids_before[second.slug])
        ).all()
        assert orphan_steps == []
    # and the search index follows the edit
    assert [t.slug for t in store.search("zephyrsong")][:1] == [first.slug]
