"""Whether a message is mainly about the relationship or another part of life (no Rasa).

The coach is for couples who feel emotionally distant. A long message mainly about work,
sleep, school, study, health or counselling logistics, or money without the relationship,
gets an honest reply about what the coach is for instead of a relationship reflection, tip
or plan; a relationship message that also mentions work, sleep or health stays in scope.

The decision is a TF-IDF (words and character n-grams) logistic regression trained on
``content/scope/other_life.yml`` (a varied set of other-life-area messages written for it),
``content/scope/relationship.yml``, the situation reader's first messages
(``content/situations/``) and the coach's own NLU examples (every intent but
``out_of_scope`` is in scope). Only messages of at least ``MIN_WORDS`` words are judged:
short ones are the intent classifier's job. A message with clear relationship wording
("my husband and I", "our marriage", "feel distant") needs a higher score to leave scope.

``mentions_distress`` says whether the message carries distress, so the reply can point to
the right kind of help (a GP, a counsellor).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from coach.settings import CONTENT_DIR, PROJECT_ROOT

MIN_WORDS = 4
THRESHOLD = 0.3
CUE_THRESHOLD = 0.9
OUT, IN = "out_of_scope", "in_scope"
CHARS = (2, 5)

_PARTNER_WORDS = (
    r"partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|spouse|bf|gf|hubby|other half|"
    r"missus|wifey"
)
_RELATIONSHIP_CUES = re.compile(
    rf"\b(?:{_PARTNER_WORDS}|relationship|marriage|married|couples?|date nights?|romance|"
    r"romantic|spark|intimacy|affection|each other)\b|\bbetween us\b|"
    r"\bwe (?:keep|always|never|barely|hardly|don'?t|can'?t|used to|both)\b[^.?!]{0,40}"
    r"\b(?:talk|fight|argue|argu\w+|bicker\w*|row|touch|kiss|hug|connect|laugh|spend time)\b|"
    r"\b(?:we|i) (?:feel|felt|are|'re|have|'ve) (?:so )?(?:distant|disconnected|drifting|"
    r"drifted|apart|lonely|like (?:roommates|flatmates|strangers))\b|"
    r"\b(?:close|closer) (?:to|with) (?:him|her|them)\b|"
    # what a message says about the two of them even when the partner is only "he" or "she"
    r"\b(?:reach|letting|let) (?:him|her)(?: down)?\b|\bshut(?:s|ting)? me out\b|"
    r"\b(?:feel|felt|feeling) (?:\w+ )?(?:shut out|pushed away|unwanted|unloved|"
    r"rejected by (?:him|her))\b|"
    r"\bpush(?:es|ed|ing)? (?:me|him|her) away\b|\b(?:the )?last time we\b|"
    r"\bwe(?:'ve| have| are|'re)? (?:basically |just |now )?(?:become |turned into |like )?"
    r"(?:a |two )?"
    r"(?:logistics team|flatmates|housemates|colleagues|strangers|co-?parents|business partners|"
    r"roommates|ships in the night)\b",
    re.IGNORECASE,
)
# Help for the couple is about the relationship, however much it sounds like logistics.
_COUPLE_HELP = re.compile(
    r"\b(?:couples?|marriage|relationship) (?:therapy|therapists?|counsell?(?:ing|ors?)|"
    r"counsel(?:ing|ors?)|coach(?:ing)?)\b|\brelate\b",
    re.IGNORECASE,
)
_MY_PARTNER = re.compile(
    r"\b(?:my|our) (?:partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|spouse|bf|gf|hubby|"
    r"other half|marriage|relationship)\b",
    re.IGNORECASE,
)
_COUPLE_WORDS = re.compile(
    r"\b(?:partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|spouse|bf|gf|hubby|we|us|our|"
    r"each other|together|relationship|marriage|married|couples?|him|her|he|she|his|intimacy|"
    r"affection|close|closer|distant|apart|connect(?:ed|ion)?|spark|romance|romantic|date "
    r"nights?|fight|fights|argue|arguing|bicker\w*|trust|cheat\w*|sex|touch\w*|hugs?|kiss\w*|"
    r"lonely|love)\b",
    re.IGNORECASE,
)
_DISTRESS = re.compile(
    r"\b(?:stress(?:ed|ful)?|anxious|anxiety|panic(?:king)?|overwhelm(?:ed|ing)?|can'?t cope|"
    r"not coping|burn(?:t|ed)? ?out|burnout|depress(?:ed|ion)?|hopeless|failure|terrified|"
    r"scared|dread(?:ing)?|cry(?:ing)?|cried|in tears|meltdown|exhausted|struggling|"
    r"can'?t sleep|awake all night|miserable|lonely|feel sick|falling apart|worthless)\b",
    re.IGNORECASE,
)
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def words(text: str) -> int:
    """How many words ``text`` has."""
    return len(text.split())


def mentions_distress(text: str) -> bool:
    """Whether the message carries distress (worry, exhaustion, panic, tears...)."""
    return bool(_DISTRESS.search(text or ""))


def has_relationship_cue(text: str) -> bool:
    """Whether the message says something plainly about a couple, or names a partner."""
    return bool(_RELATIONSHIP_CUES.search(text or ""))


def marked(text: str) -> str:
    """``text`` plus marker words for how much it talks about a couple (a learned feature)."""
    count = len(_COUPLE_WORDS.findall(text or ""))
    marks = " zzcouple" * min(count, 4) if count else " zznocouple"
    if _MY_PARTNER.search(text or ""):
        marks += " zzmypartner"
    return f"{text}{marks}"


def _messages(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [str(m) for group in data.values() for m in (group or [])]


def nlu_examples(nlu_dir: Path) -> dict[str, list[str]]:
    """The coach's NLU examples by intent, with entity annotations removed."""
    found: dict[str, list[str]] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            if "intent" not in block:
                continue
            lines = str(block.get("examples") or "").splitlines()
            items = [ln.strip()[2:] for ln in lines if ln.strip()[:2] == "- "]
            examples = [_ANNOTATION.sub(r"\1", item) for item in items]
            found.setdefault(str(block["intent"]), []).extend(examples)
    return found


def situation_messages(content_dir: Path = CONTENT_DIR) -> list[str]:
    """The first messages the situation reader learns from: all about a couple, in scope."""
    texts: list[str] = []
    for path in sorted((content_dir / "situations").glob("situations_*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        texts += [str(item["text"]) for item in data if isinstance(item, dict)]
    return texts


def training_set(
    content_dir: Path = CONTENT_DIR, nlu_dir: Path = PROJECT_ROOT / "data" / "nlu"
) -> tuple[list[str], list[str]]:
    """(texts, labels): other-life-area messages vs relationship messages and NLU examples.

    The relationship side also has the situation reader's first messages
    (``content/situations/``): hundreds of real-style messages about a couple, many of
    which mention work, sleep, health or money.
    """
    texts: list[str] = []
    labels: list[str] = []
    for text in _messages(content_dir / "scope" / "other_life.yml"):
        texts.append(text)
        labels.append(OUT)
    for text in _messages(content_dir / "scope" / "relationship.yml"):
        texts.append(text)
        labels.append(IN)
    for text in situation_messages(content_dir):
        texts.append(text)
        labels.append(IN)
    for intent, examples in nlu_examples(nlu_dir).items():
        for text in examples:
            if words(text) < 3:
                continue
            texts.append(text)
            labels.append(OUT if intent == "out_of_scope" else IN)
    return texts, labels


def scope_fingerprint(content_dir: Path = CONTENT_DIR) -> str:
    """A hash of the scope content and this module (what the trained classifier depends on)."""
    digest = hashlib.sha256()
    data = [*sorted((content_dir / "scope").glob("*.yml"))]
    data += sorted((content_dir / "situations").glob("situations_*.yml"))
    for path in [*data, Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class ScopeModel:
    """The trained decision: ``out_of_scope(text)`` and its probability."""

    pipeline: Pipeline = field(repr=False)

    @classmethod
    def train(cls, texts: list[str], labels: list[str]) -> ScopeModel:
        """Fit the classifier on ``texts`` labelled ``out_of_scope`` / ``in_scope``."""
        on = True
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHARS, sublinear_tf=on)),
            ]
        )
        pipeline = Pipeline(
            [
                ("features", features),
                ("classifier", LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)),
            ]
        )
        pipeline.fit([marked(t) for t in texts], labels)
        return cls(pipeline)

    @classmethod
    def default(cls) -> ScopeModel:
        """Trained on the project's scope content and NLU data."""
        return cls.train(*training_set())

    def probability_out(self, text: str) -> float:
        """How likely ``text`` is mainly about another part of life."""
        classes = list(self.pipeline.classes_)
        return float(self.pipeline.predict_proba([marked(text)])[0][classes.index(OUT)])

    def out_of_scope(self, text: str) -> bool:
        """Whether a message is long enough to judge and mainly about something else."""
        text = (text or "").strip()
        if words(text) < MIN_WORDS or _COUPLE_HELP.search(text):
            return False
        needed = CUE_THRESHOLD if has_relationship_cue(text) else THRESHOLD
        return self.probability_out(text) >= needed
