"""Safety screen on every message, after the intent classifier: three signals combined.

1. A deterministic detector (``coach.safety.detector``): a spaCy ``Matcher`` over lemmas
   with negation and idiom handling, run on the whole message. A match is *certain*: the
   intent becomes the safety intent with confidence 1.0, so the safety rules fire even
   mid-form, and the coach answers with the full crisis or abuse reply.
2. A sentence-level classifier trained here, with the model, on the NLU data (safety intents
   against everything else) and the labelled messages in ``data/safety/``, applied to each
   sentence of the message, so one worrying sentence in a long message about the
   relationship is judged on its own.
3. DIET's own intent.

When only the sentence classifier sees a risk (its probability passes the category's
threshold: ``crisis_threshold``, ``abuse_threshold``, ``other_risk_threshold``), the
finding is kept but marked not certain, and the coach checks in gently (with every
helpline) instead of assuming a crisis. It stays silent on a category the rules cleared:
every rule match of it was an idiom ("this job is killing me") or past with the person
safe now ("years ago I self-harmed; I've been well since"). A safety intent from DIET
alone is replaced by its best other intent: on the held-out sets it raised many false
alarms on idioms and found almost nothing the other two signals missed.
Rules marked ``check: true`` in the lexicon (indirect signs such as hopelessness) are not
certain either: the coach asks whether the person is safe. A ``care`` rule (low self-worth
without risk words) sets ``low_self_worth``, which gets a warm reply; that intent from the
intent classifier alone is dropped like DIET's safety guesses.
What was found is recorded under ``safety`` in the parse data (category, subtype, rule or
classifier, certain), which the safety actions read and audits keep.

Another part of life: when no rule matched and only the sentence classifier raised a risk, a
message the scope classifier already judged, with confidence, to be mainly about another part
of life (``out_of_scope`` at ``other_life_min_scope`` or more: work stress, a sleepless night,
blood results, an exam) is judged a second time by a twin classifier that also learnt the
other-life messages of ``content/scope/`` as ordinary (their low-mood groups left out). Only
when the twin sees no risk either does the message keep the honest out-of-scope reply (which
points to a GP or counsellor when distress is in it) instead of the gentle check. Any rule
match, a less sure scope judgement or a risk the twin still sees keeps the safety reply.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import joblib
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from typing_extensions import Self

from coach.safety.detector import SafetyDetector, most_severe
from components.entities import lowered, message_doc
from components.stored import StoredModelComponent

SAFETY_INTENTS = {
    "crisis": "express_crisis",
    "abuse": "disclose_abuse",
    "other_risk": "other_risk",
    "care": "low_self_worth",
}
# The sentence classifier learns the risk intents only; low self-worth comes from the rules
# (its NLU examples teach the classifier that such sentences are not risks).
CLASSIFIER_CATEGORIES = {
    intent: category for category, intent in SAFETY_INTENTS.items() if category != "care"
}
RULE_ONLY_INTENTS = {SAFETY_INTENTS["care"]}
MAX_CHARS = 20_000
SAFETY_KEY = "safety"
OUT_OF_SCOPE = "out_of_scope"
# Groups of content/scope/other_life.yml the twin classifier does not learn as ordinary: one's
# own low mood is kept for the safety screen to judge as it always did.
OTHER_LIFE_SKIPPED = frozenset(
    {"own_low_mood_alone", "own_life_alone", "health_and_mood_with_a_partner_in_passing"}
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# The message's last sentence is a question (closing quotes, brackets or emoji after it).
_ENDS_IN_QUESTION = re.compile(r"\?[\W_]*$")
# ... or a question typed without its question mark, as people do in chat ("did I do this to
# us", "is lack of intimacy a reason to end it"): a last sentence that opens like a question
# and ends without a full stop or an exclamation mark.
_OPENS_LIKE_A_QUESTION = re.compile(
    r"^[\W_]*(?:did|do|does|is|are|am|was|were|can|could|should|shall|would|will|has|have|"
    r"how|what|whats|what's|why|when|where|who|which|is it|am i)\b",
    re.IGNORECASE,
)
_ENDS_IN_STATEMENT = re.compile(r"[.!][\W_]*$")


def ends_in_question(text: str) -> bool:
    """Whether the message's last sentence asks something, with or without a question mark."""
    if _ENDS_IN_QUESTION.search(text):
        return True
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if not parts or _ENDS_IN_STATEMENT.search(parts[-1]):
        return False
    return bool(_OPENS_LIKE_A_QUESTION.match(parts[-1]))


def sentences(text: str) -> list[str]:
    """The message's sentences (on . ! ? ; and new lines), plus the whole message."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if len(p.strip()) > 2]
    return [*parts, text] if len(parts) > 1 else [text]


def new_sentence_classifier() -> Pipeline:
    """Word and character n-grams into a logistic regression.

    Not class-balanced: balancing inflated the risk classes' probabilities on ordinary
    sentences ("I love my husband, I really do." scored 0.62 abuse); unweighted, the
    probabilities are calibrated to the data and one threshold separates better.
    """
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
            ),
        ]
    )
    return Pipeline(
        [
            ("features", features),
            ("model", LogisticRegression(max_iter=3000, C=8.0)),
        ]
    )


def example_label(item: dict[str, Any]) -> str:
    """The classifier's label for one labelled message of ``data/safety/`` (see its README)."""
    if item.get("expect") == "addiction_support":
        return "other_risk"
    label = str(item.get("label") or "none")
    return label if label in ("crisis", "abuse") else "none"


def labelled_folder(config: dict[str, Any]) -> Path | None:
    """The folder ``labelled_messages`` names, if it is set and exists."""
    name = config.get("labelled_messages")
    return Path(name) if name and Path(name).is_dir() else None


def labelled_messages(folder: Path) -> list[dict[str, Any]]:
    """The ``{text, label, expect}`` items of every YAML file in ``folder``."""
    items: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and str(item.get("text") or "").strip():
                items.append(item)
    return items


def other_life_messages(path: Path | None) -> list[dict[str, Any]]:
    """Other-life messages of ``path`` (``content/scope/other_life.yml``) as ordinary items.

    The groups in ``OTHER_LIFE_SKIPPED`` (one's own low mood) are left out.
    """
    if path is None or not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        {"text": str(text), "label": "none"}
        for group, texts in data.items()
        if group not in OTHER_LIFE_SKIPPED
        for text in texts or []
        if str(text).strip()
    ]


def other_life_file(config: dict[str, Any]) -> Path | None:
    """The file ``other_life_messages`` names, if it is set and exists."""
    name = config.get("other_life_messages")
    return Path(name) if name and Path(name).is_file() else None


def training_pairs(
    training_data: TrainingData, messages: list[dict[str, Any]] | None = None
) -> tuple[list[str], list[str]]:
    """Texts and labels: every example, plus each sentence of the examples that are not risks.

    The classifier is applied sentence by sentence, so it must also learn that ordinary
    sentences ("I love my husband, I really do.") are not risks on their own. A risk
    example's sentences are not split, as the risk may sit in one of them only.
    ``messages`` are labelled messages from ``data/safety/`` (long, real-language ones
    written blind by people who never saw the rules), learnt the same way.
    """
    pairs = [
        (example.get(TEXT), CLASSIFIER_CATEGORIES.get(example.get(INTENT), "none"))
        for example in training_data.intent_examples
    ]
    pairs += [(str(item["text"]), example_label(item)) for item in messages or []]
    texts: list[str] = []
    labels: list[str] = []
    for text, label in pairs:
        if not text:
            continue
        texts.append(lowered(text))
        labels.append(label)
        if label == "none":
            for sentence in sentences(text)[:-1]:
                texts.append(lowered(sentence))
                labels.append("none")
    return texts, labels


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
    is_trainable=True,
    model_from="SpacyNLP",
)
class SafetyScreen(StoredModelComponent):
    """Combines the rule-based detector, a sentence classifier and DIET into one decision."""

    @classmethod
    def required_components(cls) -> list[type]:
        """The spaCy pipeline must be loaded first."""
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Thresholds for the classifier signals (the rules live in content/safety/)."""
        # Defaults; config.yml sets the values chosen by cross-validation over data/safety/.
        # Missing a crisis costs far more than a gentle check, so crisis has the lowest bar.
        return {
            "crisis_threshold": 0.25,
            "abuse_threshold": 0.35,
            "other_risk_threshold": 0.6,
            "labelled_messages": "data/safety",
            "full_reply_min_probability": 0.0,
            # The twin classifier's ordinary examples, and how sure the scope classifier must
            # be before the twin is asked (0 or no file: never).
            "other_life_messages": "content/scope/other_life.yml",
            "other_life_min_scope": 0.9,
            # A long story that ends in a question (at least ``story_min_sentences``
            # sentences): a risk the classifier alone sees must pass ``story_factor`` times
            # the category's threshold (1.0: no difference).
            "story_min_sentences": 4,
            "story_factor": 1.0,
        }

    MODEL_FILE = "sentence_safety.joblib"
    TWIN_FILE = "sentence_safety_other_life.joblib"

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Pipeline | None = None,
        twin: Pipeline | None = None,
    ) -> None:
        super().__init__(config, model_storage, resource, classifier)
        self._detector: SafetyDetector | None = None
        self._twin = twin

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        """Load the sentence classifier and its other-life twin (none if never trained)."""
        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        try:
            with model_storage.read_from(resource) as directory:
                twin = directory / cls.TWIN_FILE
                component._twin = joblib.load(twin) if twin.is_file() else None
        except (ValueError, FileNotFoundError):
            component._twin = None
        return component

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The labelled messages' content: Rasa retrains the classifier when they change."""
        folder = labelled_folder({**cls.get_default_config(), **config})
        digest = hashlib.sha256()
        for path in sorted(folder.glob("*.yml")) if folder else []:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        other_life = other_life_file({**cls.get_default_config(), **config})
        if other_life is not None:
            digest.update(b"other_life\0" + other_life.read_bytes())
        return digest.hexdigest()

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        """Fit the sentence classifier: each safety intent against everything else."""
        folder = labelled_folder(self._config)
        messages = labelled_messages(folder) if folder else []
        texts, labels = training_pairs(training_data, messages)
        if len(set(labels)) > 1:
            classifier = new_sentence_classifier()
            classifier.fit(texts, labels)
            resource = self._keep(classifier)
            other_life = other_life_messages(other_life_file(self._config))
            if other_life:
                texts, labels = training_pairs(training_data, messages + other_life)
                self._twin = new_sentence_classifier().fit(texts, labels)
                with self._model_storage.write_to(self._resource) as directory:
                    joblib.dump(self._twin, directory / self.TWIN_FILE)
            return resource
        return self._resource

    def _detector_for(self, model: SpacyModel) -> SafetyDetector:
        if self._detector is None:
            self._detector = SafetyDetector(model.model.vocab)
        return self._detector

    def category_probability(self, text: str, category: str) -> float:
        """The classifier's highest probability of ``category`` over the message's sentences."""
        if self._classifier is None or category not in self._classifier.classes_:
            return 1.0
        column = list(self._classifier.classes_).index(category)
        parts = [lowered(s) for s in sentences(text)]
        return float(max(row[column] for row in self._classifier.predict_proba(parts)))

    def _confirmed(self, text: str, category: str) -> bool:
        """Whether a certain rule's crisis or abuse finding keeps the full reply.

        When the sentence classifier gives the category almost no chance anywhere in the
        message (below ``full_reply_min_probability``), the rule's words probably sit in an
        ordinary story, so the coach asks gently instead of assuming the worst.
        """
        floor = float(self._config["full_reply_min_probability"])
        if floor <= 0 or category not in ("crisis", "abuse"):
            return True
        return self.category_probability(text, category) >= floor

    def sentence_risk(
        self,
        text: str,
        cleared: frozenset[str] = frozenset(),
        ordinary: tuple[str, ...] = (),
        classifier: Pipeline | None = None,
    ) -> tuple[str, float]:
        """The most severe category whose probability, in some sentence, passes its threshold.

        Each category has its own threshold (``crisis_threshold`` lowest; other risks, also
        covered by the rules and less acute, highest). Categories in ``cleared`` (the rules
        read their words as an idiom or as past and safe now) are not raised, and a sentence
        holding an ``ordinary`` phrase is left out (alone and from the whole). Returns
        ("none", 0.0) when none passes. ``classifier`` replaces the sentence classifier (the
        other-life twin).
        """
        classifier = classifier or self._classifier
        if classifier is None:
            return "none", 0.0
        phrases = [lowered(o) for o in ordinary if o]
        split = [lowered(s) for s in sentences(text)]
        body = split[:-1] if len(split) > 1 else split
        kept = [p for p in body if not any(o in p for o in phrases)]
        if not kept:
            return "none", 0.0
        whole = split[-1] if len(kept) == len(body) else " ".join(kept)
        parts = [*kept, whole] if len(body) > 1 else kept
        probabilities = classifier.predict_proba(parts)
        classes = list(classifier.classes_)
        highest: dict[str, float] = {}
        for row in probabilities:
            for category, p in zip(classes, row, strict=True):
                highest[category] = max(highest.get(category, 0.0), float(p))
        factor = self.story_factor(text)
        for category in ("crisis", "abuse", "other_risk"):
            if category in cleared:
                continue
            if highest.get(category, 0.0) >= self._config[f"{category}_threshold"] * factor:
                return category, highest[category]
        return "none", 0.0

    def story_factor(self, text: str) -> float:
        """How much higher the classifier's bar is for this message.

        A long story that ends in a question ("... How do I bring it up?") asks for
        coaching: its risk words are more often about the past, other people or a passing
        feeling, so the classifier alone needs ``story_factor`` times the threshold; the
        rules read it as always.
        """
        factor = float(self._config.get("story_factor") or 1.0)
        if factor == 1.0 or not ends_in_question(text):
            return 1.0
        needed = int(self._config.get("story_min_sentences") or 0)
        return factor if len(sentences(text)) - 1 >= needed else 1.0

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        """Screen each message and set the intent and ``safety`` record accordingly."""
        detector = self._detector_for(model)
        for message in messages:
            text = (message.get(TEXT) or "")[:MAX_CHARS]
            if not text.strip():
                continue
            screening = detector.screen(message_doc(message, model))
            found = most_severe(screening.found)
            if found is not None:
                self._set(message, found.category, 1.0)
                message.set(
                    SAFETY_KEY,
                    {
                        "category": found.category,
                        "subtype": found.subtype,
                        "rule": found.rule,
                        "certain": found.certain and self._confirmed(text, found.category),
                    },
                    add_to_output=True,
                )
                continue
            category, p = self.sentence_risk(text, screening.cleared, screening.ordinary)
            intent = message.get(INTENT) or {}
            name = intent.get("name") or ""
            diet_category = CLASSIFIER_CATEGORIES.get(name) or (
                "care" if name in RULE_ONLY_INTENTS else None
            )
            if category != "none" and self._other_life(message, screening, text):
                continue
            if category != "none":
                self._set(message, category, p)
                self._record(message, category, "sentence_classifier")
            elif diet_category:
                # DIET alone raised false alarms on idioms far more often than it found risks
                # the other two missed (measured on the held-out sets), so it needs support.
                self._demote(message)
        return messages

    def _other_life(self, message: Message, screening: Any, text: str) -> bool:
        """Whether a classifier-only risk is an ordinary message about another part of life.

        Only when the scope classifier judged the message ``out_of_scope`` with at least
        ``other_life_min_scope`` and the twin classifier, which also learnt other-life
        messages as ordinary, sees no risk in any sentence.
        """
        floor = float(self._config.get("other_life_min_scope") or 0.0)
        intent = message.get(INTENT) or {}
        if self._twin is None or floor <= 0 or intent.get("name") != OUT_OF_SCOPE:
            return False
        if float(intent.get("confidence") or 0.0) < floor:
            return False
        twin, _ = self.sentence_risk(text, screening.cleared, screening.ordinary, self._twin)
        return twin == "none"

    @staticmethod
    def _set(message: Message, category: str, confidence: float) -> None:
        intent = {"name": SAFETY_INTENTS[category], "confidence": confidence}
        ranking = [intent] + [
            r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]
        ]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    @staticmethod
    def _record(message: Message, category: str, source: str) -> None:
        message.set(
            SAFETY_KEY,
            {"category": category, "subtype": "", "rule": source, "certain": False},
            add_to_output=True,
        )

    @staticmethod
    def _demote(message: Message) -> None:
        """Replace a weak safety guess by DIET's best other intent."""
        ranking = [
            r
            for r in message.get(INTENT_RANKING_KEY) or []
            if r.get("name") not in (*CLASSIFIER_CATEGORIES, *RULE_ONLY_INTENTS)
        ]
        if ranking:
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
