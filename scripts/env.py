"""Run a command with the environment Rasa's YAML files expect.

Usage: ``python -m scripts.env rasa run ...`` (or the older ``python -m coach.env``).
Fills every ``${VAR}`` that
``endpoints.yml`` and ``credentials.yml`` use with its default unless already set.
"""

from __future__ import annotations

import os
import sys

from coach.settings import PROJECT_ROOT, rasa_environment


def main(argv: list[str]) -> int:
    """Exec ``argv`` with the Rasa environment filled in."""
    if not argv:
        sys.stderr.write("usage: python -m scripts.env COMMAND [ARGS...]\n")
        return 2
    env = dict(os.environ)
    env.update(rasa_environment())
    path = env.get("PYTHONPATH", "")
    env["PYTHONPATH"] = f"{PROJECT_ROOT}{os.pathsep}{path}" if path else str(PROJECT_ROOT)
    os.execvpe(argv[0], argv, env)  # noqa: S606 - runs the command the Makefile gives
    return 0  # pragma: no cover


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
