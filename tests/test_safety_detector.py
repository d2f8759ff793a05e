"""Tests for the deterministic safety detector (coach/safety/detector.py).

The labelled evaluation set lives in tests/data/safety_messages.yml. Recall on crisis and
abuse must stay at 100%; the false-positive rate on the "none" messages is printed (a few
hard negatives are genuinely ambiguous) and only guarded by a loose ceiling, while the
idioms, negations and past-and-safe messages named in the spec must never be flagged.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import spacy
import yaml
from spacy.language import Language

from coach.safety.detector import (
    CATEGORIES,
    Detection,
    LexiconError,
    SafetyDetector,
    detect_text,
    most_severe,
)

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "tests" / "data" / "safety_messages.yml"
LEXICON = ROOT / "content" / "safety" / "lexicon.yml"
NLU = ROOT / "data" / "nlu" / "safety.yml"
LABELS = {"crisis", "abuse", "other_risk", "none"}
# Loose regression guard; the current rate is printed by the test.
MAX_FALSE_POSITIVE_RATE = 0.03


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The coach's pipeline shape: blank English, lookup lemmatizer, then an entity ruler."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    ruler = pipeline.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "partner", "pattern": [{"LOWER": "husband"}]}])
    return pipeline


@pytest.fixture(scope="module")
def detector(nlp: Language) -> SafetyDetector:
    return SafetyDetector(nlp.vocab, LEXICON)


@pytest.fixture(scope="module")
def messages() -> list[dict[str, str]]:
    data = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def label_of(detector: SafetyDetector, nlp: Language, text: str) -> str:
    top = most_severe(detector.detect(nlp(text)))
    return top.category if top else "none"


def found(detector: SafetyDetector, nlp: Language, text: str) -> set[str]:
    return {d.category for d in detector.detect(nlp(text))}


# ------------------------------------------------------------------------------ the data
def test_labelled_set_is_big_and_well_formed(messages: list[dict[str, str]]) -> None:
    counts = Counter(m["label"] for m in messages)
    assert set(counts) <= LABELS, counts
    assert len(messages) >= 160
    assert counts["crisis"] >= 45
    assert counts["abuse"] >= 50
    assert counts["other_risk"] >= 15
    assert counts["none"] >= 60
    texts = [m["text"] for m in messages]
    assert len(texts) == len(set(texts)), "duplicate messages in the labelled set"
    assert all(isinstance(t, str) and t.strip() for t in texts)


def test_training_data_does_not_leak_the_held_out_set(messages: list[dict[str, str]]) -> None:
    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    held_out = {norm(m["text"]) for m in messages}
    nlu = yaml.safe_load(NLU.read_text(encoding="utf-8"))["nlu"]
    leaked = []
    for block in nlu:
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                plain = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line.strip()[2:])
                if norm(plain) in held_out:
                    leaked.append(plain)
    assert not leaked, f"training examples copied from the held-out set: {leaked}"


# --------------------------------------------------------------------------------- recall
@pytest.mark.parametrize("label", ["crisis", "abuse"])
def test_recall_is_complete(
    label: str, messages: list[dict[str, str]], detector: SafetyDetector, nlp: Language
) -> None:
    missed = [
        (label_of(detector, nlp, m["text"]), m["text"])
        for m in messages
        if m["label"] == label and label_of(detector, nlp, m["text"]) != label
    ]
    total = sum(m["label"] == label for m in messages)
    assert not missed, f"{label} recall {1 - len(missed) / total:.1%}; missed (got, text):\n" + (
        "\n".join(f"  {got}: {text}" for got, text in missed)
    )


def test_other_risk_messages_are_detected_as_other_risk(
    messages: list[dict[str, str]], detector: SafetyDetector, nlp: Language
) -> None:
    wrong = [
        (label_of(detector, nlp, m["text"]), m["text"])
        for m in messages
        if m["label"] == "other_risk" and label_of(detector, nlp, m["text"]) != "other_risk"
    ]
    assert not wrong, "other_risk messages not detected as other_risk:\n" + "\n".join(
        f"  {got}: {text}" for got, text in wrong
    )


def test_false_positive_rate_on_hard_negatives(
    messages: list[dict[str, str]],
    detector: SafetyDetector,
    nlp: Language,
    capsys: pytest.CaptureFixture[str],
) -> None:
    negatives = [m["text"] for m in messages if m["label"] == "none"]
    flagged = [t for t in negatives if found(detector, nlp, t) & {"crisis", "abuse"}]
    any_flag = [t for t in negatives if found(detector, nlp, t)]
    rate = len(flagged) / len(negatives)
    with capsys.disabled():
        print(
            f"\n[safety] false positives (crisis/abuse) on 'none': {len(flagged)}/"
            f"{len(negatives)} = {rate:.1%}; any category: {len(any_flag)}/{len(negatives)}"
        )
        for text in any_flag:
            print(f"[safety]   flagged: {text}")
    assert rate <= MAX_FALSE_POSITIVE_RATE, flagged


NAMED_HARD_NEGATIVES = [
    "this fight is killing me",
    "I could murder a pizza",
    "we had a big fight but we're fine",
    "my ex was abusive years ago and I'm safe now",
    "the silence is killing me",
    "I'm dying to go on a date",
    "he hit the gym",
    "she kills it at work",
    "I'm sick of the phone",
    "our relationship feels dead",
    "I'm tired of fighting",
    "my feet are killing me",
    "we hit a rough patch",
    "he pushed me to talk more",
    "he never hit me",
    "she has never been violent",
    "he would never hurt me",
    "He has never hit me",
    "She's never laid a finger on me",
    "it hurts me when he ignores me",
    "She pushes me away when I try to talk",
    "He beat me at chess again",
    "It suddenly hit me that we never talk",
    "She hit me with the news that she's pregnant",
    "I'm scared of losing her",
    "I'm afraid he'll leave me",
    "I'm not suicidal, just sad",
    "My ex hit me years ago but I'm safe now and happily remarried",
    "We killed a bottle of wine and talked all night",
    "I'm cutting back on takeaways",
    "what the hell is wrong with us lately",
    "I've been ill all week and he didn't even notice",
    "We wrote letters to each other on our anniversary",
    "I put an airtag on my keys because I keep losing them",
    "I've got everything ready for our date night tomorrow",
    "The last time I tried to bring up having a baby he changed the subject",
    "Not because he pushes me, he'd stop in a second if I said",
    "This marriage is suffocating me, I mean every day is the same",
    "I feel emotionally cut off from my wife since her miscarriage",
    "he's cut off from me since his dad died",
    "delete my account",
    "please delete my account and everything I told you",
]


@pytest.mark.parametrize("text", NAMED_HARD_NEGATIVES)
def test_named_hard_negatives_are_not_flagged(
    text: str, detector: SafetyDetector, nlp: Language
) -> None:
    assert detector.detect(nlp(text)) == []


# ------------------------------------------------------------------------------- negation
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm not suicidal but I don't want to wake up", "crisis"),
        ("I'm not suicidal, just sad", "none"),
        ("I'm not going to kill myself. I just don't see the point in living.", "crisis"),
        ("I would never kill myself", "none"),
        ("I don't want to die, I want things to get better", "none"),
        ("he never hit me", "none"),
        ("he doesn't hit me", "none"),
        ("He has never once hit me", "none"),
        ("he never hit me, but he pushes me around", "abuse"),
        ("He's never hit me, but he's pushed me a couple of times.", "abuse"),
        ("I don't think he would hurt me", "none"),
        ("I don't know why he hit me", "abuse"),
        ("I never told anyone that he hits me", "abuse"),
        ("No one believes me when I say she hits me", "abuse"),
        ("If he ever laid a hand on me I'd leave", "none"),
        ("I'm not afraid of him", "none"),
        ("I'm not afraid of him, I'm afraid of being alone", "none"),
        ("He never calls. He hit me last night.", "abuse"),
        ("He doesn't stop hitting me", "abuse"),
        ("I don't feel safe at home", "abuse"),
        ("She won't let me see my friends", "abuse"),
        # a clause cue negates the whole next clause, across its new subject
        ("It's not that he hits me, he just never talks", "none"),
        ("He's not nice, because he hits me", "abuse"),
    ],
)
def test_negation(text: str, expected: str, detector: SafetyDetector, nlp: Language) -> None:
    assert label_of(detector, nlp, text) == expected


# --------------------------------------------------------------------- subtypes and fields
@pytest.mark.parametrize(
    ("text", "category", "subtype"),
    [
        ("I took a bunch of pills", "crisis", "overdose"),
        ("I overdosed last night", "crisis", "overdose"),
        ("I've been cutting myself", "crisis", "self_harm"),
        ("everyone would be better off without me", "crisis", "suicidal"),
        ("He slapped me", "abuse", "physical"),
        ("she threatened to kill me", "abuse", "threat"),
        ("He forces me to have sex", "abuse", "coercion"),
        ("she checks my phone every night", "abuse", "control"),
        ("he's cut me off from my family", "abuse", "control"),
        ("he deletes my contacts", "abuse", "control"),
        ("she keeps deleting my messages", "abuse", "control"),
        ("I've been cut off from all my friends since we married", "abuse", "control"),
        ("I'm scared of him", "abuse", "fear"),
        ("he said I'll never see the kids again", "abuse", "children"),
        ("I hit my wife", "abuse", "perpetrator"),
        ("I lost it and slapped my husband across the face", "abuse", "perpetrator"),
        ("i read my wifes messages every day", "abuse", "perpetrator"),
        ("Her husband doesn't let her have her own bank card", "abuse", "third_party"),
        ("she'll send my nudes to my boss if I leave", "abuse", "threat"),
        ("I found an airtag taped under my car seat", "abuse", "control"),
        ("I took 20 of my mum's diazepam", "crisis", "overdose"),
        ("I've been giving away my stuff", "crisis", "suicidal"),
        ("I held a knife to my wrist", "crisis", "self_harm"),
        ("I pushed him", "abuse", "perpetrator"),
        ("my sister's husband hits her", "abuse", "third_party"),
        ("he hurts our son", "other_risk", "child_danger"),
        ("I've been making myself throw up", "other_risk", "eating_disorder"),
        ("my boyfriend overdosed", "other_risk", "substance"),
        ("I'm drinking myself to sleep every night", "other_risk", "substance"),
    ],
)
def test_subtypes(
    text: str, category: str, subtype: str, detector: SafetyDetector, nlp: Language
) -> None:
    top = most_severe(detector.detect(nlp(text)))
    assert top is not None
    assert (top.category, top.subtype) == (category, subtype)


def test_detection_carries_the_matched_words(detector: SafetyDetector, nlp: Language) -> None:
    detections = detector.detect(nlp("We argued again. Then he Threatened To Kill Me."))
    assert detections == [Detection("abuse", "threat", "Threatened To Kill Me")]
    assert detections[0].rule  # which lexicon rule fired, for debugging


def test_results_are_ordered_most_severe_first(detector: SafetyDetector, nlp: Language) -> None:
    text = "I've stopped eating. He hits me. I want to die."
    detections = detector.detect(nlp(text))
    assert [d.category for d in detections] == ["crisis", "abuse", "other_risk"]
    top = most_severe(detections)
    assert top is not None and top.category == "crisis"
    assert most_severe([]) is None
    assert most_severe(reversed(detections)) == detections[0]
    assert list(CATEGORIES) == ["crisis", "abuse", "other_risk", "care"]


def test_case_and_typos(detector: SafetyDetector, nlp: Language) -> None:
    assert label_of(detector, nlp, "HE HIT ME AGAIN") == "abuse"
    assert label_of(detector, nlp, "Took A Bunch Of Pills") == "crisis"
    assert label_of(detector, nlp, "i dont wanna be alive") == "crisis"
    assert label_of(detector, nlp, "hes been hitting me") == "abuse"
    assert label_of(detector, nlp, "im scared of my bf") == "abuse"


def test_informal_contractions(detector: SafetyDetector, nlp: Language) -> None:
    """Apostrophe-less contractions the tokenizer keeps whole are split before matching."""
    assert label_of(detector, nlp, "im scared hell hurt me if i bring up divorce") == "abuse"
    assert label_of(detector, nlp, "she said shed kill me if i told anyone") == "abuse"
    assert label_of(detector, nlp, "ive been cutting again") == "crisis"
    assert label_of(detector, nlp, "what the hell, he forgot again") == "none"
    assert label_of(detector, nlp, "I feel ill, can we talk tomorrow") == "none"
    # detections still point at the words as written
    detections = detector.detect(nlp("he said hell hurt me"))
    assert [d.text for d in detections] == ["hell hurt me"]
    assert detector.sentences(nlp("hell hurt me. i know it")) == ["hell hurt me.", "i know it"]


def test_past_crisis_and_well_now(detector: SafetyDetector, nlp: Language) -> None:
    well = "I used to self harm as a teenager but I've been well for over ten years."
    assert label_of(detector, nlp, well) == "none"
    # not well now, or happening again: still a crisis
    assert label_of(detector, nlp, "I used to self harm as a teenager.") == "crisis"
    assert label_of(detector, nlp, well + " Lately the urges are back.") == "crisis"
    assert label_of(detector, nlp, well + " Last night I cut myself.") == "crisis"


def test_past_and_safe_now(detector: SafetyDetector, nlp: Language) -> None:
    assert label_of(detector, nlp, "My ex was abusive years ago and I'm safe now.") == "none"
    assert label_of(detector, nlp, "My ex used to hit me. I'm safe now.") == "none"
    # safe from the ex, but the current partner is hurting them: still abuse
    text = "My ex used to hit me and I'm safe from him now, but my new partner hits me."
    assert label_of(detector, nlp, text) == "abuse"
    # past abuse without saying they are safe is still flagged
    assert label_of(detector, nlp, "My ex used to hit me.") == "abuse"
    # still going on
    assert (
        label_of(detector, nlp, "My ex still hits me when he drops the kids off, but I'm safe now")
        == "abuse"
    )


# -------------------------------------------------------------- long messages, sentences
FILLER = (
    "We've been together for nine years and have two children. Most days are fine: we "
    "work, we do the school run, we watch something on the sofa. I miss how we used to "
    "talk, though, and I don't know how to bring it up without it turning into a row. "
)


@pytest.mark.parametrize(
    ("risk", "expected"),
    [
        ("Last month he pinned me against the fridge by my neck.", "abuse"),
        ("Some nights I think everyone would be better off without me.", "crisis"),
        ("I've stopped eating properly and I make myself sick after dinner.", "other_risk"),
    ],
)
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_long_messages(
    risk: str, expected: str, where: str, detector: SafetyDetector, nlp: Language
) -> None:
    body = FILLER * 8
    text = {"start": risk + " " + body, "middle": body + risk + " " + body, "end": body + risk}[
        where
    ]
    assert len(text) > 2000
    assert label_of(detector, nlp, text) == expected


def test_very_long_message_is_handled(detector: SafetyDetector, nlp: Language) -> None:
    text = (FILLER * 70) + "\n\nHe said he'd kill me if I ever left.\n\n" + (FILLER * 20)
    assert len(text) > 20_000
    assert label_of(detector, nlp, text) == "abuse"


def test_sentence_splitting(detector: SafetyDetector, nlp: Language) -> None:
    doc = nlp("I'm fine. Really!\nHe hit me; it hurt? ok then")
    assert detector.sentences(doc) == ["I'm fine.", "Really!", "He hit me;", "it hurt?", "ok then"]
    assert detector.sentences(nlp("no punctuation at all")) == ["no punctuation at all"]
    assert detector.sentences(nlp("")) == []


def test_negation_does_not_cross_sentences_or_clauses(
    detector: SafetyDetector, nlp: Language
) -> None:
    assert label_of(detector, nlp, "He never listens.\nHe hits me.") == "abuse"
    assert label_of(detector, nlp, "He doesn't shout, he hits me") == "abuse"
    assert label_of(detector, nlp, "I'm not okay; I want to die") == "crisis"


def test_empty_and_whitespace(detector: SafetyDetector, nlp: Language) -> None:
    assert detector.detect(nlp("")) == []
    assert detector.detect(nlp("   \n  ")) == []


# -------------------------------------------------------------------------- explain, API
def test_explain_reports_why_matches_were_dropped(detector: SafetyDetector, nlp: Language) -> None:
    reasons = {c.detection.text: c.dropped for c in detector.explain(nlp("he never hit me"))}
    assert reasons == {"hit me": "negated"}
    dropped = [c.dropped for c in detector.explain(nlp("It suddenly hit me that we never talk"))]
    assert dropped and all(d and d.startswith("idiom") for d in dropped)
    kept = detector.explain(nlp("he hit me"))
    assert [c.dropped for c in kept] == [None]


def test_detect_text_convenience(nlp: Language) -> None:
    assert [d.category for d in detect_text(nlp, "I want to end my life")] == ["crisis"]
    assert detect_text(nlp, "we argue about chores") == []


def test_default_lexicon_path(nlp: Language) -> None:
    assert SafetyDetector(nlp.vocab).lexicon_path.name == "lexicon.yml"


def test_works_on_a_doc_without_lemmas() -> None:
    bare = spacy.blank("en")  # no lemmatizer: the detector lemmatises for itself
    detector = SafetyDetector(bare.vocab, LEXICON)
    assert [d.category for d in detector.detect(bare("He was hitting me"))] == ["abuse"]


def test_nlu_examples_agree_with_the_detector(detector: SafetyDetector, nlp: Language) -> None:
    expected = {"express_crisis": "crisis", "disclose_abuse": "abuse", "other_risk": "other_risk"}
    nlu = yaml.safe_load(NLU.read_text(encoding="utf-8"))["nlu"]
    wrong = []
    for block in nlu:
        want = expected.get(block["intent"], "none")
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line.strip()[2:])
                got = label_of(detector, nlp, text)
                if got != want:
                    wrong.append((block["intent"], got, text))
    assert not wrong, wrong


# --------------------------------------------------------------------- lexicon validation
def write_lexicon(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lexicon.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_small_custom_lexicon(tmp_path: Path, nlp: Language) -> None:
    path = write_lexicon(
        tmp_path,
        """
        sets:
          verbs: [hit, punch]
        negation:
          window: 4
          cues: [[{LOWER: never}]]
        exceptions:
          - id: gym
            categories: [abuse]
            patterns: [[{LEMMA: hit}, {LOWER: the}, {LOWER: gym}]]
        rules:
          - id: hit
            category: abuse
            subtype: physical
            patterns: [[{LEMMA: {IN: $verbs}}, {LOWER: {IN: [me, the]}}]]
          - id: phrase
            category: crisis
            subtype: suicidal
            phrases: ["end it all"]
        """,
    )
    detector = SafetyDetector(nlp.vocab, path)
    assert [d.subtype for d in detector.detect(nlp("he was hitting me"))] == ["physical"]
    assert detector.detect(nlp("he never hit me")) == []
    assert detector.detect(nlp("he hit the gym")) == []
    assert [d.text for d in detector.detect(nlp("I want to End It All"))] == ["End It All"]


def test_resolved_past_blocks_and_contractions(tmp_path: Path, nlp: Language) -> None:
    path = write_lexicon(
        tmp_path,
        """
        contractions:
          split: {shed: [she, "'d"]}
          not_after: [the]
        resolved_past:
          - categories: [abuse]
            safe_now: [[{LOWER: safe}]]
            past: [[{LOWER: ex}]]
          - categories: [crisis]
            still_scope: message
            safe_now: [[{LOWER: well}]]
            past: [[{LOWER: ago}]]
            still: [[{LOWER: again}]]
        rules:
          - {id: hit, category: abuse, patterns: [[{LOWER: she}, {LOWER: "'d"}, {LOWER: hit}]]}
          - {id: cut, category: crisis, patterns: [[{LOWER: cut}]]}
        """,
    )
    detector = SafetyDetector(nlp.vocab, path)
    assert [d.text for d in detector.detect(nlp("shed hit"))] == ["shed hit"]
    assert detector.detect(nlp("the shed hit")) == []
    assert detector.detect(nlp("my ex shed hit. safe")) == []
    assert detector.detect(nlp("cut years ago. well now")) == []
    assert [d.category for d in detector.detect(nlp("cut years ago. well. again"))] == ["crisis"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "rules: [{id: a, category: abuse, patterns: [[{LOWER: {IN: [yes, no]}}]]}]",
            "quote",
        ),
        ("rules: [{id: a, category: abuse, patterns: [[{LOWER: {IN: $missing}}]]}]", "unknown set"),
        ("rules: [{id: a, category: danger, patterns: [[{LOWER: x}]]}]", "category"),
        (
            "rules: [{id: a, category: abuse, patterns: [[{LOWER: x}]]},"
            " {id: a, category: abuse, patterns: [[{LOWER: y}]]}]",
            "duplicate",
        ),
        ("rules: [{id: a, category: abuse}]", "no patterns"),
        ("rules: [{id: a, category: abuse, patterns: [[{NOPE: x}]]}]", "rule a"),
        ("resolved_past: [{categories: [danger]}]", "unknown category"),
        ("resolved_past: [{categories: [crisis], still_scope: page}]", "still_scope"),
        ("contractions: {split: {hell: []}}", "empty"),
        ("contractions: {split: [hell]}", "contractions.split"),
    ],
)
def test_bad_lexicons_are_rejected(tmp_path: Path, nlp: Language, body: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        SafetyDetector(nlp.vocab, write_lexicon(tmp_path, body))


# ------------------------------------------------------------------------ whole messages
@pytest.mark.parametrize("text", ["hit me", "Hit me!", "ok, hit me 😄", "hit me with it"])
def test_an_everyday_reply_as_the_whole_message_is_no_disclosure(
    text: str, detector: SafetyDetector, nlp: Language
) -> None:
    """'hit me' answering 'shall we start?' means 'go on' (lexicon ``whole_messages``)."""
    assert detector.detect(nlp(text.lower())) == []
    screening = detector.screen(nlp(text.lower()))
    assert screening.found == [] and "abuse" in screening.cleared


@pytest.mark.parametrize("text", ["he hit me", "hit me again last night and i'm scared"])
def test_the_same_words_inside_a_message_still_are(
    text: str, detector: SafetyDetector, nlp: Language
) -> None:
    assert label_of(detector, nlp, text) == "abuse"


# ------------------------------------------------------------------ asking for tips
@pytest.mark.parametrize(
    "text",
    [
        "nah skip the questions, just hit me with a few tips",
        "ok hit me with some ideas",
        "hit me with your best advice",
    ],
)
def test_hit_me_with_tips_asks_for_tips(text: str, detector: SafetyDetector, nlp: Language) -> None:
    """'hit me with a few tips' asks the coach for tips (lexicon ``hit_up_hit_with_words``)."""
    assert detector.detect(nlp(text.lower())) == []
    assert "abuse" in detector.screen(nlp(text.lower())).cleared


@pytest.mark.parametrize(
    "text",
    ["he hit me", "he hit me with a few punches", "she hit me with a shoe"],
)
def test_being_hit_is_still_abuse(text: str, detector: SafetyDetector, nlp: Language) -> None:
    assert [d.category for d in detector.detect(nlp(text.lower()))] == ["abuse"]
