"""The outbox with two Rasa servers on one PostgreSQL database and Redis: once, not twice.

Reminders are set through both servers; the shared test clock moves past their time; both
servers' schedulers race for the due rows. Every reminder must reach its person exactly
once, counted at the fake Bot API and in the conversation's tracker.
"""

from __future__ import annotations

import requests

from channels import telegram_api as tg
from coach.clock import OffsetClock
from coach.outbox import SENT, Outbox
from coach.store.db import create_store_engine
from tests.integration.fake_telegram import Updates, wait_until
from tests.scale.conftest import TELEGRAM_SECRET

NUDGE = "as you asked"
PEOPLE = 12
updates = Updates(start=31_000)


def nudges_sent(fake, chat_id: int) -> int:
    return sum(
        NUDGE in str(c.params.get("text") or "") for c in fake.calls_of("sendMessage", chat_id)
    )


def test_every_due_reminder_fires_exactly_once_across_two_servers(
    scaled, scale_telegram, scale_clock
):
    fake = scale_telegram
    chats = list(range(8_800, 8_800 + PEOPLE))
    for i, chat in enumerate(chats):
        port = scaled.rasa_ports[i % 2]  # half of them set through each server
        r = requests.post(
            f"{scaled.url(port)}/webhooks/telegram/webhook",
            json=updates.message(chat, "remind me in 2 hours"),
            headers={tg.SECRET_HEADER: TELEGRAM_SECRET},
            timeout=60,
        )
        assert r.status_code == 200
    for chat in chats:
        fake.wait_for("sendMessage", chat, seconds=180)  # "Okay, I'll send you a nudge..."
    box = Outbox(create_store_engine(scaled.tracker_url), OffsetClock(scale_clock))
    rows = [m for chat in chats for m in box.pending(f"tg:{chat}")]
    assert len(rows) == PEOPLE

    OffsetClock(scale_clock).move(2 * 3600 + 60)
    wait_until(lambda: all(box.get(m.id).state == SENT for m in rows), 300, "every row delivered")
    # Once a row is sent nobody can claim it again: the counts below are final.
    for chat in chats:
        assert nudges_sent(fake, chat) == 1, chat
        events = scaled.tracker(f"tg:{chat}")["events"]
        triggered = [
            e
            for e in events
            if e["event"] == "user" and e["parse_data"]["intent"]["name"] == "EXTERNAL_reminder"
        ]
        assert len(triggered) == 1, chat
