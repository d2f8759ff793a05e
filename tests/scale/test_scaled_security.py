"""Issue 24 in the production layout: nginx, two Rasa servers, Redis, two action servers.

- REST requires the token here (``scripts/run_scaled.sh`` sets ``COACH_REST_TOKEN``);
- the action servers, reached through nginx, refuse a forged call without the secret.

The flood limit across both Rasa servers is in ``test_scaled.py`` (it needs both servers,
before that file stops one).
"""

from __future__ import annotations

import uuid

import requests

from tests.scale.conftest import ACTION_TOKEN


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
