"""The web chat page in Debian's Chromium, against the real coach (Playwright).

One conversation is driven as a person would: open the page, open the widget, say hello,
describe feeling disconnected, tap quick replies through the questions, get the first
step of a plan, reload and find the conversation still there. Every request the browser
makes is recorded: any request to a host other than this machine fails the test (and is
blocked, so it never leaves). Screenshots (desktop and phone) go to tests/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

pytestmark = [pytest.mark.browser, pytest.mark.model]

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Which quick reply a person picks for each question of the assessment, in order of taste.
CHOICES = ["Sure", "A year or more", "A new baby", "Both", "Yes", "Not sure", "Start"]
# Records CSP violations on every page the context opens.
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""
TIMEOUT_MS = 60_000


class Requests:
    """Every URL the browser asked for; requests to other hosts are aborted."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.foreign: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        self.urls.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            self.foreign.append(url)
            route.abort()
            return
        route.continue_()


@pytest.fixture(scope="module")
def recorder() -> Requests:
    return Requests()


def new_context(browser, recorder: Requests, **kwargs):
    context = browser.new_context(**kwargs)
    context.route("**/*", recorder.route)
    # Playwright routes do not see WebSockets: record those from the page's events.
    context.on("page", lambda page: page.on("websocket", lambda ws: recorder.route_ws(ws)))
    context.add_init_script(CSP_WATCH)
    return context


def _route_ws(self: Requests, ws) -> None:
    self.urls.append(ws.url)
    if urlsplit(ws.url).hostname not in LOCAL_HOSTS:
        self.foreign.append(ws.url)


Requests.route_ws = _route_ws  # type: ignore[attr-defined]


# The coach's messages (not the typing indicator, which is also a .rw-response).
BOT = ".rw-messages-container .rw-response .rw-message-text"


def bot_texts(page) -> list[str]:
    return page.locator(BOT).all_inner_texts()


def wait_for_bot(page, count_before: int) -> None:
    """Wait until the coach has said something new and stopped "typing"."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n",
        arg=[BOT, count_before],
        timeout=TIMEOUT_MS,
    )
    page.wait_for_function(
        "() => !document.querySelector('.rw-messages-container #wave')", timeout=TIMEOUT_MS
    )


def say(page, text: str) -> None:
    before = len(bot_texts(page))
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")
    wait_for_bot(page, before)


def visible_replies(page):
    return [r for r in page.locator(".rw-replies .rw-reply").all() if r.is_visible()]


def tap_reply(page, wanted: list[str]) -> str:
    """Tap the first visible quick reply whose title is in ``wanted``; return its title."""
    page.wait_for_selector(".rw-replies .rw-reply", timeout=TIMEOUT_MS)
    replies = visible_replies(page)
    titles = [r.inner_text().strip() for r in replies]
    for choice in wanted:
        if choice in titles:
            before = len(bot_texts(page))
            replies[titles.index(choice)].click()
            wait_for_bot(page, before)
            return choice
    raise AssertionError(f"none of {wanted} among the quick replies {titles}")


def wait_settled(page) -> None:
    """Let the widget finish showing delayed messages."""
    page.wait_for_timeout(1500)


def wait_connected(page) -> None:
    """The widget has its session from the coach (socket.io connected)."""
    page.wait_for_function("() => !!sessionStorage.getItem('chat_session')", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => (JSON.parse(sessionStorage.getItem('chat_session')) || {}).session_id",
        timeout=TIMEOUT_MS,
    )


def session_id(page) -> str:
    raw = page.evaluate("sessionStorage.getItem('chat_session')")
    assert raw, "the widget keeps its session in sessionStorage"
    match = re.search(r'"session_id":"([^"]+)"', raw)
    assert match, raw
    return match.group(1)


def test_conversation_in_the_widget(browser, web_stack, recorder):
    ARTIFACTS.mkdir(exist_ok=True)
    context = new_context(browser, recorder, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        page.goto(web_stack.url)
        assert "Reconnect" in page.title()
        assert "not a therapist" in page.locator("main").inner_text()
        assert "988" in page.locator(".note.crisis").inner_text()  # COACH_COUNTRY=us
        wait_connected(page)
        page.screenshot(path=str(ARTIFACTS / "desktop-home.png"), animations="disabled")

        page.locator(".rw-launcher").click()
        page.wait_for_selector(".rw-new-message", timeout=TIMEOUT_MS)
        wait_for_bot(page, 0)  # the coach opens the conversation
        wait_settled(page)
        say(page, "hello")
        say(page, "we feel like roommates since the baby came")
        taken = []
        for _ in range(10):
            wait_settled(page)
            if "Start" in taken:
                break
            taken.append(tap_reply(page, CHOICES))
        texts = bot_texts(page)
        (ARTIFACTS / "desktop-chat.txt").write_text("\n---\n".join(texts))
        assert any("Step 1 of" in t for t in texts), texts
        assert taken[0] == "Sure" and "Start" in taken
        page.screenshot(path=str(ARTIFACTS / "desktop-chat.png"))

        # Markup is text: from the person, and from the coach's side of the socket.
        say(page, "<script>window.__pwned = 1</script><b>bold?</b>")
        sid = session_id(page)
        r = requests.post(
            f"{web_stack.stack.rasa_url}/conversations/{sid}/tracker/events",
            params={
                "token": web_stack.stack.token,
                "output_channel": "socketio",
                "execute_side_effects": "true",
            },
            json=[
                {
                    "event": "bot",
                    "text": 'Markup test <script>window.__pwned = 2</script><img src="/pwned.png">',
                }
            ],
            timeout=30,
        )
        r.raise_for_status()
        page.get_by_text("Markup test", exact=False).wait_for(timeout=TIMEOUT_MS)
        messages = page.locator(".rw-messages-container")
        assert "<script>window.__pwned = 1</script><b>bold?</b>" in messages.inner_text()
        assert "<script>window.__pwned = 2</script>" in messages.inner_text()
        assert messages.locator("b, img, .rw-message-text script").count() == 0
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("window.__csp") == []

        # A reload keeps the conversation (session persistence).
        page.reload()
        wait_connected(page)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "desktop-reloaded.png"))
        if not page.locator(".rw-conversation-container").is_visible():
            page.locator(".rw-launcher").click()
        page.wait_for_selector(BOT, timeout=TIMEOUT_MS)
        history = page.locator(".rw-messages-container").inner_text()
        assert "we feel like roommates since the baby came" in history
        assert "Step 1 of" in history
        assert session_id(page) == sid
        assert page.evaluate("window.__csp") == []
        assert not any("/pwned.png" in u for u in recorder.urls)
        tracker = web_stack.stack.tracker(sid)
        assert tracker["slots"]["plan_step"] == 1
        assert tracker["latest_input_channel"] == "socketio"
    finally:
        context.close()
    assert not console_errors or all("favicon" in e for e in console_errors), console_errors
    assert recorder.foreign == []


def test_phone_sized_screen(browser, web_stack, recorder):
    ARTIFACTS.mkdir(exist_ok=True)
    context = new_context(
        browser,
        recorder,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    try:
        page.goto(web_stack.url)
        wait_connected(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
        page.screenshot(
            path=str(ARTIFACTS / "phone-home.png"), full_page=True, animations="disabled"
        )
        page.locator("#start-chat").tap()
        page.wait_for_selector(".rw-new-message", timeout=TIMEOUT_MS)
        wait_for_bot(page, 0)
        wait_settled(page)
        say(page, "hi there")
        say(page, "we feel like roommates since the baby came")
        page.wait_for_selector(".rw-replies .rw-reply", timeout=TIMEOUT_MS)
        wait_settled(page)
        box = page.locator(".rw-conversation-container").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        assert page.locator(".rw-new-message").is_visible()
        assert visible_replies(page), "quick replies are visible on a phone"
        page.screenshot(path=str(ARTIFACTS / "phone-chat.png"))
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
    assert recorder.foreign == []


def test_no_request_leaves_this_machine(recorder):
    """Runs after the two conversations above (same module): nothing went elsewhere."""
    assert recorder.urls, "the browser tests above recorded their requests"
    assert any("/static/webchat.js" in u for u in recorder.urls)
    assert any("/socket.io/" in u for u in recorder.urls)
    assert recorder.foreign == []


def test_socket_from_another_origin_is_refused(web_stack):
    url = f"{web_stack.stack.rasa_url}/socket.io/"
    params = {"EIO": "4", "transport": "polling"}
    evil = {"Origin": "http://evil.example"}
    refused = requests.get(url, params=params, headers=evil, timeout=10)
    assert refused.status_code == 400
    assert "Access-Control-Allow-Origin" not in refused.headers
    allowed = requests.get(url, params=params, headers={"Origin": web_stack.origin}, timeout=10)
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == web_stack.origin


def test_page_headers(web_stack):
    r = requests.get(web_stack.url, timeout=10)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "default-src 'none'" in csp
    assert f"connect-src 'self' {web_stack.stack.rasa_url}" in csp
    bundle = requests.get(web_stack.url + "static/webchat.js", timeout=10).text
    assert "fonts.googleapis" not in bundle and len(bundle) > 100_000
