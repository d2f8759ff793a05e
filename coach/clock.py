"""The time, as every part of the coach that schedules reads it (no Rasa).

Production reads the real time. Tests set ``COACH_TEST_CLOCK_FILE`` to a file holding a
number of seconds (``0`` at first) that every server adds to the real time; writing a
larger number moves the coach's time forward, so a reminder "in 2 hours" fires without
waiting two hours. The file is read on every call, so the action server (which schedules)
and the Rasa server (which delivers) always agree. Nothing reaches it over the network:
only someone who can write files on the server and set its environment can move time.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

from coach.settings import outbox_settings


class Clock(Protocol):
    """Something that says what time it is (timezone-aware, UTC)."""

    def now(self) -> datetime:
        """The current time."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """The current time, UTC."""
        return datetime.now(timezone.utc)


class OffsetClock:
    """The real time plus the seconds written in a file (tests move time with it)."""

    def __init__(self, path: Path) -> None:
        """Read the offset from ``path`` (a missing or unreadable file counts as 0)."""
        self.path = path

    def offset_s(self) -> float:
        """The seconds added to the real time."""
        try:
            return float(self.path.read_text(encoding="utf-8").strip() or 0)
        except (OSError, ValueError):
            return 0.0

    def now(self) -> datetime:
        """The real time, moved by the file's offset."""
        return datetime.now(timezone.utc) + timedelta(seconds=self.offset_s())

    def move(self, seconds: float) -> None:
        """Move the time forward by ``seconds`` (tests)."""
        self.path.write_text(str(self.offset_s() + seconds), encoding="utf-8")


class FixedClock:
    """A clock that says what it is told (unit tests)."""

    def __init__(self, at: datetime) -> None:
        """Start at ``at`` (timezone-aware)."""
        self.at = at

    def now(self) -> datetime:
        """The time it was set to."""
        return self.at

    def move(self, seconds: float) -> None:
        """Move the time forward by ``seconds``."""
        self.at += timedelta(seconds=seconds)


def get_clock() -> Clock:
    """The clock this process reads: the real time unless ``COACH_TEST_CLOCK_FILE`` is set."""
    path = outbox_settings().test_clock_file
    return OffsetClock(Path(path)) if path else SystemClock()
