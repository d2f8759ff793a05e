"""deploy/ cannot be built here; these checks keep it consistent with the running set-up."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line.strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_action_server_pins_match_the_lock_file():
    lock = pins(ROOT / "requirements" / "lock.txt")
    wanted = pins(DEPLOY / "actions" / "requirements.txt")
    assert wanted, "no pins in deploy/actions/requirements.txt"
    assert {name: lock.get(name) for name in wanted} == wanted


def test_dockerfiles_use_the_official_images_at_the_locked_versions():
    lock = pins(ROOT / "requirements" / "lock.txt")
    actions = (DEPLOY / "actions" / "Dockerfile").read_text(encoding="utf-8")
    rasa = (DEPLOY / "rasa" / "Dockerfile").read_text(encoding="utf-8")
    assert f"FROM rasa/rasa-sdk:{lock['rasa-sdk']}\n" in actions
    assert f"FROM rasa/rasa:{lock['rasa']}\n" in rasa
    for folder in ("actions", "coach", "content"):
        assert f"COPY {folder} /app/{folder}" in actions
    for folder in ("components", "channels", "stores", "coach"):
        assert f"COPY {folder} /app/{folder}" in rasa


def test_helm_values_use_the_endpoints_yml_keys_and_variables():
    endpoints = load(ROOT / "endpoints.yml")
    settings = load(DEPLOY / "helm" / "values.yml")["applicationSettings"]["endpoints"]
    tracker = {k: v for k, v in settings["trackerStore"].items() if k != "enabled"}
    locks = {k: v for k, v in settings["lockStore"].items() if k != "enabled"}
    assert tracker["type"] == endpoints["tracker_store"]["type"]
    assert tracker["url"] == endpoints["tracker_store"]["url"] == "${TRACKER_URL}"
    assert tracker["dialect"] == "postgresql"
    assert locks["type"] == "stores.locks.AtomicRedisLockStore"
    assert endpoints["lock_store"]["type"] == "${LOCK_STORE_TYPE}"
    assert {k: v for k, v in locks.items() if k != "type"} == {
        k: v for k, v in endpoints["lock_store"].items() if k != "type"
    }


def test_every_variable_the_helm_endpoints_use_is_given_to_the_rasa_pods():
    values = load(DEPLOY / "helm" / "values.yml")
    text = yaml.safe_dump(values["applicationSettings"]["endpoints"])
    used = set(re.findall(r"\$\{([A-Z_]+)\}", text))
    given = {env["name"] for env in values["extraEnv"]}
    assert used <= given
    actions = load(DEPLOY / "helm" / "actions-values.yml")
    assert {"COACH_DB_URL", "ACTION_SERVER_TOKEN"} <= {e["name"] for e in actions["extraEnv"]}


def secret_key(env: list[dict], name: str) -> str:
    (entry,) = [e for e in env if e["name"] == name]
    return entry["valueFrom"]["secretKeyRef"]["key"]


def test_helm_sends_the_action_secret_in_a_header_from_the_same_secret():
    """Issue 24: the action endpoint is the one of endpoints.yml, header and all."""
    endpoints = load(ROOT / "endpoints.yml")
    values = load(DEPLOY / "helm" / "values.yml")
    actions = load(DEPLOY / "helm" / "actions-values.yml")
    helm_action = values["applicationSettings"]["endpoints"]["additionalEndpoints"]
    assert helm_action["action_endpoint"]["headers"] == endpoints["action_endpoint"]["headers"]
    assert endpoints["action_endpoint"]["headers"] == {
        "Authorization": "Bearer ${ACTION_SERVER_TOKEN}"
    }
    assert "token" not in endpoints["action_endpoint"]  # never in the URL
    # The chart's own action endpoint (no header) is not rendered.
    assert values["rasa-action-server"]["install"] is False
    assert values["rasa-action-server"]["external"]["enabled"] is False
    assert secret_key(values["extraEnv"], "ACTION_SERVER_TOKEN") == "ACTION_SERVER_TOKEN"
    assert secret_key(actions["extraEnv"], "ACTION_SERVER_TOKEN") == "ACTION_SERVER_TOKEN"


def test_helm_has_no_rest_channel_and_uses_the_checked_web_chat():
    values = load(DEPLOY / "helm" / "values.yml")
    channels = values["applicationSettings"]["credentials"]["additionalChannelCredentials"]
    assert not any("rest" in name.lower() for name in channels)
    assert list(channels) == ["channels.webchat.WebChatInput"]
    env = {e["name"] for e in values["extraEnv"]}
    assert {"COACH_TRUSTED_PROXIES", "LOCK_STORE_TYPE", "COACH_CORS_ORIGINS"} <= env


def test_the_rasa_image_installs_the_locked_limits():
    lock = pins(ROOT / "requirements" / "lock.txt")
    rasa = (DEPLOY / "rasa" / "Dockerfile").read_text(encoding="utf-8")
    assert f"limits=={lock['limits']}" in rasa


def test_lock_store_class_in_the_docs_exists():
    from stores.locks import AtomicRedisLockStore

    assert AtomicRedisLockStore.__module__ + ".AtomicRedisLockStore" == (
        "stores.locks.AtomicRedisLockStore"
    )


def test_nginx_template_has_only_the_placeholders_the_script_fills():
    template = (DEPLOY / "nginx" / "reconnect.conf.template").read_text(encoding="utf-8")
    script = (ROOT / "scripts" / "run_scaled.sh").read_text(encoding="utf-8")
    placeholders = set(re.findall(r"@([A-Z_]+)@", template))
    filled = re.search(r"for key in \(([^)]*)\)", script)
    assert filled
    assert placeholders == set(re.findall(r'"([A-Z_]+)"', filled.group(1)))
    assert "ip_hash;" in template  # socket.io sessions stay on one server


def test_rasa_reads_the_action_header_with_the_secret_filled_in(monkeypatch):
    """Rasa fills ${VAR} only in plain YAML values: a quoted header would go out verbatim."""
    from rasa.core.utils import read_endpoints_from_path

    monkeypatch.setenv("ACTION_SERVER_TOKEN", "s3cret-from-env")
    from coach.settings import rasa_environment

    for key, value in rasa_environment().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "s3cret-from-env")
    endpoints = read_endpoints_from_path(ROOT / "endpoints.yml")
    assert endpoints.action.headers == {"Authorization": "Bearer s3cret-from-env"}
    assert not endpoints.action.token and "token" not in endpoints.action.params
