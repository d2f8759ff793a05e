"""The bench's coach client against a fake coach on localhost: odd replies never crash it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.coach_client import CoachClient, Conversation
from bench.dialogue_scoring import load_kinds

KINDS = load_kinds()


class FakeCoach(BaseHTTPRequestHandler):
    """Answers REST and the tracker from ``server.replies`` (path -> (status, body))."""

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        key = "rest" if path.startswith("/webhooks/rest") else path.rsplit("/", 1)[-1]
        status, body = self.server.replies.get(key, (404, ""))  # type: ignore[attr-defined]
        if body == "hang":  # never answers while the test runs
            self.server.release.wait()  # type: ignore[attr-defined]
            return
        self.server.seen.append((self.command, self.path))  # type: ignore[attr-defined]
        data = body if isinstance(body, str) else json.dumps(body)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data.encode())
        except OSError:
            pass

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCoach)
    server.replies = {}  # type: ignore[attr-defined]
    server.seen = []  # type: ignore[attr-defined]
    server.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def client_for(server: ThreadingHTTPServer, timeout: float = 5.0) -> CoachClient:
    return CoachClient(f"http://127.0.0.1:{server.server_address[1]}", "tok", timeout)


TRACKER = {
    "events": [
        {"event": "user", "text": "hi", "timestamp": 1.0},
        {
            "event": "bot",
            "text": "Hello!",
            "timestamp": 2.0,
            "metadata": {"utter_action": "utter_greet"},
        },
    ]
}


def test_a_turn_is_read_from_the_tracker_with_the_token(fake):
    fake.replies.update({"rest": (200, [{"text": "Hello!"}]), "tracker": (200, TRACKER)})
    chat = Conversation(client_for(fake), "s1", KINDS, {})
    seen = chat.say("hi")
    assert seen.kinds == ["acknowledgement"] and seen.error is None
    assert any("token=tok" in path for method, path in fake.seen if method == "GET")
    # The next turn reads only the events after the ones already seen.
    assert chat.say("again").replies == []


@pytest.mark.parametrize(
    ("rest", "tracker", "error"),
    [
        ((500, "oops"), (200, TRACKER), "REST: HTTP 500"),
        ((200, "not json"), (200, TRACKER), "REST: reply is not JSON"),
        ((200, {"a": 1}), (200, TRACKER), "REST: reply is not a list"),
        ((200, []), (200, "not json"), "tracker: reply is not JSON"),
        ((200, []), (200, {"no": "events"}), "tracker: no events"),
        ((200, []), (401, ""), "tracker: HTTP 401"),
    ],
)
def test_odd_replies_become_errors_not_exceptions(fake, rest, tracker, error):
    fake.replies.update({"rest": rest, "tracker": tracker})
    seen = Conversation(client_for(fake), "s2", KINDS, {}).say("hi")
    assert error in (seen.error or "")


def test_when_the_tracker_cannot_be_read_the_rest_texts_are_kept(fake):
    fake.replies.update(
        {"rest": (200, [{"text": "Hello!", "buttons": "odd"}, 3]), "tracker": (500, "")}
    )
    seen = Conversation(client_for(fake), "s3", KINDS, {}).say("hi")
    assert [r.text for r in seen.replies] == ["Hello!"]
    assert seen.kinds == ["unknown"] and "tracker: HTTP 500" in seen.error


def test_a_coach_that_never_answers_times_out_as_an_error(fake):
    fake.replies.update({"rest": (200, "hang"), "tracker": (200, TRACKER)})
    seen = Conversation(client_for(fake, timeout=0.2), "s4", KINDS, {}).say("hi")
    assert "REST: ReadTimeout" in seen.error


def test_check_refuses_a_wrong_token_and_an_unreachable_coach(fake):
    fake.replies["status"] = (401, "")
    assert "refused the HTTP API token" in client_for(fake).check()
    fake.replies["status"] = (200, {"model_file": "x"})
    assert client_for(fake).check() is None
    assert "cannot be reached" in CoachClient("http://127.0.0.1:9", None, 2.0).check()
