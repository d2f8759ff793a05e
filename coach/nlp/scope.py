"""Whether a message is mainly about the relationship or another part of life (no Rasa).

The coach is for couples who feel emotionally distant. A long message mainly about work,
sleep, school, study, health or counselling logistics, or money without the relationship,
gets an honest reply about what the coach is for instead of a relationship reflection, tip
or plan; a relationship message that also mentions work, sleep or health stays in scope.

The decision is a TF-IDF (words and character n-grams of the message, words of its request:
``ask_of``) logistic regression trained on
``content/scope/other_life.yml`` (a varied set of other-life-area messages written for it),
``content/scope/relationship.yml``, the measured development scope sets
(``content/scope/learnt/``), the situation reader's first messages
(``content/situations/``) and the coach's own NLU examples (every intent but
``out_of_scope`` is in scope). Only messages of at least ``MIN_WORDS`` words are judged:
short ones are the intent classifier's job; help for the couple (couples counselling, a
relationship course) is never judged unless what is asked is its booking (prices, dates, a
place: :func:`judged`). Someone else's partner ("her boyfriend", "my flatmate's girlfriend")
is not the person's own. Marker words tell the classifier whether a
partner is named, named only in passing ("my wife says I should ask for a raise"), whether the
message says something about the two of them and whether its request is about them.

The score needed to leave scope depends on the message's kind (``kind_of``): a long message
with no partner in it, a short one (more often a question to the coach), one that names a
partner, one with plain relationship wording ("my husband and I never talk", "our marriage",
"feel distant"). The four thresholds were chosen by leave-one-set-out cross-validation over
the development sets (each scored by a classifier that did not learn it), keeping 97% of each
set's relationship messages, 95% of the open questions and 99% of the coach's own held-out
intent messages in scope (``bench/scope_cv.py``).

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
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer

from coach.settings import CONTENT_DIR, PROJECT_ROOT

ANSWERS_DIR = PROJECT_ROOT / "data" / "answers"

MIN_WORDS = 4
# Chosen by leave-one-set-out cross-validation over the development sets (bench/scope_cv.py).
THRESHOLD = 0.65
SHORT_THRESHOLD = 0.65
PARTNER_THRESHOLD = 0.75
CUE_THRESHOLD = 0.8
# A question the guidance store would answer leaves scope only when it has no relationship
# wording and the score is at least this (components/scope.py).
SURE_THRESHOLD = 0.9
# A clear question for the guidance store with no partner and no relationship wording leaves
# scope when the question twin (:meth:`ScopeModel.question_twin`) also judges it out, at a
# score of at least this (components/scope.py).
TWIN_FLOOR = 0.5
# Below this many words a message with no partner in it is a short question or remark more
# often than a story about another part of life: it needs its own threshold.
SHORT_WORDS = 20
OUT, IN = "out_of_scope", "in_scope"
# content/scope/LEARNT/: development scope sets the classifier learns (:func:`learnt_sets`).
LEARNT = "learnt"
CHARS = (2, 5)

_PARTNER_WORDS = (
    r"partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|spouse|bf|gf|hubby|other half|"
    r"missus|wifey"
)
_PARTNER = re.compile(rf"\b(?:{_PARTNER_WORDS})\b", re.IGNORECASE)
# Someone else's partner ("her boyfriend", "my housemate's girlfriend") is not the person's own.
_OTHERS_PARTNER = re.compile(
    rf"\b(?:her|his|their|(?!(?:my|our|{_PARTNER_WORDS})\b)[a-z]+'s) (?:new |ex-?)?"
    rf"(?:{_PARTNER_WORDS})\b",
    re.IGNORECASE,
)
# What a message says about the two of them: a partner named in passing ("my wife says I
# should ask for a raise") is not such a cue, the couple's own closeness, talk or rows are.
_RELATIONSHIP_CUES = re.compile(
    r"\b(?:relationships?|marriages?|married life|couples?|date nights?|romance|romantic|spark|"
    r"intimacy|affection|each other)\b|\bbetween us\b|\b(?:as|like) a couple\b|"
    rf"\b(?:{_PARTNER_WORDS}) and i (?:never|barely|hardly|don'?t|can'?t|keep|always|used to)\b|"
    r"\bwe (?:keep|always|never|barely|hardly|don'?t|can'?t|used to|both)\b[^.?!]{0,40}"
    r"\b(?:talk|fight|argue|argu\w+|bicker\w*|row|touch|kiss|hug|connect|laugh|spend time)\b|"
    r"\b(?:we|i) (?:feel|felt|are|'re|have|'ve) (?:so )?(?:distant|disconnected|drifting|"
    r"drifted|apart|lonely|like (?:roommates|flatmates|strangers))\b|"
    r"\b(?:close|closer) (?:to|with) (?:him|her|them)\b|"
    # what a message says about the two of them even when the partner is only "he" or "she"
    r"\b(?:reach|letting|let) (?:him|her)(?: down)?\b|\bshut(?:s|ting)? me out\b|"
    r"\b(?:feel|felt|feeling) (?:\w+ )?(?:shut out|pushed away|unwanted|unloved|"
    r"rejected by (?:him|her))\b|\bmiss(?:es|ing)? (?:him|her|us)\b|"
    r"\bpush(?:es|ed|ing)? (?:me|him|her) away\b|\b(?:the )?last time (?:we|he|she)\b|"
    r"\bwe(?:'ve| have)? (?:barely|hardly|never|not) (?:spoken|talked|touched|laughed)\b|"
    r"\ball we (?:ever )?do is\b|\b(?:he|she) (?:wouldn'?t|won'?t|doesn'?t) (?:even )?notice\b|"
    r"\btwo people (?:who|that) (?:share|live)\b|"
    r"\bemotional(?:ly)? (?:distance|distant|disconnect\w*|absent|unavailable|intimacy|"
    r"connection|neglect\w*)\b|\bdistance between us\b|"
    r"\b(?:next to|beside|cuddl\w+ up to|close to) (?:him|her)\b|"
    r"\b(?:separate (?:beds|bedrooms|rooms)|sleep(?:ing)? apart)\b|"
    r"\b(?:avoid(?:s|ed|ing)?|dodg(?:e|es|ed|ing)|hid(?:e|es|ing) from|flinch\w* when) "
    r"(?:him|her)\b|\b(?:past|through) this with (?:him|her)\b|"
    r"\b(?:he|she) wants to (?:fix|solve) things\b|\bmeet (?:him |her )?in the middle\b|"
    r"\bwe (?:fight|argue|row|bicker|drifted|grew apart)\b|\bworth (?:saving|fixing|staying|"
    r"fighting for)\b|\b(?:emotional affair|had an affair|i cheated|(?:he|she) cheated)\b|"
    r"\bforgiv(?:e|ing) (?:him|her|what (?:he|she))\b|"
    # staying or leaving, and the score kept between two people
    r"\b(?:dump|leave|leaving|divorce|divorcing) (?:him|her)\b|\b(?:want|wants|wanting) out\b|"
    r"\bcall(?:ing)? it quits\b|\bkeep(?:s|ing)? score\b|\b(?:running )?tally of\b|"
    # what the partner feels about the two of them, or what one wants to give the other
    r"\b(?:lose|losing|be there for|show up for|make it up to|fix things with|make time for) "
    r"(?:him|her|us)\b|\b(?:he|she) (?:says|said|feels|felt|thinks)(?: (?:he|she))?(?: feels)?"
    r"(?: like)? (?:an afterthought|invisible|neglected|ignored|second|lonely|alone|unwanted|"
    r"like a single parent)\b|"
    # what one has become to the other, or how little time is left for them
    r"\bi feel like (?:his|her) (?:roommate|flatmate|housemate|lodger|mum|mother|maid|carer|"
    r"nurse|cleaner|secretary|assistant|pa)\b|\b(?:he|she) never (?:sees|see) me\b|"
    r"\b(?:i'm|i am) never (?:around|home|there) (?:for (?:him|her)|anymore)?|"
    r"\bthe (?:little )?time we (?:do )?(?:have|get|spend)\b|"
    # what the partner says the person has become to them: never there, always distracted
    rf"\b(?:{_PARTNER_WORDS}|he|she) (?:says|said|thinks|reckons|told me|complains?) (?:that )?"
    r"(?:i'm|i am|i've been|i have been) (?:never|always|not|so) (?:really )?(?:there|around|"
    r"home|present|listening|distracted|distant|absent|on my phone|somewhere else)\b|"
    r"\bwe(?:'ve| have| are|'re)? (?:basically |just |now )?(?:become |turned into |like )?"
    r"(?:a |two )?"
    r"(?:logistics team|flatmates|housemates|colleagues|strangers|co-?parents|business partners|"
    r"roommates|ships in the night)\b",
    re.IGNORECASE,
)
# A partner who only reports, advises, agrees or helps: named in passing.
_PASSING_PARTNER = re.compile(
    rf"\b(?:{_PARTNER_WORDS})(?:'s| is| has| was)? (?:\w+ ){{0,2}}?(?:says?|said|thinks?|"
    r"thought|reckons?|suggest\w*|agrees?|advised|told me to|wants? (?:me|us) to|"
    r"(?:is|'s|was|has been) (?:really |very |so )?(?:supportive|great about it|fine with it)|"
    r"(?:is|'s) going to (?:drive|take|come)|offered to|will (?:drive|take|come))\b|"
    # the two of them share an errand: a trip, a wedding, a purchase, a fact to settle
    rf"\b(?:(?:{_PARTNER_WORDS}) and i|me and my (?:{_PARTNER_WORDS}))(?: are| were|'re)? "
    r"(?:both )?(?:going|heading|off|flying|travelling|traveling|getting married|planning|"
    r"buying|moving house|redoing|renovating|booking|having a debate|(?:want|need) to (?:get|"
    r"buy|book|renew|find|learn|start)|can'?t (?:decide|agree) (?:between|on|which))\b|"
    # what belongs to the partner's world: a parent, an ex, the job's paperwork
    rf"\b(?:{_PARTNER_WORDS})'s (?:mum|mom|dad|mother|father|parents|sister|brother|ex|"
    r"company|employer|boss|cv|visa|passport|car|laptop|phone)\b|"
    # the partner wants a thing, or the person's help with one
    rf"\b(?:{_PARTNER_WORDS}) wants (?:to (?:get|buy|adopt|book|retire)|me to help)\b",
    re.IGNORECASE,
)
# Sentences that ask: the request a message ends on says what it wants help with.
_SENTENCE = re.compile(r"[^.?!\n]+[.?!]*")
_ASKING = re.compile(
    r"^\s*(?:how|what|whats|what's|why|should|shall|is|are|can|could|do|does|did|any|anyone|"
    r"where|who|which|when|would|will|has|have|need|help|tips|ideas?|advice|please|i need|"
    r"i want to know|wondering)\b",
    re.IGNORECASE,
)
# In the request itself: the two of them (the partner, "us", closeness) or something else.
_ASK_COUPLE = re.compile(
    rf"\b(?:{_PARTNER_WORDS}|him|her|us|each other|together|relationship|marriage|close|"
    r"closer|connect\w*|distant|drift\w*|spark|romance|romantic|intima\w+|affection\w*|"
    r"love|miss|lonely|couples?|as a couple|sex|trust|fight\w*|argu\w+|bicker\w*)\b",
    re.IGNORECASE,
)
# Help for the couple is about the relationship, however much it sounds like logistics.
_COUPLE_HELP = re.compile(
    r"\b(?:couples?|marriage|relationship) (?:therapy|therapists?|counsell?(?:ing|ors?)|"
    r"counsel(?:ing|ors?)|coach(?:ing)?|workshops?|courses?)\b|\brelate\b",
    re.IGNORECASE,
)
# ...unless what is asked is the booking itself: prices, dates, places, insurance. The
# classifier decides those ("how much is couples counselling in the uk").
_BOOKING = re.compile(
    r"\b(?:costs?|price[sd]?|fees?|how much (?:is|are|does|do|would)|appointments?|dates|"
    r"book(?:ing)? (?:onto|on|in)|insurance|waiting lists?|near (?!us\b|me\b|here\b)[a-z]+)\b",
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
_MARKS = re.compile(r"(?:\s+zz[a-z]+)+$")
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def words(text: str) -> int:
    """How many words ``text`` has."""
    return len(text.split())


def mentions_distress(text: str) -> bool:
    """Whether the message carries distress (worry, exhaustion, panic, tears...)."""
    return bool(_DISTRESS.search(text or ""))


def has_relationship_cue(text: str) -> bool:
    """Whether the message says something plainly about the couple (not a partner in passing)."""
    return bool(_RELATIONSHIP_CUES.search(text or ""))


def names_partner(text: str) -> bool:
    """Whether the message names a partner (husband, girlfriend, other half...)."""
    text = _OTHERS_PARTNER.sub(" ", text or "")
    return bool(_PARTNER.search(text))


def kind_of(text: str) -> int:
    """Which threshold applies to ``text`` (an index into ``ScopeModel.thresholds``).

    0 a long message with no partner in it (or a short one about one's own mood:
    :func:`own_mood`), 1 a short one, 2 a partner named, 3 a plain relationship cue
    (:func:`has_relationship_cue`).
    """
    if has_relationship_cue(text):
        return 3
    if names_partner(text):
        return 2
    if words(text) >= SHORT_WORDS or own_mood(text):
        return 0
    return 1


def own_mood(text: str) -> bool:
    """Distress with no couple word at all: one's own low mood, not a question to the coach."""
    return mentions_distress(text) and not _COUPLE_WORDS.search(text or "")


def judged(text: str) -> bool:
    """Whether the classifier judges ``text`` at all.

    Not below ``MIN_WORDS`` words (the intent classifier's job), nor help for the couple
    (couples counselling, a relationship course) unless what is asked is its booking: prices,
    dates, a place, insurance.
    """
    if words(text) < MIN_WORDS:
        return False
    return not (_COUPLE_HELP.search(text) and not _BOOKING.search(text))


def ask_of(text: str) -> str:
    """The part of a message that asks for something: its questions, else its last sentence."""
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(text or "")]
    sentences = [s for s in sentences if s]
    asks = [s for s in sentences if s.endswith("?") or _ASKING.search(s)]
    return " ".join(asks or sentences[-1:])


def asks(texts: list[str]) -> list[str]:
    """:func:`ask_of` for each text (the learnt view of what a message asks for).

    The marker words :func:`marked` adds are left out: they are not part of the request.
    """
    return [ask_of(_MARKS.sub("", t)) for t in texts]


def marked(text: str) -> str:
    """``text`` plus marker words for how much it talks about a couple (a learned feature).

    Besides how many couple words it has: whether a partner is named, named only in passing
    (saying, advising, driving), whether the message says something about the two of them
    (:func:`has_relationship_cue`), and whether its request is about them or something else.
    """
    text = text or ""
    count = len(_COUPLE_WORDS.findall(text))
    marks = " zzcouple" * min(count, 4) if count else " zznocouple"
    if _MY_PARTNER.search(text):
        marks += " zzmypartner"
    if _PASSING_PARTNER.search(text):
        marks += " zzpassing"
    marks += " zzcue" if has_relationship_cue(text) else " zznocue"
    marks += " zzaskcouple" if _ASK_COUPLE.search(ask_of(text)) else " zzaskother"
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


def learnt_sets(content_dir: Path = CONTENT_DIR) -> dict[str, tuple[list[str], list[str]]]:
    """The development scope sets the classifier learns (``content/scope/learnt/``).

    By file name: (other-life messages, relationship messages). Each is a copy of a labelled
    development set of ``tests/data`` already measured; ``bench/scope_cv.py`` leaves each one
    out of training when it measures it.
    """
    found: dict[str, tuple[list[str], list[str]]] = {}
    for path in sorted((content_dir / "scope" / LEARNT).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found[path.name] = (
            [str(t) for t in data.get(OUT) or []],
            [str(t) for t in data.get(IN) or []],
        )
    return found


def training_set(
    content_dir: Path = CONTENT_DIR,
    nlu_dir: Path = PROJECT_ROOT / "data" / "nlu",
    leave_out: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """(texts, labels): other-life-area messages vs relationship messages and NLU examples.

    The relationship side also has the situation reader's first messages
    (``content/situations/``): hundreds of real-style messages about a couple, many of
    which mention work, sleep, health or money. Both sides have the learnt development sets
    (:func:`learnt_sets`) but those named in ``leave_out`` (for leave-one-set-out measurement).
    """
    texts: list[str] = []
    labels: list[str] = []
    for name, (other, relationship) in learnt_sets(content_dir).items():
        if name in leave_out:
            continue
        texts += other + relationship
        labels += [OUT] * len(other) + [IN] * len(relationship)
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


def question_texts(answers_dir: Path = ANSWERS_DIR) -> list[str]:
    """The labelled questions people asked the coach (``data/answers/``): all in scope."""
    texts: list[str] = []
    for path in sorted(answers_dir.glob("*.yml")) if answers_dir.is_dir() else []:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and item.get("text"):
                texts.append(str(item["text"]))
    return texts


def scope_fingerprint(content_dir: Path = CONTENT_DIR, answers_dir: Path = ANSWERS_DIR) -> str:
    """A hash of the scope content and this module (what the trained classifiers depend on)."""
    digest = hashlib.sha256()
    data = [*sorted((content_dir / "scope").glob("*.yml"))]
    data += sorted((content_dir / "scope" / LEARNT).glob("*.yml"))
    data += sorted((content_dir / "situations").glob("situations_*.yml"))
    data += sorted(answers_dir.glob("*.yml")) if answers_dir.is_dir() else []
    for path in [*data, Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class ScopeModel:
    """The trained decision: ``out_of_scope(text)`` and its probability."""

    pipeline: Pipeline = field(repr=False)
    threshold: float = THRESHOLD
    short_threshold: float = SHORT_THRESHOLD
    partner_threshold: float = PARTNER_THRESHOLD
    cue_threshold: float = CUE_THRESHOLD

    @classmethod
    def train(cls, texts: list[str], labels: list[str]) -> ScopeModel:
        """Fit the classifier on ``texts`` labelled ``out_of_scope`` / ``in_scope``."""
        on = True
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHARS, sublinear_tf=on)),
                (
                    "ask",
                    make_pipeline(
                        FunctionTransformer(asks),
                        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                    ),
                ),
            ]
        )
        pipeline = Pipeline(
            [
                ("features", features),
                ("classifier", LogisticRegression(C=3.0, class_weight="balanced", max_iter=2000)),
            ]
        )
        pipeline.fit([marked(t) for t in texts], labels)
        return cls(pipeline)

    @classmethod
    def default(cls, leave_out: frozenset[str] = frozenset()) -> ScopeModel:
        """Trained on the project's scope content and NLU data (``leave_out``: learnt sets)."""
        return cls.train(*training_set(leave_out=leave_out))

    @classmethod
    def question_twin(cls, exclude: frozenset[str] = frozenset()) -> ScopeModel:
        """The classifier trained as :meth:`default` plus the labelled questions, all in scope.

        The questions people asked the coach (``data/answers/``) teach it what a question
        about the relationship looks like when it names no partner ("is it my fault?",
        "what kind of therapy is good for this"). It judges clear questions for the guidance
        store (components/scope.py). ``exclude`` leaves questions out (lower-cased), for
        leave-one-set-out measurement (``bench/scope_cv.py``).
        """
        texts, labels = training_set()
        asked = [t for t in question_texts() if t.strip().lower() not in exclude]
        return cls.train(texts + asked, labels + [IN] * len(asked))

    def twin_out(self, text: str) -> bool:
        """As the question twin: out of scope, at a score of at least ``TWIN_FLOOR``."""
        return self.out_of_scope(text) and self.probability_out(text) >= TWIN_FLOOR

    def probability_out(self, text: str) -> float:
        """How likely ``text`` is mainly about another part of life."""
        classes = list(self.pipeline.classes_)
        return float(self.pipeline.predict_proba([marked(text)])[0][classes.index(OUT)])

    def needed(self, text: str) -> float:
        """The score a message must reach to leave scope, by what it says about a couple."""
        return self.thresholds()[kind_of(text)]

    def thresholds(self) -> tuple[float, float, float, float]:
        """The thresholds by :func:`kind_of`: long, short, partner named, relationship cue."""
        return (self.threshold, self.short_threshold, self.partner_threshold, self.cue_threshold)

    def surely_out(self, text: str) -> bool:
        """Out of scope, no relationship wording, a score of ``SURE_THRESHOLD``.

        A partner may be named in passing ("my boyfriend wants a puppy, how much exercise does
        a labrador need"): no open question of the development sets that names a partner
        without relationship wording scores that high.
        """
        text = (text or "").strip()
        if kind_of(text) > 2 or not self.out_of_scope(text):
            return False
        return self.probability_out(text) >= SURE_THRESHOLD

    def out_of_scope(self, text: str) -> bool:
        """Whether a message is long enough to judge and mainly about something else."""
        text = (text or "").strip()
        if not judged(text):
            return False
        return self.probability_out(text) >= self.needed(text)
