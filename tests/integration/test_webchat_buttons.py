"""Web chat quick replies from an earlier conversation, against the real servers.

A socket.io client plays the widget: it taps a quick reply by sending its payload, as
rasa-webchat does. A reply tapped after the conversation restarted never reaches the
coach; one from the current conversation does.
"""

from __future__ import annotations

import asyncio

import socketio

from channels.buttons import unstamp
from channels.webchat import EARLIER_CONVERSATION


class Widget:
    def __init__(self) -> None:
        self.sio = socketio.AsyncClient()
        self.replies: asyncio.Queue[dict] = asyncio.Queue()
        self.sio.on("bot_uttered", self.replies.put_nowait)

    async def open(self, url: str) -> str:
        """Connect; the server gives the session id (issue 24: only ids of its own form)."""
        confirmed = asyncio.get_running_loop().create_future()
        self.sio.on("session_confirm", lambda sid: confirmed.done() or confirmed.set_result(sid))
        await self.sio.connect(url, transports=["polling"], socketio_path="/socket.io")
        await self.sio.emit("session_request", {"session_id": None})
        return str(await asyncio.wait_for(confirmed, 30))

    async def say(self, text: str, session_id: str) -> list[dict]:
        """Send a message; collect the replies until the coach has been quiet a while."""
        await self.sio.emit("user_uttered", {"message": text, "session_id": session_id})
        replies = [await asyncio.wait_for(self.replies.get(), 180)]
        while True:
            try:
                replies.append(await asyncio.wait_for(self.replies.get(), 3))
            except asyncio.TimeoutError:
                return replies


async def test_a_quick_reply_from_before_a_restart_does_nothing(stack):
    widget = Widget()
    session = await widget.open(stack.rasa_url)
    try:
        replies = await widget.say("we feel like roommates since the baby came", session)
        quick = [q for r in replies for q in r.get("quick_replies") or []]
        tips = next(q for q in quick if q["title"] == "Just give me tips")
        payload, sent = unstamp(tips["payload"])
        assert payload.startswith("/") and sent is not None  # stamped with when it was sent

        sure = next(q for q in quick if q["title"] == "Sure")
        await widget.say("/restart", session)
        [reply] = await widget.say(tips["payload"], session)
        assert reply["text"] == EARLIER_CONVERSATION
        user = [e["text"] for e in stack.tracker(session)["events"] if e["event"] == "user"]
        assert user == []  # nothing reached the coach after the restart

        # A reply sent after the restart works as usual.
        replies = await widget.say("we feel like roommates since the baby came", session)
        fresh = next(
            q for r in replies for q in r.get("quick_replies") or [] if q["title"] == "Sure"
        )
        assert fresh["payload"] != sure["payload"]
        await widget.say(fresh["payload"], session)
        user = [e["text"] for e in stack.tracker(session)["events"] if e["event"] == "user"]
        assert user[-1] == unstamp(fresh["payload"])[0]
    finally:
        await widget.sio.disconnect()
