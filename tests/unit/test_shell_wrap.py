"""``make shell``'s wrapper: the coach's text wraps to the terminal (scripts/rasa_shell.py)."""

from __future__ import annotations

import importlib.util
import warnings

from runtime.stack import ROOT

spec = importlib.util.spec_from_file_location("rasa_shell", ROOT / "scripts" / "rasa_shell.py")
assert spec and spec.loader
rasa_shell = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rasa_shell)

PLAN = (
    "Here's a plan for the two of you:\n"
    "1. Ask for what you need, or lead the way: pick a calm moment this week, not in the "
    "middle of a disagreement.\n"
    "2. Ten minutes a day of real talk, no logistics.\n\n"
    '(From "Restoring Emotional Intimacy" (Kelli Hastings).)'
)


def test_every_line_fits_and_nothing_is_lost():
    wrapped = rasa_shell.wrap(PLAN, 40)
    assert all(len(line) <= 40 for line in wrapped.split("\n"))
    assert wrapped.split() == PLAN.split()
    assert "\n\n(From" in wrapped  # the coach's own line breaks stay


def test_list_items_keep_their_indent():
    lines = rasa_shell.wrap(PLAN, 40).split("\n")
    first = lines.index(next(line for line in lines if line.startswith("1. ")))
    assert lines[first + 1].startswith("   ") and not lines[first + 1].startswith("    ")


def test_a_question_leaves_room_for_the_list_hint():
    question = "Could I ask a few quick questions, so what I suggest fits you?"
    last = rasa_shell.wrap_question(question, 76).split("\n")[-1]
    assert len("? ") + len(last) + len(" (Use arrow keys)") <= 80


def test_deprecation_warnings_are_hidden_even_if_a_library_turns_them_on():
    shown: list[type[Warning]] = []
    with warnings.catch_warnings():
        warnings.showwarning = lambda message, category, *args, **kwargs: shown.append(category)
        rasa_shell.hide_deprecations()
        warnings.simplefilter("always")  # what some libraries do when imported
        warnings.warn("old API", DeprecationWarning, stacklevel=1)
        warnings.warn("changing soon", FutureWarning, stacklevel=1)
        warnings.warn("something real", UserWarning, stacklevel=1)
    assert shown == [UserWarning]
