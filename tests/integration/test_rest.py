"""The REST channel against the real servers: a short conversation end to end."""


def test_greeting_and_a_sourced_tip(stack):
    replies = stack.rest("rest-user-1", "hi")
    assert replies and replies[0]["text"]
    replies = stack.rest("rest-user-1", "how can we communicate better?")
    text = " ".join(r.get("text", "") for r in replies)
    assert "(From " in text
    assert any(b["payload"] == "/add_to_plan" for r in replies for b in r.get("buttons", []))


def test_roommates_conversation_reaches_a_plan_step(stack):
    sender = "rest-user-2"
    stack.rest(sender, "we feel like roommates lately")
    for answer in ["sure", "about a year", "since the baby came", "both", "yes", "not sure"]:
        replies = stack.rest(sender, answer)
    text = " ".join(r.get("text", "") for r in replies)
    assert text.count("\n1. ") + text.startswith("1. ") >= 1 or "1. " in text
    replies = stack.rest(sender, "start")
    assert replies[0]["text"].startswith("Step 1 of ")
    slots = stack.tracker(sender)["slots"]
    assert len(slots["plan"]) == 3 and slots["plan_step"] == 1
    assert slots["cause"] == "new_baby" and slots["feels_safe"] == "yes"


def test_crisis_mid_form_gives_helplines_and_holds_coaching(stack):
    sender = "rest-user-3"
    stack.rest(sender, "we barely talk anymore")
    stack.rest(sender, "sure")
    replies = stack.rest(sender, "honestly some days I don't want to wake up")
    text = replies[0]["text"]
    assert "911" in text and "988" in text
    tracker = stack.tracker(sender)
    assert tracker["active_loop"] == {} or tracker["active_loop"].get("name") is None
    assert tracker["slots"]["crisis_active"] is True
    replies = stack.rest(sender, "next step")
    assert "safe" in replies[0]["text"].lower()  # a check-in, not a tip


def responses(name: str) -> set[str]:
    import yaml

    from runtime.stack import ROOT

    domain = yaml.safe_load((ROOT / "domain" / "core.yml").read_text())
    return {v["text"] for v in domain["responses"][name]}


def test_a_second_hello_does_not_introduce_the_coach_again(stack):
    sender = "rest-greet-twice"
    [first] = stack.rest(sender, "hi")
    assert first["text"] in responses("utter_greet")
    [second] = stack.rest(sender, "hey")
    assert second["text"] in responses("utter_greet_again")


def test_restart_and_start_over_answer_with_a_fresh_greeting(stack):
    sender = "rest-restart"
    stack.rest(sender, "we feel like roommates since the baby came")
    assert stack.tracker(sender)["slots"]["cause"] == "new_baby"
    [reply] = stack.rest(sender, "/restart")
    assert reply["text"] in responses("utter_restart")
    assert stack.tracker(sender)["slots"].get("cause") is None
    stack.rest(sender, "we feel like roommates since the baby came")
    [reply] = stack.rest(sender, "can we start over")
    assert reply["text"] in responses("utter_restart")
    assert stack.tracker(sender)["slots"].get("cause") is None


def test_starting_over_as_a_couple_does_not_restart_the_chat(stack):
    """ "Start over" about the relationship is not a request to wipe the conversation."""
    sender = "rest-start-over-couple"
    stack.rest(sender, "we feel like roommates since the baby came")
    replies = stack.rest(
        sender, "honestly I just want us to start over and feel like newlyweds again"
    )
    assert not any(r.get("text") in responses("utter_restart") for r in replies)
    assert stack.tracker(sender)["slots"]["cause"] == "new_baby"
