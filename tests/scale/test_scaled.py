"""Two Rasa servers behind nginx, sharing PostgreSQL (tracker store) and Redis (lock store).

Runs in file order: the last test stops one Rasa server.
"""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed

import requests
from sqlalchemy import create_engine, text

from channels.flood import slow_down_text
from tests.scale.conftest import redis_client

ROOMMATES = ["we feel like roommates lately", "sure", "about a year"]
CAUSES = {"new_baby": "since the baby came", "new_job": "my new job"}
AFTER_CAUSE = ["both", "yes", "not sure", "start"]


def script(cause: str) -> list[str]:
    return [*ROOMMATES, CAUSES[cause], *AFTER_CAUSE]


def user_texts(tracker: dict) -> list[str]:
    return [e["text"] for e in tracker["events"] if e["event"] == "user"]


def stored_events(url: str, sender: str) -> list[dict]:
    engine = create_engine(url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
        ).scalars()
        events = [json.loads(row) for row in rows]
    engine.dispose()
    return events


def assert_once_and_in_order(scaled, sender: str, sent: list[str]) -> dict:
    """The tracker and the stored rows agree, each event once, timestamps in order."""
    tracker = scaled.tracker(sender)
    events = tracker["events"]
    assert user_texts(tracker) == sent
    stored = stored_events(scaled.tracker_url, sender)
    assert [json.dumps(e, sort_keys=True) for e in stored] == [
        json.dumps(e, sort_keys=True) for e in events
    ]
    keys = [json.dumps(e, sort_keys=True) for e in events]
    assert len(set(keys)) == len(keys), "an event was stored twice"
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)
    return tracker


def assert_plan_state(tracker: dict, cause: str) -> None:
    slots = tracker["slots"]
    assert slots["cause"] == cause
    assert slots["feels_safe"] == "yes"
    assert slots["plan"] and slots["plan_step"] == 1


def converse(scaled, sender: str, messages: list[str], ports: list[int | None]) -> None:
    for i, message in enumerate(messages):
        replies = scaled.rest(sender, message, port=ports[i % len(ports)])
        assert replies and replies[0].get("text"), (sender, message, replies)


def test_startup_time_is_reported(scaled):
    assert (scaled.run_dir / "ready").read_text().strip().isdigit()
    print(f"\nscaled layout started in {scaled.startup_s:.0f} s")


def test_one_conversation_alternating_between_servers_keeps_form_and_plan(scaled):
    sender = "scale-alternate"
    sent = script("new_baby")
    a, b = scaled.rasa_ports
    for i, message in enumerate(sent):
        replies = scaled.rest(sender, message, port=(a, b)[i % 2])
        assert replies and replies[0].get("text")
        if i == 1:  # the form started on server a and is still active on server b
            assert scaled.tracker(sender, port=b)["active_loop"].get("name")
    assert replies[0]["text"].startswith("Step 1 of ")
    tracker = assert_once_and_in_order(scaled, sender, sent)
    assert_plan_state(tracker, "new_baby")
    assert scaled.tracker(sender, port=a)["events"] == scaled.tracker(sender, port=b)["events"]
    print(f"\nalternating conversation: {len(tracker['events'])} events, each stored once")


def test_twenty_concurrent_conversations_lose_nothing_and_mix_nothing(scaled):
    a, b = scaled.rasa_ports
    users = {f"scale-crowd-{n:02d}": ("new_baby", "new_job")[n % 2] for n in range(20)}

    def run(item: tuple[int, tuple[str, str]]) -> None:
        n, (sender, cause) = item
        converse(scaled, sender, script(cause), [(a, b), (b, a)][n % 2])

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(run, enumerate(users.items())))
    total = 0
    for sender, cause in users.items():
        tracker = assert_once_and_in_order(scaled, sender, script(cause))
        assert_plan_state(tracker, cause)
        total += len(tracker["events"])
    print(f"\n20 concurrent conversations: {20 * 8} turns, {total} events, none lost or mixed")


def test_burst_for_one_conversation_is_served_one_turn_at_a_time(scaled):
    """Eight messages of ONE conversation at the same moment, half to each server.

    The Redis lock store queues them (tickets, see stores/locks.py): every message is
    answered, each user event is stored once, and no two turns interleave: each user
    event is followed by the bot's reply and `action_listen` before the next one.
    """
    sender = "scale-burst"
    a, b = scaled.rasa_ports
    messages = [f"hello there {n}" for n in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(
            pool.map(
                lambda nm: scaled.rest(sender, nm[1], port=(a, b)[nm[0] % 2]), enumerate(messages)
            )
        )
    assert all(r and r[0].get("text") for r in replies)
    tracker = scaled.tracker(sender)
    assert sorted(user_texts(tracker)) == sorted(messages)
    kinds = [e["event"] for e in tracker["events"] if e["event"] in ("user", "action")]
    names = [e.get("name") for e in tracker["events"] if e["event"] in ("user", "action")]
    user_at = [i for i, k in enumerate(kinds) if k == "user"]
    for there in [*user_at[1:], len(kinds)]:
        assert names[there - 1] == "action_listen", "two turns interleaved"
    assert stored_events(scaled.tracker_url, sender) == tracker["events"]
    stamps = [e["timestamp"] for e in tracker["events"] if e["event"] in ("user", "bot")]
    print(f"\nburst of 8 for one conversation: served in {stamps[-1] - stamps[0]:.1f} s")


def _post(scaled, sender: str, message: str, port: int | None = None):
    return requests.post(
        f"{scaled.url(port)}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers=scaled.rest_headers,
        timeout=120,
    )


def test_the_flood_limit_of_a_conversation_holds_across_both_servers(scaled):
    """Issue 24: a burst on one server, then the other server refuses the same conversation.

    The counts are in the lock store's Redis (under this session's key prefix, removed
    afterwards); with counts per server, the second server would accept the message.
    """
    a, b = scaled.rasa_ports
    sender = f"scale-flood-{uuid.uuid4().hex[:8]}"
    texts = [f"spam {i}" for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        futures = {pool.submit(_post, scaled, sender, m, port=a): m for m in texts}
        # As soon as server A refuses one (the accepted ones are still being answered),
        # the other server counts the same conversation: its next message is refused too.
        first = next(f for f in as_completed(futures) if f.result().status_code == 429)
        other = _post(scaled, sender, "one more", port=b)
        burst = {m: f.result() for f, m in futures.items()}
    assert first.result().status_code == 429
    accepted = {m for m, r in burst.items() if r.status_code == 200}
    assert accepted and len(accepted) < 20
    assert {r.status_code for r in burst.values()} == {200, 429}
    assert other.status_code == 429
    assert int(other.headers["Retry-After"]) >= 1
    assert other.json()["error"] == slow_down_text()
    # ... while another person on that server is answered.
    assert _post(scaled, f"scale-calm-{uuid.uuid4().hex[:6]}", "hi", port=b).status_code == 200
    # Nothing refused reached the shared tracker store.
    assert set(user_texts(scaled.tracker(sender))) == accepted
    client = redis_client()
    try:
        keys = list(client.scan_iter(match=f"LIMITER/*:flood/conversation/{sender}/*"))
        assert keys, "the counts are not in Redis"
    finally:
        client.close()


def test_stopping_one_server_mid_run_loses_nothing(scaled):
    senders = {f"scale-failover-{n}": ("new_baby", "new_job")[n % 2] for n in range(4)}
    half = 4
    for sender, cause in senders.items():  # the first half, through nginx
        converse(scaled, sender, script(cause)[:half], [None])
    before = {s: scaled.tracker(s)["events"] for s in senders}
    scaled.stop_rasa(scaled.rasa_ports[0])
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(
            pool.map(
                lambda sc: converse(scaled, sc[0], script(sc[1])[half:], [None]),
                senders.items(),
            )
        )
    survivor = scaled.rasa_ports[1]
    for sender, cause in senders.items():
        tracker = assert_once_and_in_order(scaled, sender, script(cause))
        assert tracker["events"][: len(before[sender])] == before[sender]
        assert_plan_state(tracker, cause)
        assert scaled.tracker(sender, port=survivor)["events"] == tracker["events"]
