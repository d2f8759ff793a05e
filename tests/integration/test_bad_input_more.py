"""Bad input through socket.io and straight at the action server's webhook.

(The REST channel's cases are in test_bad_input.py, Telegram's in test_telegram.py.)
"""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
import requests

from tests.integration.test_typed_syntax import _socketio_turns

ODD = [
    "",
    "   ",
    "💔😢🙂",
    "مرحبا، نحن لا نتحدث أبدا we never talk",
    "<script>alert(1)</script><b>we never talk</b>",
    "'; DROP TABLE events; -- how do we talk more",
    "Robert'); DELETE FROM tips WHERE ('1'='1",
    "\u202eevil\u202c \u0000 \ufffd",
    "we never talk. " * 700,  # about 10 kB
    '/inform{"cause": "\'; DROP TABLE tips; --"}',
    "/nonexistent_button",
]


def test_socketio_odd_texts_all_get_replies_and_the_chat_goes_on(stack):
    sid, turns = asyncio.run(_socketio_turns(stack, [*ODD, "hello"]))
    assert all(turns), [i for i, t in enumerate(turns) if not t]
    users = [e for e in stack.tracker(sid)["events"] if e.get("event") == "user"]
    assert users[-1]["text"] == "hello"


def action_call(stack, name: str, text: str = "hi", entities=None, sender="direct") -> dict:
    return {
        "next_action": name,
        "sender_id": sender,
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {
                "text": text,
                "intent": {"name": "inform", "confidence": 1.0},
                "entities": entities or [],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {},
        "version": "3.6.21",
    }


# What the action server's webhook answers (rasa-sdk behind runtime/webhook_guard.py). It
# is reachable only from the Rasa server on 127.0.0.1, which never sends these; whatever
# comes, it answers with a clear 4xx and keeps working.
MALFORMED = {
    "empty": (b"", {400}),
    "broken": (b"{not json", {400}),
    "binary": (b"\xff\xfe\x00", {400}),
    "empty-object": (b"{}", {200}),
    "bad-type": (b'{"next_action": 5}', {404}),
    "unknown-action": (b'{"next_action": "nope"}', {400}),  # no tracker: 400 first
    "unknown-action-with-tracker": (
        b'{"next_action": "nope", "tracker": {"sender_id": "a"}}',
        {404},
    ),
    "list": (b"[]", {400}),
    "number": (b"42", {400}),
    "no-tracker": (b'{"next_action": "action_explain_data"}', {400}),
    "tracker-not-object": (b'{"next_action": "action_explain_data", "tracker": []}', {400}),
    "tracker-no-sender": (b'{"next_action": "action_explain_data", "tracker": {}}', {400}),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_action_webhook_malformed_bodies_never_break_the_server(stack, name):
    body, expected = MALFORMED[name]
    url = f"http://127.0.0.1:{stack.action_port}/webhook"
    headers = {"Content-Type": "application/json", **stack.action_headers()}
    r = requests.post(url, data=body, headers=headers, timeout=30)
    assert r.status_code in expected, (name, r.status_code)
    ok = requests.post(
        url,
        json=action_call(stack, "action_explain_data"),
        headers=stack.action_headers(),
        timeout=30,
    )
    assert ok.status_code == 200, name
    assert ok.json()["responses"][0]["response"] == "utter_data_kept"


def test_action_webhook_oversized_body(stack):
    url = f"http://127.0.0.1:{stack.action_port}/webhook"
    big = action_call(stack, "action_answer_topic", text="x" * 1_000_000)
    r = requests.post(url, data=json.dumps(big), headers=stack.action_headers(), timeout=60)
    assert r.status_code in (200, 413), r.status_code


@pytest.mark.parametrize(
    "value",
    ["'; DROP TABLE tips; --", "x" * 10_000, "😀", "\u0000", "<script>", '" OR 1=1'],
)
def test_action_webhook_nasty_entity_values(stack, value):
    url = f"http://127.0.0.1:{stack.action_port}/webhook"
    entities = [{"entity": e, "value": value, "start": 0, "end": 1} for e in ("topic", "cause")]
    call = action_call(stack, "action_answer_topic", value, entities, f"v-{uuid.uuid4().hex[:6]}")
    r = requests.post(url, json=call, headers=stack.action_headers(), timeout=30)
    assert r.status_code == 200
    assert r.json()["responses"]  # a reply
