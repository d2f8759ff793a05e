"""Delete conversations older than the retention period (``make purge``; run it daily).

Removes, for everyone whose last message is more than ``COACH_RETENTION_DAYS`` (default
90) days old, their events in Rasa's tracker store (``TRACKER_URL``) and their rows in the
coach's own tables (``COACH_DB_URL``). Prints counts only, never ids or text.

Cron, daily at 03:30 (from the project folder):
    30 3 * * *  cd /path/to/reconnect && make purge >> var/logs/purge.log 2>&1
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import create_engine

from coach.privacy import purge_inactive
from coach.settings import retention_days, tracker_url
from coach.store.db import get_engine


def main(argv: list[str] | None = None) -> int:
    """Purge once and print what was removed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=int, default=None, help="override COACH_RETENTION_DAYS for this run"
    )
    parser.add_argument("--now", type=float, default=None, help="the current Unix time (for tests)")
    args = parser.parse_args(argv)
    days = args.days if args.days is not None else retention_days()
    tracker_engine = create_engine(tracker_url(), future=True)
    try:
        report = purge_inactive(tracker_engine, get_engine(), days, now=args.now)
    finally:
        tracker_engine.dispose()
    print(f"retention {days} days: {report.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
