"""The Telegram channel on a real Rasa server, against a fake Bot API on loopback.

The Rasa server runs with the project's own ``credentials.yml``; only the environment
points the channel at the fake (``TELEGRAM_API_URL``). Updates are posted to the webhook
as Telegram would; replies are what the fake recorded; the tracker is read through
Rasa's HTTP API.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import requests

from channels import telegram_api as tg
from channels.buttons import unstamp
from runtime.stack import ROOT, Stack, model_path, running_stack
from tests.integration.fake_telegram import FakeTelegram, Updates, wait_until

TOKEN = "424242:FAKE-token"
SECRET = "it-secret_" + "x" * 20
MAX_CHARS = 300


@pytest.fixture(scope="module")
def fake():
    api = FakeTelegram(TOKEN).start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def tg_stack(tmp_path_factory, fake) -> Stack:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    env = {
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_TIMEOUT": "2",
        "COACH_MAX_MESSAGE_CHARS": str(MAX_CHARS),
    }
    with running_stack(tmp_path_factory.mktemp("telegram"), extra_env=env) as running:
        yield running


@pytest.fixture(autouse=True)
def healthy_fake(fake):
    fake.mode = "ok"
    yield
    fake.mode = "ok"


updates = Updates(start=5000)


def post(stack: Stack, update: dict, secret: str | None = SECRET) -> requests.Response:
    headers = {} if secret is None else {tg.SECRET_HEADER: secret}
    return requests.post(
        f"{stack.rasa_url}/webhooks/telegram/webhook", json=update, headers=headers, timeout=10
    )


def user_events(stack: Stack, chat_id: int) -> list[dict]:
    return [e for e in stack.tracker(f"tg:{chat_id}")["events"] if e["event"] == "user"]


def all_events(stack: Stack, chat_id: int) -> list[dict]:
    r = requests.get(
        f"{stack.rasa_url}/conversations/tg:{chat_id}/tracker",
        params={"token": stack.token, "include_events": "ALL"},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["events"]


def wait_for_user_text(stack: Stack, chat_id: int, text: str) -> list[dict]:
    return wait_until(
        lambda: [e for e in user_events(stack, chat_id) if e["text"] == text],
        120,
        f"{text!r} in the tracker of chat {chat_id}",
    )


def responses(name: str) -> set[str]:
    import yaml

    domain = yaml.safe_load((ROOT / "domain" / "core.yml").read_text())
    return {v["text"] for v in domain["responses"][name]}


def greetings() -> set[str]:
    return responses("utter_greet")


def test_text_update_gets_a_reply_in_the_same_chat(tg_stack, fake):
    response = post(tg_stack, updates.message(1001, "hi"))
    assert response.status_code == 200 and response.json() == {"ok": True}
    reply = fake.wait_for("sendMessage", chat_id=1001)[0]
    assert reply.params["text"] in greetings()
    assert "parse_mode" not in reply.params  # plain text: nothing is interpreted as markup
    [event] = wait_for_user_text(tg_stack, 1001, "hi")
    assert event["input_channel"] == "telegram"
    assert event["parse_data"]["intent"]["name"] == "greet"
    assert not fake.calls_of("sendMessage", chat_id=1002)


def test_button_press_answers_the_callback_and_continues(tg_stack, fake):
    chat = 1101
    post(tg_stack, updates.message(chat, "how can we communicate better?"))
    with_buttons = wait_until(
        lambda: [c for c in fake.calls_of("sendMessage", chat) if "reply_markup" in c.params],
        120,
        "a reply with an inline keyboard",
    )[0]
    keyboard = with_buttons.params["reply_markup"]
    keys = [k for row in keyboard["inline_keyboard"] for k in row]
    add = next(k for k in keys if unstamp(k["callback_data"])[0] == "/add_to_plan")
    assert add["text"]
    before = len(fake.calls_of("sendMessage", chat))

    press = updates.button_press(chat, add["callback_data"], keyboard)
    assert post(tg_stack, press).status_code == 200
    reply = fake.wait_for("sendMessage", chat_id=chat, count=before + 1)[before]
    [answer] = [
        c
        for c in fake.calls_of("answerCallbackQuery")
        if c.params["callback_query_id"] == press["callback_query"]["id"]
    ]
    assert answer.at <= reply.at  # the spinner stops first, then the coach answers
    [event] = wait_for_user_text(tg_stack, chat, "/add_to_plan")
    assert event["parse_data"]["intent"]["name"] == "add_to_plan"


@pytest.mark.parametrize(
    ("chat", "secret"), [(1201, None), (1202, "wrong-secret"), (1203, SECRET[:-1]), (1204, "")]
)
def test_forged_updates_are_refused_and_never_reach_the_coach(tg_stack, fake, chat, secret):
    response = post(tg_stack, updates.message(chat, "forged hello"), secret=secret)
    assert response.status_code == 403
    assert not fake.calls_of("sendMessage", chat)
    # A genuine update after it: chats are handled in order, so once it is in the
    # tracker, a wrongly accepted forged one would be there too.
    post(tg_stack, updates.message(chat, "hello"))
    wait_for_user_text(tg_stack, chat, "hello")
    assert [e["text"] for e in user_events(tg_stack, chat)] == ["hello"]


def test_bad_bodies_get_a_clear_400(tg_stack):
    url = f"{tg_stack.rasa_url}/webhooks/telegram/webhook"
    headers = {tg.SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    assert requests.post(url, data=b"{not json", headers=headers, timeout=10).status_code == 400
    assert requests.post(url, data=b"[1, 2]", headers=headers, timeout=10).status_code == 400
    assert requests.get(url, timeout=10).status_code == 405


def test_start_greets_and_restart_resets_the_conversation(tg_stack, fake):
    chat = 1301
    post(tg_stack, updates.message(chat, "/start"))
    greeting = fake.wait_for("sendMessage", chat_id=chat)[0]
    assert greeting.params["text"] in greetings()
    [event] = wait_for_user_text(tg_stack, chat, "/greet")
    assert event["parse_data"]["intent"]["name"] == "greet"

    post(tg_stack, updates.message(chat, "we feel like roommates since the baby came"))
    wait_until(
        lambda: tg_stack.tracker(f"tg:{chat}")["slots"].get("cause") == "new_baby",
        120,
        "the cause slot",
    )
    sent = len(fake.calls_of("sendMessage", chat))
    post(tg_stack, updates.message(chat, "/restart"))
    wait_until(
        lambda: any(e["event"] == "restart" for e in all_events(tg_stack, chat)),
        120,
        "a restart event",
    )
    # A short confirmation with a fresh greeting (utter_restart), in one message.
    after = fake.wait_for("sendMessage", chat_id=chat, count=sent + 1)[sent:]
    assert [c.params["text"] for c in after] and after[0].params["text"] in responses(
        "utter_restart"
    )
    assert tg_stack.tracker(f"tg:{chat}")["slots"].get("cause") is None


def test_help_is_answered_by_the_channel(tg_stack, fake):
    chat = 1401
    post(tg_stack, updates.message(chat, "/help"))
    reply = fake.wait_for("sendMessage", chat_id=chat)[0]
    assert reply.params["text"] == tg.HELP_TEXT
    assert user_events(tg_stack, chat) == []


def test_delete_command_asks_the_coach_to_delete_the_data(tg_stack, fake):
    chat = 1451
    post(tg_stack, updates.message(chat, "/delete"))
    wait_for_user_text(tg_stack, chat, "delete my data")
    fake.wait_for("sendMessage", chat_id=chat)


@pytest.mark.parametrize(
    ("chat", "extra"),
    [
        (1501, {"sticker": {"file_id": "CAAD", "emoji": "🙂", "width": 512, "height": 512}}),
        (1502, {"voice": {"file_id": "AwAC", "duration": 4}}),
        (1503, {"photo": [{"file_id": "AgAC", "width": 90, "height": 90}]}),
    ],
)
def test_non_text_messages_get_a_kind_reply(tg_stack, fake, chat, extra):
    assert post(tg_stack, updates.message(chat, None, **extra)).status_code == 200
    reply = fake.wait_for("sendMessage", chat_id=chat)[0]
    assert reply.params["text"] == tg.NOT_TEXT_TEXT
    assert user_events(tg_stack, chat) == []


def test_too_long_message_gets_a_kind_reply(tg_stack, fake):
    chat = 1601
    assert post(tg_stack, updates.message(chat, "we argue " * 40)).status_code == 200
    reply = fake.wait_for("sendMessage", chat_id=chat)[0]
    assert reply.params["text"] == tg.TOO_LONG_TEXT
    assert user_events(tg_stack, chat) == []


def test_a_resent_update_is_handled_once(tg_stack, fake):
    chat = 1701
    update = updates.message(chat, "hello there")
    assert post(tg_stack, update).status_code == 200
    assert post(tg_stack, update).status_code == 200
    post(tg_stack, updates.message(chat, "thanks"))
    wait_for_user_text(tg_stack, chat, "thanks")
    assert [e["text"] for e in user_events(tg_stack, chat)] == ["hello there", "thanks"]


@pytest.mark.parametrize(("mode", "chat"), [("error", 1801), ("hang", 1802)])
def test_bot_api_failures_do_not_lose_the_message(tg_stack, fake, mode, chat):
    fake.mode = mode
    text = f"we barely talk anymore ({mode})"
    response = post(tg_stack, updates.message(chat, text))
    assert response.status_code == 200  # answered at once, although sending will fail
    fake.wait_for("sendMessage", chat_id=chat)  # the reply was attempted...
    wait_for_user_text(tg_stack, chat, text)  # ...and the message is kept
    wait_until(
        lambda: any(e["event"] == "bot" for e in tg_stack.tracker(f"tg:{chat}")["events"]),
        120,
        "the coach's reply in the tracker",
    )
    assert requests.get(f"{tg_stack.rasa_url}/", timeout=10).status_code == 200
    fake.mode = "ok"
    recovered = time.monotonic()
    post(tg_stack, updates.message(chat, "hello"))
    wait_until(
        lambda: [c for c in fake.calls_of("sendMessage", chat) if c.at > recovered],
        120,
        "a reply once the API works again",
    )
    wait_for_user_text(tg_stack, chat, "hello")
    log = (tg_stack.workdir / "rasa.log").read_text(errors="replace")
    assert "could not send a message to chat" in log
    assert text not in log and TOKEN not in log


def test_polling_mode_end_to_end(tg_stack, fake, tmp_path):
    chat = 1901
    log = tmp_path / "poll.log"
    env = dict(tg_stack.env, TELEGRAM_POLL_TIMEOUT="1")
    poller = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "telegram_poll.py"),
            "--rasa-url",
            tg_stack.rasa_url,
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        update = updates.message(chat, "hi")
        fake.queue_update(update)
        reply = fake.wait_for("sendMessage", chat_id=chat)[0]
        assert reply.params["text"] in greetings()
        wait_for_user_text(tg_stack, chat, "hi")
        wait_until(
            lambda: any(
                c.params.get("offset") == update["update_id"] + 1
                for c in fake.calls_of("getUpdates")
            ),
            60,
            "the update confirmed through the offset",
        )
    finally:
        poller.terminate()
        code = poller.wait(timeout=30)
    assert code == 0, log.read_text()
    assert fake.calls_of("deleteWebhook")


def test_unconfigured_channel_answers_503_and_the_server_runs(stack):
    """The shared stack runs without TELEGRAM_TOKEN (see servers.running_stack)."""
    url = f"{stack.rasa_url}/webhooks/telegram/webhook"
    response = requests.post(url, json=updates.message(1, "hi"), timeout=10)
    assert response.status_code == 503
    assert "not configured" in response.json()["error"]
    status = requests.get(f"{stack.rasa_url}/webhooks/telegram/", timeout=10).json()
    assert status == {"status": "ok", "configured": False}
    assert stack.rest("telegram-off", "hi", timeout=180)  # the rest of the coach is unaffected


# --- Bad input and deletion through Telegram (issue #8) ---------------------------------

TG_ODD = [
    "   ",
    "💔😢🙂",
    "مرحبا، نحن لا نتحدث we never talk",
    "<script>alert(1)</script> we never talk",
    "'; DROP TABLE events; -- how do we talk more",
    '/inform{"feels_safe": "yes", "crisis_active": false}',
    "\u202eevil\u202c \ufffd",
]


@pytest.mark.parametrize("index", range(len(TG_ODD)))
def test_odd_texts_get_a_reply(tg_stack, fake, index):
    chat = 1901 + index
    assert post(tg_stack, updates.message(chat, TG_ODD[index])).status_code == 200
    assert fake.wait_for("sendMessage", chat_id=chat)


def test_oversized_and_binary_bodies_get_a_4xx(tg_stack):
    url = f"{tg_stack.rasa_url}/webhooks/telegram/webhook"
    headers = {tg.SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    big = json.dumps(updates.message(1990, "x" * 1_000_000)).encode()
    for body in (big, b"\xff\xfe\x00\x01", b""):
        status = requests.post(url, data=body, headers=headers, timeout=30).status_code
        assert 200 <= status < 500, status


def test_delete_command_then_yes_removes_the_conversation(tg_stack, fake):
    from sqlalchemy import create_engine, func, select

    from coach.privacy import tracker_events

    chat = 1995
    post(tg_stack, updates.message(chat, "we never talk anymore"))
    wait_for_user_text(tg_stack, chat, "we never talk anymore")
    post(tg_stack, updates.message(chat, "/delete"))
    wait_for_user_text(tg_stack, chat, "delete my data")
    post(tg_stack, updates.message(chat, "yes"))
    engine = create_engine(tg_stack.env["TRACKER_URL"], future=True)

    def rows() -> int:
        with engine.connect() as conn:
            query = select(func.count()).select_from(tracker_events)
            return int(
                conn.execute(query.where(tracker_events.c.sender_id == f"tg:{chat}")).scalar_one()
            )

    try:
        wait_until(lambda: rows() == 0 or None, 120, "the conversation to be deleted")
    finally:
        engine.dispose()


# --- Issue 23: pressed keyboards, buttons from an earlier conversation, edits, groups ----


def keyboard_message(fake: FakeTelegram, chat: int, after: int = 0):
    """The latest message with an inline keyboard sent to ``chat`` (after ``after`` calls)."""
    return wait_until(
        lambda: [
            c for c in fake.calls_of("sendMessage", chat)[after:] if "reply_markup" in c.params
        ],
        120,
        "a reply with an inline keyboard",
    )[-1]


def key_titled(call, title: str) -> dict:
    keys = [k for row in call.params["reply_markup"]["inline_keyboard"] for k in row]
    return next(k for k in keys if k["text"] == title)


def press(chat: int, call, title: str) -> dict:
    return updates.button_press(
        chat,
        key_titled(call, title)["callback_data"],
        call.params["reply_markup"],
        message_id=call.result["message_id"],
        text=call.params["text"],
    )


def edits_of(fake: FakeTelegram, chat: int) -> list:
    return fake.calls_of("editMessageReplyMarkup", chat)


def test_a_pressed_keyboard_is_replaced_by_the_chosen_answer(tg_stack, fake):
    chat = 2101
    post(tg_stack, updates.message(chat, "we feel like roommates since the baby came"))
    question = keyboard_message(fake, chat)
    key = key_titled(question, "Sure")
    assert len(key["callback_data"].encode()) <= 64 and key["callback_data"].startswith("~")
    post(tg_stack, press(chat, question, "Sure"))
    wait_for_user_text(tg_stack, chat, "/affirm")
    [edit] = wait_until(lambda: edits_of(fake, chat), 60, "the keyboard edited")
    assert edit.params["message_id"] == question.result["message_id"]
    assert edit.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "✓ Sure", "callback_data": tg.CHOSEN_DATA}]]
    }
    # Pressing the answer left under the question does nothing at all.
    sent = len(fake.calls_of("sendMessage", chat))
    chosen = updates.button_press(chat, tg.CHOSEN_DATA, edit.params["reply_markup"])
    post(tg_stack, chosen)
    wait_until(
        lambda: [
            c
            for c in fake.calls_of("answerCallbackQuery")
            if c.params["callback_query_id"] == chosen["callback_query"]["id"]
        ],
        60,
        "the press answered",
    )
    post(tg_stack, updates.message(chat, "thanks"))
    wait_for_user_text(tg_stack, chat, "thanks")
    assert [e["text"] for e in user_events(tg_stack, chat)].count("/affirm") == 1
    assert len(fake.calls_of("sendMessage", chat)) > sent


def test_a_button_from_before_a_restart_does_nothing(tg_stack, fake):
    """The issue's case: an old "Just give me tips" after /restart produced a plan."""
    chat = 2201
    post(tg_stack, updates.message(chat, "we feel like roommates since the baby came"))
    question = keyboard_message(fake, chat)
    assert key_titled(question, "Just give me tips")
    post(tg_stack, updates.message(chat, "/restart"))
    wait_until(
        lambda: any(e["event"] == "restart" for e in all_events(tg_stack, chat)),
        120,
        "a restart event",
    )
    sent = len(fake.calls_of("sendMessage", chat))
    post(tg_stack, press(chat, question, "Just give me tips"))
    reply = fake.wait_for("sendMessage", chat_id=chat, count=sent + 1)[sent]
    assert reply.params["text"] == tg.EARLIER_CONVERSATION_TEXT
    assert "that button is from an earlier conversation" in reply.params["text"].lower()
    [edit] = wait_until(lambda: edits_of(fake, chat), 60, "the old keyboard removed")
    assert edit.params["reply_markup"] == {"inline_keyboard": []}
    # Nothing reached the coach: the next message is the only one after the restart.
    post(tg_stack, updates.message(chat, "hello"))
    wait_for_user_text(tg_stack, chat, "hello")
    tracker = tg_stack.tracker(f"tg:{chat}")
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["hello"]
    bot_texts = " ".join(c.params["text"] for c in fake.calls_of("sendMessage", chat)[sent:])
    assert "plan" not in bot_texts.lower()


def test_a_button_from_this_conversation_still_works_after_a_session_start(tg_stack, fake):
    """Buttons sent after the conversation's last start are current, whatever came before."""
    chat = 2251
    post(tg_stack, updates.message(chat, "/restart"))
    wait_until(
        lambda: any(e["event"] == "restart" for e in all_events(tg_stack, chat)),
        120,
        "a restart event",
    )
    sent = len(fake.calls_of("sendMessage", chat))
    post(tg_stack, updates.message(chat, "how can we communicate better?"))
    question = keyboard_message(fake, chat, after=sent)
    add = next(
        k
        for row in question.params["reply_markup"]["inline_keyboard"]
        for k in row
        if k["callback_data"].endswith(":/add_to_plan")
    )
    post(tg_stack, press(chat, question, add["text"]))
    wait_for_user_text(tg_stack, chat, "/add_to_plan")


def test_an_edited_message_gets_a_note_and_no_action(tg_stack, fake):
    chat = 2301
    post(tg_stack, updates.message(chat, "hi"))
    wait_for_user_text(tg_stack, chat, "hi")
    sent = len(fake.wait_for("sendMessage", chat_id=chat))
    edit = {
        "update_id": updates._id(),
        "edited_message": {
            "message_id": 1,
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": {"id": chat, "type": "private"},
            "text": "hi, we never talk",
        },
    }
    assert post(tg_stack, edit).status_code == 200
    reply = fake.wait_for("sendMessage", chat_id=chat, count=sent + 1)[sent]
    assert reply.params["text"] == tg.EDITED_MESSAGE_TEXT
    assert [e["text"] for e in user_events(tg_stack, chat)] == ["hi"]


def test_a_second_hello_does_not_introduce_the_coach_again(tg_stack, fake):
    chat = 2351
    post(tg_stack, updates.message(chat, "/start"))
    first = fake.wait_for("sendMessage", chat_id=chat)[0]
    assert first.params["text"] in greetings()
    post(tg_stack, updates.message(chat, "hey"))
    second = fake.wait_for("sendMessage", chat_id=chat, count=2)[1]
    assert second.params["text"] in responses("utter_greet_again")


def test_group_chatter_is_ignored_and_a_mention_is_declined(tg_stack, fake):
    chat = -1002401

    def group(text: str, **extra) -> dict:
        update = updates.message(chat, text, **extra)
        update["message"]["chat"] = {"id": chat, "type": "supergroup", "title": "Friends"}
        return update

    post(tg_stack, group("we never talk anymore"))
    reply_to_bot = {"from": {"id": 42, "is_bot": True, "username": "reconnect_bot"}}
    post(tg_stack, group("can you help us?", reply_to_message=reply_to_bot))
    [reply] = fake.wait_for("sendMessage", chat_id=chat)
    assert reply.params["text"] == tg.PRIVATE_ONLY_TEXT
    post(tg_stack, group("/help"))
    fake.wait_for("sendMessage", chat_id=chat, count=2)
    assert len(fake.calls_of("sendMessage", chat)) == 2  # the chatter got no answer
    assert user_events(tg_stack, chat) == []


def test_rest_cannot_read_or_change_a_telegram_conversation(tg_stack, fake):
    """Issue 24: a REST message naming a Telegram conversation reaches nothing of it."""
    chat = 1997
    post(tg_stack, updates.message(chat, "we feel like roommates since the baby arrived"))
    wait_until(
        lambda: tg_stack.tracker(f"tg:{chat}")["slots"].get("cause") == "new_baby",
        120,
        "the Telegram conversation",
    )
    fake.wait_for("sendMessage", chat_id=chat)
    before = all_events(tg_stack, chat)
    telegram_replies = len(fake.calls_of("sendMessage", chat))
    rest = f"{tg_stack.rasa_url}/webhooks/rest/webhook"
    for sender in (f"tg:{chat}", f"TG:{chat}"):
        for text in ("delete my data", "yes", "show my plan"):
            r = requests.post(rest, json={"sender": sender, "message": text}, timeout=30)
            assert r.status_code == 403, (sender, r.status_code)
            assert "belongs to the telegram channel" in r.json()["error"]
    # The bare chat id (a Telegram conversation's id before tg:) is just a REST conversation.
    r = requests.post(rest, json={"sender": str(chat), "message": "show my plan"}, timeout=30)
    assert r.status_code == 200
    assert "baby" not in json.dumps(r.json()).lower()
    assert tg_stack.tracker(str(chat))["slots"].get("cause") is None
    assert all_events(tg_stack, chat) == before
    assert len(fake.calls_of("sendMessage", chat)) == telegram_replies  # nothing sent to them
