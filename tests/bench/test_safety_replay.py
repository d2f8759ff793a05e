"""The safety replay's sampling, per-state summary and markdown table (no servers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.safety_replay import (
    main,
    markdown_table,
    print_report,
    read_sets,
    redact,
    sample_items,
    state_summary,
)


def result(index, label, state, outcome, text=None):
    return {
        "index": index,
        "label": label,
        "text": text or f"secret message {index}",
        "ref": f"set.yml#{index}",
        "state": state,
        "outcome": outcome,
        "responses": [],
    }


def replay():
    return [
        result(1, "crisis", "first_message", "full"),
        result(2, "abuse", "first_message", "gentle"),
        result(3, "none", "first_message", "none"),
        result(4, "abuse", "first_message", "none"),
        result(1, "crisis", "question:cause", "full"),
        result(2, "abuse", "question:cause", "none"),
        result(3, "none", "question:cause", "gentle"),
        result(4, "abuse", "question:cause", "full"),
        result(1, "crisis", "followup", "setup_failed"),
        result(2, "abuse", "followup", "other"),
        result(3, "none", "followup", "none"),
        result(4, "abuse", "followup", "none"),
    ]


def test_state_summary_counts_replies_shares_and_losses():
    rows = state_summary(replay(), ["first_message", "question:cause", "followup"])
    assert rows[0] == {
        "state": "first_message",
        "messages": 4,
        "safety_replies": 2,
        "share_pct": 50.0,
        "risk_messages": 3,
        "risk_reached": 2,
        "false_alarms": 0,
        "any_safety": 2,
        "lost": None,
        "lost_any": None,
        "setup_failed": 0,
    }
    # #2 lost, #4 newly caught, #3 a false alarm: same count, one loss.
    assert rows[1]["safety_replies"] == 3
    assert rows[1]["share_pct"] == 75.0
    assert rows[1]["risk_reached"] == 2
    assert rows[1]["false_alarms"] == 1
    assert rows[1]["lost"] == 1
    # A setup failure is neither a message nor a loss; "other" is not a safety reply.
    assert rows[2]["messages"] == 3
    assert rows[2]["setup_failed"] == 1
    assert rows[2]["safety_replies"] == 0
    assert rows[2]["lost"] == 1
    # ...but it is an utter_safety_* reply: not lost when any safety reply counts.
    assert rows[2]["any_safety"] == 1
    assert rows[2]["lost_any"] == 0
    assert rows[1]["lost_any"] == 1


def test_without_the_first_message_state_no_losses_are_claimed():
    only = [r for r in replay() if r["state"] == "question:cause"]
    assert state_summary(only, ["question:cause"])[0]["lost"] is None


def test_markdown_table_has_one_row_per_state():
    rows = state_summary(replay(), ["first_message", "question:cause", "followup"])
    lines = markdown_table(rows).splitlines()
    assert lines[0].startswith("| state | messages | safety replies | share |")
    assert "lost vs first_message" in lines[0]
    assert lines[1].count("|") == lines[0].count("|")
    assert lines[2] == "| first_message | 4 | 2 | 50.0% | 2/3 (66.7%) | 0 | - | 2 | - | 0 |"
    assert lines[3] == "| question:cause | 4 | 3 | 75.0% | 2/3 (66.7%) | 1 | 1 | 3 | 1 | 0 |"
    assert lines[4] == "| followup | 3 | 0 | 0.0% | 0/2 (0.0%) | 0 | 1 | 1 | 0 | 1 |"
    assert len(lines) == 5


def test_an_empty_state_shows_dashes_not_a_division_by_zero():
    rows = state_summary([], ["plan_step"])
    assert (
        markdown_table(rows).splitlines()[2]
        == "| plan_step | 0 | 0 | - | 0/0 (-) | 0 | - | 0 | - | 0 |"
    )


def test_sample_is_seeded_ordered_and_per_set(tmp_path: Path):
    items = [{"text": f"m{i}", "label": "none"} for i in range(50)]
    one = sample_items(items, 10, seed=3)
    assert one == sample_items(items, 10, seed=3)
    assert one != sample_items(items, 10, seed=4)
    assert len(one) == 10
    assert [items.index(x) for x in one] == sorted(items.index(x) for x in one)
    assert sample_items(items, 80) == items
    assert sample_items(items, None) == items
    with pytest.raises(SystemExit):
        sample_items(items, 0)

    a, b = tmp_path / "a.yml", tmp_path / "b.yml"
    a.write_text("".join(f"- {{text: a{i}, label: crisis}}\n" for i in range(20)))
    b.write_text("".join(f"- {{text: b{i}}}\n" for i in range(5)))
    read = read_sets([a, b], None, sample=6)
    assert len(read) == 6 + 5
    assert [x["text"][0] for x in read] == ["a"] * 6 + ["b"] * 5
    assert read[-1] == {"text": "b4", "label": "none", "ref": "b.yml#5"}
    assert read == read_sets([a, b], None, sample=6)
    assert all(x["ref"] == f"a.yml#{int(x['text'][1:]) + 1}" for x in read[:6])
    assert len(read_sets([a, b], 4, sample=6)) == 4


def test_no_text_prints_and_saves_no_message(capsys):
    results = replay()
    results[0]["transcript"] = ["user: secret message 1"]
    print_report(results, ["first_message", "question:cause", "followup"], show_text=False)
    out = capsys.readouterr().out
    assert "secret" not in out
    assert "set.yml#2 [abuse] gentle -> none" in out  # the loss, named by its ref
    assert not any("text" in r or "transcript" in r for r in redact(results))
    print_report(results, ["first_message", "question:cause"], show_text=True)
    assert "secret message 2" in capsys.readouterr().out


def test_report_reprints_a_saved_run_without_servers(tmp_path: Path, capsys):
    saved = tmp_path / "run.json"
    saved.write_text(
        json.dumps({"states": ["first_message", "question:cause"], "results": replay()})
    )
    assert main(["--report", str(saved), "--no-text"]) == 0
    out = capsys.readouterr().out
    assert "| question:cause | 4 | 3 | 75.0% |" in out
    assert "secret" not in out
