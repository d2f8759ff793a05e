"""How a tip went: the ``outcome`` of a ``report_outcome`` message.

"It helped", "it didn't help" and "I didn't get to it" are one intent, ``report_outcome``
(a reply to "how did it go?"), so the intent classifier only decides that someone is
telling how a tip went. This component then decides how it went: ``helped``,
``not_helped`` or ``not_done``, with a classifier trained only on those replies (the
``outcome`` in each example block's ``metadata`` in data/nlu). The answer is set as the
entity ``outcome``, like the value a button sends (``/report_outcome{"outcome": "helped"}``).

It is not an entity extractor for Rasa's evaluation (it covers the whole message, so there
is nothing to compare token by token); ``bench/outcome_eval.py`` measures it instead.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from coach.vocabulary import OUTCOMES
from components.intents import MAX_CHARS, new_intent_classifier
from components.stored import StoredModelComponent

OUTCOME_INTENT = "report_outcome"
ENTITY = "outcome"


def outcome_of_example(example: Message) -> str | None:
    """The outcome a training example's block names in its metadata, if any."""
    metadata = example.get("metadata") or {}
    value = (metadata.get(METADATA_INTENT) or {}).get(ENTITY)
    return value if value in OUTCOMES else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class OutcomeClassifier(StoredModelComponent):
    """Adds the entity ``outcome`` to messages classified as ``report_outcome``."""

    MODEL_FILE = "outcome_classifier.joblib"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The same features and regularisation as the intent classifier."""
        return {"C": 20.0, "max_char_ngram": 4}

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on the ``report_outcome`` examples whose block names an outcome."""
        texts: list[str] = []
        labels: list[str] = []
        for example in training_data.intent_examples:
            outcome = outcome_of_example(example)
            if example.get(INTENT) == OUTCOME_INTENT and outcome and example.get(TEXT):
                texts.append(example.get(TEXT))
                labels.append(outcome)
        if len(set(labels)) > 1:
            classifier = new_intent_classifier(self._config)
            classifier.fit(texts, labels)
            return self._keep(classifier)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``outcome`` on each ``report_outcome`` message that has none yet."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            entities = message.get(ENTITIES) or []
            if intent != OUTCOME_INTENT or self._classifier is None:
                continue
            if any(e.get("entity") == ENTITY for e in entities):
                continue
            value, confidence = self.read(message.get(TEXT) or "")
            if value is None:
                continue
            text = message.get(TEXT) or ""
            outcome = {
                "entity": ENTITY,
                "value": value,
                "start": 0,
                "end": len(text),
                "confidence": confidence,
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, [*entities, outcome], add_to_output=True)
        return messages

    def read(self, text: str) -> tuple[str | None, float]:
        """The most likely outcome of ``text`` and its probability."""
        text = text[:MAX_CHARS]
        if self._classifier is None or not text.strip():
            return None, 0.0
        probabilities = self._classifier.predict_proba([text])[0]
        best = int(probabilities.argmax())
        return str(self._classifier.classes_[best]), float(probabilities[best])
