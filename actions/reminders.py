"""Reminders: "remind me tomorrow evening" schedules a gentle nudge; "stop reminders" ends them.

Reminders are Rasa's own (``ReminderScheduled``): the Rasa server keeps them in its
scheduler's memory and, at the time, feeds the intent ``EXTERNAL_reminder`` into the
conversation, which sends the nudge to the channel the person last wrote from. Only
channels that can push (socket.io, Telegram) deliver it; see the README.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, ReminderCancelled, ReminderScheduled
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    PLAN,
    PLAN_TIP,
    PUSH_CHANNELS,
    CoachingAction,
    button,
    channel_of,
    slot_int,
    slot_list,
    store,
)
from coach.reminders import after_quiet_hours, in_quiet_hours, plan_reminder, zone
from coach.settings import memory_settings

REMINDER_INTENT = "EXTERNAL_reminder"


def reminder_name(sender_id: str) -> str:
    """The person's reminder name: one per person, a new one replacing the last.

    Rasa uses a reminder's name as the id of its scheduler job, shared by every
    conversation, so the name must differ per person (a fixed name would let one
    person's reminder replace another's). A hash keeps the sender id out of it.
    """
    return "coach_nudge_" + hashlib.sha256(sender_id.encode("utf-8")).hexdigest()[:20]


def schedule(sender_id: str, at: datetime) -> EventType:
    """The Rasa event that schedules the nudge (kept when the person writes meanwhile)."""
    return ReminderScheduled(
        REMINDER_INTENT,
        trigger_date_time=at,
        name=reminder_name(sender_id),
        kill_on_user_message=False,
    )


class ActionScheduleReminder(CoachingAction):
    """Schedules a nudge at the time asked for, outside quiet hours."""

    def name(self) -> str:
        """The action's name."""
        return "action_schedule_reminder"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Work out when, schedule it, and say when (and if quiet hours moved it)."""
        settings = memory_settings()
        text = str(tracker.latest_message.get("text") or "")
        when = plan_reminder(
            "" if text.startswith("/") else text,
            datetime.now(timezone.utc),
            settings.timezone,
            settings.quiet_start,
            settings.quiet_end,
        )
        time_text = when.at.strftime("%H:%M")
        if when.moved_for_quiet_hours:
            dispatcher.utter_message(response="utter_reminder_set_quiet", time=time_text)
        else:
            dispatcher.utter_message(response="utter_reminder_set", when=when.label, time=time_text)
        if channel_of(tracker) not in PUSH_CHANNELS:
            dispatcher.utter_message(response="utter_reminder_channel_note")
        return [schedule(tracker.sender_id, when.at)]


class ActionCancelReminders(CoachingAction):
    """Cancels every scheduled nudge."""

    def name(self) -> str:
        """The action's name."""
        return "action_cancel_reminders"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Cancel, and say so (by name: Rasa matches sender ids by prefix otherwise)."""
        dispatcher.utter_message(response="utter_reminders_stopped")
        return [
            ReminderCancelled(name=reminder_name(tracker.sender_id), intent_name=REMINDER_INTENT)
        ]


class ActionSendNudge(CoachingAction):
    """The nudge itself, when a reminder fires (never during quiet hours)."""

    def name(self) -> str:
        """The action's name."""
        return "action_send_nudge"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """A gentle message about the tip the person is on; quiet hours postpone it."""
        settings = memory_settings()
        local = datetime.now(timezone.utc).astimezone(zone(settings.timezone))
        if in_quiet_hours(local, settings.quiet_start, settings.quiet_end):
            return [schedule(tracker.sender_id, after_quiet_hours(local, settings.quiet_end))]
        slugs = slot_list(tracker, PLAN)
        tip = None
        if slugs:
            tip = store().tip(slugs[min(slot_int(tracker, PLAN_TIP), len(slugs) - 1)])
        buttons = [
            button("Show my plan", "/show_plan"),
            button("Stop reminders", "/stop_reminders"),
        ]
        if tip is None:
            dispatcher.utter_message(response="utter_nudge_general", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_nudge", title=tip.title, buttons=buttons)
        return []
