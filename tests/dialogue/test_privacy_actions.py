"""Deleting a person's data only marks the conversation once the store rows are gone."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from actions import privacy
from actions.privacy import ActionDeleteData, ActionExplainData
from tests.dialogue.conftest import responses, slot_events, tracker


async def test_delete_confirms_and_marks_the_conversation(dispatcher, domain, coach_store):
    events = await ActionDeleteData().run(dispatcher, tracker({}, "affirm", "yes"), domain)
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert slot_events(events) == {"data_deleted": True, "pending_confirmation": None}


async def test_delete_works_during_a_crisis_check_in(dispatcher, domain, coach_store):
    t = tracker({"crisis_active": True}, "affirm", "yes")
    events = await ActionDeleteData().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert slot_events(events)["data_deleted"] is True


async def test_a_failing_store_deletes_nothing_and_says_so(
    dispatcher, domain, coach_store, monkeypatch, caplog
):
    def broken(*_args, **_kwargs):
        raise OperationalError("DELETE", {}, Exception("database is locked"))

    monkeypatch.setattr(privacy, "forget_sender", broken)
    events = await ActionDeleteData().run(dispatcher, tracker({}, "affirm", "yes"), domain)
    assert responses(dispatcher) == ["utter_delete_failed"]
    assert events == []  # no marker: the tracker store keeps the conversation
    assert "could not delete" in caplog.text


async def test_what_is_kept_names_the_retention_period(dispatcher, domain, monkeypatch):
    monkeypatch.setenv("COACH_RETENTION_DAYS", "30")
    events = await ActionExplainData().run(dispatcher, tracker(), domain)
    assert events == []
    assert responses(dispatcher) == ["utter_data_kept"]
    assert dispatcher.messages[0]["retention_days"] == 30
    assert "{retention_days}" in domain["responses"]["utter_data_kept"][0]["text"]


def test_the_deletion_slot_can_only_be_set_by_an_action(domain):
    slot = domain["slots"]["data_deleted"]
    assert slot["mappings"] == [{"type": "custom"}]
    assert slot["influence_conversation"] is False
