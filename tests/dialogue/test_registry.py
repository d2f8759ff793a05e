"""The action server registers every custom action the domain declares, and nothing else."""

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

ROOT = Path(__file__).resolve().parents[2]


def test_domain_actions_are_all_registered():
    declared = set()
    for path in (ROOT / "domain").glob("*.yml"):
        declared |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("actions") or [])
    forms = set()
    for path in (ROOT / "domain").glob("*.yml"):
        forms |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("forms") or {})
    executor = ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    custom = {a for a in declared if not a.startswith("utter_")}
    assert custom <= registered, custom - registered
    assert registered <= custom | {f"validate_{f}" for f in forms}, registered - custom
