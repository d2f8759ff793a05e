"""`make telegram-webhook` and `make telegram-poll` against a fake Bot API (no Rasa needed).

The poller is run as a real process; the coach it forwards to is a small recording app
here, so offsets, the secret header, retries and exit codes are checked without a model.
(tests/integration/test_telegram.py runs the poller against the real Rasa server.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiohttp import web

from runtime.stack import ROOT, free_port
from tests.integration.fake_telegram import FakeTelegram, Updates, wait_until

TOKEN = "123456:TEST-token"
SECRET = "unit-secret_123"


@pytest.fixture
def fake():
    api = FakeTelegram(TOKEN).start()
    yield api
    api.stop()


def script_env(fake: FakeTelegram, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_API_URL": fake.url,
            "TELEGRAM_TIMEOUT": "3",
            "TELEGRAM_POLL_TIMEOUT": "1",
        }
    )
    env.update(extra)
    return env


def run_script(name: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_webhook_command_sets_the_url_and_the_secret(fake):
    url = "https://coach.example.org/webhooks/telegram/webhook"
    done = run_script("telegram_webhook.py", script_env(fake, TELEGRAM_WEBHOOK_URL=url))
    assert done.returncode == 0, done.stderr
    [call] = fake.calls_of("setWebhook")
    assert call.params["url"] == url and call.params["secret_token"] == SECRET
    assert set(call.params["allowed_updates"]) == {"message", "callback_query"}
    assert TOKEN not in done.stdout + done.stderr


def test_webhook_command_adds_the_path_to_a_bare_host(fake):
    env = script_env(fake, TELEGRAM_WEBHOOK_URL="https://coach.example.org")
    assert run_script("telegram_webhook.py", env).returncode == 0
    assert fake.calls_of("setWebhook")[0].params["url"] == (
        "https://coach.example.org/webhooks/telegram/webhook"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TELEGRAM_WEBHOOK_URL": ""}, "TELEGRAM_WEBHOOK_URL"),
        ({"TELEGRAM_WEBHOOK_URL": "http://coach.example.org/x"}, "https://"),
        ({"TELEGRAM_TOKEN": ""}, "TELEGRAM_TOKEN"),
        (
            {"TELEGRAM_WEBHOOK_URL": "https://c.example", "TELEGRAM_WEBHOOK_SECRET": "a b"},
            "TELEGRAM_WEBHOOK_SECRET",
        ),
    ],
)
def test_webhook_command_explains_bad_settings(fake, env, message):
    done = run_script("telegram_webhook.py", script_env(fake, **env))
    assert done.returncode == 2 and message in done.stderr
    assert not fake.calls_of("setWebhook")


def test_webhook_command_reports_a_refused_token(fake):
    env = script_env(fake, TELEGRAM_TOKEN="999:wrong", TELEGRAM_WEBHOOK_URL="https://c.example")
    done = run_script("telegram_webhook.py", env)
    assert done.returncode == 1 and "HTTP 401" in done.stderr
    assert "999:wrong" not in done.stderr


class RecordingCoach:
    """Stands in for the Rasa server's Telegram webhook: records what the poller posts."""

    def __init__(self, answers: list[int] | None = None) -> None:
        self.port = free_port()
        self.posts: list[tuple[str | None, dict]] = []
        self.answers = list(answers or [])  # status codes to give first, then 200
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import asyncio

        async def webhook(request: web.Request) -> web.Response:
            self.posts.append(
                (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
            )
            status = self.answers.pop(0) if self.answers else 200
            return web.json_response({"ok": status == 200}, status=status)

        loop = asyncio.new_event_loop()
        app = web.Application()
        app.router.add_post("/webhooks/telegram/webhook", webhook)
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        loop.run_forever()

    def start(self) -> RecordingCoach:
        self._thread.start()
        assert self._ready.wait(10)
        return self


def start_poller(fake: FakeTelegram, rasa_url: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "telegram_poll.py"), "--rasa-url", rasa_url],
        env=script_env(fake),
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.terminate()
    return proc.wait(timeout=30)


def test_poller_forwards_updates_in_order_with_the_secret(fake, tmp_path):
    coach = RecordingCoach(answers=[502]).start()  # the first delivery fails: retried
    fake.get_updates_failures = 2  # and getUpdates fails twice: backed off, retried
    updates = Updates()
    first, second = updates.message(1, "hello"), updates.message(1, "we drifted apart")
    fake.queue_update(first)
    fake.queue_update(second)
    proc = start_poller(fake, f"http://127.0.0.1:{coach.port}", tmp_path / "poll.log")
    try:
        wait_until(lambda: len(coach.posts) >= 3, 60, "three posts to the coach")
        # Confirmed to Telegram only after the coach accepted both.
        wait_until(
            lambda: any(
                c.params.get("offset") == second["update_id"] + 1
                for c in fake.calls_of("getUpdates")
            ),
            60,
            "getUpdates with the next offset",
        )
        third = updates.message(2, "still there?")
        fake.queue_update(third)
        wait_until(lambda: len(coach.posts) >= 4, 60, "the third update")
    finally:
        code = stop(proc)
    log = (tmp_path / "poll.log").read_text()
    assert code == 0, log
    assert [p[1]["update_id"] for p in coach.posts] == [
        first["update_id"],
        first["update_id"],  # after the 502
        second["update_id"],
        third["update_id"],
    ]
    assert {p[0] for p in coach.posts} == {SECRET}
    methods = [c.method for c in fake.calls]
    assert methods[0] == "deleteWebhook"
    assert fake.calls[0].params == {"drop_pending_updates": False}
    assert TOKEN not in log and "we drifted apart" not in log


def test_poller_stops_with_a_clear_message_when_the_secret_is_refused(fake, tmp_path):
    coach = RecordingCoach(answers=[403]).start()
    fake.queue_update(Updates().message(1, "hello"))
    proc = start_poller(fake, f"http://127.0.0.1:{coach.port}", tmp_path / "poll.log")
    code = proc.wait(timeout=60)
    assert code == 1
    assert "TELEGRAM_WEBHOOK_SECRET" in (tmp_path / "poll.log").read_text()
    # The refused update was not confirmed: Telegram keeps it for the next run.
    assert all("offset" not in c.params for c in fake.calls_of("getUpdates"))
