"""What a person may type in Rasa's own message syntax (``/intent{"slot": "value"}``).

Rasa reads any message starting with ``/`` as an intent and entities, after the whole NLU
pipeline and so after the safety screen. Buttons rely on it (their payloads are
``/next_step``, ``/feel_safe`` ...), but typed by hand it would let anyone set slots or
override what the safety screen found. This component runs last in the pipeline, just
before Rasa's own handler, and decides:

- a bare ``/intent`` naming an intent of the training data (every button payload is one,
  and ``/restart``) passes unchanged: it is no more than typing the words;
- a command with values passes only when it is one the coach's own buttons send
  (``BUTTON_VALUES``: the check-in buttons' ``/check_in{"score": "7"}`` and the follow-up's
  ``/report_outcome{"outcome": "helped"}``), with exactly
  those entities and a value of the allowed form: no more than typing "7";
- anything else starting with ``/`` (entities, ``@confidence``, unknown intents, extra
  text) becomes an ordinary message: the leading ``/`` is dropped so Rasa does not unpack
  it, no entities are kept, and the intent is ``nlu_fallback`` (a kind "could you say that
  another way?"), unless the safety screen found a risk in it, which then stands.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from coach.logtext import text_note
from coach.vocabulary import OUTCOMES

logger = logging.getLogger(__name__)

BARE_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)$")
VALUE_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(\{.*\})$", re.DOTALL)
# Commands with values that the coach's own buttons send: intent -> entity -> allowed value.
BUTTON_VALUES: dict[str, dict[str, re.Pattern[str]]] = {
    "check_in": {"score": re.compile(r"^(10|[1-9])$")},
    "report_outcome": {"outcome": re.compile(rf"^({'|'.join(OUTCOMES)})$")},
}
ALWAYS_ALLOWED = frozenset({"restart"})
NEVER_ALLOWED = frozenset({"session_start", "nlu_fallback", "back"})
SAFETY_KEY = "safety"
COMMAND_KEY = "typed_command"
INTENTS_FILE = "intents.json"


def decide(text: str, known: frozenset[str]) -> str:
    """``"pass"`` for an allowed bare command, ``"block"`` for other slash text, else ``""``."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return ""
    match = BARE_COMMAND.match(stripped)
    if match and match.group(1) in (known | ALWAYS_ALLOWED) - NEVER_ALLOWED:
        return "pass"
    match = VALUE_COMMAND.match(stripped)
    if match and match.group(1) in known and _button_values(match.group(1), match.group(2)):
        return "pass"
    return "block"


def _button_values(intent: str, raw: str) -> bool:
    """Whether ``raw`` holds exactly the values one of the coach's buttons sends."""
    allowed = BUTTON_VALUES.get(intent)
    if not allowed:
        return False
    try:
        values = json.loads(raw)
    except ValueError:
        return False
    return (
        isinstance(values, dict)
        and set(values) == set(allowed)
        and all(
            isinstance(v, str) and allowed[k].fullmatch(v) is not None for k, v in values.items()
        )
    )


def neutralised(text: str) -> str:
    """The text without the leading slash(es), so Rasa no longer unpacks it."""
    return text.strip().lstrip("/") or "?"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TypedCommandGuard(GraphComponent):
    """Lets bare ``/intent`` commands through and turns every other slash message into text."""

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, intents: frozenset[str]
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._intents = intents

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TypedCommandGuard:
        """An untrained guard (knows no intents yet)."""
        return cls(model_storage, resource, frozenset())

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TypedCommandGuard:
        """The guard with the intents of the training data."""
        intents: frozenset[str] = frozenset()
        try:
            with model_storage.read_from(resource) as directory:
                intents = frozenset(json.loads((directory / INTENTS_FILE).read_text("utf-8")))
        except (ValueError, FileNotFoundError):
            pass
        return cls(model_storage, resource, intents)

    def train(self, training_data: TrainingData) -> Resource:
        """Remember the intents the model knows (the commands a button may send)."""
        self._intents = frozenset(i for i in training_data.intents if i)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / INTENTS_FILE).write_text(json.dumps(sorted(self._intents)), "utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Neutralise slash messages that are not a plain, known command."""
        for message in messages:
            text = message.get(TEXT) or ""
            verdict = decide(text, self._intents)
            if verdict != "block":
                continue
            logger.info("typed Rasa syntax treated as text%s", text_note(text))
            message.set(TEXT, neutralised(text))
            message.set(ENTITIES, [], add_to_output=True)
            message.set(COMMAND_KEY, "blocked", add_to_output=True)
            if message.get(SAFETY_KEY):
                continue  # the safety screen found a risk: its intent stands
            fallback = {"name": "nlu_fallback", "confidence": 1.0}
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback], add_to_output=True)
        return messages
