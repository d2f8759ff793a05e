"""Faults on real servers: the action server down, the Rasa server restarting, the store gone.

This module starts its own stack (it stops and restarts servers, which would disturb the
shared one). Timeouts are bounded (``COACH_ACTION_TIMEOUT=5`` here) so nothing hangs.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.stack import (
    ROOT,
    SERVER,
    Stack,
    model_path,
    running_stack,
    wait_until,
)


@pytest.fixture(scope="module")
def fault_stack(tmp_path_factory) -> Iterator[Stack]:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with running_stack(
        tmp_path_factory.mktemp("faults"), extra_env={"COACH_ACTION_TIMEOUT": "5"}
    ) as stack:
        yield stack


def texts(replies: list[dict]) -> str:
    return " ".join(str(r.get("text", "")) for r in replies)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def start_actions(stack: Stack) -> None:
    log = stack.workdir / "actions.log"
    proc = subprocess.Popen(
        [*SERVER, "actions", "--actions", "actions",
         "--port", str(stack.action_port)],
        cwd=ROOT, env=stack.env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    stack.procs[0] = proc
    wait_until(f"http://127.0.0.1:{stack.action_port}/health", proc, log, 90)


def start_rasa(stack: Stack) -> None:
    log = stack.workdir / "rasa.log"
    proc = subprocess.Popen(
        [*SERVER, "run", "--model", str(model_path()),
         "--endpoints", str(ROOT / "endpoints.yml"),
         "--credentials", str(ROOT / "credentials.yml"),
         "--interface", "127.0.0.1", "--port", str(stack.rasa_port),
         "--enable-api", "--auth-token", stack.token],
        cwd=ROOT, env=stack.env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    stack.procs[1] = proc
    wait_until(f"{stack.rasa_url}/status?token={stack.token}", proc, log, 300)


def test_action_server_down_then_back(fault_stack):
    who = f"down-{uuid.uuid4().hex[:8]}"
    assert "(From " in texts(fault_stack.rest(who, "how can we communicate better?"))
    stop(fault_stack.procs[0])
    try:
        replies = fault_stack.rest(who, "how do we stop fighting?")
        assert "trouble" in texts(replies) and "try again" in texts(replies)
    finally:
        start_actions(fault_stack)
    replies = fault_stack.rest(who, "how do we stop fighting?")
    assert "(From " in texts(replies)  # the same conversation carries on
    users = [e for e in fault_stack.tracker(who)["events"] if e.get("event") == "user"]
    assert len(users) == 3


def _store_files(stack: Stack) -> list[Path]:
    db = Path(stack.env["COACH_DB_URL"].removeprefix("sqlite:///"))
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def test_guidance_store_unreachable_then_back(fault_stack):
    who = f"store-{uuid.uuid4().hex[:8]}"
    files = _store_files(fault_stack)
    moved = [(f, f.with_name(f.name + ".away")) for f in files if f.exists()]
    for src, dst in moved:
        os.replace(src, dst)
    try:
        replies = fault_stack.rest(who, "how can we communicate better?")
        reply = texts(replies)
        assert replies and ("guidance" in reply or "ideas" in reply), reply
    finally:
        for f in files:
            f.unlink(missing_ok=True)  # the empty file SQLite made while it was away
        for src, dst in moved:
            os.replace(dst, src)
    log = (fault_stack.workdir / "actions.log").read_text(errors="replace")
    assert "guidance store query failed in action_" in log  # logged, with the action
    replies = fault_stack.rest(who, "how can we communicate better?")
    assert "(From " in texts(replies)  # recovered without a restart


def test_rasa_restart_keeps_form_and_plan(fault_stack):
    planner, asked = f"plan-{uuid.uuid4().hex[:8]}", f"form-{uuid.uuid4().hex[:8]}"
    fault_stack.rest(planner, "we feel like roommates lately")
    for answer in ["sure", "about a year", "since the baby came", "both", "yes", "not sure"]:
        fault_stack.rest(planner, answer)
    assert texts(fault_stack.rest(planner, "start")).startswith("Step 1 of ")
    fault_stack.rest(asked, "we feel like roommates lately")
    fault_stack.rest(asked, "sure")
    before = fault_stack.tracker(asked)
    plan_before = fault_stack.tracker(planner)["slots"]["plan"]
    assert before["active_loop"].get("name") == "assessment_form"

    stop(fault_stack.procs[1])
    start_rasa(fault_stack)

    after = fault_stack.tracker(asked)
    assert after["active_loop"] == before["active_loop"]
    assert after["slots"]["requested_slot"] == before["slots"]["requested_slot"]
    fault_stack.rest(asked, "about a year")
    assert fault_stack.tracker(asked)["slots"]["duration"] == "year_plus"
    replies = fault_stack.rest(planner, "next")
    assert texts(replies).startswith("Step 2 of ")
    assert fault_stack.tracker(planner)["slots"]["plan"] == plan_before
