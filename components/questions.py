"""Open questions go to the guidance store's answers, not to a guess.

Runs after the intent classifier and the fallback classifier, before the safety screen
(which still overrides it). When the message is one the store answers well
(:func:`coach.answers.answers_instead`: no intent fits and the store has a match, or a
general intent such as a description or a request for tips, for a message that asks
something with a clear match), the intent becomes ``ask_question`` and the dialogue answers
it from the store (``action_answer_open``). The store's items and the labelled questions of
``data/answers/`` are read when the model is trained and kept with the model as plain data;
the index is rebuilt from them when the model loads (about a second), so the Rasa server
never reads the store to route a message and a model never holds a pickled index of an
older version of the code.
"""

from __future__ import annotations

import hashlib
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from typing_extensions import Self

from coach.answers import (
    ASK_QUESTION,
    DESCRIPTIONS,
    NAMED_ENTITIES,
    QUESTION_PAIRS,
    QUESTION_THRESHOLD,
    ROUTED_FROM,
    STORY_ANSWER,
    AnswerIndex,
    answer_in_description,
    answers_instead,
    question_pairs,
)
from coach.assessment import QUESTIONS_SKIP, questions_request
from coach.plan import CAUSE_TOPICS
from coach.store.queries import GuidanceStore

ITEMS_FILE = "answer_items.joblib"
PAIRS_FILE = "answer_pairs.joblib"
MAX_CHARS = 2000


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class OpenQuestionRouter(GraphComponent):
    """Sets the intent ``ask_question`` for messages the guidance store answers."""

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        index: AnswerIndex | None = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._index = index

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """An untrained router (it routes nothing until trained)."""
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        """Rebuild the answer index from the items kept with the model (none if untrained)."""
        try:
            with model_storage.read_from(resource) as directory:
                items = joblib.load(directory / ITEMS_FILE)
                pairs = joblib.load(directory / PAIRS_FILE)
        except (ValueError, FileNotFoundError):
            return cls(model_storage, resource, None)
        return cls(model_storage, resource, AnswerIndex(items, pairs))

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The labelled questions' content: Rasa retrains the router when they change."""
        digest = hashlib.sha256()
        for path in sorted(QUESTION_PAIRS.glob("*.yml")) if QUESTION_PAIRS.is_dir() else []:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        """Read the seeded store's items and the labelled questions, keep them, build the index."""
        items = GuidanceStore().all_tips()
        pairs = question_pairs()
        self._index = AnswerIndex(items, pairs)
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(items, directory / ITEMS_FILE)
            joblib.dump(pairs, directory / PAIRS_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Route each message the store answers to ``ask_question``."""
        if self._index is None:
            return messages
        for message in messages:
            text = (message.get(TEXT) or "")[:MAX_CHARS]
            intent = (message.get(INTENT) or {}).get("name")
            if not text.strip() or questions_request(text) == QUESTIONS_SKIP:
                # "can we skip the 20 questions ... just tell me what to do" asks for the
                # plan, not for the store's exercise of questions to ask each other
                continue
            found = self._index.find_asked(text)
            entities = message.get(ENTITIES) or []
            topic = any(e.get("entity") in NAMED_ENTITIES for e in entities)
            tips = self._topic_tips(entities)
            if not answers_instead(text, intent, found, topic, tips) or found.answer is None:
                if intent in DESCRIPTIONS:
                    self._mark_story_answer(message, text)
                continue
            routed = {
                "name": ASK_QUESTION,
                "confidence": round(found.answer.score, 4),
                ROUTED_FROM: intent,
            }
            ranking = message.get(INTENT_RANKING_KEY) or []
            message.set(INTENT, routed, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [routed] + [r for r in ranking if r.get("name") != ASK_QUESTION],
                add_to_output=True,
            )
        return messages

    def _topic_tips(self, entities: list[dict[str, Any]]) -> bool:
        """Whether a topic (or a cause's topic) the message names has tips for any time.

        A short "how do I ..." on a topic is left to the topic's tips only when it has a
        practice that can be given before the safety question; "how do I forgive him" is
        answered from the store instead of "I have no tips on that yet".
        """
        if self._index is None:
            return False
        topics = [
            str(e.get("value"))
            if e.get("entity") == "topic"
            else CAUSE_TOPICS.get(str(e.get("value")))
            for e in entities
            if e.get("entity") in NAMED_ENTITIES
        ]
        return any(t and self._index.gives_tips_on(t) for t in topics)

    def _mark_story_answer(self, message: Message, text: str) -> None:
        """Note the answer the reflection will give beside a description, when it is clear.

        The reflection answers the question a story asks (:func:`answer_in_description`);
        a clear one (at least ``QUESTION_THRESHOLD``) tells the scope classifier the message
        is about the relationship, as a clear ``ask_question`` does.
        """
        if self._index is None:
            return
        match = answer_in_description(text, self._index)
        if match is not None and match.score >= QUESTION_THRESHOLD:
            message.set(
                STORY_ANSWER,
                {"slug": match.tip.slug, "score": round(match.score, 4)},
                add_to_output=True,
            )
