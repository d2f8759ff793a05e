"""Where a person is in their plan, and how "next" and "go back" move through it (no Rasa).

A position is (tip index, step number). Step 0 means the plan was proposed but that tip
has not been started; steps count from 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Move(str, Enum):
    """What happened when the person moved through the plan."""

    STEP = "step"  # a step of the current tip is shown
    TIP_DONE = "tip_done"  # the last step of a tip was passed; the next tip starts
    PLAN_DONE = "plan_done"  # every tip is finished
    AT_START = "at_start"  # "go back" at the very first step
    NO_PLAN = "no_plan"


@dataclass(frozen=True)
class Position:
    """A place in a plan."""

    tip: int = 0
    step: int = 0


@dataclass(frozen=True)
class Result:
    """The outcome of a move: the new position, and what kind of move it was."""

    move: Move
    position: Position
    finished_tip: int | None = None


def forward(plan_lengths: list[int], pos: Position) -> Result:
    """The step after ``pos``; ``plan_lengths`` are the step counts of the plan's tips."""
    if not plan_lengths:
        return Result(Move.NO_PLAN, Position())
    tip = min(max(pos.tip, 0), len(plan_lengths) - 1)
    step = max(pos.step, 0)
    if step < plan_lengths[tip]:
        return Result(Move.STEP, Position(tip, step + 1))
    if tip + 1 < len(plan_lengths):
        return Result(Move.TIP_DONE, Position(tip + 1, 1), finished_tip=tip)
    return Result(Move.PLAN_DONE, Position(tip, plan_lengths[tip]), finished_tip=tip)


def backward(plan_lengths: list[int], pos: Position) -> Result:
    """The step before ``pos`` (the previous tip's last step, at a tip's first step)."""
    if not plan_lengths:
        return Result(Move.NO_PLAN, Position())
    tip = min(max(pos.tip, 0), len(plan_lengths) - 1)
    if pos.step > 1:
        return Result(Move.STEP, Position(tip, pos.step - 1))
    if tip > 0:
        return Result(Move.STEP, Position(tip - 1, plan_lengths[tip - 1]))
    return Result(Move.AT_START, Position(0, min(1, plan_lengths[0])))
