"""The scaled layout (scripts/run_scaled.sh) on free ports, started once per session.

It gets its OWN PostgreSQL database (random name, dropped afterwards) for both the tracker
store and the guidance store, and its OWN Redis key prefix (keys deleted afterwards).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine.url import make_url

from tests.conftest import PG_URL, skip_or_fail
from tests.integration.servers import ROOT, free_port, model_path

REDIS_HOST = os.environ.get("COACH_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("COACH_TEST_REDIS_PORT", "6379"))
REDIS_DB = os.environ.get("COACH_TEST_REDIS_DB", "1")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/scale/" in str(item.fspath):
            item.add_marker(pytest.mark.services)
            if "test_scaled" in str(item.fspath):
                item.add_marker(pytest.mark.model)


REST_TOKEN = "scale-rest-" + uuid.uuid4().hex
ACTION_TOKEN = "scale-actions-" + uuid.uuid4().hex


def redis_client():
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=int(REDIS_DB), socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis not reachable at {REDIS_HOST}:{REDIS_PORT}: {exc.__class__.__name__}")
    return client


def delete_prefix(client, prefix: str) -> int:
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    return client.delete(*keys) if keys else 0


@pytest.fixture(scope="session")
def redis_prefix() -> Iterator[str]:
    client = redis_client()
    prefix = f"scale{uuid.uuid4().hex[:10]}"
    yield prefix
    delete_prefix(client, prefix)
    delete_prefix(client, f"LIMITER/{prefix}")  # the flood limits' keys (channels/flood.py)
    client.close()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database (its URL); dropped with its connections afterwards."""
    name = f"reconnect_scale_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@dataclass
class Scaled:
    """The running layout: nginx in front of two Rasa servers."""

    run_dir: Path
    http_port: int
    rasa_ports: list[int]
    token: str
    tracker_url: str
    startup_s: float
    proc: subprocess.Popen[bytes]
    stopped: list[int] = field(default_factory=list)
    action_lb_port: int = 0  # nginx in front of the action servers

    def url(self, port: int | None = None) -> str:
        return f"http://127.0.0.1:{port or self.http_port}"

    @property
    def rest_headers(self) -> dict[str, str]:
        """REST needs a token in the production layout (scripts/run_scaled.sh)."""
        return {"Authorization": f"Bearer {REST_TOKEN}"}

    def rest(self, sender: str, message: str, port: int | None = None) -> list[dict]:
        r = requests.post(
            f"{self.url(port)}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=self.rest_headers,
            timeout=120,
        )
        r.raise_for_status()
        return r.json()

    def tracker(self, sender: str, port: int | None = None) -> dict:
        r = requests.get(
            f"{self.url(port)}/conversations/{sender}/tracker",
            params={"token": self.token},
            timeout=60,
        )
        r.raise_for_status()
        return r.json()

    def rasa_pid(self, port: int) -> int:
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


@pytest.fixture(scope="session")
def scaled(tmp_path_factory, pg_database, redis_prefix) -> Iterator[Scaled]:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        skip_or_fail("nginx is not installed (requirements/apt.txt; make install)")
    run_dir = tmp_path_factory.mktemp("scaled")
    http_port, lb_port = free_port(), free_port()
    rasa_ports = [free_port(), free_port()]
    action_ports = [free_port(), free_port()]
    token = "scale-token-" + uuid.uuid4().hex[:12]
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TRACKER_URL": pg_database,
            "COACH_DB_URL": pg_database,
            "LOCK_STORE_TYPE": "stores.locks.AtomicRedisLockStore",
            "REDIS_HOST": REDIS_HOST,
            "REDIS_PORT": str(REDIS_PORT),
            "REDIS_DB": REDIS_DB,
            "REDIS_KEY_PREFIX": redis_prefix,
            "RASA_AUTH_TOKEN": token,
            "TELEGRAM_TOKEN": "",
            "SCALE_RUN_DIR": str(run_dir),
            "SCALE_HTTP_PORT": str(http_port),
            "SCALE_ACTION_LB_PORT": str(lb_port),
            "SCALE_RASA_PORTS": " ".join(map(str, rasa_ports)),
            "SCALE_ACTION_PORTS": " ".join(map(str, action_ports)),
            # two action server processes with two Sanic workers each (forked: own pools)
            "ACTION_SERVER_SANIC_WORKERS": "2",
            "ACTION_SERVER_TOKEN": ACTION_TOKEN,
            "COACH_REST_TOKEN": REST_TOKEN,
            # The tests are many people behind one address (nginx on 127.0.0.1): the limit
            # per address is lifted; the one per conversation keeps its default.
            "COACH_FLOOD_PER_ADDRESS": "10000 per minute",
        }
    )
    from coach.settings import rasa_environment

    for key, value in rasa_environment().items():
        env.setdefault(key, value)
    env["RASA_AUTH_TOKEN"] = token
    log = run_dir / "run_scaled.log"
    started = time.monotonic()
    proc = subprocess.Popen(
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
            pg_database,
            startup,
            proc,
            action_lb_port=lb_port,
        )
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
