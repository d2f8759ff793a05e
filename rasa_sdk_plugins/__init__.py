"""rasa-sdk's plugin hook: the action server installs the coach's patches through it.

rasa-sdk's ``endpoint.run`` imports this package (``rasa_sdk.plugin``), calls
:func:`init_hooks`, and then ``attach_sanic_app_extensions`` with its Sanic app before the
server starts: :func:`runtime.patches.install_action_server` adds the webhook guard, and the
answer index is built before the server serves.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import pluggy

hookimpl = pluggy.HookimplMarker("rasa_sdk")


@hookimpl  # type: ignore[misc]
def attach_sanic_app_extensions(app: Any) -> None:
    """Install the action server's patches on rasa-sdk's app."""
    from runtime.patches import install_action_server

    install_action_server(app)

    @app.listener("before_server_start")
    async def build_answer_index(app: Any, loop: Any) -> None:
        """Build the answer index before serving: the first open question must not wait.

        Fitting it takes seconds (longer on a busy machine); built on the first question,
        that call could outlast the Rasa server's wait for the action.
        """
        from actions.common import answer_index

        try:
            await loop.run_in_executor(None, answer_index)
        except Exception:  # the store may be down: the first question builds it then
            logging.getLogger(__name__).warning("answer index not built at start", exc_info=True)


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Register this module's hooks with rasa-sdk's plugin manager."""
    manager.register(sys.modules[__name__])
