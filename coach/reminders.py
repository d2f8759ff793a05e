"""When to send a reminder: "tomorrow evening", "in 2 hours", quiet hours (no Rasa)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PARTS_OF_DAY = {"morning": time(9, 0), "afternoon": time(14, 0), "evening": time(19, 0)}
DEFAULT_TIME = PARTS_OF_DAY["evening"]
UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_IN = re.compile(r"\bin\s+(an?|\d{1,3})\s*(second|sec|minute|min|hour|hr|day)s?\b", re.I)
_SHORT = {"sec": "second", "min": "minute", "hr": "hour"}


@dataclass(frozen=True)
class When:
    """A reminder's time (timezone-aware) and whether quiet hours moved it."""

    at: datetime
    moved_for_quiet_hours: bool
    label: str  # how the coach says it back ("tomorrow evening", "in 2 hours")


def zone(name: str) -> tzinfo:
    """The time zone called ``name`` (UTC when unknown)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_quiet_hours(local: datetime, start: int, end: int) -> bool:
    """Whether ``local`` falls in quiet hours [start, end) (minutes after midnight)."""
    if start == end:
        return False
    minute = local.hour * 60 + local.minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def after_quiet_hours(local: datetime, end: int) -> datetime:
    """The next time quiet hours end, at or after ``local``."""
    candidate = local.replace(hour=end // 60, minute=end % 60, second=0, microsecond=0)
    return candidate if candidate >= local else candidate + timedelta(days=1)


def parse_when(text: str, now: datetime) -> tuple[datetime, str]:
    """The time a person asked for (``now`` is local and aware); tomorrow evening by default."""
    lowered = (text or "").lower()
    found = _IN.search(lowered)
    if found:
        amount = 1 if found.group(1) in ("a", "an") else int(found.group(1))
        unit = _SHORT.get(found.group(2), found.group(2))
        amount = max(1, amount)
        label = f"in {amount} {unit}{'s' if amount != 1 else ''}"
        return now + timedelta(seconds=amount * UNITS[unit]), label
    part = next((p for p in PARTS_OF_DAY if p in lowered), None)
    if "tonight" in lowered:
        part = "evening"
    at = PARTS_OF_DAY[part] if part else DEFAULT_TIME
    day = now.date()
    if "tomorrow" in lowered:
        day = day + timedelta(days=1)
        label = f"tomorrow {part or 'evening'}"
    else:
        label = "this evening" if (part in (None, "evening")) else f"this {part}"
    when = datetime.combine(day, at, tzinfo=now.tzinfo)
    if when <= now:  # "this morning" said in the afternoon: the next one
        when += timedelta(days=1)
        label = f"tomorrow {part or 'evening'}"
    return when, label


def plan_reminder(
    text: str, now_utc: datetime, timezone_name: str, quiet_start: int, quiet_end: int
) -> When:
    """When to nudge for ``text``, moved out of quiet hours (local time)."""
    local_now = now_utc.astimezone(zone(timezone_name))
    at, label = parse_when(text, local_now)
    moved = in_quiet_hours(at, quiet_start, quiet_end)
    if moved:
        at = after_quiet_hours(at, quiet_end)
    return When(at=at, moved_for_quiet_hours=moved, label=label)


def quiet_until(
    now_utc: datetime, timezone_name: str, quiet_start: int, quiet_end: int
) -> datetime | None:
    """When quiet hours end, if ``now_utc`` falls in them (None: a message may go now).

    The outbox's scheduler asks this at firing time, so a reminder due during quiet hours
    (set before they were changed, or postponed by a restart) waits for the morning.
    """
    local = now_utc.astimezone(zone(timezone_name))
    if not in_quiet_hours(local, quiet_start, quiet_end):
        return None
    return after_quiet_hours(local, quiet_end)
