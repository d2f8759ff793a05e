"""Move Telegram conversations to their channel's namespace, ``tg:<chat id>`` (issue #24).

Renames, in Rasa's tracker store (``TRACKER_URL``) and the coach's own tables
(``COACH_DB_URL``), every conversation that came from Telegram under its bare chat id
(see ``coach/sender_migration.py``). Safe to run any number of times; ``make run`` and
``make run-scaled`` run it before the servers start. Prints counts only.
"""

from __future__ import annotations

import sys

from sqlalchemy import create_engine

from coach.sender_migration import migrate_telegram_senders
from coach.settings import tracker_url
from coach.store.db import get_engine


def main() -> int:
    """Migrate once and print what moved."""
    tracker_engine = create_engine(tracker_url(), future=True)
    try:
        report = migrate_telegram_senders(tracker_engine, get_engine())
    finally:
        tracker_engine.dispose()
    print(f"sender ids: {report.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
