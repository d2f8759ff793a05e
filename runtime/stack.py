"""Start the whole coach on free ports: for the tests, the benchmarks and the soak run.

- :func:`running_stack`: an action server and a Rasa server, each stack with free ports,
  its own SQLite tracker store, a copy of the seeded guidance store and log files under
  its folder, and the trained model from ``models/current``. Starting Rasa takes about a
  minute and 1 GB of memory, so the integration tests share one per session
  (``tests/integration/conftest.py``); ``bench/`` and ``scripts/soak.py`` start their own.
- :func:`running_scaled`: the production layout of ``scripts/run_scaled.sh`` (nginx in
  front of two Rasa servers and two action servers, PostgreSQL and Redis) on free ports.
- :func:`running_web`: the web chat page.

Every server starts through ``python -m runtime.server`` (Rasa's command line with the
coach's patches, ``runtime/patches.py``), as the scripts start them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Rasa's command line with the coach's patches (runtime/patches.py), as every script runs it.
SERVER = [sys.executable, "-m", "runtime.server"]


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
            # This checkout's code, even when the venv was installed from another one.
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
        actions = subprocess.Popen(  # noqa: S603 - a fixed command
            [
                *SERVER,
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
        rasa = subprocess.Popen(  # noqa: S603 - a fixed command
            [
                *SERVER,
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
    """Start the web chat page (``python -m channels.web_page``) on ``port``; yield its URL."""
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
        [sys.executable, "-m", "channels.web_page"],
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


@dataclass
class Scaled:
    """The running production layout: nginx in front of two Rasa servers."""

    run_dir: Path
    http_port: int
    rasa_ports: list[int]
    token: str
    tracker_url: str
    startup_s: float
    proc: subprocess.Popen[bytes]
    stopped: list[int] = field(default_factory=list)
    action_lb_port: int = 0  # nginx in front of the action servers
    rest_token: str = ""

    def url(self, port: int | None = None) -> str:
        """Base URL of nginx, or of one Rasa server (``port``)."""
        return f"http://127.0.0.1:{port or self.http_port}"

    @property
    def rest_headers(self) -> dict[str, str]:
        """REST needs a token in the production layout (scripts/run_scaled.sh)."""
        return {"Authorization": f"Bearer {self.rest_token}"}

    def rest(self, sender: str, message: str, port: int | None = None) -> list[dict]:
        """Send one message through the REST channel; return the bot's replies."""
        r = requests.post(
            f"{self.url(port)}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=self.rest_headers,
            timeout=120,
        )
        r.raise_for_status()
        return r.json()

    def tracker(self, sender: str, port: int | None = None) -> dict:
        """The conversation's tracker, through the authenticated HTTP API."""
        r = requests.get(
            f"{self.url(port)}/conversations/{sender}/tracker",
            params={"token": self.token},
            timeout=60,
        )
        r.raise_for_status()
        return r.json()

    def rasa_pid(self, port: int) -> int:
        """The process id of the Rasa server on ``port``."""
        return int((self.run_dir / f"rasa-{port}.pid").read_text())

    def stop_rasa(self, port: int) -> None:
        """Stop one Rasa server (SIGTERM, then wait until it is gone)."""
        pid = self.rasa_pid(port)
        os.kill(pid, signal.SIGTERM)
        for _ in range(300):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
        self.stopped.append(port)


@contextlib.contextmanager
def running_scaled(
    run_dir: Path, database_url: str, rest_token: str, extra_env: dict[str, str]
) -> Iterator[Scaled]:
    """Start ``scripts/run_scaled.sh`` on free ports with ``database_url`` for both stores.

    ``extra_env`` adds the Redis settings, the action server's secret and anything else;
    the layout is stopped (the whole process group) on exit.
    """
    http_port, lb_port = free_port(), free_port()
    rasa_ports = [free_port(), free_port()]
    action_ports = [free_port(), free_port()]
    token = "scale-token-" + os.urandom(6).hex()
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TRACKER_URL": database_url,
            "COACH_DB_URL": database_url,
            "RASA_AUTH_TOKEN": token,
            "TELEGRAM_TOKEN": "",
            "SCALE_RUN_DIR": str(run_dir),
            "SCALE_HTTP_PORT": str(http_port),
            "SCALE_ACTION_LB_PORT": str(lb_port),
            "SCALE_RASA_PORTS": " ".join(map(str, rasa_ports)),
            "SCALE_ACTION_PORTS": " ".join(map(str, action_ports)),
            "COACH_REST_TOKEN": rest_token,
        }
    )
    env.update(extra_env)
    from coach.settings import rasa_environment

    for key, value in rasa_environment().items():
        env.setdefault(key, value)
    env["RASA_AUTH_TOKEN"] = token
    log = run_dir / "run_scaled.log"
    started = time.monotonic()
    proc = subprocess.Popen(  # noqa: S603 - a fixed command
        [str(ROOT / "scripts" / "run_scaled.sh")],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 900
        while not (run_dir / "ready").exists():
            if proc.poll() is not None:
                raise RuntimeError(f"run_scaled.sh exited {proc.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the scaled layout did not start in 900 s; see {run_dir}")
            time.sleep(1)
        startup = time.monotonic() - started
        print(f"\nscaled layout up in {startup:.0f} s (run dir {run_dir})")
        yield Scaled(
            run_dir,
            http_port,
            rasa_ports,
            token,
            database_url,
            startup,
            proc,
            action_lb_port=lb_port,
            rest_token=rest_token,
        )
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
