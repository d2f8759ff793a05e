"""What changed, in everyday words: the lemma vocabulary (coach/nlp/concepts.py,
content/assessment/cause_words.yml) and the readings of issue 19's tenth session.

The sentences are the coach's own, written for this work (not taken from any table).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.assessment import CAUSE_LABELS, cause_words, read, read_reply
from coach.nlp.concepts import Concepts, lemmas


def _stores(text: str) -> set[str] | None:
    reading = read("cause", text)
    if not reading.answered:
        return None
    return {CAUSE_LABELS.get(str(v), str(v)) for v in reading.value or ()}


def test_lemmas_cover_every_form_of_a_word():
    assert lemmas("we fell out") == ["we", "fall", "out"]
    assert lemmas("his kids' activities") == ["his", "kid", "activity"]


def test_a_phrase_matches_by_lemma_with_gaps_and_exceptions(tmp_path: Path):
    path = tmp_path / "words.yml"
    path.write_text(
        "conflict: [fall out]\njob_loss: [lose ** job]\nhealth: ['sick | sick of']\n",
        encoding="utf-8",
    )
    words = Concepts.load(path)
    assert words.find("we've been falling out a lot") == ["conflict"]
    assert words.find("he lost his new job") == ["job_loss"]
    assert words.find("his mum got sick") == ["health"]
    assert words.find("i'm sick of his phone") == []


def test_every_label_of_the_vocabulary_is_one_the_reader_gives():
    assert {p.label for p in cause_words().phrases} <= {*CAUSE_LABELS, "nothing"}


@pytest.mark.parametrize(
    ("text", "stores"),
    [
        ("i was in hospital for a while", {"health"}),
        ("he's been poorly on and off", {"health"}),
        ("he hurt his back and can't work", {"health"}),
        ("she broke her leg in march", {"health"}),  # not "broke" as money
        ("night feeds and nappies", {"new_baby"}),
        ("we're renovating the house", {"stress"}),
        ("he went self employed", {"new_job"}),
        ("exams. i've been studying nonstop", {"new_job"}),
        ("we're like ships in the night", {"routine"}),
        ("we fell out badly over christmas", {"conflict"}),
        ("she lied to me about something big", {"conflict"}),
        ("her dad went into a care home", {"stress"}),
        ("he's in the navy", {"distance"}),
        ("my contract wasn't renewed", {"stress"}),
        ("can't pay the credit cards", {"stress"}),
        ("nothing springs to mind", {"unsure"}),
        ("no clue", {"unsure"}),
        ("honestly, nothing. we're just stale", {"routine"}),  # stale says what changed
        ("she's on 12 hour shifts at the hospital now", {"new_job"}),  # the hospital as work
        ("he retired from the army last year", {"routine"}),  # not living apart
        ("she's a nurse and moved onto permanent nights", {"new_job"}),  # not a move
        ("we bought our first place and money's been tight", {"stress"}),  # not a baby
        ("he goes to the pub after work every night", {"health"}),  # not long hours
    ],
)
def test_everyday_words_name_the_cause(text, stores):
    assert _stores(text) == stores


@pytest.mark.parametrize(
    ("text", "stores"),
    [
        ("money mainly, and his hours", {"stress", "new_job"}),
        ("the kids, and work, and his mum being ill", {"new_baby", "stress", "health"}),
        ("she started her own business and we're drowning in bills", {"new_job", "stress"}),
        ("we fell into a rut. work, tea, bed, repeat", {"routine"}),  # work in the round
    ],
)
def test_several_causes_are_all_read(text, stores):
    assert _stores(text) == stores


@pytest.mark.parametrize(
    ("text", "stores"),
    [
        ("i thought it was the move but no not really", {"unsure"}),
        ("not the move anyway", {"unsure"}),
        ("people say it's the kids but it isn't", {"unsure"}),
        ("it's not the kids, it's us", {"unsure"}),
        ("money? no. his drinking", {"health"}),
        ("it wasn't the baby, it was him going back to the office", {"new_job"}),
        ("not money, we're fine for money. it's the hours he works", {"new_job"}),
        ("promotion, more money but he's never home", {"new_job"}),  # money as a gain
    ],
)
def test_a_cause_said_then_set_aside_does_not_count(text, stores):
    assert _stores(text) == stores


@pytest.mark.parametrize(
    ("text", "stores"),
    [
        ("not really, i'm just tired all the time", {"unsure"}),
        ("ugh this is hard. probably the baby", {"new_baby"}),
        ("i'm so sad about it all. his dad died in march", {"health"}),
        ("nothing changed, i'm just lonely", {"unsure"}),
    ],
)
def test_a_mood_or_a_no_around_the_answer(text, stores):
    assert _stores(text) == stores


def test_the_project_model_names_a_change_the_written_reader_cannot():
    # A change told in words no pattern names ("other"): the learned reader's store cause.
    text = "everything became about the school timetable"
    assert read("cause", text).value == ("other",)
    assert read_reply("cause", text).value == ("new_baby",)
