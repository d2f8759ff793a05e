"""Smoke test of ``make bench``: one user, a few turns, and the figures are produced.

Starts the starter bot and the coach (reusing the cached reference model in
``var/bench/``; building it once takes about 2 minutes) and checks that the report,
the JSON and the chart are written with numbers in them. Timings are not asserted.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    if not (ROOT / "models" / "current").exists():
        pytest.skip("no trained model: run `make train`")
    out = tmp_path_factory.mktemp("bench")
    cmd = [
        sys.executable, "-m", "coach.env", sys.executable, "bench/compare.py",
        "--users", "1", "--duration", "60", "--turns", "4", "--conversations", "1",
        "--no-train", "--out", str(out),
    ]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def test_report_json_and_chart_are_written(results):
    assert (results / "latency.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (results / "results.md").read_text(encoding="utf-8")
    assert "| 1 | p95 ms |" in report and "start to first answer" in report


def test_figures_are_numbers_and_conversations_had_no_errors(results):
    data = json.loads((results / "results.json").read_text(encoding="utf-8"))
    [level] = data["levels"]
    assert level["users"] == 1
    for bot in ("coach", "reference"):
        run = level[bot]
        assert run["requests"] >= 4, run
        assert run["errors"] == 0, run["failures"]
        for key in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s"):
            assert isinstance(run[key], (int, float)) and math.isfinite(run[key]) and run[key] > 0
        assert data[bot]["first_answer_s"] > 0
        assert data[bot]["rasa_peak_rss_mb"] > 100
        assert data[bot]["train_s"] is None or data[bot]["train_s"] > 0
    assert data["coach"]["actions_peak_rss_mb"] > 10
    assert set(level["coach"]["per_turn"]) == {
        "coach 01 we feel like roommates lately",
        "coach 02 sure",
        "coach 03 about a year",
        "coach 04 since the baby came",
    }
