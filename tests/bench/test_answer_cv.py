"""The leave-one-set-out report's scoring of one question (bench/answer_cv.py)."""

import dataclasses

import pytest

from bench.answer_cv import outcome
from coach.store.queries import TipView


def tip(concern=None, covers=()):
    fields = {f.name: None for f in dataclasses.fields(TipView) if f.default is dataclasses.MISSING}
    return dataclasses.replace(TipView(**fields), slug="x", concern=concern, covers=tuple(covers))


@pytest.mark.parametrize(
    ("accept", "answer", "expected"),
    [
        (["normal"], tip(concern="normal"), "right"),
        (["P10"], tip(covers=["P10", "P30"]), "right"),
        (["P10"], tip(concern="normal"), "wrong"),
        (["P10"], None, "clarified"),
        (["clarify"], None, "right"),
        (["clarify"], tip(concern="normal"), "wrong"),
    ],
)
def test_one_question_is_right_wrong_or_clarified(accept, answer, expected):
    assert outcome({"text": "q", "accept": accept}, answer) == expected
