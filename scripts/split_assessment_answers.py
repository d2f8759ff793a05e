"""Split the blind assessment-answer table into a dev half and a held-out half (seed 19).

Usage: python scripts/split_assessment_answers.py /path/to/assessment_answers.yml
Writes tests/data/assessment_answers_dev.yml and tests/data/assessment_answers_heldout.yml;
each question's replies are shuffled with a fixed seed and cut in half.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

SEED = 19
OUT = Path(__file__).resolve().parent.parent / "tests" / "data"


def main(source: str) -> None:
    """Write both halves."""
    table = yaml.safe_load(Path(source).read_text())
    rng = random.Random(SEED)
    dev: dict[str, list] = {}
    held: dict[str, list] = {}
    for question, rows in table.items():
        rows = list(rows)
        rng.shuffle(rows)
        half = len(rows) // 2
        dev[question], held[question] = rows[:half], rows[half:]
    header = (
        "# Blind table of replies to the five assessment questions (written by someone who\n"
        "# never saw the training data), split by scripts/split_assessment_answers.py (seed 19).\n"
    )
    for name, part in (("dev", dev), ("heldout", held)):
        path = OUT / f"assessment_answers_{name}.yml"
        body = yaml.safe_dump(part, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(header + f"# {name} half.\n" + body)
        print(path, {q: len(r) for q, r in part.items()})


if __name__ == "__main__":
    main(sys.argv[1])
