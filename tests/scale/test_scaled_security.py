"""Issue 24 in the production layout: nginx, two Rasa servers, Redis, two action servers.

- REST requires the token here (``scripts/run_scaled.sh`` sets ``COACH_REST_TOKEN``);
- the action servers, reached through nginx, refuse a forged call without the secret;
- the flood limit of one conversation holds across both Rasa servers (shared in Redis):
  a burst on one server, then the next message on the other is refused too.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from channels.flood import slow_down_text
from tests.scale.conftest import ACTION_TOKEN, redis_client


def post(scaled, sender: str, message: str, port: int | None = None, **headers: str):
    return requests.post(
        f"{scaled.url(port)}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers={**scaled.rest_headers, **headers},
        timeout=120,
    )


def test_rest_needs_the_token_in_the_production_layout(scaled):
    sender = f"scale-notoken-{uuid.uuid4().hex[:6]}"
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        r = requests.post(
            f"{scaled.url()}/webhooks/rest/webhook",
            json={"sender": sender, "message": "hi"},
            headers=headers,
            timeout=30,
        )
        assert r.status_code == 401
    assert post(scaled, sender, "hi").status_code == 200


def test_a_forged_action_call_through_nginx_is_refused(scaled):
    url = f"http://127.0.0.1:{scaled.action_lb_port}/webhook"
    call = {
        "next_action": "action_delete_data",
        "sender_id": "someone",
        "tracker": {"sender_id": "someone", "slots": {}, "events": [], "latest_message": {}},
        "domain": {},
    }
    assert requests.post(url, json=call, timeout=30).status_code == 401
    wrong = {"Authorization": "Bearer " + ACTION_TOKEN[:-1]}
    assert requests.post(url, json=call, headers=wrong, timeout=30).status_code == 401


def test_the_flood_limit_of_a_conversation_holds_across_both_servers(scaled):
    a, b = scaled.rasa_ports
    sender = f"scale-flood-{uuid.uuid4().hex[:8]}"
    with ThreadPoolExecutor(max_workers=20) as pool:
        burst = list(pool.map(lambda i: post(scaled, sender, f"spam {i}", port=a), range(20)))
    statuses = [r.status_code for r in burst]
    assert 429 in statuses and 200 in statuses
    # The other server counts the same conversation: its next message is refused too.
    other = post(scaled, sender, "one more", port=b)
    assert other.status_code == 429
    assert int(other.headers["Retry-After"]) >= 1
    assert other.json()["error"] == slow_down_text()
    # ... while another person on that server is answered.
    assert post(scaled, f"scale-calm-{uuid.uuid4().hex[:6]}", "hi", port=b).status_code == 200
    # Nothing refused reached the tracker (shared in PostgreSQL).
    user = [e for e in scaled.tracker(sender)["events"] if e["event"] == "user"]
    assert len(user) == statuses.count(200)
    client = redis_client()
    try:
        keys = list(client.scan_iter(match=f"LIMITER/*:flood/conversation/{sender}/*"))
        assert keys, "the counts are not in Redis"
    finally:
        client.close()
