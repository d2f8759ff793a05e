"""Intent classifier: word and character n-grams (TF-IDF) into a logistic regression.

Replaces DIET (and the featurizers only DIET used) for intents: measured on this project's
data it was more accurate, above all on the blind held-out sets of real-sounding, long
messages (see README "NLU quality"), better calibrated (gibberish gets a low confidence and
so the two-stage fallback), faster to train, and cheaper per message. Entities come from the
spaCy entity ruler (``SlugEntityExtractor``), so nothing else needed DIET.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from coach.answers import plan_tip_request
from coach.assessment import QUESTIONS_SKIP, questions_request
from coach.spelling import english_words
from components.stored import StoredModelComponent

MAX_CHARS = 20_000
# Intents that describe the situation: a long description may carry a specific question.
DESCRIPTIONS = {"feel_disconnected", "inform"}
# Intents a question sentence inside a longer message can be about.
QUESTIONS = {"request_tips", "ask_how_long", "ask_intimacy_vs_sex", "ask_what_is_intimacy"}
# Declining the questions ("no questions pls, direct tips", "can u skip the qs"): a request
# for tips, whatever the classifier made of it, when it read a reply about the questions or
# the conversation (or read nothing with any confidence). Never a description or a risk.
DECLINE_FROM = {
    "start_questions",
    "skip_question",
    "stop",
    "deny",
    "affirm",
    "request_tips",
    "request_alternative",
    "next_step",
    "tell_more",
}
# Risk is for the safety screen to weigh, never turned into a request for tips.
NEVER_DECLINED = DESCRIPTIONS | {
    "express_crisis",
    "disclose_abuse",
    "other_risk",
    "low_self_worth",
    "minimise_abuse",
}
DECLINED = "request_tips"
DECLINE_CONFIDENCE = 0.9
# A question about one of the plan's tips ("ok the first one, how do i even start it", "why
# would the first tip help?"): its step or its explanation, when the classifier read a reply
# about the plan (or read nothing with any confidence). Never a description or a risk.
PLAN_TIP_FROM = {
    "next_step",
    "ask_why",
    "tell_more",
    "request_tips",
    "request_alternative",
    "ask_what_to_say",
    "ask_quickest",
    "start_questions",
    "skip_question",
    "affirm",
    "deny",
    "out_of_scope",
}
# Keyboard mashing ("jfjdk ;;; ,,,,mm", "asdfgh"): most of the letters are in no known word.
_LETTERS = re.compile(r"[a-z]+")
MASHED_SHARE = 0.5  # more than this share of the letters in unknown words
MASHED_MIN_LENGTH = 4  # and at least one unknown word this long, of 3 or more letters,
MASHED_VOWELS = 0.2  # with fewer vowels than this share


def _unpronounceable(word: str) -> bool:
    """A long run of keys with almost no vowels ("jfjdk", "asdfghj"), not "hmmm" or "monts"."""
    vowels = sum(word.count(v) for v in "aeiouy")
    return (
        len(word) >= MASHED_MIN_LENGTH
        and len(set(word)) >= 3
        and vowels / len(word) < MASHED_VOWELS
    )


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_QUESTION_START = re.compile(
    r"^(how|what|what's|whats|any|can|could|should|is|are|do|does|will|would|where|when|"
    r"why|tips|ideas|ways|advice)\b",
    re.IGNORECASE,
)


def question_sentences(text: str, min_words: int) -> list[str]:
    """The sentences of a several-sentence message that ask something specific.

    A question is a sentence ending in "?" or starting like one; it must have at least
    ``min_words`` words, so a closing "What should I do?" or "Any advice?" after a
    description stays part of the description.
    """
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    if len(parts) < 2:
        return []
    return [
        p
        for p in parts
        if (p.endswith("?") or _QUESTION_START.match(p)) and len(p.split()) >= min_words
    ]


def _leading(top: dict[str, Any], ranking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``top`` first; the rest keep their order, scaled to share what ``top`` leaves."""
    rest = 1.0 - float(top["confidence"])
    return [top] + [
        {"name": r["name"], "confidence": r["confidence"] * rest}
        for r in ranking
        if r["name"] != top["name"]
    ]


def new_intent_classifier(config: dict[str, Any]) -> Pipeline:
    """Word uni- and bigrams plus character n-grams (robust to typos) into a regression."""
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, int(config["max_char_ngram"])),
                    sublinear_tf=True,
                ),
            ),
        ]
    )
    model = LogisticRegression(C=float(config["C"]), max_iter=3000)
    return Pipeline([("features", features), ("model", model)])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentClassifier(StoredModelComponent):
    """Sets ``intent`` and ``intent_ranking`` from the message text."""

    MODEL_FILE = "intent_classifier.joblib"
    _vocabulary: frozenset[str] | None = None  # the learnt words, read once from the model

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Regularisation and n-gram size, chosen by 5-fold cross-validation on the data."""
        return {
            "C": 20.0,
            "max_char_ngram": 4,
            "ranking_length": 10,
            # A specific question in a long description wins when the question sentence
            # alone is classified with at least this confidence (0 turns it off).
            "question_threshold": 0.6,
            "question_min_words": 5,
            # Below this confidence the classifier's reading of a message that declines the
            # questions gives way to a request for tips (the fallback threshold).
            "decline_below": 0.4,
        }

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on every intent example (needs at least two intents)."""
        texts: list[str] = []
        labels: list[str] = []
        for example in training_data.intent_examples:
            text, intent = example.get(TEXT), example.get(INTENT)
            if text and intent:
                texts.append(text)
                labels.append(intent)
        if len(set(labels)) > 1:
            classifier = new_intent_classifier(self._config)
            classifier.fit(texts, labels)
            return self._keep(classifier)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Classify each message; an empty or mashed one (or an untrained model) gets no intent."""
        for message in messages:
            text = (message.get(TEXT) or "")[:MAX_CHARS]
            if self._classifier is None or not text.strip() or self._mashed(text):
                # Nothing to go on (keys pressed at random included): no intent, so the
                # fallback asks them to say it another way instead of guessing.
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            ranking = self._ranking(text)
            question = self._question_in(text) if ranking[0]["name"] in DESCRIPTIONS else None
            if question is not None:
                ranking = _leading(question, ranking)
            if self._declines_questions(text, ranking[0]):
                ranking = _leading({"name": DECLINED, "confidence": DECLINE_CONFIDENCE}, ranking)
            tip_intent = self._about_a_plan_tip(text, ranking[0])
            if tip_intent is not None:
                ranking = _leading({"name": tip_intent, "confidence": DECLINE_CONFIDENCE}, ranking)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _declines_questions(self, text: str, top: dict[str, Any]) -> bool:
        """Whether the message turns the questions down and the classifier read it as a reply.

        "skip the questions" read as ``start_questions``, "no more qs, just tips" as ``stop``
        and "no questions pls, direct tips" as nothing at all: each asks for tips instead.
        """
        if questions_request(text) != QUESTIONS_SKIP:
            return False
        unsure = float(top["confidence"]) < float(self._config["decline_below"])
        return top["name"] in DECLINE_FROM or (unsure and top["name"] not in NEVER_DECLINED)

    def _about_a_plan_tip(self, text: str, top: dict[str, Any]) -> str | None:
        """The plan intent a question about one of the plan's tips asks for, if any.

        "ok the first one, how do i even start it" read as ``tell_more`` (or nothing sure)
        asks for the first step, "can u explain how the first one will help us" read as
        ``out_of_scope`` for the tip's explanation (:func:`coach.answers.plan_tip_request`).
        """
        wanted = plan_tip_request(text)
        if wanted is None:
            return None
        unsure = float(top["confidence"]) < float(self._config["decline_below"])
        if top["name"] in PLAN_TIP_FROM or (unsure and top["name"] not in NEVER_DECLINED):
            return wanted
        return None

    def _mashed(self, text: str) -> bool:
        """Whether ``text`` is keys pressed at random rather than words (emoji alone are not)."""
        tokens = _LETTERS.findall(text.lower())
        letters = sum(len(t) for t in tokens)
        if not letters:
            return False
        known = english_words() | self._words()
        unknown = [t for t in tokens if t not in known]
        share = sum(len(t) for t in unknown) / letters
        return share > MASHED_SHARE and any(_unpronounceable(t) for t in unknown)

    def _words(self) -> frozenset[str]:
        """The single words the classifier learnt (slang and short forms included)."""
        if self._vocabulary is None:
            assert self._classifier is not None
            features = self._classifier.named_steps["features"]
            words = dict(features.transformer_list)["words"]
            self._vocabulary = frozenset(w for w in words.vocabulary_ if " " not in w)
        return self._vocabulary

    def _ranking(self, text: str) -> list[dict[str, Any]]:
        """Intents for ``text``, most likely first."""
        assert self._classifier is not None
        probabilities = self._classifier.predict_proba([text])[0]
        pairs = sorted(
            zip(self._classifier.classes_, probabilities, strict=True), key=lambda p: -p[1]
        )
        length = int(self._config["ranking_length"])
        return [{"name": str(name), "confidence": float(p)} for name, p in pairs[:length]]

    def _question_in(self, text: str) -> dict[str, Any] | None:
        """The most confident specific question in a several-sentence description, if any."""
        threshold = float(self._config["question_threshold"])
        if threshold <= 0:
            return None
        best: dict[str, Any] | None = None
        for sentence in question_sentences(text, int(self._config["question_min_words"])):
            top = self._ranking(sentence)[0]
            wins = top["name"] in QUESTIONS and top["confidence"] >= threshold
            if wins and (best is None or top["confidence"] > best["confidence"]):
                best = top
        return best
