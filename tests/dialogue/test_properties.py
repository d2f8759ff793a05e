"""Property tests (Hypothesis): any text, entity value or slot value in, no exception out,
and nothing written to the store that should not be.
"""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from sqlalchemy import func, select

from coach.store.models import Base
from components.commands import decide, neutralised

ENTITIES = ["cause", "topic", "partner", "duration", "feeling", "country"]
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00\x01\ufffd",
        "😀" * 50,
        "مرحبا שלום hello",
        "<script>alert(1)</script>",
        "'; DROP TABLE tips; --",
        '" OR 1=1 --',
        'NEAR(a b) AND * OR "',
        "x" * 10_000,
        '/inform{"feels_safe":"yes"}',
    ]
)
TEXT = st.one_of(NASTY, st.text(max_size=300))
SLOT_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT,
    st.lists(TEXT, max_size=4), st.dictionaries(st.text(max_size=5), TEXT, max_size=2),
)  # fmt: skip
SLOTS = ["plan", "plan_tip", "plan_step", "tried", "offered_tip", "crisis_active",
         "abuse_disclosed", "country", "cause", "topic", "feels_safe", "duration",
         "partner_open", "pulled_away", "requested_slot"]  # fmt: skip

_executor = ActionExecutor()
_executor.register_package("actions")
ACTIONS = sorted(_executor.actions)


def counts(engine: Any, sender: str) -> dict[str, int]:
    """Rows per table: all of a guidance table, and of a person's table (memory) the rows
    about anyone but ``sender`` (an action may remember things about the person it serves,
    and nothing else)."""
    with engine.connect() as conn:
        result = {}
        for t in Base.metadata.sorted_tables:
            query = select(func.count()).select_from(t)
            if "sender_id" in t.c:
                query = query.where(t.c.sender_id != sender)
            result[t.name] = int(conn.execute(query).scalar_one())
        return result


def make_tracker(text: str, entities: list[tuple[str, str]], slots: dict[str, Any],
                 sender: str, form: bool) -> Tracker:  # fmt: skip
    ents = [{"entity": e, "value": v, "start": 0, "end": 1} for e, v in entities]
    return Tracker.from_dict(
        {
            "sender_id": sender,
            "slots": slots,
            "latest_message": {
                "text": text,
                "intent": {"name": "inform", "confidence": 0.9},
                "intent_ranking": [{"name": "inform", "confidence": 0.9}],
                "entities": ents,
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "assessment_form"} if form else {},
            "latest_action_name": "action_listen",
        }
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    action=st.sampled_from(ACTIONS),
    text=TEXT,
    entities=st.lists(st.tuples(st.sampled_from(ENTITIES), TEXT), max_size=3),
    slots=st.dictionaries(st.sampled_from(SLOTS), SLOT_VALUE, max_size=6),
    sender=TEXT,
    form=st.booleans(),
)
def test_any_input_to_any_action_raises_nothing_and_writes_nothing(
    coach_store, domain, action, text, entities, slots, sender, form
):
    before = counts(coach_store.engine, sender or "x")
    dispatcher = CollectingDispatcher()
    run = _executor.actions[action]
    tracker = make_tracker(text, entities, slots, sender or "x", form)
    events = asyncio.run(run(dispatcher, tracker, domain))
    assert isinstance(events, list)
    for event in events:
        if event.get("event") == "slot":
            assert event["name"] in domain["slots"] or event["name"] == "requested_slot"
    for message in dispatcher.messages:
        response = message.get("response")
        assert response is None or response in domain["responses"], response
    # the guidance content is never changed, nor anyone else's memory
    assert counts(coach_store.engine, sender or "x") == before


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=TEXT)
def test_store_search_takes_any_text(sqlite_engine, query):
    from coach.store.queries import GuidanceStore

    results = GuidanceStore(sqlite_engine).search(query)
    assert isinstance(results, list)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, known=st.frozensets(st.text(max_size=12), max_size=5))
def test_command_guard_decides_any_text(text, known):
    verdict = decide(text, known)
    if verdict == "block":
        assert not neutralised(text).startswith("/")
    if verdict == "pass":
        assert "{" not in text and "@" not in text
    if not text.strip().startswith("/"):
        assert verdict == ""
