"""A learned reader for replies to the questions, for wordings the written readers miss.

The written readers in :mod:`coach.assessment` are precise on the wordings they know and
refuse the rest ("I didn't catch that..."), and people answer in words nobody listed
("his side mostly", "60/40 yes", "ask me in a month"). This reader is a TF-IDF (words and
character n-grams) logistic regression per question, trained on the labelled replies in
``content/assessment/replies.yml`` (replies written by people who never saw the coach's
data; ``scripts/build_reply_examples.py``) and the non-answers of
``content/assessment/not_answers.yml``. It is only asked about a reply the written
reader could not read and that is not a request, a question or an answer to another
question (:func:`coach.assessment.read_reply`), and its guess counts only when it is
confident (:data:`MIN_CONFIDENCE`) and not "not an answer".

What it may say is narrower than what it learned where a wrong guess would cost the most:
to "do you feel safe with your partner?" it may only say the person would rather not say
(never yes, no or a disclosure: those stay with the written reader and the safety
screen). How long, who pulled away and whether the partner is open are learned in full.
What changed is learned as the store's causes (one or more, or ``nothing``), one yes/no
classifier per cause on shared features, and asked only when the written reader found no
cause it knows (it names finer labels than the tables do).

Measured by leave-one-table-out and on blind tables: ``docs/assessment.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from coach.settings import CONTENT_DIR

NOT_AN_ANSWER = "not_an_answer"
# Chosen by leave-one-table-out over the measured tables and by replaying two older blind
# tables through the readers as they were before those tables were read (docs/assessment.md).
MIN_CONFIDENCE = 0.5
# For a question with several values (cause), when the written reader heard an answer it
# could not name: the likeliest value counts alone from here (0.2-0.4 scored the same on
# the replayed tables, docs/assessment.md; 0.5 lost).
MIN_SEVERAL_BEST = 0.3
# For such a question, when the written reader heard no change at all ("ya he wants 2"): a
# value counts only from here (a short reply leans on a word or two the tables share).
MIN_UNHEARD = 0.6
# The values the learned reader may give, per question it reads.
ALLOWED = {
    "duration": ("weeks", "months", "year_plus", "unsure"),
    "pulled_away": ("me", "partner", "both", "unsure"),
    "feels_safe": ("rather_not_say",),
    "partner_open": ("yes", "probably", "unsure", "probably_not", "no"),
    # The guidance store's causes (coach.assessment.CAUSES) and "nothing changed".
    "cause": (
        "new_baby",
        "new_job",
        "stress",
        "screens",
        "routine",
        "conflict",
        "distance",
        "health",
        "self_esteem",
        "nothing",
    ),
}
# Questions whose replies may name several values at once (``value`` is then a list).
SEVERAL = ("cause",)
EXAMPLES = CONTENT_DIR / "assessment" / "replies.yml"
NOT_ANSWERS = CONTENT_DIR / "assessment" / "not_answers.yml"


def clean(text: str | None) -> str:
    """Lower case, straight apostrophes, single spaces, at most 500 characters."""
    t = (text or "").strip().lower()[:500]
    t = t.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", t)


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ]
    )


def _classifier() -> LogisticRegression:
    # liblinear (one against the rest): as accurate here as the multinomial fit, five times
    # faster to train (under a second for the four questions, once per process).
    return LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear")


def _pipeline() -> Pipeline:
    return Pipeline([("features", _features()), ("classifier", _classifier())])


@dataclass
class SeveralModel:
    """Shared features and a yes/no classifier per value (and one for "not an answer")."""

    features: FeatureUnion
    classifiers: dict[str, LogisticRegression]

    @classmethod
    def fit(cls, texts: list[str], values: list[list[str]]) -> SeveralModel:
        """Fit on replies and the values each names (``[NOT_AN_ANSWER]`` for a non-answer)."""
        features = _features()
        x = features.fit_transform(texts)
        classifiers = {}
        for label in sorted({v for vs in values for v in vs}):
            y = [int(label in vs) for vs in values]
            if 0 < sum(y) < len(y):
                classifiers[label] = _classifier().fit(x, y)
        return cls(features, classifiers)

    def probabilities(self, text: str) -> dict[str, float]:
        """How likely each value is to be named in ``text``."""
        x = self.features.transform([text])
        return {label: float(c.predict_proba(x)[0, 1]) for label, c in self.classifiers.items()}


@dataclass(frozen=True)
class Guess:
    """The learned reader's value for a reply and how sure it is."""

    value: str
    confidence: float


@dataclass
class ReplyModel:
    """One classifier per question it reads (a yes/no one per value where several may be named)."""

    pipelines: dict[str, Pipeline] = field(default_factory=dict)
    several: dict[str, SeveralModel] = field(default_factory=dict)

    @classmethod
    def train(cls, examples: dict[str, list[dict[str, Any]]]) -> ReplyModel:
        """Fit a classifier per question on ``{text, value}`` examples."""
        pipelines = {}
        several = {}
        for question, rows in examples.items():
            if question not in ALLOWED or not rows:
                continue
            texts = [clean(str(r["text"])) for r in rows]
            if question in SEVERAL:
                values = [_values(r["value"]) for r in rows]
                several[question] = SeveralModel.fit(texts, values)
            else:
                pipelines[question] = _pipeline().fit(texts, [str(r["value"]) for r in rows])
        return cls(pipelines, several)

    @classmethod
    def from_files(cls, path: Path = EXAMPLES, not_answers: Path = NOT_ANSWERS) -> ReplyModel:
        """Trained on the labelled replies and the written non-answers."""
        examples = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        others = yaml.safe_load(not_answers.read_text(encoding="utf-8")) or {}
        for question in ALLOWED:
            for text in [*others.get("all", []), *others.get(question, [])]:
                examples.setdefault(question, []).append({"text": text, "value": NOT_AN_ANSWER})
        return cls.train(examples)

    def best(self, question: str, text: str) -> Guess | None:
        """The most likely value of ``text`` as a reply to ``question`` (may be "not an answer")."""
        pipeline = self.pipelines.get(question)
        if pipeline is None or not clean(text):
            return None
        probabilities = pipeline.predict_proba([clean(text)])[0]
        i = int(probabilities.argmax())
        return Guess(str(pipeline.classes_[i]), float(probabilities[i]))

    def named(self, question: str, text: str, told: bool = False) -> tuple[str, ...] | None:
        """The values a reply names, for a question that may have several; None if no answer.

        Every value at :data:`MIN_CONFIDENCE` or more counts ("nothing" only alone); when
        none does and the written reader heard an answer it could not name (``told``: "i
        started a course and was never in"), the likeliest, if it is at least
        :data:`MIN_SEVERAL_BEST`. A reply more likely "not an answer" than any value (and at
        least even odds) names none.
        """
        model = self.several.get(question)
        if model is None or not clean(text):
            return None
        p = model.probabilities(clean(text))
        allowed = {v: p[v] for v in ALLOWED[question] if v in p}
        if not allowed:
            return None
        refused = p.get(NOT_AN_ANSWER, 0.0)
        if refused >= 0.5 and refused >= max(allowed.values()):
            return None
        floor = MIN_CONFIDENCE if told else MIN_UNHEARD
        values = [v for v, pv in allowed.items() if pv >= floor]
        if len(values) > 1 and "nothing" in values:
            values.remove("nothing")
        if not values and told:
            best = max(allowed, key=allowed.__getitem__)
            values = [best] if allowed[best] >= MIN_SEVERAL_BEST else []
        return tuple(values) or None

    def guess(self, question: str, text: str, told: bool = False) -> str | tuple[str, ...] | None:
        """The value to take for ``text``, when the reader is sure enough and may give it."""
        if question in SEVERAL:
            return self.named(question, text, told)
        best = self.best(question, text)
        if best is None or best.confidence < MIN_CONFIDENCE:
            return None
        return best.value if best.value in ALLOWED[question] else None


def _values(value: object) -> list[str]:
    """A row's values as a list (a single value, or a list of them)."""
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@cache
def reply_model() -> ReplyModel:
    """The reader trained on the project's examples (once per process)."""
    return ReplyModel.from_files()


def guess(question: str, text: str | None, told: bool = False) -> str | tuple[str, ...] | None:
    """The learned reader's value for a reply the written reader could not read, or None.

    ``told``: the written reader heard an answer it could not name (a change, for cause).
    """
    if question not in ALLOWED:
        return None
    return reply_model().guess(question, text or "", told)
