"""The words the actions fit into responses (content/words.yml) cover every case the core
can produce."""

from __future__ import annotations

import re
from pathlib import Path

from coach import words
from coach.vocabulary import OUTCOMES

ROOT = Path(__file__).resolve().parents[2]


def test_every_reason_the_plan_gives_has_words():
    source = (ROOT / "coach" / "plan.py").read_text(encoding="utf-8")
    reasons = set(re.findall(r'reasons\.append\("(\w+)"\)', source))
    assert reasons, "no reasons found in coach/plan.py"
    assert reasons <= set(words.section("plan_reasons")), reasons - set(
        words.section("plan_reasons")
    )
    assert words.text("plan_reason_default")


def test_every_trend_and_outcome_has_words():
    assert set(words.section("progress_trend")) == {"up", "down", "steady", "new"}
    assert set(words.section("progress_outcome")) == set(OUTCOMES)
    assert set(OUTCOMES) <= set(words.section("buttons"))


def test_every_text_is_a_non_empty_string():
    for name, value in words.words().items():
        entries = value.values() if isinstance(value, dict) else [value]
        assert all(isinstance(v, str) and v.strip() for v in entries), name
