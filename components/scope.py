"""Honest scope: a long message mainly about another part of life becomes ``out_of_scope``.

Runs after the intent classifier, the fallback classifier and the open-question router,
before the safety screen (which still overrides it: distress about anything gets the safety
reply first). When a message the coach would otherwise reflect on, answer or coach about
(``feel_disconnected``, ``request_tips``, ``ask_question``, ``ask_how_long``, an
``nlu_fallback``) is judged mainly about work, sleep, study, health or counselling
logistics, money without the relationship or anything else (``coach.nlp.scope``), its
intent becomes ``out_of_scope`` and the dialogue answers honestly (``action_out_of_scope``).
Commands, form answers (``inform``, ``report_outcome``, ``set_country``), the privacy and
helpline questions are never changed. A risk intent from the intent classifier alone
(``SAFETY_GUESSES``) is judged like the intents above: the safety screen, which runs next,
decides risk by its own rules and classifier whatever the intent. A follow-up to the coach's
own reply (``FOLLOW_UPS``: "tell me more", "why would that work", "how am I doing") leaves
scope only when the classifier is sure (``ScopeModel.surely_out``). A question the
guidance store answers clearly (its match score says how much it looks like one of the
store's questions, not whether it is about the relationship: "how to convert a word doc to
pdf" matches an item well) leaves scope when the classifier is sure
(``ScopeModel.surely_out``: no relationship wording, a partner named at most in passing, a
score of at least 0.9), or, when it names no partner and has no relationship wording
(``kind_of`` below 2), when the classifier judges it out and so does its question twin
(``ScopeModel.question_twin``: also trained on the questions people asked the coach, so "is
it my fault?" or "what kind of therapy is good for this" stay in scope).

The classifier is trained with the model, from ``content/scope/`` and the NLU data files;
its default config carries a fingerprint of that content, so Rasa retrains it when it changes.
"""

from __future__ import annotations

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

from coach.answers import ASK_QUESTION, QUESTION_THRESHOLD, STORY_ANSWER
from coach.assessment import QUESTIONS_SKIP, questions_request
from coach.nlp.scope import OUT, ScopeModel, kind_of, scope_fingerprint

# Situations that only exist between partners: a message naming one is about the relationship.
RELATIONAL = frozenset(
    {"arguing", "conflict", "infidelity", "no_affection", "mismatched_needs", "long_distance"}
)

MODEL_FILE = "scope.joblib"
TWIN_FILE = "scope_twin.joblib"
# ``kind_of`` from this on: a partner is named or the message says something about the couple.
PARTNER_NAMED = 2
MAX_CHARS = 2000
# Intents whose reply would be a reflection, a tip, an answer or a plan.
JUDGED = frozenset(
    {"feel_disconnected", "request_tips", "ask_question", "ask_how_long", "nlu_fallback", OUT}
)
# Risk intents from the intent classifier alone. The safety screen after this component
# decides risk from its rules and sentence classifier, whatever the intent (a risk it finds
# overrides ``out_of_scope``; a guess it does not confirm is dropped for the next intent), so
# such a message's scope is judged as for the intents above.
SAFETY_GUESSES = frozenset({"express_crisis", "disclose_abuse", "other_risk", "low_self_worth"})
# Follow-ups to the coach's own replies ("tell me more", "why would that work", "how am I
# doing", "any quick ones?"): nothing about the relationship in themselves, and a long
# message about something else is often read as one ("can you explain how ISAs work", "is it
# worth doing a masters at 40"). Such a message leaves scope when the classifier is sure
# (``ScopeModel.surely_out``), as a clear question for the guidance store does.
FOLLOW_UPS = frozenset({"tell_more", "ask_why", "ask_progress", "ask_quickest"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ScopeClassifier(GraphComponent):
    """Sets the intent ``out_of_scope`` for messages mainly about another part of life."""

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        model: ScopeModel | None = None,
        twin: ScopeModel | None = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._twin = twin

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The scope data's fingerprint: Rasa retrains this component when it changes."""
        return {"scope_data": scope_fingerprint()}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """An untrained classifier (it changes nothing until trained)."""
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
        """Load the classifiers kept with the model (none if it was never trained)."""
        model = twin = None
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
                twin = joblib.load(directory / TWIN_FILE)
        except (ValueError, FileNotFoundError):
            twin = None
        return cls(model_storage, resource, model, twin)

    def train(self, training_data: TrainingData) -> Resource:
        """Train the classifier and its question twin, and keep both with the model."""
        self._model = ScopeModel.default()
        self._twin = ScopeModel.question_twin()
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / MODEL_FILE)
            joblib.dump(self._twin, directory / TWIN_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Mark each judged message that is mainly about something else as out of scope."""
        if self._model is None:
            return messages
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = (message.get(TEXT) or "")[:MAX_CHARS]
            if intent == OUT or not text.strip():
                continue
            if intent in FOLLOW_UPS:
                if self._model.surely_out(text):
                    self._leave_scope(message, text)
                continue
            if intent not in JUDGED | SAFETY_GUESSES:
                continue
            if questions_request(text) == QUESTIONS_SKIP:
                # "can u skip the qs i've got like 5 min before school pickup": declining
                # the coach's questions is about this conversation, whatever else it names
                continue
            confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
            clear_question = intent == ASK_QUESTION and confidence >= QUESTION_THRESHOLD
            # a story whose question the reflection answers clearly from the store
            story_answer = message.get(STORY_ANSWER) or {}
            clear_question |= float(story_answer.get("score") or 0.0) >= QUESTION_THRESHOLD
            if clear_question and not self._model.surely_out(text) and not self._asked_else(text):
                # the guidance store answers it clearly: it is about the relationship, unless
                # it has no relationship wording and is surely about something else ("what
                # are my rights if the landlord won't fix the boiler", "my boyfriend wants a
                # puppy, how much exercise does a labrador need"), or names no partner and
                # both classifiers judge it out ("is melatonin safe to take every night")
                continue
            entities = message.get(ENTITIES) or []
            topic = intent == "request_tips" and any(e.get("entity") == "topic" for e in entities)
            relational = any(e.get("value") in RELATIONAL for e in entities)
            if (topic or relational) and not self._model.surely_out(text):
                # tips on one of the coach's own topics ("communicate better") or something
                # between the two of them ("stop fighting"), unless the classifier is sure it
                # is about someone else or something else ("my best friend keeps fighting with
                # her boyfriend", "how do I negotiate a raise")
                continue
            if self._model.out_of_scope(text):
                self._leave_scope(message, text)
        return messages

    def _leave_scope(self, message: Message, text: str) -> None:
        """Set the intent ``out_of_scope``, with the classifier's score as its confidence."""
        assert self._model is not None
        judged = {"name": OUT, "confidence": round(self._model.probability_out(text), 4)}
        ranking = message.get(INTENT_RANKING_KEY) or []
        message.set(INTENT, judged, add_to_output=True)
        message.set(
            INTENT_RANKING_KEY,
            [judged] + [r for r in ranking if r.get("name") != OUT],
            add_to_output=True,
        )

    def _asked_else(self, text: str) -> bool:
        """A question naming no partner that both the classifier and its twin judge out."""
        if self._model is None or self._twin is None or kind_of(text) >= PARTNER_NAMED:
            return False
        return self._model.out_of_scope(text) and self._twin.twin_out(text)
