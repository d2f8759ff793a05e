"""Every change the coach makes to Rasa's and rasa-sdk's own code, installed in one place.

Nothing else in the project patches Rasa. Each server installs its patches once, at
start-up, after checking that the installed version is the one they were written for:

- **Rasa server** (:func:`install_rasa_server`, called by ``python -m runtime.server run``;
  Rasa 3.6 discovers no project plugins, hence the launcher):

  1. ``RemoteAction.run`` -> :func:`runtime.action_guard.guarded_run`: a failed or slow
     action server call (``COACH_ACTION_TIMEOUT``, default 30 s; Rasa waits 5 minutes,
     RasaHQ/rasa#9789) gives ``utter_action_unavailable`` instead of silence.
  2. ``RemoteAction._validate_action_result`` ->
     :func:`runtime.server_tuning.validate_action_result`: the same validation without
     checking Rasa's response schema against its meta-schema on every call
     (``COACH_SERVER_TUNING``, on by default).
  3. A ``connect`` listener on every SQLAlchemy engine: SQLite in WAL mode with
     ``synchronous=NORMAL`` (``COACH_SERVER_TUNING``, on by default).
  4. ``rasa.core.run.configure_app`` -> :func:`configure_app_with_outbox`: Rasa's own, then
     the outbox scheduler (:mod:`runtime.outbox`) as an ``after_server_start`` listener of
     the app it returns (stopped ``before_server_stop``), so every Rasa server delivers
     the stored messages that fall due (issue #25).

- **Action server** (:func:`install_action_server`, called through rasa-sdk's own plugin
  hook: ``rasa_sdk_plugins.init_hooks`` registers ``attach_sanic_app_extensions``):

  5. The webhook guard's middlewares on rasa-sdk's Sanic app
     (:mod:`runtime.webhook_guard`): the shared secret, 400 for calls rasa-sdk would answer
     with a 500, and no 500 that repeats the request.

``tests/unit/test_patches.py`` fails when the code under a patch changes (its source hash
below) or when the patched behaviour no longer holds. docs/architecture.md says why each
patch exists.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The versions the patches were written for (requirements/lock.txt pins the same).
RASA_VERSION = "3.6.21"
RASA_SDK_VERSION = "3.6.2"


class UnsupportedVersionError(RuntimeError):
    """The installed Rasa or rasa-sdk is not the one the coach's patches were written for."""


@dataclass(frozen=True)
class Patched:
    """An upstream function a patch replaces or relies on, as it was when the patch was written."""

    server: str  # "rasa" or "actions"
    target: str  # dotted path of the upstream function
    source_sha256: str  # of ``inspect.getsource`` of the upstream function
    why: str


PATCHED = (
    Patched(
        "rasa",
        "rasa.core.actions.action.RemoteAction.run",
        "ccabf6f1160d527a157fad5bd285ce69e8221b1bcad23f8a61499b4360a1c17e",
        "replaced by runtime.action_guard.guarded_run (apology instead of silence)",
    ),
    Patched(
        "rasa",
        "rasa.core.actions.action.RemoteAction._validate_action_result",
        "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42",
        "replaced by runtime.server_tuning.validate_action_result (schema checked once)",
    ),
    Patched(
        "rasa",
        "rasa.core.run.configure_app",
        "72da30416f74c6488a1bbdae9878467bdc7ecd6b5a46b336220aadafd8b2f41a",
        "wrapped by configure_app_with_outbox (the outbox scheduler's start and stop listeners)",
    ),
    Patched(
        "actions",
        "rasa_sdk.endpoint.create_app",
        "4f0ea292cb96d1f8d16a8fd42502dddc8c20d8242c72bf0b95f4c259b5e40952",
        "the guard's middlewares go on the app it creates (name 'rasa_sdk', 500 handler)",
    ),
    Patched(
        "actions",
        "rasa_sdk.endpoint.run",
        "ac4e6e2f144dc0ce75ffb447f748e081233676f6cadb31d3e46bbfc512d9fc02",
        "calls the plugin hook that installs the guard, before the app runs",
    ),
    Patched(
        "actions",
        "rasa_sdk.plugin._discover_plugins",
        "46d667d3e01196e36d49f790da5cef1d6ca6292a4fd0ba8e6b211db1b030ee1a",
        "finds the project's plugin: imports rasa_sdk_plugins and calls its init_hooks",
    ),
)


def source_sha256(obj: Callable[..., Any]) -> str:
    """The sha256 of an upstream function's source."""
    return hashlib.sha256(inspect.getsource(obj).encode("utf-8")).hexdigest()


def check_version(package: str, installed: str, expected: str) -> None:
    """Fail loudly when ``installed`` is not the version the patches were written for."""
    if installed != expected:
        raise UnsupportedVersionError(
            f"{package} {installed} is installed, but the coach's patches of its code "
            f"(runtime/patches.py) were written for {package} {expected}. Install the pinned "
            "version (requirements/lock.txt), or check every patch against the new version "
            "(tests/unit/test_patches.py) and then update the version in runtime/patches.py."
        )


_rasa_installed = False
_original_configure_app: Callable[..., Any] | None = None


def configure_app_with_outbox(*args: Any, **kwargs: Any) -> Any:
    """Rasa's ``configure_app``, plus the outbox scheduler's listeners on the app."""
    from runtime import outbox

    assert _original_configure_app is not None  # set by install_rasa_server
    app = _original_configure_app(*args, **kwargs)
    app.register_listener(outbox.start, "after_server_start")
    app.register_listener(outbox.stop, "before_server_stop")
    return app


def install_rasa_server() -> None:
    """Install the Rasa server's patches (once per process), after checking Rasa's version."""
    global _rasa_installed, _original_configure_app
    import rasa

    check_version("rasa", rasa.__version__, RASA_VERSION)
    if _rasa_installed:
        return
    from rasa.core.actions.action import RemoteAction

    from coach.settings import server_tuning_enabled
    from runtime import action_guard

    RemoteAction.run = action_guard.guarded_run  # type: ignore[method-assign]
    import rasa.core.run

    if rasa.core.run.configure_app is not configure_app_with_outbox:
        _original_configure_app = rasa.core.run.configure_app
        rasa.core.run.configure_app = configure_app_with_outbox
    if server_tuning_enabled():
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        from runtime import server_tuning

        RemoteAction._validate_action_result = server_tuning.validate_action_result  # type: ignore[method-assign]
        event.listen(Engine, "connect", server_tuning.sqlite_pragmas)
    _rasa_installed = True


def check_action_server() -> None:
    """Fail loudly unless rasa-sdk is the expected version and finds the project's plugin."""
    import rasa_sdk

    check_version("rasa-sdk", rasa_sdk.__version__, RASA_SDK_VERSION)
    try:
        import rasa_sdk_plugins  # noqa: F401 - what rasa-sdk imports to find plugins
    except ModuleNotFoundError as exc:  # rasa-sdk would start without the guard
        raise RuntimeError(
            "rasa_sdk_plugins is not importable: the action server would start without its "
            "webhook guard. Run from the project's root or install the project (make install)."
        ) from exc


def install_action_server(app: Any, token: str | None = None) -> None:
    """Install the action server's patches on rasa-sdk's ``app``, after checking versions."""
    check_action_server()
    from runtime import webhook_guard

    webhook_guard.install(token, app=app)
