"""Start-up checks: can the coach reach the databases and Redis it is configured for?

``python -m scripts.preflight [--rasa] [--actions] [--create-tracker-db]`` checks what the
Rasa server (tracker store ``TRACKER_URL``, lock store ``LOCK_STORE_TYPE`` + ``REDIS_*``)
or the action server (guidance store ``COACH_DB_URL``) needs, using the same defaults as
``coach.settings.rasa_environment``. A failure prints ONE line naming the variable to check
and exits with status 2, instead of Rasa retrying a wrong database address forever or
printing a stack trace. ``--create-tracker-db`` creates a missing PostgreSQL tracker
database (Rasa creates the tables itself).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from coach.settings import get_settings, rasa_environment

CONNECT_TIMEOUT_S = 5
REDIS_LOCK_STORES = ("redis", "stores.locks.AtomicRedisLockStore")


class PreflightError(Exception):
    """A check failed; the message is one line for the operator."""


@dataclass(frozen=True)
class Check:
    """What a check found (for the summary line)."""

    name: str
    detail: str


def _reason(exc: BaseException) -> str:
    """The first line of what went wrong, without the driver's stack of details."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _parse(url: str, variable: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise PreflightError(f"{variable} is not a database URL ({exc}); check {variable}") from exc


def _connect_args(url: URL) -> dict[str, object]:
    return {"connect_timeout": CONNECT_TIMEOUT_S} if url.get_backend_name() == "postgresql" else {}


def _missing_database(exc: SQLAlchemyError, url: URL) -> bool:
    return url.get_backend_name() == "postgresql" and "does not exist" in _reason(exc)


def _create_database(url: URL, variable: str) -> None:
    """Create ``url``'s PostgreSQL database, connecting to the ``postgres`` database."""
    admin = create_engine(
        url.set(database="postgres"),
        future=True,
        isolation_level="AUTOCOMMIT",
        connect_args=_connect_args(url),
    )
    name = str(url.database).replace('"', '""')
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError as exc:
        if "already exists" not in _reason(exc):
            raise PreflightError(
                f"cannot create the database {url.database!r} for {_safe(url)}: "
                f"{_reason(exc)}; check {variable}"
            ) from exc
    finally:
        admin.dispose()


def check_database(url_text: str, variable: str, what: str, create: bool = False) -> Check:
    """Connect to ``url_text`` once (creating a missing PostgreSQL database if asked)."""
    url = _parse(url_text, variable)
    engine = create_engine(url, future=True, connect_args=_connect_args(url))
    try:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            if not (create and _missing_database(exc, url)):
                raise PreflightError(
                    f"cannot reach the {what} at {_safe(url)}: {_reason(exc)}; check {variable}"
                ) from exc
            _create_database(url, variable)
            return Check(what, f"{_safe(url)} (database created)")
    finally:
        engine.dispose()
    return Check(what, _safe(url))


def check_redis(env: Mapping[str, str]) -> Check:
    """PING the lock store's Redis with the ``REDIS_*`` settings Rasa will use."""
    import redis

    host, port, db = env["REDIS_HOST"], env["REDIS_PORT"], env["REDIS_DB"]
    where = f"redis://{host}:{port}/{db}"
    try:
        client = redis.Redis(
            host=host,
            port=int(port),
            db=int(db),
            password=env.get("REDIS_PASSWORD") or None,
            socket_timeout=CONNECT_TIMEOUT_S,
            socket_connect_timeout=CONNECT_TIMEOUT_S,
        )
        client.ping()
        client.close()
    except ValueError as exc:
        raise PreflightError(
            f"REDIS_PORT and REDIS_DB must be numbers ({exc}); check REDIS_PORT / REDIS_DB"
        ) from exc
    except redis.RedisError as exc:
        raise PreflightError(
            f"cannot reach the Redis lock store at {where}: {_reason(exc)}; "
            "check REDIS_HOST / REDIS_PORT / REDIS_DB / REDIS_PASSWORD"
        ) from exc
    prefix = env.get("REDIS_KEY_PREFIX", "")
    if prefix and not prefix.isalnum():
        raise PreflightError(
            f"REDIS_KEY_PREFIX must be letters and digits only, got {prefix!r}; "
            "check REDIS_KEY_PREFIX"
        )
    return Check("lock store", where)


def run_checks(rasa: bool, actions: bool, create_tracker_db: bool) -> list[Check]:
    """Run the checks the given servers need; raise :class:`PreflightError` on the first failure."""
    env = {**rasa_environment(), **os.environ}
    done: list[Check] = []
    if rasa:
        done.append(
            check_database(env["TRACKER_URL"], "TRACKER_URL", "tracker store", create_tracker_db)
        )
        lock_type = env.get("LOCK_STORE_TYPE", "in_memory")
        if lock_type in REDIS_LOCK_STORES:
            done.append(check_redis(env))
        elif lock_type != "in_memory":
            raise PreflightError(
                f"unknown lock store {lock_type!r}; check LOCK_STORE_TYPE "
                f"(in_memory or {REDIS_LOCK_STORES[1]})"
            )
    if actions:
        done.append(check_database(get_settings().db_url, "COACH_DB_URL", "guidance store"))
    return done


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m scripts.preflight", description=__doc__)
    parser.add_argument("--rasa", action="store_true", help="check the Rasa server's stores")
    parser.add_argument("--actions", action="store_true", help="check the guidance store")
    parser.add_argument("--create-tracker-db", action="store_true")
    args = parser.parse_args(argv)
    if not (args.rasa or args.actions):
        args.rasa = args.actions = True
    try:
        checks = run_checks(args.rasa, args.actions, args.create_tracker_db)
    except PreflightError as exc:
        sys.stderr.write(f"preflight: {exc}\n")
        return 2
    except Exception as exc:  # still one line: the operator needs the cause, not a trace
        sys.stderr.write(f"preflight: unexpected {exc.__class__.__name__}: {_reason(exc)}\n")
        return 2
    sys.stdout.write("preflight ok: " + "; ".join(f"{c.name} {c.detail}" for c in checks) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
