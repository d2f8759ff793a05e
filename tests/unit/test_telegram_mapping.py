"""The pure Telegram mapping: updates to what the coach gets, buttons to inline keyboards."""

from __future__ import annotations

import pytest

from channels import telegram_api as tg
from tests.integration.fake_telegram import Updates


@pytest.fixture
def book() -> tg.PayloadBook:
    return tg.PayloadBook()


def parse(update, book, max_chars=1000, bot=""):
    return tg.parse_update(update, max_chars, book, bot)


def test_text_goes_to_the_coach_from_its_chat(book):
    update = Updates().message(42, "  we feel like roommates  ")
    inbound = parse(update, book)
    assert inbound == tg.Inbound(update["update_id"], 42, "text", "we feel like roommates")


@pytest.mark.parametrize(
    ("text", "kind", "forwarded"),
    [
        ("/start", "text", "/greet"),
        ("/start some-deep-link", "text", "/greet"),
        ("/delete", "text", "delete my data"),
        ("/restart", "restart", ""),
        ("/help", "help", ""),
        ("/HELP", "help", ""),
        ("/greet", "help", ""),  # typed intents are not passed through
        ('/inform{"cause": "new_job"}', "help", ""),
    ],
)
def test_commands(book, text, kind, forwarded):
    inbound = parse(Updates().message(7, text), book)
    assert (inbound.kind, inbound.text) == (kind, forwarded)


def test_commands_for_another_bot_are_ignored(book):
    assert parse(Updates().message(7, "/start@OtherBot"), book, bot="ReconnectBot") is None
    inbound = parse(Updates().message(7, "/start@reconnectbot"), book, bot="ReconnectBot")
    assert inbound.text == "/greet"


@pytest.mark.parametrize(
    "extra",
    [
        {"sticker": {"file_id": "x", "emoji": "🙂"}},
        {"photo": [{"file_id": "p", "width": 90, "height": 90}], "caption": "look"},
        {"voice": {"file_id": "v", "duration": 3}},
        {"location": {"latitude": 1.0, "longitude": 2.0}},
    ],
)
def test_non_text_messages_get_a_kind_reply(book, extra):
    inbound = parse(Updates().message(9, None, **extra), book)
    assert inbound.kind == "not_text" and inbound.chat_id == 9 and inbound.text == ""


def test_too_long_text_is_not_forwarded(book):
    inbound = parse(Updates().message(9, "a" * 1001), book, max_chars=1000)
    assert inbound.kind == "too_long" and inbound.text == ""
    assert parse(Updates().message(9, "a" * 1000), book, max_chars=1000).kind == "text"


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 1, "edited_message": {"chat": {"id": 1, "type": "group"}, "text": "x"}},
        {"update_id": 2, "poll": {"id": "p"}},
        {"update_id": 3, "message": {"text": "no chat"}},
        {"update_id": 4, "message": {"chat": {"id": "1"}, "text": "chat id not a number"}},
        {"update_id": 5, "message": {"chat": {"id": 1, "type": "private"}, "text": "   "}},
        {"update_id": 6, "callback_query": {"data": "x"}},
        {},
    ],
)
def test_updates_with_nothing_to_answer_are_ignored(book, update):
    assert parse(update, book) is None


def test_groups_are_declined_only_when_addressed():
    book = tg.PayloadBook()
    update = Updates().message(-100, "hello everyone")
    update["message"]["chat"]["type"] = "group"
    assert parse(update, book) is None
    update["message"]["text"] = "/start"
    assert parse(update, book).kind == "group"


def test_button_press_sends_its_payload(book):
    inbound = parse(Updates().button_press(5, "/add_to_plan"), book)
    assert inbound.kind == "text" and inbound.text == "/add_to_plan"
    assert inbound.callback_query_id and inbound.chat_id == 5


def test_long_payloads_fit_in_callback_data_and_come_back(book):
    payload = '/inform{"cause": "new_baby", "duration": "a year or more", "who": "both of us"}'
    assert len(payload.encode()) > tg.CALLBACK_DATA_LIMIT
    keyboard = tg.inline_keyboard([{"title": "A year", "payload": payload}], book)
    data = keyboard["inline_keyboard"][0][0]["callback_data"]
    assert len(data.encode()) <= tg.CALLBACK_DATA_LIMIT
    assert data == tg.hashed_callback_data(payload)  # stable across restarts
    inbound = parse(Updates().button_press(5, data, keyboard), book)
    assert inbound.text == payload


def test_multibyte_payloads_are_measured_in_bytes(book):
    payload = "ça me pèse énormément, vraiment énormément ❤️❤️❤️"
    assert len(payload) <= 64 < len(payload.encode())
    assert book.callback_data(payload).startswith(tg.HASHED_PREFIX)


def test_payload_looking_like_a_key_is_hashed_too(book):
    assert book.callback_data("#abc") != "#abc"
    assert book.payload(book.callback_data("#abc")) == "#abc"


def test_unknown_long_payload_falls_back_to_the_button_title():
    keyboard = {"inline_keyboard": [[{"text": "Since the baby came", "callback_data": "#zzz"}]]}
    inbound = parse(Updates().button_press(5, "#zzz", keyboard), tg.PayloadBook())
    assert inbound.kind == "text" and inbound.text == "Since the baby came"
    inbound = parse(Updates().button_press(5, "#zzz"), tg.PayloadBook())
    assert inbound.kind == "expired_button" and inbound.callback_query_id


def test_payload_book_is_bounded():
    book = tg.PayloadBook(size=2)
    keys = [book.callback_data("x" * 70 + str(i)) for i in range(3)]
    assert book.payload(keys[0]) is None
    assert book.payload(keys[2]) == "x" * 70 + "2"


def test_inline_keyboard_rows(book):
    buttons = [
        {"title": "Yes", "payload": "/affirm"},
        {"title": "No", "payload": "/deny"},
        {"title": "Not sure", "payload": "not sure"},
        {"title": "Add a small exercise on this, please", "payload": "/add_to_plan"},
        {"title": "", "payload": ""},
    ]
    rows = tg.inline_keyboard(buttons, book)["inline_keyboard"]
    assert [[k["text"] for k in row] for row in rows] == [
        ["Yes", "No", "Not sure"],
        ["Add a small exercise on this, please"],
    ]
    assert rows[0][0]["callback_data"] == "/affirm"


def test_split_text_keeps_paragraphs_and_limits():
    text = ("word " * 30).strip() + "\n\n" + "x" * 50
    parts = tg.split_text(text, limit=60)
    assert all(len(p) <= 60 for p in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert tg.split_text("short") == ["short"]
    assert tg.split_text("   ") == []


def test_secret_comparison():
    assert tg.secret_matches("s3cret", "s3cret")
    assert not tg.secret_matches("s3cre", "s3cret")
    assert not tg.secret_matches(None, "s3cret")
    assert not tg.secret_matches("", "")  # an unset secret never matches


# --- Issue 23: stamped buttons, the chosen answer, edits and groups ---------------------


def test_keyboards_say_when_they_were_sent_within_64_bytes(book):
    long_payload = '/inform{"cause": "' + "x" * 80 + '"}'
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "Long", "payload": long_payload}]
    keyboard = tg.inline_keyboard(buttons, book, sent_s=1_764_864_000.25)
    keys = [k for row in keyboard["inline_keyboard"] for k in row]
    assert all(len(k["callback_data"].encode()) <= tg.CALLBACK_DATA_LIMIT for k in keys)
    for key, button in zip(keys, buttons, strict=True):
        press = parse(Updates().button_press(3, key["callback_data"], keyboard), book)
        assert press.kind == "text" and press.text == button["payload"]
        assert press.sent_s == 1_764_864_000.25
        assert press.title == button["title"]
        assert press.message_id == 1


def test_an_unstamped_keyboard_is_dated_by_its_message(book):
    update = Updates().button_press(3, "/affirm")
    press = parse(update, book)
    assert press.text == "/affirm"
    assert press.sent_s == update["callback_query"]["message"]["date"] + 1


def test_the_chosen_answer_button_does_nothing(book):
    press = parse(Updates().button_press(3, tg.CHOSEN_DATA), book)
    assert press.kind == "chosen" and press.callback_query_id


def test_an_edited_message_gets_a_note_and_is_not_forwarded(book):
    update = {
        "update_id": 9,
        "edited_message": {"chat": {"id": 4, "type": "private"}, "text": "we argue a lot"},
    }
    assert parse(update, book) == tg.Inbound(9, 4, "edited")


def group_message(text, **extra):
    update = Updates().message(-100, text, **extra)
    update["message"]["chat"]["type"] = "supergroup"
    return update


@pytest.mark.parametrize(
    ("text", "extra", "kind"),
    [
        ("we never talk", {}, None),  # chatter between the members: not for the coach
        ("/start", {}, "group"),
        ("hey @ReconnectBot can you help", {}, "group"),
        (
            "sure",
            {"reply_to_message": {"from": {"is_bot": True, "username": "ReconnectBot"}}},
            "group",
        ),
        ("sure", {"reply_to_message": {"from": {"is_bot": True, "username": "OtherBot"}}}, None),
        ("sure", {"reply_to_message": {"from": {"is_bot": False, "username": "sam"}}}, None),
    ],
)
def test_groups_are_declined_only_when_the_bot_is_addressed(book, text, extra, kind):
    inbound = parse(group_message(text, **extra), book, bot="ReconnectBot")
    assert (inbound.kind if inbound else None) == kind
