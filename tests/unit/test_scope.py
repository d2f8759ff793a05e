# ruff: noqa: E501  (tables of real-length messages)
"""The scope decision: other parts of life out, relationship messages (even about work,
sleep or health) in; distress is noticed for the pointer to a GP or counsellor."""

import pytest
import yaml

from coach.nlp.scope import (
    MIN_WORDS,
    ScopeModel,
    ask_of,
    has_relationship_cue,
    judged,
    kind_of,
    learnt_sets,
    marked,
    mentions_distress,
    names_partner,
    nlu_examples,
    own_mood,
    training_set,
)
from coach.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def model() -> ScopeModel:
    return ScopeModel.default()


@pytest.mark.parametrize(
    "text",
    [
        "My boss emails me at midnight and expects a reply by morning. How do I set boundaries at work without risking my job?",
        "I've been waking at 3am every night for a month and lying awake until the alarm. What actually helps with insomnia?",
        "how do i register with a new dentist after moving",
        "My counsellor only has daytime slots and I work 9 to 5. Is it normal to ask for an evening appointment?",
        "I have four exams next week and I can't concentrate for more than ten minutes. How should I revise?",
        "What's the best way to pay off a credit card balance when I can only afford a little each month?",
        "our puppy cries all night in his crate, what should we do",
    ],
)
def test_other_parts_of_life_are_out_of_scope(model, text):
    assert model.out_of_scope(text)


@pytest.mark.parametrize(
    "text",
    [
        "Work has been brutal and I come home with nothing left for my husband. We haven't really talked in weeks.",
        "I can't sleep because I keep worrying that my wife doesn't love me anymore",
        "since my partner's cancer diagnosis we've stopped being a couple and become patient and carer",
        "we argue about money all the time and I feel so far from him",
        "how can we talk more when we're both exhausted from work",
        "Since he lost his job he's gaming till 3am and I feel shut out. I don't know how to reach him.",
        "my arthritis means I cancel on her all the time and I feel like I'm letting her down",
        "Both of us are working flat out and we've become a logistics team. I can't remember the last time we talked about us.",
        "we feel like roommates lately",
        "what's my plan?",
        "how long does it take to feel close again?",
    ],
)
def test_relationship_messages_stay_in_scope(model, text):
    assert not model.out_of_scope(text)


def test_short_messages_are_left_to_the_intent_classifier(model):
    assert not model.out_of_scope("book a GP")
    assert len("book a GP".split()) < MIN_WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm so stressed I cry in the car before work", True),
        ("I think I'm burnt out and can't cope", True),
        ("how do I get red wine out of a carpet", False),
        ("which laptop is best for photo editing", False),
    ],
)
def test_distress_is_noticed(text, expected):
    assert mentions_distress(text) is expected


def test_relationship_cues_and_markers():
    assert has_relationship_cue("my husband and I never talk")
    assert has_relationship_cue("Our marriage feels empty")
    assert not has_relationship_cue("my cat won't eat")
    assert has_relationship_cue("I feel completely shut out and can't reach him")
    assert has_relationship_cue("we've basically become flatmates")
    assert not has_relationship_cue("my boss never replies to my emails")
    assert marked("my cat won't eat").endswith(" zznocouple zznocue zzaskother")
    assert "zzmypartner" in marked("my partner works late")
    assert not has_relationship_cue("My wife says I should ask for a pay rise")
    assert has_relationship_cue("I don't want to lose her over this job")
    assert has_relationship_cue("he says he feels like an afterthought")


def test_a_partner_named_in_passing_is_marked():
    assert "zzpassing" in marked("My husband thinks I should see the GP about my knee")
    assert "zzpassing" in marked("my girlfriend is going to drive me to the clinic")
    assert "zzpassing" not in marked("my husband never talks to me anymore")


def test_the_request_is_read_from_the_questions():
    text = "My boss is rude to everyone. My partner says quit. How do I report him to HR?"
    assert ask_of(text) == "How do I report him to HR?"
    assert ask_of("Work is awful. I just wanted to say it somewhere.") == (
        "I just wanted to say it somewhere."
    )
    assert "zzaskother" in marked("My wife and I rent. What are our rights as tenants?")
    assert "zzaskcouple" in marked("Work is mad. How do I make time for her?")


def test_a_short_message_about_ones_own_mood_is_judged_as_a_long_one():
    text = "so stressed about my exams I can't sleep"
    assert own_mood(text)
    assert kind_of(text) == 0
    assert not own_mood("so stressed I snap at my husband")
    assert not own_mood("how do i fix it")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "I've had a cough for three weeks and it's keeping me awake at night, every single night, should I see a doctor or wait it out?",
            0,
        ),
        ("how do i get red wine out of a carpet", 1),
        ("My husband says I should ask for a raise. How do I prepare?", 2),
        ("my husband and I never talk anymore", 3),
    ],
)
def test_each_message_gets_the_threshold_of_its_kind(text, kind):
    assert kind_of(text) == kind
    assert names_partner(text) is (kind >= 2)


@pytest.mark.parametrize(
    "text",
    [
        "My wife thinks I should apply for the team lead job. How do I prepare for the interview?",
        "My boyfriend is driving me to the hospital for my scan tomorrow. What should I bring with me?",
        "Our landlord won't fix the boiler and my husband wants to stop paying rent. What are our rights as tenants?",
    ],
)
def test_a_partner_named_in_passing_does_not_keep_another_topic_in_scope(model, text):
    assert model.out_of_scope(text)


@pytest.mark.parametrize(
    "text",
    [
        "He works all the time and we never talk",
        "how do we stop fighting about the same things",
        "what do i say to him tonight",
        "My new job means long hours and my wife says she feels invisible. How do I make time for her?",
    ],
)
def test_questions_and_causes_elsewhere_stay_in_scope(model, text):
    assert not model.out_of_scope(text)


def test_training_uses_more_than_the_coachs_own_examples():
    texts, labels = training_set()
    own = {t for examples in nlu_examples(PROJECT_ROOT / "data" / "nlu").values() for t in examples}
    written_out = [
        t
        for t, label in zip(texts, labels, strict=True)
        if label == "out_of_scope" and t not in own
    ]
    assert len(written_out) >= 200
    assert set(labels) == {"out_of_scope", "in_scope"}


def test_annotations_are_removed_from_nlu_examples():
    examples = [t for ts in nlu_examples(PROJECT_ROOT / "data" / "nlu").values() for t in ts]
    assert examples
    assert not any("](" in t or "]{" in t for t in examples)


@pytest.mark.parametrize(
    "text",
    [
        "my boyfriend and i are flying to rome in june, which area should we stay in",
        "me and my wife can't agree on which is taller, the shard or the eiffel tower",
        "my husband wants to get a cat, which breeds are fine indoors",
        "my girlfriend's dad is retiring next month, any ideas for a leaving present",
        "what time is it in singapore right now",
        "my best mate's girlfriend keeps borrowing money from him, should i say something",
    ],
)
def test_a_shared_errand_or_someone_elses_partner_leaves_scope(model, text):
    assert model.out_of_scope(text)


def test_someone_elses_partner_is_not_the_persons_own():
    assert not names_partner("my flatmate's boyfriend never pays for the heating")
    assert not names_partner("how do i tell my friend her husband is cheating")
    assert names_partner("my husband's girlfriend texted me")
    assert "zzpassing" in marked("My wife and I are going to Porto in May, what should we see?")
    assert "zzpassing" in marked("my partner's mum is moving in with her sister")


def test_booking_couples_help_is_judged_but_seeking_it_is_not():
    assert not judged("how do we find a good couples counsellor")
    assert not judged("is couples therapy worth trying if he's reluctant")
    assert judged("how much does a relate session cost in scotland")
    assert judged("is there a couples course near manchester with weekend dates")


@pytest.mark.parametrize(
    "text",
    [
        "is it normal to feel this way after the baby",
        "how do i tell him i'm not happy without hurting him",
        "she wants to fix things and i just want a hug. how do we meet in the middle",
        "i keep avoiding her since my operation, how do i get past this with her",
        "I started a new job and I'm shattered every night. My husband says I'm never really there. How do I fix that?",
        "we fight about money every week and it's wearing us down",
    ],
)
def test_open_questions_and_first_messages_about_the_couple_stay_in_scope(model, text):
    assert not model.out_of_scope(text)


def test_what_one_has_become_to_the_other_is_a_relationship_cue():
    assert has_relationship_cue("he's always on the xbox and I feel like his flatmate")
    assert has_relationship_cue("I can't remember the last time she asked about my day")
    assert has_relationship_cue("my wife says I'm never there even when I'm home")
    assert has_relationship_cue("we've barely spoken since the move")
    assert not has_relationship_cue("my boss says I'm always late")


def test_the_learnt_development_sets_are_learnt_and_can_be_left_out():
    learnt = learnt_sets()
    assert "scope_final_13.yml" in learnt
    other, relationship = learnt["scope_final_13.yml"]
    assert other and relationship
    texts, labels = training_set()
    pairs = set(zip(texts, labels, strict=True))
    assert (other[0], "out_of_scope") in pairs
    assert (relationship[0], "in_scope") in pairs
    left_out, _ = training_set(leave_out=frozenset({"scope_final_13.yml"}))
    assert len(left_out) == len(texts) - len(other) - len(relationship)


def test_each_learnt_set_is_a_measured_development_set():
    data = PROJECT_ROOT / "tests" / "data"
    for name, (other, relationship) in learnt_sets().items():
        assert "_14" not in name  # sealed
        source = data / name if (data / name).exists() else data / "blind" / name
        labelled = yaml.safe_load(source.read_text(encoding="utf-8"))
        assert (labelled["out_of_scope"], labelled["in_scope"]) == (other, relationship)
