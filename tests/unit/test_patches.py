"""The coach's patches of Rasa (runtime/patches.py): fail when Rasa changes under one.

Each patch was written against the upstream code whose source hash ``PATCHED`` records; a
new Rasa or rasa-sdk changes the hash (or the version) and these tests say which patch to
read again. The behaviour each patch relies on is checked here too.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rasa
import rasa.core.run
import rasa_sdk
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

import rasa_sdk_plugins
from runtime import action_guard, outbox, patches, server_tuning, webhook_guard
from runtime.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
# Rasa's own configure_app, even when another test already installed the patches.
ORIGINAL_CONFIGURE_APP = patches._original_configure_app or rasa.core.run.configure_app


def upstream(target: str) -> object:
    module, _, rest = target.partition(".")
    obj: object = importlib.import_module(module)
    path = rest.split(".")
    for i, name in enumerate(path):
        try:
            obj = getattr(obj, name)
        except AttributeError:
            obj = importlib.import_module(".".join([module, *path[: i + 1]]))
    return obj


def lock_pin(name: str) -> str:
    text = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==(\S+)", text, re.MULTILINE)
    assert match, name
    return match.group(1)


def test_the_patches_are_for_the_pinned_and_installed_versions():
    assert patches.RASA_VERSION == lock_pin("rasa") == rasa.__version__
    assert patches.RASA_SDK_VERSION == lock_pin("rasa-sdk") == rasa_sdk.__version__


@pytest.mark.parametrize("patched", patches.PATCHED, ids=lambda p: p.target)
def test_upstream_code_under_each_patch_is_unchanged(patched):
    originals = {
        "rasa.core.actions.action.RemoteAction.run": action_guard.ORIGINAL,
        "rasa.core.actions.action.RemoteAction._validate_action_result": (
            server_tuning.ORIGINAL_VALIDATE
        ),
        "rasa.core.run.configure_app": ORIGINAL_CONFIGURE_APP,
    }
    function = originals.get(patched.target) or upstream(patched.target)
    assert patches.source_sha256(function) == patched.source_sha256, (  # type: ignore[arg-type]
        f"{patched.target} changed upstream: re-read the patch ({patched.why}) and update "
        "its hash in runtime/patches.py"
    )


def test_another_version_fails_loudly():
    with pytest.raises(patches.UnsupportedVersionError, match=r"rasa 3\.7\.0 is installed"):
        patches.check_version("rasa", "3.7.0", patches.RASA_VERSION)
    patches.check_version("rasa", patches.RASA_VERSION, patches.RASA_VERSION)


def test_rasa_server_patches_replace_what_they_were_written_for(monkeypatch):
    monkeypatch.setattr(RemoteAction, "run", action_guard.ORIGINAL)
    monkeypatch.setattr(RemoteAction, "_validate_action_result", server_tuning.ORIGINAL_VALIDATE)
    monkeypatch.setattr(patches, "_rasa_installed", False)
    monkeypatch.setenv("COACH_SERVER_TUNING", "0")
    patches.install_rasa_server()
    assert RemoteAction.run is action_guard.guarded_run
    assert RemoteAction._validate_action_result is server_tuning.ORIGINAL_VALIDATE
    monkeypatch.setattr(patches, "_rasa_installed", False)
    monkeypatch.setenv("COACH_SERVER_TUNING", "1")
    patches.install_rasa_server()
    assert RemoteAction._validate_action_result is server_tuning.validate_action_result
    assert rasa.core.run.configure_app is patches.configure_app_with_outbox
    assert patches._original_configure_app is ORIGINAL_CONFIGURE_APP  # never wrapped twice


def test_the_rasa_server_app_starts_and_stops_the_outbox_scheduler(monkeypatch):
    monkeypatch.setattr(rasa.core.run, "configure_app", ORIGINAL_CONFIGURE_APP)
    monkeypatch.setattr(patches, "_rasa_installed", False)
    patches.install_rasa_server()
    registered: list[tuple[object, str]] = []
    monkeypatch.setattr(
        Sanic,
        "register_listener",
        lambda _app, listener, event: registered.append((listener, event)),
    )
    Sanic.test_mode = True
    app = rasa.core.run.configure_app(input_channels=[], enable_api=False, use_uvloop=False)
    try:
        assert (outbox.start, "after_server_start") in registered
        assert (outbox.stop, "before_server_stop") in registered
    finally:
        Sanic._app_registry.pop(app.name, None)


def test_a_failed_action_call_gives_the_apology_not_silence(monkeypatch):
    """Rasa's RemoteAction.run still raises a RasaException the guard turns into a reply."""
    monkeypatch.setattr(RemoteAction, "run", action_guard.guarded_run)
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")  # nobody listens
    action = RemoteAction("action_x", endpoint)
    tracker = DialogueStateTracker("patch-test", [])
    nlg = TemplatedNaturalLanguageGenerator({})
    events = asyncio.run(
        action.run(CollectingOutputChannel(), nlg, tracker, Domain.empty())  # type: ignore[arg-type]
    )
    assert events == [
        BotUttered(action_guard.FALLBACK_TEXT, metadata={"utter_action": action_guard.RESPONSE})
    ]


def test_rasa_sdk_finds_the_plugin_that_installs_the_guard(monkeypatch):
    from rasa_sdk import plugin

    plugin.plugin_manager.cache_clear()
    try:
        manager = plugin.plugin_manager()
        assert manager.is_registered(rasa_sdk_plugins)
        Sanic._app_registry.pop("rasa_sdk", None)
        Sanic.test_mode = True
        app = Sanic("rasa_sdk")
        try:
            manager.hook.attach_sanic_app_extensions(app=app)
            assert app.ctx.coach_guard
            assert webhook_guard.check_call in app.request_middleware
            assert webhook_guard.no_echo in app.response_middleware
        finally:
            Sanic._app_registry.pop("rasa_sdk", None)
    finally:
        plugin.plugin_manager.cache_clear()


def test_the_launcher_refuses_another_rasa_version():
    code = (
        "import rasa, sys; rasa.__version__ = '0.0.1'; sys.argv = ['x', 'run', '--help'];"
        "import runtime.server as s; s.main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode != 0
    assert "rasa 0.0.1 is installed" in done.stderr


SERVER_STARTS = re.compile(r"(bin/rasa|\$\(BIN\)/rasa|BIN/rasa\"?|BIN / \"rasa\")\W+run\b")


def test_every_server_starts_through_the_launcher():
    files = [ROOT / "Makefile", *sorted((ROOT / "scripts").glob("*.sh"))]
    files += sorted((ROOT / "runtime").glob("*.py"))  # bench's reference bot is stock Rasa
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not SERVER_STARTS.search(text), f"{path.name} starts Rasa without the patches"
    rasa_image = (ROOT / "deploy" / "rasa" / "Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["python", "-m", "runtime.server"]' in rasa_image
    assert "COPY runtime /app/runtime" in rasa_image
    actions_image = (ROOT / "deploy" / "actions" / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY rasa_sdk_plugins /app/rasa_sdk_plugins" in actions_image
    assert "COPY runtime /app/runtime" in actions_image
    values = yaml.safe_load((ROOT / "deploy" / "helm" / "values.yml").read_text())
    assert values["command"] == ["python", "-m", "runtime.server"]
    actions = yaml.safe_load((ROOT / "deploy" / "helm" / "actions-values.yml").read_text())
    assert actions["command"] == ["python", "-m", "runtime.server", "actions"]
