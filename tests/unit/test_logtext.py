"""Message text reaches the logs only with COACH_LOG_TEXT=1, and then with a loud warning."""

from __future__ import annotations

import logging

from coach import logtext


def test_text_is_hidden_by_default(monkeypatch, caplog):
    monkeypatch.delenv("COACH_LOG_TEXT", raising=False)
    assert logtext.text_note("my secret") == ""
    logtext.announce(logging.getLogger("test.hidden"))
    assert caplog.records == []


def test_opt_in_shows_text_and_warns_once(monkeypatch, caplog):
    monkeypatch.setenv("COACH_LOG_TEXT", "1")
    assert logtext.text_note("my secret") == " text='my secret'"
    assert len(logtext.text_note("x" * 5000)) < 600
    logger = logging.getLogger("test.shown")
    with caplog.at_level(logging.WARNING):
        logtext.announce(logger)
        logtext.announce(logger)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "WILL CONTAIN WHAT PEOPLE WRITE" in warnings[0].message
