"""``python -m coach.env COMMAND ...``: the older name of ``python -m scripts.env`` (kept)."""

from __future__ import annotations

import sys

from scripts.env import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
