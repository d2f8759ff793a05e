"""Apply the store's Alembic migrations (``make migrate``)."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from coach.settings import get_settings
from coach.store.db import get_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the store at ``url``, without an ini file."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database at ``url`` (default ``COACH_DB_URL``) up to ``revision``."""
    url = url or get_settings().db_url
    cfg = alembic_config(url)
    with get_engine(url).begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def main(argv: list[str]) -> int:
    """Command line: ``python -m coach.store.migrate [REVISION]``."""
    upgrade(revision=argv[0] if argv else "head")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
