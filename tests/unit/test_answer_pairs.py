"""Labelled questions (data/answers/) teach the answer index more ways of asking."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.answers import (
    QUESTION_PAIRS,
    AnswerIndex,
    answers_instead,
    points_back,
    question_pairs,
)
from coach.store.queries import GuidanceStore


@pytest.fixture(scope="module")
def tips(sqlite_engine):
    return GuidanceStore(sqlite_engine).all_tips()


def test_every_committed_pair_names_an_item_of_the_store(tips):
    pairs = question_pairs()
    slugs = {tip.slug for tip in tips}
    assert pairs, "data/answers/ holds no labelled questions"
    assert set(pairs) <= slugs, sorted(set(pairs) - slugs)
    assert sum(len(texts) for texts in pairs.values()) >= 300


def test_pairs_are_read_from_every_file_and_bad_items_skipped(tmp_path: Path):
    (tmp_path / "a.yml").write_text(
        "- {text: how do we even start, answer: how-to-bring-it-up}\n"
        "- {text: no label here}\n"
        "- just a string\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yml").write_text("- {text: is this ok, answer: is-this-normal}\n")
    (tmp_path / "notes.txt").write_text("- {text: ignored, answer: is-this-normal}\n")
    assert question_pairs(tmp_path) == {
        "how-to-bring-it-up": ("how do we even start",),
        "is-this-normal": ("is this ok",),
    }
    assert question_pairs(tmp_path / "missing") == {}


def test_the_default_folder_is_the_projects_data_answers():
    assert QUESTION_PAIRS.parts[-2:] == ("data", "answers")


def test_a_labelled_question_moves_its_item_to_the_top(tips):
    question = "the zorblax thing keeps happening between us"
    slug = "is-this-normal"
    without = AnswerIndex(tips).ranked(question, limit=1)
    assert not without or without[0].tip.slug != slug
    taught = AnswerIndex(tips, {slug: [question, "zorblax again, is that usual"]})
    assert taught.ranked(question, limit=1)[0].tip.slug == slug


@pytest.mark.parametrize(
    "text",
    [
        "what about the other one",
        "wait the thing u said before",
        "so yes or no",
        "the second one pls",
        "should i do it or not",
        "you know what i mean",
    ],
)
def test_a_short_message_that_only_points_back_is_not_answered(tips, text):
    assert points_back(text)
    assert AnswerIndex(tips).find(text, threshold=0.0).answer is None


@pytest.mark.parametrize(
    "text",
    [
        "is this normal",
        "should i just leave",
        "what if he gets defensive when i bring it up",
        "is it normal that this one thing bugs me so much about him",
    ],
)
def test_real_questions_do_not_count_as_pointing_back(text):
    assert not points_back(text)


@pytest.fixture(scope="module")
def taught(tips):
    return AnswerIndex(tips, question_pairs())


@pytest.mark.parametrize(
    "text",
    [
        "she's studying in melbourne and i'm in auckland. we message all day but it feels hollow",
        "he works away three weeks at a time. when he's back it takes days to feel normal again",
        "we used to fight about money constantly. now we don't even fight, we just don't talk",
    ],
)
def test_a_described_situation_is_reflected_however_well_it_matches(taught, text):
    """The labelled questions raise scores; a description still gets its reflection."""
    assert not answers_instead(text, "feel_disconnected", taught.find(text))


@pytest.mark.parametrize(
    "text",
    [
        "i feel like such a failure as a husband",
        "we live in different countries. is it normal to feel this far apart?",
        "he works nights and we never see each other. how do i even bring it up",
    ],
)
def test_a_description_that_asks_or_voices_a_concern_is_answered(taught, text):
    assert answers_instead(text, "feel_disconnected", taught.find(text))
