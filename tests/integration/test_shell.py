"""``make shell`` driven as a person would, in a pseudo-terminal (pexpect).

``scripts/shell.sh`` (what ``make shell`` runs) starts an action server and ``rasa shell``
on the trained model. ``rasa shell`` shows a message with buttons as a questionary
selection list ("1: Sure (/affirm)", ..., "Type out your own message...") that is
answered with the arrow keys and Enter; the test reads the screen (ANSI codes removed)
and picks buttons by their titles. It runs twice: alone (the script starts an action
server) and beside a running coach (``make run``'s situation: the shell shares the
coach's action server and its own Rasa server gets a free port). The terminal is 80
columns wide: the coach's text must wrap, and no deprecation warning may show. A shell
that cannot start says why in the terminal, with the log's path.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import time

import pexpect
import pytest

from runtime.stack import ROOT, free_port

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r")
DOWN, ENTER = "\x1b[B", "\r"
FREE_TEXT = "Type out your own message..."


class Terminal:
    """What a person sees in the terminal, and the keys they press."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = ""
        self.mark = 0  # where the output of the last action starts

    def _read(self) -> None:
        try:
            chunk = self.child.read_nonblocking(65536, timeout=0.5)
        except pexpect.TIMEOUT:
            return
        self.screen += ANSI.sub("", chunk)

    def wait_for(self, pattern: str, seconds: float = 120) -> re.Match[str]:
        """Wait until ``pattern`` (a regex) shows up after the last action.

        A space in the pattern matches any run of whitespace: the text wraps to the
        terminal's width.
        """
        pattern = pattern.replace(" ", r"\s+")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            match = re.compile(pattern, re.IGNORECASE).search(self.screen, self.mark)
            if match:
                return match
            if not self.child.isalive():
                self._read_rest()
                match = re.compile(pattern, re.IGNORECASE).search(self.screen, self.mark)
                if match:
                    return match
                break
            self._read()
        raise AssertionError(
            f"{pattern!r} did not appear; the screen ends with:\n{self.screen[-3000:]}"
        )

    def _read_rest(self) -> None:
        with contextlib.suppress(pexpect.EOF, pexpect.TIMEOUT, OSError):
            self.screen += ANSI.sub("", self.child.read())

    def type(self, text: str) -> None:
        self.mark = len(self.screen)
        self.child.send(text + ENTER)

    def choose(self, title: str) -> list[str]:
        """Pick the button ``title`` in the selection list; return every choice shown."""
        # The list drawn last: from its "(Use arrow keys)" hint to its free-text choice.
        deadline = time.monotonic() + 120
        while True:
            start = self.screen.rfind("(Use arrow keys)", self.mark)
            end = self.screen.find(FREE_TEXT, start) if start >= 0 else -1
            if end > 0:
                break
            assert time.monotonic() < deadline, f"no selection list:\n{self.screen[-3000:]}"
            self._read()
        buttons = re.findall(r"(\d+): ([^\n(]+?) \(", self.screen[start:end])
        titles: dict[str, int] = {}
        for number, name in buttons:
            titles.setdefault(name.strip(), int(number))
        if title == FREE_TEXT:
            position = max(titles.values()) + 1
        else:
            assert title in titles, f"no button {title!r} among {titles}"
            position = titles[title]
        self.mark = len(self.screen)
        self.child.send(DOWN * (position - 1))
        time.sleep(0.3)
        self.child.send(ENTER)
        return list(titles)


COLUMNS = 80


def spawn(tmp_path, action_port: int, args: list[str], extra_env: dict[str, str] | None = None):
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "SHELL_ACTION_PORT": str(action_port),
            "TRACKER_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "TERM": "xterm",
            "BIN": os.path.dirname(sys.executable),
        }
    )
    env.update(extra_env or {})
    return pexpect.spawn(
        sys.executable,
        ["-m", "coach.env", "scripts/shell.sh", *args],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        codec_errors="replace",
        dimensions=(60, COLUMNS),
        timeout=30,
    )


@contextlib.contextmanager
def terminal(child: pexpect.spawn):
    try:
        yield Terminal(child)
    finally:
        if child.isalive():
            # The shell script, rasa shell and its action server share one process group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)
            child.close(force=True)


@pytest.fixture(params=["alone", "beside a running coach"])
def shell(request, tmp_path):
    if request.param == "alone":
        child = spawn(tmp_path, free_port(), [])
    else:
        coach = request.getfixturevalue("stack")  # `make run`: action + Rasa servers up
        child = spawn(
            tmp_path,
            coach.action_port,
            [],
            {
                "RASA_PORT": str(coach.rasa_port),
                "ACTION_PORT": str(coach.action_port),
                # The running action server's secret (issue 24), as `make run` shares it.
                "ACTION_SERVER_TOKEN": coach.env["ACTION_SERVER_TOKEN"],
            },
        )
    with terminal(child) as term:
        yield term


def test_a_conversation_in_the_terminal(shell):
    shell.wait_for(r"Bot loaded\. Type a message", seconds=400)
    shell.type("hello")
    shell.wait_for(r"Hi, I'm Reconnect|Hello|Hi there")

    shell.type("we feel like roommates since the baby came")
    shell.wait_for(r"baby")
    choices = shell.choose("Sure")
    assert choices == ["Sure", "Just give me tips"]

    shell.wait_for(r"how long")
    choices = shell.choose("A year or more")
    assert choices == ["A few weeks", "A few months", "A year or more"]

    shell.wait_for(r"pulled (back|away)")
    assert shell.choose("Both") == ["Me", "My partner", "Both", "Not sure"]

    shell.wait_for(r"feel safe with your partner")
    assert shell.choose("Yes") == ["Yes", "Not always", "I'd rather not say"]

    shell.wait_for(r"(open|willing) to work")
    assert shell.choose("Not sure") == ["Yes", "Probably", "Not sure", "Probably not", "No"]

    shell.wait_for(r"Sources: ")  # the plan, its sources on their own line
    assert "Start" in shell.choose("Start")

    step = shell.wait_for(r"Step 1 of \d+ · [^\n]+")
    assert step.group(0)
    # Long lines of the plan and the step wrap at the terminal's edge instead of being cut.
    lines = [line.rstrip() for line in shell.screen.split("\n")]
    plan_lines = [line for line in lines if "Sources: " in line or "Step 1 of" in line]
    assert plan_lines and all(len(line) <= COLUMNS for line in plan_lines), plan_lines
    for warning in ("DeprecationWarning", "FutureWarning", "PendingDeprecationWarning"):
        assert warning not in shell.screen
    shell.choose(FREE_TEXT)
    shell.wait_for(r"Your input ->")
    shell.type("goodbye, thank you")
    shell.wait_for(r"Take care of yourself|Goodbye for now|Bye for now")
    shell.type("/stop")
    shell.child.expect(pexpect.EOF, timeout=60)


def test_a_shell_that_cannot_start_says_why(tmp_path, stack):
    """Its server's port is taken (here on purpose): the reason shows, with the log path."""
    child = spawn(tmp_path, stack.action_port, ["--port", str(stack.rasa_port)])
    with terminal(child) as shell:
        shell.wait_for(r"rasa shell stopped with a problem", seconds=400)
        shell.wait_for(r"The full log is in var/logs/shell\.log")
        assert re.search(
            r"address already in use|error while attempting to bind", shell.screen, re.I
        )
        shell.child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus not in (0, None)
