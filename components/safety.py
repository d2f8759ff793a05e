"""Deterministic safety screen on every message, after the intent classifier.

DIET's intents are one signal; this component is the second: a spaCy ``Matcher`` over
lemmas (``coach.safety.detector``) that runs on the whole message. When it finds a crisis,
abuse or other-risk signal it sets the matching intent with confidence 1.0 (so the safety
rules fire even mid-form) and records what it saw under ``safety`` in the parse data
(category, subtype and the lexicon rule), which the safety actions read and audits keep.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from coach.safety.detector import SafetyDetector, most_severe
from components.entities import lowered

SAFETY_INTENTS = {
    "crisis": "express_crisis",
    "abuse": "disclose_abuse",
    "other_risk": "other_risk",
}
MAX_CHARS = 20_000
SAFETY_KEY = "safety"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
    is_trainable=False,
    model_from="SpacyNLP",
)
class SafetyScreen(GraphComponent):
    """Overrides the intent when the deterministic detector finds a safety signal."""

    @classmethod
    def required_components(cls) -> list[type]:
        """The spaCy pipeline must be loaded first."""
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options: the patterns live in ``content/safety/lexicon.yml``."""
        return {}

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config
        self._detector: SafetyDetector | None = None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyScreen:
        """Create the component (see Rasa's GraphComponent)."""
        return cls(config)

    def _detector_for(self, model: SpacyModel) -> SafetyDetector:
        if self._detector is None:
            self._detector = SafetyDetector(model.model.vocab)
        return self._detector

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        """Screen each message; override its intent on a safety signal."""
        detector = self._detector_for(model)
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            found = most_severe(detector.detect(model.model(lowered(text[:MAX_CHARS]))))
            if found is None:
                continue
            intent = {"name": SAFETY_INTENTS[found.category], "confidence": 1.0}
            ranking = [intent] + [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set(
                SAFETY_KEY,
                {"category": found.category, "subtype": found.subtype, "rule": found.rule},
                add_to_output=True,
            )
        return messages
