from coach.progress import Move, Position, backward, forward


def test_forward_walks_steps_then_tips_then_finishes():
    lengths = [2, 1]
    r = forward(lengths, Position(0, 0))
    assert (r.move, r.position) == (Move.STEP, Position(0, 1))
    r = forward(lengths, r.position)
    assert (r.move, r.position) == (Move.STEP, Position(0, 2))
    r = forward(lengths, r.position)
    assert (r.move, r.position, r.finished_tip) == (Move.TIP_DONE, Position(1, 1), 0)
    r = forward(lengths, r.position)
    assert (r.move, r.finished_tip) == (Move.PLAN_DONE, 1)


def test_backward_crosses_tips_and_stops_at_the_start():
    lengths = [3, 2]
    assert backward(lengths, Position(1, 2)).position == Position(1, 1)
    assert backward(lengths, Position(1, 1)).position == Position(0, 3)
    r = backward(lengths, Position(0, 1))
    assert (r.move, r.position) == (Move.AT_START, Position(0, 1))


def test_no_plan():
    assert forward([], Position()).move == Move.NO_PLAN
    assert backward([], Position()).move == Move.NO_PLAN


def test_out_of_range_positions_are_clamped():
    r = forward([2], Position(7, 0))
    assert r.position == Position(0, 1)
