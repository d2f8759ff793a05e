"""The learned reader of replies (coach.nlp.replies) and when the questions consult it."""

from __future__ import annotations

import pytest
import yaml

from coach import assessment
from coach.assessment import OTHER, TELL_MORE, WHY_ASKING, read, read_reply
from coach.nlp import replies
from coach.nlp.replies import ALLOWED, EXAMPLES, NOT_AN_ANSWER, ReplyModel, reply_model
from scripts.build_reply_examples import HEADER, build


@pytest.fixture
def learned(monkeypatch):
    """The learned reader replaced by one that always answers, to test when it is asked."""
    asked: list[tuple[str, str]] = []

    def guess(question, text):
        asked.append((question, text))
        return {"duration": "months", "partner_open": "probably"}.get(question)

    monkeypatch.setattr(assessment, "learned_guess", guess)
    return asked


def test_a_reply_the_written_reader_cannot_read_goes_to_the_learned_reader(learned):
    assert read("duration", "kind of a slow fade thing").answered is False
    got = read_reply("duration", "kind of a slow fade thing")
    assert got.value == "months"
    assert learned == [("duration", "kind of a slow fade thing")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("why do you ask?", WHY_ASKING), ("tell me more", TELL_MORE)],
)
def test_a_request_is_never_given_to_the_learned_reader(learned, text, kind):
    assert read_reply("duration", text).kind == kind
    assert learned == []


def test_a_question_of_the_person_s_own_is_never_guessed(learned):
    got = read_reply("partner_open", "how would i even ask him about something like that?")
    assert got.answered is False and got.kind == OTHER
    assert learned == []


def test_an_answer_to_another_open_question_is_not_guessed_as_this_one(learned):
    # "mostly him" answers who pulled away; asked how long, it is not a length of time.
    got = read_reply("duration", "mostly him", open_questions=["duration", "pulled_away"])
    assert got.answered is False
    assert learned == []


def test_a_reply_the_written_reader_reads_is_kept_as_it_read_it(learned):
    assert read_reply("duration", "about two years").value == "year_plus"
    assert learned == []


def test_the_learned_reader_may_only_say_rather_not_say_to_the_safety_question():
    assert ALLOWED["feels_safe"] == ("rather_not_say",)
    model = ReplyModel.train(
        {
            "feels_safe": [
                {"text": "yes totally", "value": "yes"},
                {"text": "yes of course", "value": "yes"},
                {"text": "no comment thanks", "value": "rather_not_say"},
                {"text": "no comment", "value": "rather_not_say"},
            ]
        }
    )
    assert model.guess("feels_safe", "yes totally") is None  # yes stays the written reader's
    assert model.guess("feels_safe", "no comment") == "rather_not_say"


def test_an_unsure_guess_or_not_an_answer_is_no_answer():
    rows = [{"text": f"word{i}", "value": v} for i, v in enumerate(["me", "partner"] * 3)]
    rows += [{"text": "lol", "value": NOT_AN_ANSWER}] * 3
    model = ReplyModel.train({"pulled_away": rows})
    assert model.guess("pulled_away", "lol") is None  # learned as not an answer
    best = model.best("pulled_away", "zzz qqq")
    assert best is not None and best.confidence < replies.MIN_CONFIDENCE
    assert model.guess("pulled_away", "zzz qqq") is None
    assert model.guess("cause", "a new job") is None  # no cause examples, no cause model


def _cause_model() -> ReplyModel:
    rows = [
        {"text": "the new baby", "value": ["new_baby"]},
        {"text": "our baby came", "value": ["new_baby"]},
        {"text": "his new job", "value": ["new_job"]},
        {"text": "she got a new job", "value": ["new_job"]},
        {"text": "the baby and his new job", "value": ["new_baby", "new_job"]},
        {"text": "nothing really", "value": ["nothing"]},
        {"text": "nothing changed", "value": ["nothing"]},
        {"text": "lol", "value": NOT_AN_ANSWER},
        {"text": "hello", "value": NOT_AN_ANSWER},
    ]
    return ReplyModel.train({"cause": rows})


def test_the_cause_is_learned_as_one_or_more_store_causes():
    model = _cause_model()
    assert model.guess("cause", "a baby") == ("new_baby",)
    assert set(model.guess("cause", "baby and new job") or ()) == {"new_baby", "new_job"}
    assert model.guess("cause", "nothing really changed") == ("nothing",)
    assert model.guess("cause", "hello") is None  # learned as not an answer
    # A change told in words no value names: the likeliest counts only when one was heard.
    guessed = model.named("cause", "zzz qqq", told=True)
    assert guessed is not None and len(guessed) == 1
    assert model.named("cause", "zzz qqq") is None


def test_a_change_the_written_reader_cannot_name_goes_to_the_learned_reader(monkeypatch):
    asked = []

    def guess(question, text, told=False):
        asked.append((question, told))
        return ("routine",)

    monkeypatch.setattr(assessment, "learned_guess", guess)
    text = "i started a new course and was never in"
    assert read("cause", text).value == ("other",)
    assert read_reply("cause", text).value == ("routine",)
    assert read_reply("cause", "we had a baby").value == ("new_baby",)  # named: kept
    assert asked == [("cause", True)]


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("duration", "my cat is called tom"),
        ("pulled_away", "i am cooking dinner"),
        ("partner_open", "hello?"),
        ("duration", "ok"),
    ],
)
def test_the_project_model_takes_no_remark_for_an_answer(question, text):
    assert reply_model().guess(question, text) is None


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("duration", "yrs", "year_plus"),
        ("partner_open", "60/40 yes", "probably"),
    ],
)
def test_the_project_model_reads_wordings_the_written_readers_refuse(question, text, value):
    # From the development table (tests/data/assessment_answers_9_dev.yml).
    assert read(question, text).answered is False
    assert read_reply(question, text).value == value


def test_the_examples_file_is_what_the_builder_writes():
    """content/assessment/replies.yml is generated: rebuild it when a table changes."""
    on_disk = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    assert on_disk == build()
    assert EXAMPLES.read_text(encoding="utf-8").startswith(HEADER)
    for question, rows in on_disk.items():
        values = {
            v for r in rows for v in (r["value"] if isinstance(r["value"], list) else [r["value"]])
        }
        assert values <= {*ALLOWED[question], *assessment.FEELS_SAFE, "unsure", NOT_AN_ANSWER}
