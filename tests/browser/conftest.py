"""A real coach (action server + Rasa server) and the web chat page, for browser tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from runtime.stack import Stack, free_port, model_path, running_stack, running_web
from tests.conftest import skip_or_fail

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class WebStack:
    """The running coach and the URL of its web chat page."""

    stack: Stack
    url: str
    origin: str


@pytest.fixture(scope="session")
def web_stack(tmp_path_factory) -> Iterator[WebStack]:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    web_port = free_port()
    origin = f"http://127.0.0.1:{web_port}"
    workdir = tmp_path_factory.mktemp("web_stack")
    with (
        running_stack(
            workdir,
            # Only the page's own origin may open a socket (what `make run` configures).
            extra_env={"COACH_CORS_ORIGINS": origin},
            extra_args=["--cors", origin],
        ) as stack,
        running_web(workdir, web_port, stack.rasa_url) as url,
    ):
        yield WebStack(stack, url, origin)


# Module scope, not session: Playwright's sync API runs an event loop in this thread while
# it is open, and every asyncio test collected after the browser tests would then fail
# with "cannot be called from a running event loop".
@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        skip_or_fail("Debian's chromium is not installed (scripts/system_deps.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
