"""Which life situations a message states: a learnt reader over the rules (no Rasa).

The rules in ``coach.nlp.situation_rules`` find situations with their spans and record the
ones they saw named but ruled out, and why (negated, past, imagined, someone else's). Over
them:

- **keep**: one logistic regression, shared by all situations, judges each situation the
  rules found from its context (the words it was found on, the words around it, its
  sentence, and cue words for the guards: negation, the past, something imagined,
  someone else, "it's fine"); below the keep threshold it is dropped;
- **add**: one logistic regression per situation (one-vs-rest) over word and character
  n-grams and what the rules ruled out reads a situation the rules did not find, at or
  above the add threshold, and never one the rules ruled out (the guards stay vetoes).
  Its score is robust (:meth:`SituationModel.robust_add`): the lowest probability with any
  one word of the message taken out, so nothing is added from one loose word ("depressed",
  "games", "phone"), and nothing from the words another situation was found on.

The thresholds were chosen on labelled messages, precision first
(``content/situations/thresholds.yml``, written by ``bench/situation_train.py``: the keep
threshold by cross-validation on the training messages, the add threshold on the blind sets
the rules were not tuned on), because a wrongly read situation is the expensive error: when
unsure, no situation is read and the reflection is the warm general one.

The model is built from the committed messages in ``content/situations/`` (among them copies
of the development blind sets, ``blind_final_N.yml``) the first time it is needed in a
process (deterministic: the same data gives the same model), and kept.

``read_situations(text)`` returns :class:`Found` spans; ``situations(text)`` the slugs in
the order they first appear. Both are the bot's reading (``components.entities``) and the
bench's (``bench/situation_eval.py``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from coach.nlp.situation_rules import (
    CAUSE_FOR,
    SITUATIONS,
    Found,
    RuleReading,
    clause_before,
    normalise,
    rule_reading,
)
from coach.settings import CONTENT_DIR

__all__ = [
    "CAUSE_FOR",
    "SITUATIONS",
    "Found",
    "RuleReading",
    "SituationModel",
    "read_situations",
    "rule_reading",
    "situations",
]

DATA_DIR = "situations"
THRESHOLDS_FILE = "thresholds.yml"
# Before thresholds were chosen: keep what the rules found unless the keep model doubts it,
# add nothing the rules did not find.
DEFAULT_KEEP = 0.5
NEVER = 1.01
# Inverse regularisation of the add models (one per situation) and the keep model.
C_ADD = 4.0
C_KEEP = 1.0
# Guards whose ruling-out the model's reading does not override.
VETOES = frozenset({"negated", "past", "hypothetical", "someone_else", "not_together", "skip"})
LIMIT = 2000
# Add probabilities below this are never looked at again (no add threshold is lower:
# bench/situation_train.py ADD_GRID starts here).
ADD_FLOOR = 0.6

# Cue words for the rules' guards, looked for before a found situation, in its sentence and
# in the whole message (the keep model learns how much each weighs).
_CUES = {
    "negation": re.compile(
        r"\b(?:not|no|never|neither|nor|nothing|isn't|wasn't|aren't|without)\b|n't\b"
    ),
    "past": re.compile(
        r"\b(?:ago|used to|(?:19|20)\d\d|behind us|long done|at peace|made (?:our|my) peace|"
        r"recovered|settled|all good|fine now|well now|paid (?:it|everything) off|back then|"
        r"in the past|clean for|sober for|before (?:we|i|he|she))\b"
    ),
    "imagined": re.compile(
        r"\b(?:if|what if|would|might|one day|someday|next (?:year|month|week)|"
        r"thinking about|going to|worried|worry|scared|afraid|wonder)\b"
    ),
    "someone_else": re.compile(
        r"\b(?:ex|friends?|colleagues?|coworkers?|brother|sister|parents|mum|mom|dad|"
        r"neighbou?rs?|everyone|people)\b"
    ),
    "fine": re.compile(
        r"\b(?:fine|ok|okay|sorted|good|great|not (?:a|the) (?:problem|issue)|no bother|"
        r"not it|not really (?:it|that)|doesn't matter)\b"
    ),
}
_SENTENCE_END = re.compile(r"[.;!?\n]")
# Where the clause a mention is in ends ("but", "though", a comma).
_CLAUSE_END = re.compile(r"[.;!?,\n]|\bbut\b|\bhowever\b|\bthough\b|\bexcept\b")
_TOKEN = re.compile(r"[\w']+")
_WORD = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=4096)
def _cached_reading(text: str) -> RuleReading:
    """The rules' reading (cached: training and the bench read the same messages often)."""
    return rule_reading(text, LIMIT)


def load_items(paths: list[Path]) -> list[dict[str, Any]]:
    """Labelled messages (``{text, situations}``) from YAML lists, in file order."""
    items: list[dict[str, Any]] = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels = [s for s in item.get("situations") or [] if s in SITUATIONS]
            items.append({"text": str(item["text"]), "situations": labels})
    return items


def training_paths(content_dir: Path = CONTENT_DIR) -> list[Path]:
    """The committed training messages (every YAML list in ``content/situations/``)."""
    return [
        path
        for path in sorted((content_dir / DATA_DIR).glob("*.yml"))
        if path.name != THRESHOLDS_FILE
    ]


def data_fingerprint(content_dir: Path = CONTENT_DIR) -> str:
    """A hash of the training messages (the thresholds file records the one it was fit on)."""
    digest = hashlib.sha256()
    for path in training_paths(content_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    head = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    tail = _SENTENCE_END.search(text, end)
    return head, tail.start() if tail else len(text)


def context(text: str, found: Found) -> str:
    """What the keep model reads about one found situation, as marked tokens.

    The situation and the words it was found on, the words just before and after it, the
    words of its sentence, and which guard cues (negation, the past, something imagined,
    someone else, "it's fine") are in its clause or its sentence. Only its own clause and
    sentence count: "we used to be close but we fight all the time" keeps the fighting, and
    a "not" or an "ago" elsewhere in the message says nothing about this mention.
    """
    low = normalise(text[:LIMIT])
    head, tail = _sentence_bounds(low, found.start, found.end)
    before, after = low[head : found.start], low[found.end : tail]
    clause = clause_before(low, found.start) + " " + _CLAUSE_END.split(after)[0]
    matched = "_".join(_TOKEN.findall(low[found.start : found.end]))
    parts = [f"S_{found.situation}", f"M_{matched}"]
    parts += [f"B_{w}" for w in _TOKEN.findall(before)[-8:]]
    parts += [f"A_{w}" for w in _TOKEN.findall(after)[:6]]
    parts += [f"W_{w}" for w in _TOKEN.findall(low[head:tail])]
    for name, cue in _CUES.items():
        for mark, where in (("CC", clause), ("CS", low[head:tail])):
            if cue.search(where):
                parts.append(f"{mark}_{name}")
    return " ".join(parts)


@dataclass
class SituationModel:
    """The rules, a keep model that can drop what they found, add models that can add.

    - keep: one logistic regression over every situation the rules found in the training
      messages (its context, :func:`context`), right or wrong;
    - add: one logistic regression per situation over word and character n-grams and what
      the rules found and ruled out, for situations the rules did not find.
    """

    words: TfidfVectorizer = field(repr=False)
    chars: TfidfVectorizer = field(repr=False)
    adders: dict[str, LogisticRegression | None] = field(repr=False)
    keep_words: TfidfVectorizer | None = field(default=None, repr=False)
    keeper: LogisticRegression | None = field(default=None, repr=False)
    keep_threshold: float = DEFAULT_KEEP
    add_thresholds: dict[str, float] = field(default_factory=dict)
    vetoes: frozenset[str] = VETOES

    @classmethod
    def train(
        cls,
        items: list[dict[str, Any]],
        keep_threshold: float = DEFAULT_KEEP,
        add_thresholds: dict[str, float] | None = None,
    ) -> SituationModel:
        """Fit on labelled messages (a situation with no example is never added)."""
        texts = [normalise(i["text"][:LIMIT]) for i in items]
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        words.fit(texts)
        chars.fit(texts)
        model = cls(words, chars, {}, None, None, keep_threshold, dict(add_thresholds or {}))
        readings = [_cached_reading(i["text"]) for i in items]
        features = model.add_features([i["text"] for i in items], readings)
        for slug in SITUATIONS:
            y = np.array([1 if slug in i["situations"] else 0 for i in items])
            if 0 < y.sum() < len(y):
                adder = LogisticRegression(
                    C=C_ADD, class_weight="balanced", max_iter=2000, solver="liblinear"
                )
                model.adders[slug] = adder.fit(features, y)
            else:
                model.adders[slug] = None
        contexts, kept = [], []
        for item, reading in zip(items, readings, strict=True):
            for found in reading.found:
                contexts.append(context(item["text"], found))
                kept.append(1 if found.situation in item["situations"] else 0)
        if 0 < sum(kept) < len(kept):
            model.keep_words = TfidfVectorizer(
                ngram_range=(1, 2),
                sublinear_tf=True,
                token_pattern=r"\S+",  # noqa: S106 (tokens, not a password)
            )
            keeper = LogisticRegression(C=C_KEEP, class_weight="balanced", max_iter=3000)
            model.keeper = keeper.fit(model.keep_words.fit_transform(contexts), kept)
        return model

    def add_features(self, texts: list[str], readings: list[RuleReading]) -> csr_matrix:
        """Word and char n-grams, and which situations the rules saw named but ruled out.

        Not what the rules found: the add models learn the wording itself, so they can read
        what the rules miss.
        """
        low = [normalise(t[:LIMIT]) for t in texts]
        rules = np.asarray(
            [[1.0 if s in r.vetoed else 0.0 for s in SITUATIONS] for r in readings],
            dtype=float,
        )
        return hstack(
            [self.words.transform(low), self.chars.transform(low), csr_matrix(rules)]
        ).tocsr()

    def keep_probabilities(self, text: str, found: list[Found]) -> list[float]:
        """How likely each situation the rules found is really stated."""
        if self.keeper is None or self.keep_words is None or not found:
            return [1.0] * len(found)
        contexts = self.keep_words.transform([context(text, f) for f in found])
        return [float(p) for p in self.keeper.predict_proba(contexts)[:, 1]]

    def add_probabilities(self, text: str, reading: RuleReading) -> dict[str, float]:
        """How likely each situation is stated, by the add models."""
        features = self.add_features([text], [reading])
        return {
            slug: float(adder.predict_proba(features)[0, 1]) if adder is not None else 0.0
            for slug, adder in self.adders.items()
        }

    def scores(self, text: str) -> tuple[RuleReading, dict[str, float], dict[str, float]]:
        """The rules' reading, the keep probabilities of what they found, the add ones."""
        reading = _cached_reading(text)
        keep = dict(
            zip(
                [f.situation for f in reading.found],
                self.keep_probabilities(text, reading.found),
                strict=True,
            )
        )
        return reading, keep, self.robust_add(text, reading, self.add_probabilities(text, reading))

    def read(self, text: str) -> list[Found]:
        """The situations ``text`` states, with where (in order of first appearance)."""
        if not (text or "").strip():
            return []
        reading, keep, add = self.scores(text)
        found = [f for f in reading.found if keep[f.situation] >= self.keep_threshold]
        for slug in SITUATIONS:
            if slug in keep or reading.vetoed.get(slug) in self.vetoes:
                continue
            if add[slug] >= self.add_thresholds.get(slug, NEVER):
                found.append(self._span(slug, text))
        return sorted(found, key=lambda f: (f.start, SITUATIONS.index(f.situation)))

    def robust_add(
        self, text: str, reading: RuleReading, raw: dict[str, float]
    ) -> dict[str, float]:
        """The add probabilities, each at its lowest with any one word of ``text`` taken out.

        A situation is never read from one loose word: "I feel so depressed about us" is not
        an illness without "depressed", "we play games together" not a screen habit without
        "games", so an addition must survive the loss of each of its words. Nor is it read
        from the very words another situation was found on ("a new baby and a new job" is not
        a move because of "new"): then its score is 0. Only scores of at least ``ADD_FLOOR``
        are looked at again (the rest could never be added).
        """
        robust = dict(raw)
        named = {f.situation for f in reading.found} | set(reading.vetoed)
        candidates = [
            s for s, p in raw.items() if p >= ADD_FLOOR and self.adders.get(s) and s not in named
        ]
        low = text[:LIMIT]
        words = list(_TOKEN.finditer(low))
        if not candidates or not words:
            return robust
        variants = [low[: w.start()] + " " * (w.end() - w.start()) + low[w.end() :] for w in words]
        features = self.add_features(variants, [reading] * len(variants))
        for slug in candidates:
            adder = self.adders[slug]
            assert adder is not None
            lowest = float(adder.predict_proba(features)[:, 1].min())
            span = self._span(slug, text)
            overlaps = any(span.start < f.end and f.start < span.end for f in reading.found)
            robust[slug] = 0.0 if overlaps else min(raw[slug], lowest)
        return robust

    def _span(self, slug: str, text: str) -> Found:
        """Where a situation the rules did not place is said: the word that weighs most."""
        adder = self.adders.get(slug)
        low = normalise(text[:LIMIT])
        vocabulary = self.words.vocabulary_
        best: tuple[float, int, int] | None = None
        if adder is not None:
            weights = adder.coef_[0]
            for match in _WORD.finditer(low):
                index = vocabulary.get(match.group())
                if index is not None and (best is None or weights[index] > best[0]):
                    best = (float(weights[index]), match.start(), match.end())
        if best is None or best[0] <= 0:
            return Found(slug, 0, len(text[:LIMIT]))
        return Found(slug, best[1], best[2])


def load_thresholds(content_dir: Path = CONTENT_DIR) -> tuple[float, dict[str, float]]:
    """The keep threshold and per-situation add thresholds chosen by cross-validation."""
    path = content_dir / DATA_DIR / THRESHOLDS_FILE
    if not path.exists():
        return DEFAULT_KEEP, {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    add = {str(k): float(v) for k, v in (data.get("add") or {}).items()}
    return float(data.get("keep", DEFAULT_KEEP)), add


@lru_cache(maxsize=1)
def default_model() -> SituationModel:
    """The reader the coach uses: trained on ``content/situations/`` (built once a process)."""
    keep, add = load_thresholds()
    return SituationModel.train(load_items(training_paths()), keep, add)


def read_situations(text: str, limit: int = LIMIT) -> list[Found]:
    """Every situation stated in ``text`` (one span each), in order of first appearance."""
    return default_model().read(text[:limit])


def situations(text: str) -> list[str]:
    """The situations ``text`` states, in the order they first appear."""
    return [f.situation for f in read_situations(text)]
