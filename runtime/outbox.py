"""The outbox's scheduler in each Rasa server: due messages are claimed and delivered.

``runtime/patches.py`` registers :func:`start` as an ``after_server_start`` listener of the
Rasa server's Sanic app (and :func:`stop` before it stops). The scheduler sleeps until the
soonest due row of the outbox (``coach/outbox.py``), or at most ``COACH_OUTBOX_POLL_S``
seconds (the action server adds rows this process does not hear about), then claims every
due row: one ``UPDATE ... WHERE claimed_by IS NULL`` per row, so with two Rasa servers on
one database a row is delivered by exactly one of them.

For each claimed row, at firing time:

- during quiet hours it goes back to pending, due when they end;
- for a web chat (socket.io) person who is not connected, it waits (state ``waiting``) and
  is delivered when that person's widget next joins its session (:func:`web_session_joined`,
  called by ``channels/webchat.py``);
- otherwise it is delivered through Rasa itself, as Rasa's own reminder job and the HTTP
  API's ``trigger_intent`` do: under the conversation's lock, the row's intent
  (``EXTERNAL_reminder``) is triggered in the conversation with the output channel of the
  row's input channel (Telegram's Bot API, the web chat's socket.io room), so the
  conversation's policies and actions (``action_send_nudge``) run as for any message.

Time comes from :func:`coach.clock.get_clock` (tests move it with ``COACH_TEST_CLOCK_FILE``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel

from coach.outbox import Message, Outbox
from coach.reminders import quiet_until
from coach.settings import memory_settings, outbox_settings

logger = logging.getLogger(__name__)

WEB_CHANNEL = "socketio"
RETRY_AFTER = timedelta(minutes=1)  # a delivery that failed (Rasa busy, channel down)

_running: Scheduler | None = None


def worker_id() -> str:
    """This server's name in ``claimed_by``: host, process and a random part."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Scheduler:
    """Claims and delivers this Rasa server's share of the outbox."""

    def __init__(self, app: Any, outbox: Outbox | None = None, poll_s: float | None = None):
        """Deliver through ``app`` (the Rasa server's Sanic app, its agent and channels)."""
        self.app = app
        self.outbox = outbox or Outbox()
        self.poll_s = poll_s if poll_s is not None else outbox_settings().poll_s
        self.worker = worker_id()
        self.wake = asyncio.Event()
        self.delivered = 0

    # --- channels --------------------------------------------------------------------

    def input_channel(self, name: str) -> Any | None:
        """The server's input channel called ``name`` (None when it has none)."""
        for channel in getattr(self.app.ctx, "input_channels", None) or []:
            if channel.name() == name:
                return channel
        return None

    def output_channel(self, name: str) -> OutputChannel:
        """The output channel for messages of input channel ``name``.

        REST cannot push: there the nudge is only recorded in the conversation.
        """
        channel = self.input_channel(name)
        output = channel.get_output_channel() if channel is not None else None
        return output or CollectingOutputChannel()

    def web_connected(self, sender_id: str) -> bool:
        """Whether a web chat widget is in the person's session room on this server."""
        channel = self.input_channel(WEB_CHANNEL)
        sio = getattr(channel, "sio", None)
        if sio is None:
            return False
        namespace = getattr(channel, "namespace", None) or "/"
        try:
            return any(True for _ in sio.manager.get_participants(namespace, sender_id))
        except KeyError:  # nobody ever connected to the namespace
            return False

    # --- delivering ------------------------------------------------------------------

    async def trigger(self, message: Message) -> None:
        """Trigger the row's intent in the conversation, as Rasa's reminder job does."""
        agent = self.app.ctx.agent
        output = self.output_channel(message.channel)
        async with agent.lock_store.lock(message.sender_id):
            tracker = await agent.processor.fetch_tracker_and_update_session(
                message.sender_id, output
            )
            await agent.processor.trigger_external_user_uttered(
                message.intent, message.entities, tracker, output
            )

    async def handle(self, message: Message, joined: bool = False) -> str:
        """Deliver one claimed row (or postpone it, or keep it waiting); what happened."""
        box = self.outbox
        settings = memory_settings()
        until = quiet_until(box.now(), settings.timezone, settings.quiet_start, settings.quiet_end)
        if until is not None:
            await asyncio.to_thread(box.postpone, message.id, self.worker, until)
            return "postponed"
        if (
            message.channel == WEB_CHANNEL
            and not joined
            and not self.web_connected(message.sender_id)
        ):
            await asyncio.to_thread(box.mark_waiting, message.id, self.worker)
            return "waiting"
        agent = getattr(self.app.ctx, "agent", None)
        if agent is None or not agent.is_ready():
            await asyncio.to_thread(box.postpone, message.id, self.worker, box.now() + RETRY_AFTER)
            return "retry"
        try:
            await self.trigger(message)
        except Exception:
            logger.exception("outbox: delivering message %s failed; retrying later", message.id)
            await asyncio.to_thread(box.postpone, message.id, self.worker, box.now() + RETRY_AFTER)
            return "retry"
        await asyncio.to_thread(box.mark_sent, message.id, self.worker)
        self.delivered += 1
        logger.info(
            "outbox: delivered message %s (%s, %s)", message.id, message.kind, message.channel
        )
        return "sent"

    async def run_once(self) -> float:
        """Deliver every due row; the seconds to sleep before the next look."""
        for message in await asyncio.to_thread(self.outbox.claim_due, self.worker):
            await self.handle(message)
        next_due = await asyncio.to_thread(self.outbox.next_due)
        if next_due is None:
            return self.poll_s
        return min(self.poll_s, max(0.0, (next_due - self.outbox.now()).total_seconds()))

    async def run(self) -> None:
        """Deliver due rows until cancelled."""
        with contextlib.suppress(Exception):
            released = await asyncio.to_thread(self.outbox.release_stale)
            if released:
                logger.warning("outbox: %d claim(s) a stopped server left were released", released)
        while True:
            try:
                wait = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("outbox: looking for due messages failed")
                wait = self.poll_s
            self.wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=max(wait, 0.05))

    async def session_joined(self, sender_id: str) -> int:
        """Deliver what waited for this web chat person; how many messages."""
        count = 0
        for message in await asyncio.to_thread(self.outbox.claim_waiting, sender_id, self.worker):
            if await self.handle(message, joined=True) == "sent":
                count += 1
        return count


async def web_session_joined(sender_id: str) -> None:
    """A web chat widget joined its session: show it what waited (``channels/webchat.py``)."""
    if _running is None:
        return
    try:
        await _running.session_joined(sender_id)
    except Exception:
        logger.exception("outbox: delivering waiting messages failed")


async def start(app: Any, _loop: Any = None) -> None:
    """``after_server_start``: run the scheduler in this server (``COACH_OUTBOX=off``: not)."""
    global _running
    if not outbox_settings().enabled:
        logger.info("outbox: this server does not deliver (COACH_OUTBOX=off)")
        return
    scheduler = Scheduler(app)
    _running = scheduler
    app.ctx.outbox_scheduler = scheduler
    app.ctx.outbox_task = asyncio.get_running_loop().create_task(scheduler.run())
    logger.info("outbox: scheduler started as %s", scheduler.worker)


async def stop(app: Any, _loop: Any = None) -> None:
    """``before_server_stop``: stop the scheduler (a claimed row is finished or released)."""
    global _running
    task = getattr(app.ctx, "outbox_task", None)
    _running = None
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
