"""Memory across conversations on real servers: two sessions, reminders, the chart route.

One stack of its own (its own seeded store, quiet hours off, a known chart secret). Session
expiry is forced honestly: the test moves this conversation's stored events two days back
in the stack's SQLite tracker store, then writes again, and Rasa itself starts a new
session and runs the project's ``action_session_start``.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from coach.identity import new_web_session_id
from coach.memory import Memory, chart_token
from coach.store.db import create_store_engine
from coach.store.seed import seed
from runtime.stack import Stack, running_stack
from tests.conftest import migrate

SECRET = "chart-secret-for-tests"
TWO_DAYS = 2 * 24 * 3600


@pytest.fixture(scope="module")
def mstack(tmp_path_factory, content) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("memory-stack")
    url = f"sqlite:///{workdir / 'coach.db'}"
    engine = create_store_engine(url)
    migrate(engine)
    seed(engine, content)
    engine.dispose()
    env = {
        "COACH_DB_URL": url,
        "COACH_QUIET_HOURS": "off",
        "COACH_CHART_SECRET": SECRET,
        "COACH_TIMEZONE": "UTC",
    }
    with running_stack(workdir, extra_env=env) as running:
        yield running


def memory_of(stack: Stack) -> Memory:
    return Memory(create_store_engine(stack.env["COACH_DB_URL"]))


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def age_conversation(stack: Stack, sender: str, seconds: int) -> int:
    """Move every stored event of ``sender`` ``seconds`` into the past; return how many."""
    db = Path(stack.env["TRACKER_URL"].removeprefix("sqlite:///"))
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT id, timestamp, data FROM events WHERE sender_id = ?", (sender,)
        ).fetchall()
        for row_id, stamp, data in rows:
            event = json.loads(data)
            event["timestamp"] = float(event["timestamp"]) - seconds
            conn.execute(
                "UPDATE events SET timestamp = ?, data = ? WHERE id = ?",
                (float(stamp) - seconds, json.dumps(event), row_id),
            )
    return len(rows)


def start_a_plan(stack: Stack, sender: str) -> list[str]:
    stack.rest(sender, "/next_step")  # no plan yet: the coach proposes one
    replies = stack.rest(sender, "/next_step")
    assert replies[0]["text"].startswith("Step 1 of ")
    return stack.tracker(sender)["slots"]["plan"]


def test_coming_back_after_two_days_is_asked_how_the_tip_went(mstack):
    sender = "memory-return-1"
    plan = start_a_plan(mstack, sender)
    remembered = memory_of(mstack).plan(sender)
    assert remembered is not None and list(remembered.tips) == plan  # in the store too
    assert age_conversation(mstack, sender, TWO_DAYS) > 0

    replies = mstack.rest(sender, "hi")
    text = texts(replies)
    assert "Last time you were going to try" in text
    assert "Reconnect" not in text.split("Last time")[0]  # not the new-user greeting
    buttons = [b["payload"] for r in replies for b in r.get("buttons", [])]
    not_helped = '/report_outcome{"outcome": "not_helped"}'
    assert not_helped in buttons
    tracker = mstack.tracker(sender)
    assert [e["event"] for e in tracker["events"]].count("session_started") == 2
    assert tracker["slots"]["plan"] == plan  # carried over
    assert tracker["slots"]["followup_pending"] is True

    replies = mstack.rest(sender, not_helped)
    assert "Step 1 of " in texts(replies)
    slots = mstack.tracker(sender)["slots"]
    assert slots["followup_pending"] is False
    assert slots["plan"][0] not in plan and slots["plan"][1:] == plan[1:]
    assert memory_of(mstack).latest_outcomes(sender) == {plan[0]: "not_helped"}


def test_a_typed_answer_to_how_did_it_go_is_read(mstack):
    sender = "memory-return-typed"
    plan = start_a_plan(mstack, sender)
    assert age_conversation(mstack, sender, TWO_DAYS) > 0
    assert "Last time you were going to try" in texts(mstack.rest(sender, "hi"))

    replies = mstack.rest(sender, "we did it twice and it honestly went really well")
    assert texts(replies)  # answered
    assert memory_of(mstack).latest_outcomes(sender) == {plan[0]: "helped"}
    assert mstack.tracker(sender)["slots"]["followup_pending"] is False


def test_a_new_person_gets_the_usual_greeting(mstack):
    replies = mstack.rest("memory-new-1", "hi")
    assert replies and "Last time" not in texts(replies)
    tracker = mstack.tracker("memory-new-1")
    assert tracker["slots"]["followup_pending"] is False
    assert [e.get("name") for e in tracker["events"] if e["event"] == "action"][:2] == [
        "action_session_start",
        "action_listen",
    ]


def test_crisis_at_the_start_of_a_new_session_still_gets_helplines(mstack):
    sender = "memory-return-crisis"
    start_a_plan(mstack, sender)
    age_conversation(mstack, sender, TWO_DAYS)
    replies = mstack.rest(sender, "honestly some days I don't want to wake up")
    text = texts(replies)
    assert "988" in text and "911" in text
    assert mstack.tracker(sender)["slots"]["crisis_active"] is True


def test_check_in_and_progress_in_rest_is_text_only(mstack):
    sender = "memory-progress-1"
    mstack.rest(sender, '/check_in{"score": "6"}')
    replies = mstack.rest(sender, "how am I doing?")
    text = texts(replies)
    assert "6 (" in text
    assert not any(r.get("image") for r in replies)


def test_chart_route_serves_the_right_person_only(mstack):
    sender = "memory-chart-1"
    mstack.rest(sender, '/check_in{"score": "4"}')
    mstack.rest(sender, '/check_in{"score": "7"}')
    token = chart_token(sender, SECRET)
    memory_of(mstack).chart_token(sender, SECRET)  # what "how am I doing?" does on the web
    ok = requests.get(f"{mstack.rasa_url}/webhooks/charts/{token}.png", timeout=30)
    assert ok.status_code == 200 and ok.headers["content-type"] == "image/png"
    assert ok.content.startswith(b"\x89PNG")
    for wrong in (chart_token(sender, "guess"), chart_token("someone-else", SECRET), "nope"):
        r = requests.get(f"{mstack.rasa_url}/webhooks/charts/{wrong}.png", timeout=30)
        assert r.status_code == 404


def nudges(stack: Stack, sender: str) -> list[dict]:
    events = stack.tracker(sender)["events"]
    return [
        e
        for e in events
        if e["event"] == "user" and e["parse_data"]["intent"]["name"] == "EXTERNAL_reminder"
    ]


def test_reminder_arrives_and_a_cancelled_one_does_not(mstack):
    kept, cancelled = "memory-remind-1", "memory-remind-2"
    replies = mstack.rest(kept, "remind me in 5 seconds")
    assert "nudge" in texts(replies)
    mstack.rest(cancelled, "remind me in 5 seconds")
    assert "no more reminders" in texts(mstack.rest(cancelled, "stop reminders")).lower()
    deadline = time.monotonic() + 90
    while not nudges(mstack, kept) and time.monotonic() < deadline:
        time.sleep(1)
    assert nudges(mstack, kept), "the reminder never fired"
    events = mstack.tracker(kept)["events"]
    bot_after = [e for e in events if e["event"] == "bot"][-1]
    assert "nudge" in bot_after["text"].lower()
    # Both were due at the same moment; the kept one has fired, so the other one would have.
    time.sleep(3)
    assert nudges(mstack, cancelled) == []


class SocketChat:
    """A web-widget-like socket.io client (python-socketio's threaded client: no event loop
    shared with anything else)."""

    def __init__(self, url: str, session_id: str) -> None:
        import socketio

        self.session_id = session_id
        self.received: list[dict] = []
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", self.received.append)
        self.client.connect(url, transports=["polling"], socketio_path="/socket.io")
        self.client.emit("session_request", {"session_id": session_id})

    def say(self, text: str) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})

    def wait_for(self, predicate, seconds: float = 90) -> dict | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for message in list(self.received):
                if predicate(message):
                    return message
            time.sleep(0.5)
        return None

    def close(self) -> None:
        self.client.disconnect()


def test_socketio_gets_the_chart_and_a_pushed_nudge(mstack):
    # A session id of the form the server makes (coach/identity.py), so it is kept.
    chat = SocketChat(mstack.rasa_url, new_web_session_id())
    try:
        chat.say('/check_in{"score": "5"}')
        assert chat.wait_for(lambda m: "5 out of 10" in (m.get("text") or ""))
        chat.say("how am I doing?")
        image = chat.wait_for(lambda m: (m.get("attachment") or {}).get("type") == "image")
        assert image is not None, chat.received
        src = image["attachment"]["payload"]["src"]
        assert chat.session_id not in src and "/webhooks/charts/" in src
        path = src[src.index("/webhooks/charts/") :]
        png = requests.get(f"{mstack.rasa_url}{path}", timeout=30)
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")

        chat.say("remind me in 5 seconds")
        assert chat.wait_for(lambda m: "stop reminders" in (m.get("text") or ""))
        nudge = chat.wait_for(
            lambda m: (
                "nudge" in (m.get("text") or "").lower()
                and "as you asked" in (m.get("text") or "").lower()
            )
        )
        assert nudge is not None, chat.received  # pushed without the person writing
    finally:
        chat.close()
