"""Reminders from the outbox on real servers: across a restart, cancelled, quiet hours, deleted.

Two stacks run one after the other on the SAME outbox, tracker store and test clock (a
restart of the coach); Telegram is a fake Bot API on loopback, so every delivery is
counted where the person would see it, and in the conversation's tracker. Time moves with
the test clock (``COACH_TEST_CLOCK_FILE``), never by waiting for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests

from channels import telegram_api as tg
from coach.clock import OffsetClock
from coach.outbox import CANCELLED, SENT, Outbox
from coach.store.db import create_store_engine
from coach.store.seed import seed
from runtime.stack import Stack, model_path, running_stack
from tests.conftest import migrate
from tests.integration.fake_telegram import FakeTelegram, Updates, wait_until

TOKEN = "515151:OUTBOX-token"
SECRET = "outbox-secret_" + "y" * 20
NUDGE = "as you asked"
updates = Updates(start=9100)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    api = FakeTelegram(TOKEN).start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory, content, fake) -> dict[str, str]:
    """What both runs of the coach share: the outbox, the tracker store, the clock."""
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    workdir = tmp_path_factory.mktemp("outbox-shared")
    url = f"sqlite:///{workdir / 'coach.db'}"
    engine = create_store_engine(url)
    migrate(engine)
    seed(engine, content)
    engine.dispose()
    (workdir / "clock").write_text("0", encoding="utf-8")
    return {
        "COACH_DB_URL": url,
        "TRACKER_URL": f"sqlite:///{workdir / 'tracker.db'}",
        "COACH_TEST_CLOCK_FILE": str(workdir / "clock"),
        "COACH_OUTBOX_POLL_S": "0.5",
        "COACH_TIMEZONE": "UTC",
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_TIMEOUT": "2",
    }


def hhmm(at: datetime) -> str:
    return at.strftime("%H:%M")


def say(stack: Stack, fake: FakeTelegram, chat_id: int, text: str) -> str:
    """Write as a Telegram person; the coach's replies to it, joined."""
    before = len(fake.calls_of("sendMessage", chat_id))
    r = requests.post(
        f"{stack.rasa_url}/webhooks/telegram/webhook",
        json=updates.message(chat_id, text),
        headers={tg.SECRET_HEADER: SECRET},
        timeout=30,
    )
    assert r.status_code == 200
    calls = fake.wait_for("sendMessage", chat_id, count=before + 1)
    return "\n".join(str(c.params.get("text") or "") for c in calls[before:])


def nudges_sent(fake: FakeTelegram, chat_id: int) -> int:
    return sum(
        NUDGE in str(c.params.get("text") or "") for c in fake.calls_of("sendMessage", chat_id)
    )


def reminders_in_tracker(stack: Stack, chat_id: int) -> int:
    events = stack.tracker(f"tg:{chat_id}")["events"]
    return sum(
        e["event"] == "user" and e["parse_data"]["intent"]["name"] == "EXTERNAL_reminder"
        for e in events
    )


def outbox_of(env: dict[str, str]) -> Outbox:
    return Outbox(
        create_store_engine(env["COACH_DB_URL"]), OffsetClock(Path(env["COACH_TEST_CLOCK_FILE"]))
    )


def test_reminders_survive_a_restart_fire_once_and_keep_quiet_hours(tmp_path_factory, shared, fake):
    kept, cancelled, quiet, deleted = 7101, 7102, 7103, 7104
    box = outbox_of(shared)
    clock = OffsetClock(Path(shared["COACH_TEST_CLOCK_FILE"]))

    # First run of the coach: reminders are set (quiet hours off), one is cancelled, and one
    # person deletes their data.
    first = {**shared, "COACH_QUIET_HOURS": "off"}
    with running_stack(tmp_path_factory.mktemp("outbox-run-1"), extra_env=first) as stack:
        assert "nudge" in say(stack, fake, kept, "remind me in 2 hours")
        say(stack, fake, cancelled, "remind me in 2 hours")
        assert "no more reminders" in say(stack, fake, cancelled, "stop reminders").lower()
        say(stack, fake, quiet, "remind me in 4 hours")
        say(stack, fake, deleted, "remind me in 2 hours")
        assert len(box.pending(f"tg:{deleted}")) == 1
        say(stack, fake, deleted, "delete my data")
        say(stack, fake, deleted, "yes")
        wait_until(lambda: box.pending(f"tg:{deleted}") == [], 60, "the deleted person's rows gone")
        assert [m.kind for m in box.pending(f"tg:{kept}")] == ["reminder"]
        assert box.pending(f"tg:{cancelled}") == []

    # The coach restarts with quiet hours from 3 to 5 hours from now (real time, UTC).
    start = datetime.now(timezone.utc)
    window = f"{hhmm(start + timedelta(hours=3))}-{hhmm(start + timedelta(hours=5))}"
    second = {**shared, "COACH_QUIET_HOURS": window}
    with running_stack(tmp_path_factory.mktemp("outbox-run-2"), extra_env=second) as stack:
        assert nudges_sent(fake, kept) == 0  # nothing is due yet
        clock.move(2 * 3600 + 60)
        wait_until(lambda: nudges_sent(fake, kept) >= 1, 120, "the kept reminder")
        [row] = [m for m in box.all(f"tg:{kept}") if m.kind == "reminder"]
        wait_until(lambda: box.get(row.id).state == SENT, 60, "the row marked sent")
        assert nudges_sent(fake, kept) == 1 and reminders_in_tracker(stack, kept) == 1
        assert [m.state for m in box.all(f"tg:{cancelled}")] == [CANCELLED]
        assert nudges_sent(fake, cancelled) == 0 and reminders_in_tracker(stack, cancelled) == 0

        # Due in quiet hours: it waits until they end.
        clock.move(2 * 3600)  # 4 h 1 min after the start: quiet
        wait_until(
            lambda: (p := box.pending(f"tg:{quiet}")) and p[0].due_at.minute == int(window[-2:]),
            60,
            "the quiet-hours reminder postponed to the end of quiet hours",
        )
        assert nudges_sent(fake, quiet) == 0
        clock.move(3600)  # 5 h 1 min after the start: quiet hours are over
        wait_until(lambda: nudges_sent(fake, quiet) >= 1, 120, "the postponed reminder")
        wait_until(lambda: box.pending(f"tg:{quiet}") == [], 60, "its row done")
        assert nudges_sent(fake, quiet) == 1 and reminders_in_tracker(stack, quiet) == 1

        # The person who deleted their data: no rows, no nudge, whatever the time.
        assert box.all(f"tg:{deleted}") == [] and nudges_sent(fake, deleted) == 0
        assert nudges_sent(fake, kept) == 1  # still once
