"""Start the coach's real servers (action server + Rasa server) for integration tests.

Each stack gets free ports, its own SQLite tracker store and log files under a temporary
folder, and the trained model from ``models/current``. Starting Rasa takes about a minute
and 1 GB of memory, so tests share one stack per session (see ``conftest.py``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(url: str, proc: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    """Wait until ``url`` answers, failing early (with the log's tail) if ``proc`` dies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"server exited with {proc.returncode} while starting:\n{tail}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f}s; see {log}")


@dataclass
class Stack:
    """A running action server and Rasa server."""

    workdir: Path
    env: dict[str, str]
    rasa_port: int
    action_port: int
    token: str
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def action_token(self) -> str:
        """The secret the Rasa server sends to the action server (ACTION_SERVER_TOKEN)."""
        return self.env["ACTION_SERVER_TOKEN"]

    @property
    def action_url(self) -> str:
        """The action server's webhook."""
        return f"http://127.0.0.1:{self.action_port}/webhook"

    def action_headers(self) -> dict[str, str]:
        """Headers that let a test call the action server as the Rasa server does."""
        return {"Authorization": f"Bearer {self.action_token}"}

    def rest_headers(self) -> dict[str, str]:
        """The REST channel's token header, when the stack requires one."""
        token = self.env.get("COACH_REST_TOKEN", "")
        return {"Authorization": f"Bearer {token}"} if token else {}

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://127.0.0.1:{self.rasa_port}"

    def rest(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        """Send one message through the REST channel; return the bot's replies."""
        r = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=self.rest_headers(),
            timeout=timeout,
        )
        r.raise_for_status()
        return r.json()

    def tracker(self, sender: str) -> dict:
        """The conversation's tracker, through the authenticated HTTP API."""
        r = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.token},
            timeout=30,
        )
        r.raise_for_status()
        return r.json()

    def stop(self) -> None:
        """Stop both servers."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def model_path() -> Path:
    """The trained model (``make train`` writes ``models/current``)."""
    current = ROOT / "models" / "current"
    if not current.exists():
        raise FileNotFoundError("no trained model: run `make train`")
    return ROOT / "models" / current.read_text(encoding="utf-8").strip()


@contextlib.contextmanager
def running_stack(
    workdir: Path,
    extra_env: dict[str, str] | None = None,
    credentials: Path | None = None,
    extra_args: list[str] | None = None,
) -> Iterator[Stack]:
    """Start an action server and a Rasa server; stop them on exit."""
    workdir.mkdir(parents=True, exist_ok=True)
    rasa_port, action_port = free_port(), free_port()
    token = "test-token-" + os.urandom(6).hex()
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "ACTION_PORT": str(action_port),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
            "TRACKER_URL": f"sqlite:///{workdir / 'tracker.db'}",
            "RASA_AUTH_TOKEN": token,
            "RASA_PORT": str(rasa_port),
            # Chart images point at this server (what `make run` gives by default).
            "COACH_PUBLIC_URL": f"http://127.0.0.1:{rasa_port}",
            "ACTION_SERVER_TOKEN": "test-actions-" + os.urandom(12).hex(),
            "TELEGRAM_TOKEN": "",  # tests never reach the real Telegram; see test_telegram.py
            # Tests talk at machine speed from one address; the flood tests
            # (test_flood.py) turn the limits on with their own settings.
            "COACH_FLOOD_LIMITS": "off",
            "COACH_REST_TOKEN": "",
        }
    )
    seeded = ROOT / "var" / "coach.db"
    if "COACH_DB_URL" not in (extra_env or {}) and seeded.exists():
        # Each stack gets its own copy of the seeded store, so tests may write to it.
        with sqlite3.connect(seeded) as src, sqlite3.connect(workdir / "coach.db") as dst:
            src.backup(dst)
        env["COACH_DB_URL"] = f"sqlite:///{workdir / 'coach.db'}"
    env.update(extra_env or {})
    from coach.settings import rasa_environment  # defaults for every other ${VAR}

    for key, value in rasa_environment().items():
        env.setdefault(key, value)
    env["RASA_AUTH_TOKEN"] = token
    stack = Stack(workdir, env, rasa_port, action_port, token)
    try:
        action_log = workdir / "actions.log"
        actions = subprocess.Popen(
            [
                str(BIN / "rasa"),
                "run",
                "actions",
                "--actions",
                "actions",
                "--port",
                str(action_port),
            ],
            cwd=ROOT,
            env=env,
            stdout=action_log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        stack.procs.append(actions)
        rasa_log = workdir / "rasa.log"
        rasa = subprocess.Popen(
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(model_path()),
                "--endpoints",
                str(ROOT / "endpoints.yml"),
                "--credentials",
                str(credentials or ROOT / "credentials.yml"),
                "--interface",
                "127.0.0.1",
                "--port",
                str(rasa_port),
                "--enable-api",
                "--auth-token",
                token,
                *(extra_args or []),
            ],
            cwd=ROOT,
            env=env,
            stdout=rasa_log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        stack.procs.append(rasa)
        wait_until(f"http://127.0.0.1:{action_port}/health", actions, action_log, 90)
        wait_until(f"{stack.rasa_url}/status?token={token}", rasa, rasa_log, 300)
        yield stack
    finally:
        stack.stop()


@contextlib.contextmanager
def running_web(workdir: Path, port: int, socket_url: str) -> Iterator[str]:
    """Start the web chat page (``python -m coach.web``) on ``port``; yield its URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "WEB_HOST": "127.0.0.1",
            "WEB_PORT": str(port),
            "COACH_SOCKET_URL": socket_url,
            "COACH_PUBLIC_URL": socket_url,
        }
    )
    log = workdir / "web.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach.web"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(url, proc, log, 60)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
