"""Split the blind evaluation sets into a dev half (tune on it) and a held-out half.

Usage: ``python bench/split_blind.py /work/blind`` writes tests/data/situations_{dev,heldout}.yml
and tests/data/scope_{dev,heldout}.yml. The seed is fixed, so the split is the same every time;
the held-out halves are only ever measured (bench/situation_eval.py, bench/scope_eval.py).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

SEED = 18
OUT = Path(__file__).resolve().parent.parent / "tests" / "data"


def halves(items: list[Any], seed: int) -> tuple[list[Any], list[Any]]:
    """A fixed shuffle of ``items`` cut in two: (dev, held-out)."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    cut = len(order) // 2
    return [items[i] for i in sorted(order[:cut])], [items[i] for i in sorted(order[cut:])]


def write(name: str, note: str, data: Any) -> None:
    """Write one half with a header saying where it came from."""
    path = OUT / name
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"# {note}\n{text}", encoding="utf-8")
    print(f"wrote {path}")


def main(argv: list[str]) -> int:
    """Split situations.yml and scope.yml from the blind directory."""
    blind = Path(argv[0] if argv else "/work/blind")
    situations = yaml.safe_load((blind / "situations.yml").read_text(encoding="utf-8"))
    dev, held = halves(situations, SEED)
    origin = f"Blind set split with seed {SEED} (bench/split_blind.py)"
    write("situations_dev.yml", f"{origin}: dev half, tune on it.", dev)
    write("situations_heldout.yml", f"{origin}: held-out half, never tune on it.", held)
    scope = yaml.safe_load((blind / "scope.yml").read_text(encoding="utf-8"))
    split = {key: halves(scope[key], SEED) for key in ("out_of_scope", "in_scope")}
    write("scope_dev.yml", f"{origin}: dev half.", {k: v[0] for k, v in split.items()})
    write("scope_heldout.yml", f"{origin}: held-out half.", {k: v[1] for k, v in split.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
