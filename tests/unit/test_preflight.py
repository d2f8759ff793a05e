"""Start-up preflight: one clear line naming the variable to check, never a stack trace."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coach.settings import get_settings
from runtime.stack import free_port
from scripts import preflight
from tests.conftest import PG_URL, skip_or_fail


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A clean environment: SQLite stores in tmp_path, in-memory lock store."""
    for name in ("TRACKER_URL", "LOCK_STORE_TYPE", "COACH_DB_URL", "REDIS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TRACKER_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("COACH_DB_URL", f"sqlite:///{tmp_path / 'coach.db'}")
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = preflight.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_embedded_defaults_pass(env, capsys):
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    assert out.startswith("preflight ok: tracker store sqlite:///")
    assert "guidance store sqlite:///" in out


def test_unreachable_tracker_store_names_tracker_url_and_hides_the_password(env, capsys):
    env.setenv("TRACKER_URL", f"postgresql://coach:s3cret@127.0.0.1:{free_port()}/rasa")
    code, out, err = run(capsys, "--rasa")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("preflight: cannot reach the tracker store at postgresql://coach:***@")
    assert err.rstrip().endswith("check TRACKER_URL")
    assert "s3cret" not in err


def test_unreachable_redis_names_the_redis_variables(env, capsys):
    env.setenv("LOCK_STORE_TYPE", "stores.locks.AtomicRedisLockStore")
    env.setenv("REDIS_HOST", "127.0.0.1")
    env.setenv("REDIS_PORT", str(free_port()))
    code, _, err = run(capsys, "--rasa")
    assert code == 2 and err.count("\n") == 1
    assert "cannot reach the Redis lock store at redis://127.0.0.1:" in err
    assert "check REDIS_HOST / REDIS_PORT / REDIS_DB / REDIS_PASSWORD" in err


def test_unknown_lock_store_names_lock_store_type(env, capsys):
    env.setenv("LOCK_STORE_TYPE", "memcached")
    code, _, err = run(capsys, "--rasa")
    assert code == 2 and "check LOCK_STORE_TYPE" in err and err.count("\n") == 1


def test_unreachable_guidance_store_names_coach_db_url(env, capsys):
    env.setenv("COACH_DB_URL", f"postgresql://postgres@127.0.0.1:{free_port()}/coach")
    get_settings.cache_clear()
    code, _, err = run(capsys, "--actions")
    assert code == 2 and err.count("\n") == 1
    assert "cannot reach the guidance store" in err and err.rstrip().endswith("check COACH_DB_URL")


def test_malformed_url_names_the_variable(env, capsys):
    env.setenv("TRACKER_URL", "not a url")
    code, _, err = run(capsys, "--rasa")
    assert code == 2 and "TRACKER_URL is not a database URL" in err and err.count("\n") == 1


def test_missing_postgres_tracker_database_is_reported_or_created(env, capsys):
    name = f"reconnect_preflight_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    env.setenv("TRACKER_URL", url)
    try:
        code, _, err = run(capsys, "--rasa")
        assert code == 2 and f'database "{name}" does not exist' in err
        code, out, _ = run(capsys, "--rasa", "--create-tracker-db")
        assert code == 0 and "(database created)" in out
        code, out, _ = run(capsys, "--rasa", "--create-tracker-db")
        assert code == 0 and "(database created)" not in out
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_run_scaled_stops_before_starting_anything_with_one_line(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(root),
            "TRACKER_URL": f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere",
            "SCALE_RUN_DIR": str(tmp_path / "run"),
        }
    )
    done = subprocess.run(
        [sys.executable, "-m", "coach.env", str(root / "scripts" / "run_scaled.sh")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.rstrip().endswith("check TRACKER_URL")
    assert not list((tmp_path / "run").glob("*.pid"))  # nothing was started
