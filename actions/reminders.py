"""Reminders: "remind me tomorrow evening" schedules a gentle nudge; "stop reminders" ends them.

A reminder is a row in the coach's outbox (``coach/outbox.py``), so it survives restarts
and, with several Rasa servers, fires exactly once: whichever server's scheduler
(``runtime/outbox.py``) claims it at its time checks quiet hours and feeds the intent
``EXTERNAL_reminder`` into the conversation, which runs ``action_send_nudge`` and sends the
nudge to the channel the reminder was set from. Only channels that can push (socket.io,
Telegram) show it at once; a web chat person who is not connected sees it when they next
open the chat. See docs/memory-and-reminders.md.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
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
from coach import words
from coach.outbox import Outbox
from coach.reminders import plan_reminder
from coach.settings import memory_settings

_outbox: Outbox | None = None


def outbox() -> Outbox:
    """The outbox service of this action-server process."""
    global _outbox
    if _outbox is None:
        _outbox = Outbox()
    return _outbox


def use_outbox(box: Outbox | None) -> None:
    """Use ``box`` from now on (tests); None goes back to the default."""
    global _outbox
    _outbox = box


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
        box = outbox()
        when = plan_reminder(
            "" if text.startswith("/") else text,
            box.now(),
            settings.timezone,
            settings.quiet_start,
            settings.quiet_end,
        )
        time_text = when.at.strftime("%H:%M")
        if when.moved_for_quiet_hours:
            dispatcher.utter_message(response="utter_reminder_set_quiet", time=time_text)
        else:
            dispatcher.utter_message(response="utter_reminder_set", when=when.label, time=time_text)
        channel = channel_of(tracker)
        if channel not in PUSH_CHANNELS:
            dispatcher.utter_message(response="utter_reminder_channel_note")
        box.schedule_reminder(tracker.sender_id, channel, when.at)
        return []


class ActionCancelReminders(CoachingAction):
    """Cancels every scheduled nudge."""

    def name(self) -> str:
        """The action's name."""
        return "action_cancel_reminders"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Cancel the person's reminders in the outbox, and say so."""
        outbox().cancel(tracker.sender_id)
        dispatcher.utter_message(response="utter_reminders_stopped")
        return []


class ActionSendNudge(CoachingAction):
    """The nudge itself, when a reminder fires (the scheduler keeps quiet hours)."""

    def name(self) -> str:
        """The action's name."""
        return "action_send_nudge"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """A gentle message about the tip the person is on."""
        slugs = slot_list(tracker, PLAN)
        tip = None
        if slugs:
            tip = store().tip(slugs[min(slot_int(tracker, PLAN_TIP), len(slugs) - 1)])
        titles = words.section("buttons")
        buttons = [
            button(titles["show_plan"], "/show_plan"),
            button(titles["stop_reminders"], "/stop_reminders"),
        ]
        if tip is None:
            dispatcher.utter_message(response="utter_nudge_general", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_nudge", title=tip.title, buttons=buttons)
        return []
