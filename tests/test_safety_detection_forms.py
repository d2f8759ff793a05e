"""Issue 22: the new detection forms, the replies they lead to, and what is not a risk.

The second round adds everyday forms, past risk that is over, joke markers, ordinary
phrases, and the sentence classifier's labelled messages and full-reply floor.

Messages here are written for the tests (none is copied from the blind evaluation sets).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.language import Language

from coach.safety.detector import SafetyDetector, most_severe
from coach.safety.resources import load_resources
from components.safety import (
    SafetyScreen,
    example_label,
    labelled_messages,
    new_sentence_classifier,
    training_pairs,
)

ROOT = Path(__file__).resolve().parent.parent


def verdict(detector: SafetyDetector, nlp: Language, text: str) -> str:
    """``category:subtype`` of the most severe finding, ``check:`` when not certain."""
    found = most_severe(detector.detect(nlp(text.lower())))
    if found is None:
        return "none"
    if not found.certain:
        return f"check:{found.category}"
    return f"{found.category}:{found.subtype}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partner's drinking, drugs or gambling: addiction support, not the suicide line
        ("his drinking", "other_risk:partner_addiction"),
        ("My wife's gambling has eaten our savings", "other_risk:partner_addiction"),
        ("my boyfriend does coke every weekend with his mates", "other_risk:partner_addiction"),
        ("He drinks every night until he falls asleep on the sofa", "other_risk:partner_addiction"),
        ("she went back to drinking after two years", "other_risk:partner_addiction"),
        ("my husband is an alcoholic", "other_risk:partner_addiction"),
        ("my girlfriend relapsed last month", "other_risk:partner_addiction"),
        ("he's using again and lying about it", "other_risk:partner_addiction"),
        # low self-worth without risk words: care
        ("I've let myself go and feel bad about myself", "care:self_worth"),
        ("I don't deserve her, she's out of my league", "care:self_worth"),
        ("why am I so bad at relationships", "care:self_worth"),
        ("Why do I always push my boyfriend away?", "care:self_worth"),
        # indirect crisis: a gentle check
        ("I honestly don't see any point in anything", "check:crisis"),
        ("I can't do this anymore", "check:crisis"),
        ("I'm tired of waking up, tired of all of it", "check:crisis"),
        ("I gave my dog to my sister today", "check:crisis"),
        ("I won't be here next week so it doesn't matter", "check:crisis"),
        ("tell him I love him. I tried. I really did.", "check:crisis"),
        # means and plans: the full crisis reply
        ("there's a hose and tape in the car boot", "crisis:suicidal"),
        ("I keep thinking of drinking the rat poison in the shed", "crisis:suicidal"),
        ("I'm standing by the train tracks", "crisis:suicidal"),
        # verbal abuse, monitoring, threats, reproductive coercion
        ("he calls me a worthless slut when he's angry", "abuse:emotional"),
        ("She tells me I'm pathetic in front of the kids", "abuse:emotional"),
        ("My husband watches me through the cameras in the lounge", "abuse:control"),
        ("he put a keylogger on my laptop", "abuse:control"),
        ("she's threatening to tell my boss about my diagnosis", "abuse:threat"),
        ("if I don't do what he says he'll send my parents the photos", "abuse:threat"),
        ("He threw a glass at me last night", "abuse:physical"),
        ("he hid my contraceptive pills", "abuse:coercion"),
        ("I check his mood before I go in the house", "check:abuse"),
        # the writer hurts, threatens or controls their partner
        ("I've been tracking my girlfriend's location", "abuse:perpetrator"),
        ("I told my wife I'll make her life hell if she leaves", "abuse:perpetrator"),
        ("I don't let my wife have her own bank card", "abuse:perpetrator"),
    ],
)
def test_new_forms(detector: SafetyDetector, nlp: Language, text: str, expected: str) -> None:
    assert verdict(detector, nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I just want us to be close again",
        "I lost my temper in an argument and I feel so guilty about it",
        "I feel guilty about how I spoke to her last night",
        "our toddler is trying to murder us with sleep deprivation",
        "he says he'll 'end me' if I eat his chips again, we were both laughing",
        "my wife keeps making me watch murder documentaries",
        "my husband was abused as a kid and hates being tickled",
        "He was drinking a lot when we met but he's been sober for five years",
        "I'm sick of being the one who always apologises",
        "we had a drink to celebrate our anniversary",
        "My ex tracked my phone, years ago now. My new partner is lovely.",
        "I still check his Instagram every day since we broke up",
        "she threatens to leave if I keep working weekends",
    ],
)
def test_not_a_risk_and_not_the_perpetrator_reply(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) in ("none", "care:self_worth")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Canada, in Calgary", "ca"),
        ("we're in Toronto", "ca"),
        ("I'm in Manchester", "uk"),
        ("we live near Cardiff", "uk"),
        ("I'm in Brisbane", "au"),
        ("we moved to Galway", "ie"),
        ("I'm in New York", "us"),
        ("Bay Area, two kids", "us"),
        ("I love my husband", None),
    ],
)
def test_country_from_cities_and_regions(text: str, code: str | None) -> None:
    assert load_resources().country_from_text(text) == code


def test_addiction_support_exists_for_every_country_or_falls_back() -> None:
    resources = load_resources()
    for code in resources.countries:
        lines = resources.addiction_lines(code)
        assert lines, code
        for line in lines:
            assert line.website and line.website.startswith("https://"), line.name
            assert line.sources and all(s.startswith("https://") for s in line.sources)
            # added without web access: no phone numbers until confirmed (see the file)
            assert line.phone is None and not line.checked, line.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hopelessness and preparations in everyday words: a gentle check
        ("work's gone, money's gone and most days I don't see the point.", "check:crisis"),
        ("nothing is ever going to get better for me", "check:crisis"),
        ("I give up. I really do.", "check:crisis"),
        ("sorry. i cant anymore", "check:crisis"),
        ("I've felt so hopeless lately", "check:crisis"),
        ("Honestly I don't care what happens to me now", "check:crisis"),
        ("tell him I'm sorry for everything. that's all", "check:crisis"),
        ("She can have the car, I won't be needing it.", "check:crisis"),
        ("I stopped taking my antidepressants a week ago and didn't tell anyone", "check:crisis"),
        (
            "he keeps asking about the marks, it's what I do to my arms when it gets bad",
            "check:crisis",
        ),
        ("who gets my life insurance if something happens to me soon?", "check:crisis"),
        # a plan, a final message, the car running in a closed garage: the full reply
        ("most nights I lie awake and think about ways to do it", "crisis:suicidal"),
        ("this is the last message to anyone from me", "crisis:suicidal"),
        ("I sat in the closed garage with the engine running for an hour", "crisis:suicidal"),
        # everyday abuse: gaslighting, placating, flinching, name-calling, violence started
        ("she swears I'm remembering it wrong every single time", "check:abuse"),
        ("I apologise for things I didn't do so the night stays calm", "check:abuse"),
        ("I say sorry just to stop the yelling", "check:abuse"),
        ("I flinch when he walks past me", "check:abuse"),
        ("he calls me names in front of his friends", "check:abuse"),
        ("the pushing started after the wedding", "abuse:physical"),
        # the writer controls or threatens their partner: the perpetrator reply
        ("I control all the money because I earn it", "abuse:perpetrator"),
        ("I told her I'll make sure she never sees the kids again", "abuse:perpetrator"),
        # a partner's gambling or drinking in everyday words
        ("she's on the pokies every night after work", "other_risk:partner_addiction"),
        ("my husband of 20 years is an alcoholic", "other_risk:partner_addiction"),
        # low self-worth: care
        ("I'm just not good enough for him", "care:self_worth"),
        ("I feel like such a failure next to her", "care:self_worth"),
        ("I always feel like the boring one at parties", "care:self_worth"),
    ],
)
def test_everyday_forms(detector: SafetyDetector, nlp: Language, text: str, expected: str) -> None:
    assert verdict(detector, nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # risk that is over, and the person is well now
        "I cut myself when I was 16. I haven't done it for well over ten years.",
        "At uni I had thoughts of suicide. That was 15 years ago and I'm in a good place.",
        "My ex-wife was violent, but that was years ago. I'm safe and really happy now.",
        "My ex was so controlling, wouldn't let me see my friends. We broke up 6 years ago.",
        "my wife is a recovering alcoholic, 5 years sober and doing brilliantly",
        # jokes, moving house, a relative's addiction
        "she said she'd kill me if I finished the show without her lol",
        "we're moving abroad so I've been giving away most of my books",
        "my grandad was an alcoholic and I worry about genes",
        # self-conscious is not self-harm, and self-harm is not self-conscious
        "I'm self-conscious about my body",
    ],
)
def test_not_a_risk_now(detector: SafetyDetector, nlp: Language, text: str) -> None:
    found = most_severe(detector.detect(nlp(text.lower())))
    assert found is None or found.category == "care", (text, found)


def test_a_hyphen_inside_a_word_keeps_the_clause(detector: SafetyDetector, nlp: Language) -> None:
    """ "ex-husband" is one clause with what follows it: the past cue counts."""
    doc = nlp("my ex-husband hit me, that was years ago and i'm safe now")
    layout = detector.layout(doc)
    assert layout.clause_of[1] == layout.clause_of[4]  # "ex" and "hit"
    assert detector.detect(doc) == []


def test_cleared_categories(detector: SafetyDetector, nlp: Language) -> None:
    """The rules say which categories they read and found no risk in now."""
    found, cleared, _ = detector.screen(nlp("years ago i self-harmed. i've been well for years"))
    assert found == [] and cleared == {"crisis"}
    found, cleared, _ = detector.screen(nlp("i self-harmed last night"))
    assert found and cleared == frozenset()
    assert detector.screen(nlp("we had a nice dinner")) == ([], frozenset(), ())


def test_ordinary_phrases(detector: SafetyDetector, nlp: Language) -> None:
    """Not knowing a partner's mind is a description, not a risk sentence."""
    text = "we barely speak. i don't even know what she's thinking about anymore"
    assert detector.screen(nlp(text)).ordinary == ("don't even know what she's",)
    assert detector.screen(nlp("i don't even know why i'm still here")).ordinary == ()
    # not knowing what a partner will do is fear, not a description (issue 22, fourth pass)
    assert detector.screen(nlp("i don't know what he'll do if i go")).ordinary == ()
    assert detector.screen(nlp("i don't know what she might do next")).ordinary == ()


def test_the_classifier_skips_ordinary_sentences() -> None:
    classifier = new_sentence_classifier()
    texts = ["i don't even know why i'm here anymore", "i can't go on anymore"]
    texts += ["we had dinner", "we watched a film", "lovely walk today", "nice holiday"]
    classifier.fit(texts, ["crisis"] * 2 + ["none"] * 4)
    screen = SafetyScreen({"crisis_threshold": 0.3}, None, None, classifier)  # type: ignore[arg-type]
    text = "We had dinner. I don't even know what he wants anymore"
    assert screen.sentence_risk(text)[0] == "crisis"
    assert screen.sentence_risk(text, ordinary=("don't even know what he",)) == ("none", 0.0)


def test_labelled_messages_teach_the_classifier(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(
        '- {text: "I keep the pills in a drawer. I count them.", label: crisis, expect: crisis}\n'
        '- {text: "His gambling. Rent is late.", label: none, expect: addiction_support}\n'
        '- {text: "We argued. We made up.", label: none, expect: none}\n'
        "- not a mapping\n",
        encoding="utf-8",
    )
    messages = labelled_messages(tmp_path)
    assert [example_label(m) for m in messages] == ["crisis", "other_risk", "none"]
    data = TrainingData([Message(data={"text": "hello there", "intent": "greet"})])
    texts, labels = training_pairs(data, messages)
    assert list(zip(texts, labels, strict=True)) == [
        ("hello there", "none"),
        ("i keep the pills in a drawer. i count them.", "crisis"),
        ("his gambling. rent is late.", "other_risk"),
        ("we argued. we made up.", "none"),
        ("we argued.", "none"),
        ("we made up.", "none"),
    ]


def test_the_labelled_messages_are_well_formed() -> None:
    messages = labelled_messages(ROOT / "data" / "safety")
    assert len(messages) >= 300
    for item in messages:
        assert item["label"] in ("crisis", "abuse", "none"), item


def test_new_labelled_messages_retrain_the_classifier(tmp_path: Path) -> None:
    """Rasa's cache must not reuse a classifier trained before the messages changed."""
    config = {"labelled_messages": str(tmp_path)}
    before = SafetyScreen.fingerprint_addon(config)
    (tmp_path / "a.yml").write_text('- {text: "hi", label: none}\n', encoding="utf-8")
    after = SafetyScreen.fingerprint_addon(config)
    assert before != after
    assert SafetyScreen.fingerprint_addon(config) == after


def test_a_joke_marker_turns_a_certain_finding_into_a_check(
    detector: SafetyDetector, nlp: Language
) -> None:
    assert verdict(detector, nlp, "she punched me in her sleep again lol") == "check:abuse"
    assert verdict(detector, nlp, "she punched me in her sleep again") == "abuse:physical"


def toy_screen(floor: float) -> SafetyScreen:
    classifier = new_sentence_classifier()
    texts = ["i want to die", "i will end it tonight", "he hits me", "he beats me"]
    texts += ["we had dinner", "we watched a film", "lovely walk today", "nice holiday"]
    classifier.fit(texts, ["crisis"] * 2 + ["abuse"] * 2 + ["none"] * 4)
    config = {"full_reply_min_probability": floor}
    return SafetyScreen(config, None, None, classifier)  # type: ignore[arg-type]


def test_the_full_reply_needs_the_classifier_to_see_the_category_at_all() -> None:
    screen = toy_screen(0.3)
    assert screen._confirmed("i want to die", "crisis")
    assert not screen._confirmed("we watched a film", "crisis")
    assert screen._confirmed("we watched a film", "other_risk")  # only crisis and abuse
    assert toy_screen(0.0)._confirmed("we watched a film", "crisis")  # 0 switches it off


def test_feeling_invisible_at_home_is_distance_not_low_self_worth(
    detector: SafetyDetector, nlp: Language
) -> None:
    text = "we don't really talk anymore and I feel invisible"
    assert verdict(detector, nlp, text) == "none"


# Third round (2026-12-06): ordinary words that read like a risk out of context, and the
# risks written with the same words that must still be found.
@pytest.mark.parametrize(
    "text",
    [
        "what do i do when he keeps saying nothing's wrong",
        "my mum died and my boyfriend has no idea what to say, so he says nothing",
        "she said I was attacking her when I asked about the chores",
        "he gets defensive, like I'm attacking him, whenever I say we're drifting",
        "after the baby I threw myself into work and we drifted",
        "honestly i just don't want to be around anyone this week, even him",
        "my wife was abused by her stepfather when she was little and hugs can be hard",
        "I can't go on pretending everything is fine between us at his parents'",
        "talking to him about money is like banging my head against a brick wall",
        "I hit myself with the cupboard door this morning, ouch",
        "she wants to see the receipt so she can take the jumper back",
    ],
)
def test_ordinary_words_that_read_like_a_risk(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    found = most_severe(detector.detect(nlp(text.lower())))
    assert found is None or found.category == "care", (text, found)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("he tells me i'm worthless every day", "abuse"),
        ("he says im nothing but a useless cow", "abuse"),
        ("she said i was hitting her and she's right, i did", "abuse"),
        ("i threw myself into the river last night", "crisis"),
        ("i don't want to be around anymore", "crisis"),
        ("i can't go on living like this", "crisis"),
        ("I can't go on like this", "crisis"),
        ("my husband was abused by his father and now he hits me", "abuse"),
        ("since she left I've been hitting myself with my belt every night", "crisis"),
        ("i bang my head against the wall when i mess up, i did it again tonight", "crisis"),
        ("he banged my head against the wall", "abuse"),
        ("he times my trips to the supermarket and calls if i'm late", "abuse"),
        ("my ex is tracking the kids' tablet to find out where we live", "abuse"),
        # the exceptions never reach past the ordinary phrase they describe (review of
        # 2026-12-06: each of these was silenced by a broad exception)
        ("throw myself into the thames", "crisis"),
        ("i want to throw myself into the oncoming traffic", "crisis"),
        ("i can't go on being a burden to everyone", "crisis"),
        ("my family would be better off if i wasn't around them", "crisis"),
        ("he tells me nothing i do is right", "abuse"),
        ("she says nothing i do is ever good enough", "abuse"),
        ("i was abused by her brother", "abuse"),
    ],
)
def test_the_same_words_still_find_the_risk(
    detector: SafetyDetector, nlp: Language, text: str, category: str
) -> None:
    found = most_severe(detector.detect(nlp(text.lower())))
    assert found is not None and found.category == category, (text, found)
