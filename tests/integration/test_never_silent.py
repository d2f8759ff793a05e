"""The coach never stays silent: any message in the middle of a plan gets a reply."""

from __future__ import annotations

import uuid

import pytest

from scripts.soak import SCRIPT, unanswered_messages

# Up to the middle of the plan: describe, answer the questions, start, one step (the
# soak's own opening turns).
TO_MID_PLAN = SCRIPT[: SCRIPT.index("next") + 1]
# Varied messages a person may send mid-plan, some right after an unclear one (so every
# path out of the two-stage fallback is taken: clarified, given up, "no", the "No" button).
MID_PLAN = [
    "<b>we never talk</b>",
    "💔",
    "<b>we never talk</b>",
    "😢😢",
    "he ignores me when I talk about my day",
    "is this normal?",
    "<i>hello</i> there",
    "🙂",
    "asdkjh qwe",
    "what should we try tonight?",
    "😶",
    "no",  # typed "no" to "Did you mean ...?"
    "💔",
    "/out_of_scope",  # the "No" button under "Did you mean ...?"
    "<p>he is always on his phone</p>",
]


@pytest.fixture(scope="module")
def mid_plan_conversation(stack):
    """One conversation taken to the middle of a plan, then sent each MID_PLAN message."""
    sender = f"silent-{uuid.uuid4().hex[:10]}"
    replies = {}
    for i, text in enumerate(TO_MID_PLAN + MID_PLAN):
        replies[(i, text)] = stack.rest(sender, text, timeout=120)
    return sender, replies


def test_every_mid_plan_message_gets_a_reply_over_rest(mid_plan_conversation):
    _, replies = mid_plan_conversation
    silent = [text for (_, text), answer in replies.items() if not answer]
    assert silent == []


def test_the_tracker_has_a_bot_reply_after_every_user_message(stack, mid_plan_conversation):
    sender, replies = mid_plan_conversation
    events = stack.tracker(sender)["events"]
    users, silent = unanswered_messages(events)
    assert users == len(replies)
    assert silent == []
