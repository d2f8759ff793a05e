"""Serves a person's check-in chart at an unguessable URL: ``/webhooks/charts/<token>.png``.

Not a chat channel: Rasa mounts every channel's blueprint under ``/webhooks/<name>/``, so
this is the smallest way to add one route to the Rasa server. The token is an HMAC of the
sender id (``COACH_CHART_SECRET``); an unknown or wrong token gets 404, and nothing else
about the person is in the URL. The chart is drawn on demand and never cached.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError

from coach.chart import render_png
from coach.memory import Memory
from coach.settings import memory_settings

logger = logging.getLogger(__name__)
TOKEN = re.compile(r"^[0-9a-f]{16,64}$")


def chart_for(token: str) -> bytes | None:
    """The PNG for ``token``, or None when the token opens nothing."""
    if not TOKEN.match(token):
        return None
    memory = Memory()
    sender = memory.sender_for_token(token, memory_settings().chart_secret)
    if sender is None:
        return None
    scores = memory.check_ins(sender)
    return render_png(scores) if scores else None


class ChartInput(InputChannel):
    """The chart route (credentials.yml: ``channels.charts.ChartInput:``)."""

    @classmethod
    def name(cls) -> str:
        """Mounted at ``/webhooks/charts/``."""
        return "charts"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """No settings of its own (see ``coach.settings.memory_settings``)."""
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """``GET /webhooks/charts/<token>.png``."""
        bp = Blueprint("coach_charts", __name__)

        @bp.route("/<filename:str>", methods=["GET"])
        async def chart(request: Request, filename: str) -> HTTPResponse:
            token = filename.removesuffix(".png") if filename.endswith(".png") else ""
            try:
                png = await asyncio.get_running_loop().run_in_executor(None, chart_for, token)
            except SQLAlchemyError:
                logger.exception("chart: the store failed")
                return response.json({"status": 503, "error": "Try again later."}, status=503)
            if png is None:
                return response.json({"status": 404, "error": "Not found."}, status=404)
            return response.raw(
                png,
                content_type="image/png",
                headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
            )

        return bp
