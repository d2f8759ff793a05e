"""Deleting a person's rows and purging old conversations (coach/privacy.py), no Rasa server."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from coach.privacy import (
    forget_conversation,
    forget_sender,
    inactive_senders,
    person_tables,
    purge_inactive,
    tracker_events,
)
from coach.store.models import Base
from scripts import purge as purge_script

DAY = 86_400.0
NOW = 1_800_000_000.0  # the fake clock


def project_metadata() -> MetaData:
    """The store's tables plus two person tables (a parent and a child), like migration 0003's."""
    meta = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(meta)
    Table(
        "memories",
        meta,
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255), nullable=False),
        Column("note", String),
    )
    Table(
        "memory_tags",
        meta,
        Column("id", Integer, primary_key=True),
        Column("memory_id", ForeignKey("memories.id"), nullable=False),
        Column("sender_id", String(255), nullable=False),
    )
    return meta


@pytest.fixture
def store(tmp_path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'coach.db'}", future=True)
    project_metadata().create_all(engine)
    return engine


@pytest.fixture
def trackers(tmp_path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    tracker_events.metadata.create_all(engine)
    return engine


def add_person(store: Engine, sender: str) -> None:
    meta = project_metadata()
    with store.begin() as conn:
        mid = conn.execute(
            insert(meta.tables["memories"]).values(sender_id=sender, note="new baby")
        ).inserted_primary_key[0]
        conn.execute(insert(meta.tables["memory_tags"]).values(memory_id=mid, sender_id=sender))


def add_events(trackers: Engine, sender: str, *times: float) -> None:
    with trackers.begin() as conn:
        for t in times:
            conn.execute(
                insert(tracker_events).values(
                    sender_id=sender, type_name="user", timestamp=t, data=json.dumps({})
                )
            )


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {name: n for name, n in counts.items() if n}


def count(engine: Engine, table: Table, sender: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(table).where(table.c.sender_id == sender)
            ).scalar_one()
        )


def test_person_tables_are_found_by_their_sender_id_column_children_first():
    names = [t.name for t in person_tables(project_metadata())]
    assert names.index("memory_tags") < names.index("memories")  # children first
    # the memory tables of migration 0003 are found by the same rule
    assert {"memory_plans", "memory_tip_outcomes", "memory_check_ins"} <= set(names)
    assert not [t for t in person_tables() if t.name in ("tips", "topics", "sources")]


def test_forget_sender_removes_only_that_persons_rows(store):
    meta = project_metadata()
    add_person(store, "ana")
    add_person(store, "ben")
    counts = forget_sender(store, "ana", meta)
    assert nonzero(counts) == {"memory_tags": 1, "memories": 1}
    for name in ("memories", "memory_tags"):
        assert count(store, meta.tables[name], "ana") == 0
        assert count(store, meta.tables[name], "ben") == 1


def test_forget_sender_skips_tables_the_database_does_not_have_yet(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}", future=True)
    assert forget_sender(engine, "ana", project_metadata()) == {}


def test_forget_sender_treats_injection_as_data(store):
    meta = project_metadata()
    add_person(store, "ben")
    evil = "x' OR '1'='1"
    add_person(store, evil)
    assert nonzero(forget_sender(store, evil, meta)) == {"memory_tags": 1, "memories": 1}
    assert count(store, meta.tables["memories"], "ben") == 1


def test_forget_conversation_removes_every_session(trackers):
    add_events(trackers, "ana", NOW - 200 * DAY, NOW)
    add_events(trackers, "ben", NOW)
    assert forget_conversation(trackers, "ana") == 2
    assert count(trackers, tracker_events, "ana") == 0
    assert count(trackers, tracker_events, "ben") == 1


def test_purge_removes_conversations_idle_longer_than_the_retention_period(trackers, store):
    meta = project_metadata()
    add_events(trackers, "old", NOW - 120 * DAY, NOW - 91 * DAY)
    add_events(trackers, "recent", NOW - 120 * DAY, NOW - 89 * DAY)  # old start, recent reply
    add_events(trackers, "today", NOW)
    for sender in ("old", "recent", "today"):
        add_person(store, sender)
    assert inactive_senders(trackers, NOW - 90 * DAY) == ["old"]
    report = purge_inactive(trackers, store, 90, now=NOW, metadata=meta)
    assert (report.senders, report.tracker_events) == (1, 2)
    assert nonzero(report.project_rows) == {"memory_tags": 1, "memories": 1}
    assert count(trackers, tracker_events, "old") == 0
    assert count(store, meta.tables["memories"], "old") == 0
    for sender in ("recent", "today"):
        assert count(trackers, tracker_events, sender) > 0
        assert count(store, meta.tables["memories"], sender) == 1
    assert "1 conversation" in report.summary() and "old" not in report.summary()
    # The clock moves on two days: "recent" is now past 90 days, "today" is not.
    report = purge_inactive(trackers, store, 90, now=NOW + 2 * DAY, metadata=meta)
    assert report.senders == 1
    assert count(trackers, tracker_events, "recent") == 0
    assert count(trackers, tracker_events, "today") == 1


def test_purge_with_no_tracker_table_does_nothing(tmp_path, store):
    empty = create_engine(f"sqlite:///{tmp_path / 'none.db'}", future=True)
    assert purge_inactive(empty, store, 90, now=NOW).senders == 0


def test_purge_rejects_a_retention_period_under_a_day(trackers, store):
    with pytest.raises(ValueError):
        purge_inactive(trackers, store, 0, now=NOW)


def test_purge_script_uses_the_settings_and_a_given_clock(tmp_path, trackers, monkeypatch, capsys):
    add_events(trackers, "old", NOW - 31 * DAY)
    add_events(trackers, "new", NOW - 29 * DAY)
    monkeypatch.setenv("TRACKER_URL", str(trackers.url))
    monkeypatch.setenv("COACH_RETENTION_DAYS", "30")
    monkeypatch.setattr(purge_script, "get_engine", lambda: create_engine("sqlite://"))
    assert purge_script.main(["--now", str(NOW)]) == 0
    out = capsys.readouterr().out
    assert "retention 30 days: purged 1 conversation(s): 1 tracker event(s)" in out
    assert count(trackers, tracker_events, "old") == 0
    assert count(trackers, tracker_events, "new") == 1


def test_action_server_binds_to_loopback_by_default(monkeypatch):
    from coach.settings import get_settings, rasa_environment

    monkeypatch.delenv("SANIC_HOST", raising=False)
    monkeypatch.delenv("ACTION_HOST", raising=False)
    get_settings.cache_clear()
    try:
        assert rasa_environment()["SANIC_HOST"] == "127.0.0.1"
    finally:
        get_settings.cache_clear()
