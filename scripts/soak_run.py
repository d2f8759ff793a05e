"""``make soak``: start a fresh coach on free ports, run scripts/soak.py (50 x 20), stop it."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from scripts.soak import main as soak_main
from tests.integration.servers import running_stack


def main() -> int:
    """Run the full soak against its own servers and tracker store."""
    with (
        tempfile.TemporaryDirectory(prefix="soak-") as tmp,
        running_stack(Path(tmp), extra_env={"COACH_ACTION_TIMEOUT": "60"}) as stack,
    ):
        return soak_main([stack.rasa_url, stack.token, *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
