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
The cause is not learned: its written reader names finer labels than the tables do.

Measured by leave-one-table-out and on blind tables: ``docs/assessment.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from coach.settings import CONTENT_DIR

NOT_AN_ANSWER = "not_an_answer"
# Chosen by leave-one-table-out over the measured tables and by replaying two older blind
# tables through the readers as they were before those tables were read (docs/assessment.md).
MIN_CONFIDENCE = 0.5
# The values the learned reader may give, per question it reads.
ALLOWED = {
    "duration": ("weeks", "months", "year_plus", "unsure"),
    "pulled_away": ("me", "partner", "both", "unsure"),
    "feels_safe": ("rather_not_say",),
    "partner_open": ("yes", "probably", "unsure", "probably_not", "no"),
}
EXAMPLES = CONTENT_DIR / "assessment" / "replies.yml"
NOT_ANSWERS = CONTENT_DIR / "assessment" / "not_answers.yml"


def clean(text: str | None) -> str:
    """Lower case, straight apostrophes, single spaces, at most 500 characters."""
    t = (text or "").strip().lower()[:500]
    t = t.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", t)


def _pipeline() -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ]
    )
    # liblinear (one against the rest): as accurate here as the multinomial fit, five times
    # faster to train (under a second for the four questions, once per process).
    classifier = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear")
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass(frozen=True)
class Guess:
    """The learned reader's value for a reply and how sure it is."""

    value: str
    confidence: float


@dataclass
class ReplyModel:
    """One classifier per question it reads."""

    pipelines: dict[str, Pipeline] = field(default_factory=dict)

    @classmethod
    def train(cls, examples: dict[str, list[dict[str, str]]]) -> ReplyModel:
        """Fit a classifier per question on ``{text, value}`` examples."""
        pipelines = {}
        for question, rows in examples.items():
            if question not in ALLOWED or not rows:
                continue
            texts = [clean(str(r["text"])) for r in rows]
            pipelines[question] = _pipeline().fit(texts, [str(r["value"]) for r in rows])
        return cls(pipelines)

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

    def guess(self, question: str, text: str) -> str | None:
        """The value to take for ``text``, when the reader is sure enough and may give it."""
        best = self.best(question, text)
        if best is None or best.confidence < MIN_CONFIDENCE:
            return None
        return best.value if best.value in ALLOWED[question] else None


@cache
def reply_model() -> ReplyModel:
    """The reader trained on the project's examples (once per process)."""
    return ReplyModel.from_files()


def guess(question: str, text: str | None) -> str | None:
    """The learned reader's value for a reply the written reader could not read, or None."""
    if question not in ALLOWED:
        return None
    return reply_model().guess(question, text or "")
