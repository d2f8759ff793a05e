"""When reminders go out: parsing "tomorrow evening", quiet hours, time zones."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from coach.reminders import in_quiet_hours, parse_when, plan_reminder, zone
from coach.settings import memory_settings

UTC = timezone.utc
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
QUIET = (21 * 60, 8 * 60)


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        (
            "remind me tomorrow evening",
            datetime(2026, 12, 3, 19, 0, tzinfo=UTC),
            "tomorrow evening",
        ),
        ("tomorrow morning please", datetime(2026, 12, 3, 9, 0, tzinfo=UTC), "tomorrow morning"),
        ("remind me tonight", datetime(2026, 12, 2, 19, 0, tzinfo=UTC), "this evening"),
        ("remind me in 2 hours", NOON + timedelta(hours=2), "in 2 hours"),
        ("in an hour", NOON + timedelta(hours=1), "in 1 hour"),
        ("remind me in 30 minutes", NOON + timedelta(minutes=30), "in 30 minutes"),
        ("in 5 seconds", NOON + timedelta(seconds=5), "in 5 seconds"),
        ("", datetime(2026, 12, 2, 19, 0, tzinfo=UTC), "this evening"),
        ("this morning", datetime(2026, 12, 3, 9, 0, tzinfo=UTC), "tomorrow morning"),
    ],
)
def test_parse_when(text, expected, label):
    assert parse_when(text, NOON) == (expected, label)


def test_quiet_hours_wrap_midnight():
    start, end = QUIET
    at = lambda h, m=0: datetime(2026, 12, 2, h, m, tzinfo=UTC)  # noqa: E731
    assert in_quiet_hours(at(21), start, end) and in_quiet_hours(at(2), start, end)
    assert in_quiet_hours(at(7, 59), start, end)
    assert not in_quiet_hours(at(8), start, end) and not in_quiet_hours(at(20, 59), start, end)
    assert not in_quiet_hours(at(2), 0, 0)  # off


def test_a_late_reminder_moves_to_the_morning():
    late = datetime(2026, 12, 2, 20, 30, tzinfo=UTC)
    when = plan_reminder("in 2 hours", late, "UTC", *QUIET)
    assert when.moved_for_quiet_hours
    assert when.at == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def test_quiet_hours_are_local_time():
    # 19:00 UTC is 20:00 in Berlin (fine) but 04:00 the next day in Tokyo (quiet).
    evening = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
    berlin = plan_reminder("in 1 hour", evening, "Europe/Berlin", *QUIET)
    assert not berlin.moved_for_quiet_hours
    tokyo = plan_reminder("in 1 hour", evening, "Asia/Tokyo", *QUIET)
    assert tokyo.moved_for_quiet_hours and tokyo.at.hour == 8
    assert tokyo.at.utcoffset() == timedelta(hours=9)


def test_unknown_time_zone_is_utc():
    assert datetime(2026, 1, 1, tzinfo=zone("Mars/Olympus")).utcoffset() == timedelta(0)


def test_settings(monkeypatch):
    monkeypatch.delenv("COACH_QUIET_HOURS", raising=False)
    s = memory_settings()
    assert (s.quiet_start, s.quiet_end) == QUIET
    monkeypatch.setenv("COACH_QUIET_HOURS", "off")
    assert (memory_settings().quiet_start, memory_settings().quiet_end) == (0, 0)
    monkeypatch.setenv("COACH_QUIET_HOURS", "22:30-07:15")
    assert (memory_settings().quiet_start, memory_settings().quiet_end) == (1350, 435)
    monkeypatch.setenv("COACH_QUIET_HOURS", "late")
    with pytest.raises(ValueError):
        memory_settings()
