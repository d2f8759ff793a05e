"""rasa-sdk's plugin hook: the action server installs the coach's patches through it.

rasa-sdk's ``endpoint.run`` imports this package (``rasa_sdk.plugin``), calls
:func:`init_hooks`, and then ``attach_sanic_app_extensions`` with its Sanic app before the
server starts: :func:`runtime.patches.install_action_server` adds the webhook guard.
"""

from __future__ import annotations

import sys
from typing import Any

import pluggy

hookimpl = pluggy.HookimplMarker("rasa_sdk")


@hookimpl  # type: ignore[misc]
def attach_sanic_app_extensions(app: Any) -> None:
    """Install the action server's patches on rasa-sdk's app."""
    from runtime.patches import install_action_server

    install_action_server(app)


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Register this module's hooks with rasa-sdk's plugin manager."""
    manager.register(sys.modules[__name__])
