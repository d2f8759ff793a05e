"""The guard in front of rasa-sdk's /webhook: 4xx for malformed calls, no echo on a 500."""

from __future__ import annotations

import pytest
from sanic import Sanic

from actions import webhook_guard
from actions.webhook_guard import problem


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ([], True),
        (42, True),
        ("text", True),
        (None, True),
        ({"next_action": "action_explain_data"}, True),
        ({"next_action": "action_explain_data", "tracker": []}, True),
        ({"next_action": "action_explain_data", "tracker": {}}, True),
        ({"next_action": "action_explain_data", "tracker": {"sender_id": 5}}, True),
        (
            {"next_action": "action_explain_data", "tracker": {"sender_id": "a"}, "domain": "x"},
            True,
        ),
        ({"next_action": "action_explain_data", "tracker": {"sender_id": "a"}}, False),
        ({}, False),  # nothing to run: rasa-sdk answers it
        ({"next_action": 5}, False),  # rasa-sdk answers 404
    ],
)
def test_problem(body, bad):
    assert (problem(body) is not None) is bad


def test_install_attaches_once_to_rasa_sdks_app_and_only_to_it():
    Sanic._app_registry.pop("rasa_sdk", None)
    try:
        assert not webhook_guard.install()  # no action server in this process
        app = Sanic("rasa_sdk")
        assert webhook_guard.install()
        assert webhook_guard.install()  # a second call adds nothing
        request_mw = [m for m in app.request_middleware if m is webhook_guard.check_call]
        response_mw = [m for m in app.response_middleware if m is webhook_guard.no_echo]
        assert len(request_mw) == 1 and len(response_mw) == 1
    finally:
        Sanic._app_registry.pop("rasa_sdk", None)


async def test_a_server_error_never_repeats_the_request():
    from sanic.response import json as json_response

    failed = json_response({"error": "boom", "request_body": {"text": "we never talk"}}, 500)
    replaced = await webhook_guard.no_echo(None, failed)  # type: ignore[arg-type]
    assert replaced is not None and replaced.status == 500
    assert b"we never talk" not in replaced.body and b"request_body" not in replaced.body
    ok = json_response({"events": []}, 200)
    assert await webhook_guard.no_echo(None, ok) is None  # type: ignore[arg-type]
