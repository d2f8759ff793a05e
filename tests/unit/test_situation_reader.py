"""The learnt situation reader: its data, its thresholds, and what it must and must not read."""

import pytest

from coach.nlp import situations as reader
from coach.nlp.situation_rules import rule_reading, rule_situations
from coach.nlp.situations import SITUATIONS, default_model, situations


def test_the_thresholds_were_chosen_on_the_committed_data():
    path = reader.CONTENT_DIR / reader.DATA_DIR / reader.THRESHOLDS_FILE
    data = reader.yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["data"] == reader.data_fingerprint(), (
        "content/situations/ changed: run `python -m bench.situation_train --write`"
    )
    assert set(data["add"]) == set(SITUATIONS)
    assert 0.0 < data["keep"] < 1.0


def test_every_situation_has_training_messages():
    items = reader.load_items(reader.training_paths())
    named = {s for item in items for s in item["situations"]}
    assert named == set(SITUATIONS)
    assert len(items) >= 600


def test_the_model_is_built_once_and_reads_the_same_twice():
    assert default_model() is default_model()
    text = "since the baby came we argue about everything"
    assert situations(text) == situations(text)


@pytest.mark.parametrize("text", ["", "   ", "hi"])
def test_nothing_is_read_from_nothing(text):
    assert situations(text) == []


WORDINGS = [
    ("our son is 5 months old and we barely speak", ["new_baby"]),
    ("she started a new job in march and works every evening", ["new_job"]),
    ("he does night shifts at the warehouse and I sleep alone", ["long_hours"]),
    ("she's scrolling tiktok in bed every night", ["screens"]),
    ("I found out he had an affair with a colleague", ["infidelity"]),
    ("we had a miscarriage last spring and haven't talked about it", ["grief"]),
    ("my husband was diagnosed with cancer and I'm his carer now", ["illness"]),
    ("we're long distance, she's in Canada and I'm in Wales", ["long_distance"]),
    ("the kids have all moved out and the house is so quiet", ["empty_nest"]),
    ("my partner's drinking is getting worse every month", ["addiction"]),
    ("we're drowning in debt and can't pay the bills", ["money"]),
    ("his mother is always round and criticises everything I do", ["in_laws"]),
    ("he retired in june and now we're together all day with nothing to say", ["retirement"]),
    ("we both work from home and get on each other's nerves", ["work_from_home"]),
    ("we moved house to a new city last month", ["moving"]),
    ("we argue every single day about the smallest things", ["arguing"]),
    ("we haven't had sex in over a year", ["no_affection"]),
    ("we want different things, he wants to travel and I want to settle", ["mismatched_needs"]),
]


@pytest.mark.parametrize(("text", "expected"), WORDINGS)
def test_one_situation_per_wording(text, expected):
    assert situations(text) == expected


def test_the_wordings_cover_every_situation():
    assert {s for _, found in WORDINGS for s in found} == set(SITUATIONS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a new baby and a new job in the same month", ["new_baby", "new_job"]),
        ("he's always on his phone and we argue about it", ["screens", "arguing"]),
        ("since the affair we haven't slept together", ["infidelity", "no_affection"]),
        ("we moved abroad and money is really tight", ["moving", "money"]),
    ],
)
def test_combinations_are_read_together_in_order(text, expected):
    assert situations(text) == expected


@pytest.mark.parametrize(
    ("text", "guard"),
    [
        ("no money worries, we just don't talk", "negated"),
        ("he's not on his phone, he's just absent", "negated"),
        ("my friend's husband cheated on her", "someone_else"),
        ("my sister just had a baby and I feel far from him", "someone_else"),
        ("what if he cheated, I'd never know", "hypothetical"),
        ("we used to argue a lot, now it's just silence", "past"),
    ],
)
def test_the_rules_guards_stay_vetoes(text, guard):
    assert guard in rule_reading(text).vetoed.values()
    assert situations(text) == []


def test_the_learnt_reader_only_drops_or_adds_with_reason():
    # What the rules find in plain statements is kept: the reader is the rules plus doubt.
    for text, expected in WORDINGS:
        assert set(situations(text)) <= set(rule_situations(text)) | set(expected)


def test_spans_of_a_situation_the_rules_did_not_place_point_at_a_word():
    model = default_model()
    for slug in SITUATIONS:
        found = model._span(slug, "we keep missing each other")
        assert found.situation == slug
        assert 0 <= found.start < found.end <= len("we keep missing each other")


def test_a_tiny_training_set_trains():
    items = [
        {"text": "he had an affair", "situations": ["infidelity"]},
        {"text": "she cheated on me", "situations": ["infidelity"]},
        {"text": "we never talk", "situations": []},
        {"text": "we argue all the time", "situations": ["arguing"]},
    ]
    model = reader.SituationModel.train(items)
    assert [f.situation for f in model.read("he had an affair")] == ["infidelity"]
    assert model.read("") == []


# Word classes of 2026-12-07: a situation's everyday vocabulary (a kind of gamble, a chronic
# condition, a partner in another town written in lower case), not one message's phrase.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he's lost thousands on online poker this year", ["addiction"]),
        ("she's down the bookies every saturday and hides it", ["addiction"]),
        ("it's wine o'clock at 4pm most days in our house now", ["addiction"]),
        ("my wife has endometriosis and everything revolves around the pain", ["illness"]),
        ("i'm the ill one and i think i push him away", ["illness"]),
        ("he's in glasgow and i'm in cardiff and the calls are getting shorter", ["long_distance"]),
        ("my husband is working interstate until march", ["long_distance"]),
        ("our daughter moved to australia and the house echoes", ["empty_nest"]),
        ("we don't shout, we snipe at each other all evening", ["arguing"]),
        ("she's married to her job and i'm an afterthought", ["long_hours"]),
        ("he works 70 hours most weeks", ["long_hours"]),
        ("my parents won't accept my girlfriend and it's pulling us apart", ["in_laws"]),
        ("we used to be all over each other, now there's nothing", ["no_affection"]),
        ("he pulls his hand away when i reach for it", ["no_affection"]),
        ("i'm glued to my laptop every evening and she's given up", ["screens"]),
        ("the bub arrived in august and we're ships in the night", ["new_baby"]),
    ],
)
def test_word_classes_of_everyday_wording(text, expected):
    assert situations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "he spent the weekend fixing the screen door instead of talking to me",
        "i'm in retail and she's in hospitality so we just pass each other",
        "our dog died last month, she was our baby, and we barely talk",
        "new house? nah, same flat, same silence",
        "our son moved to a new school and we're fine about that, it's us that isn't",
    ],
)
def test_word_classes_do_not_read_what_is_not_stated(text):
    found = situations(text)
    assert not {"screens", "long_distance", "new_baby", "moving", "empty_nest"} & set(found)
