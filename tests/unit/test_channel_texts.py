"""What the channels say on their own lives in content/channels.yml."""

from __future__ import annotations

import pytest

from channels.texts import channel_texts

TELEGRAM_KEYS = {
    "help",
    "not_text",
    "too_long",
    "expired_button",
    "earlier_conversation",
    "edited_message",
    "private_only",
    "something_went_wrong",
    "chosen_answer",
}


def test_every_text_the_channels_use_is_there():
    assert set(channel_texts("telegram")) >= TELEGRAM_KEYS
    assert {"too_long", "not_text", "earlier_conversation"} <= set(channel_texts("webchat"))
    assert "{title}" in channel_texts("telegram")["chosen_answer"]
    for channel in ("telegram", "webchat"):
        note = channel_texts(channel)["earlier_conversation"].lower()
        assert "that button is from an earlier conversation" in note


def test_a_malformed_file_is_refused(tmp_path):
    path = tmp_path / "channels.yml"
    path.write_text("telegram:\n  help: [not, text]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="telegram"):
        channel_texts("telegram", path)
    with pytest.raises(ValueError, match="webchat"):
        channel_texts("webchat", path)
