"""The guard in front of rasa-sdk's /webhook: 4xx for malformed calls, no echo on a 500."""

from __future__ import annotations

import pytest
from sanic import Sanic
from sanic.response import json as json_response

from runtime import webhook_guard
from runtime.webhook_guard import problem


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


# --- authenticated action calls (issue 24) -----------------------------------------------


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        ("Bearer s3cret", True),
        (" Bearer s3cret ", True),
        (None, False),
        ("", False),
        ("s3cret", False),
        ("Bearer s3cre", False),
        ("Bearer s3cretX", False),
        ("bearer s3cret", False),
        ("Basic s3cret", False),
        ("Bearer \u00e9", False),
    ],
)
def test_authorized(header, ok):
    assert webhook_guard.authorized(header, "s3cret") is ok


def test_an_empty_token_authorizes_nobody():
    assert not webhook_guard.authorized("Bearer ", "")


async def test_the_action_server_refuses_calls_without_the_secret_before_any_action():
    import aiohttp

    from runtime.stack import free_port

    Sanic._app_registry.pop("rasa_sdk", None)
    Sanic.test_mode = True
    ran: list[str] = []
    app = Sanic("rasa_sdk")

    @app.post("/webhook")
    async def webhook(request):
        ran.append(request.json["next_action"])
        return json_response({"events": [], "responses": []})

    @app.get("/health")
    async def health(_request):
        return json_response({"status": "ok"})

    @app.get("/actions")
    async def actions(_request):
        return json_response([{"name": "action_delete_data"}])

    try:
        assert webhook_guard.install("s3cret-actions")
        port = free_port()
        server = await app.create_server(
            host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
        )
        await server.startup()
        await server.before_start()
        await server.after_start()
        base = f"http://127.0.0.1:{port}"
        call = {"next_action": "action_delete_data", "tracker": {"sender_id": "victim"}}
        try:
            async with aiohttp.ClientSession() as http:
                for headers in ({}, {"Authorization": "Bearer nope"}):
                    async with http.post(f"{base}/webhook", json=call, headers=headers) as r:
                        assert r.status == 401
                        assert "s3cret" not in await r.text()
                async with http.post(f"{base}/webhook?token=s3cret-actions", json=call) as r:
                    assert r.status == 401
                async with http.post(f"{base}/webhook", data=b"[]") as r:
                    assert r.status == 401  # refused before the body is even read
                assert ran == []
                async with http.get(f"{base}/health") as r:
                    assert r.status == 200
                async with http.get(f"{base}/actions") as r:
                    assert r.status == 401
                good = {"Authorization": "Bearer s3cret-actions"}
                async with http.post(f"{base}/webhook", json=call, headers=good) as r:
                    assert r.status == 200
                assert ran == ["action_delete_data"]
        finally:
            await server.before_stop()
            await server.close()
            await server.after_stop()
    finally:
        Sanic._app_registry.pop("rasa_sdk", None)
