"""``rasa shell`` as ``make shell`` runs it: quiet, and wrapped to the terminal's width.

``rasa shell`` prints a message that has buttons as the question of a selection list
(questionary), which cuts long lines at the terminal's edge; a plan or a step is cut mid
sentence. Here every message's text is wrapped (at word breaks, keeping the coach's own
line breaks) before Rasa prints it. Deprecation, pending-deprecation and future warnings
come from Rasa's dependencies, not from anything a person can act on: they are dropped.
Everything else is Rasa's own CLI, with the Rasa server's patches (``runtime/patches.py``)
installed as ``python -m runtime.server`` does: ``python scripts/rasa_shell.py shell --model ...``.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import textwrap
import warnings
from typing import Any

QUIET = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)
# What the selection list adds around a question: "? " before it, " (Use arrow keys)" after.
LIST_HINT_CHARS = len("? ") + len(" (Use arrow keys)")
QUIET_NAMES = tuple(c.__name__ for c in QUIET)
LIST_ITEM = re.compile(r"^(\s*(?:[•*-]|\d+[.)])?\s*)")


def wrap(text: str, width: int) -> str:
    """``text`` with every line wrapped to ``width``; list items keep their indent."""
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        lead = LIST_ITEM.match(line)
        indent = " " * min(len(lead.group(1)) if lead else 0, width // 3)
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=indent,
                break_long_words=True,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def wrap_question(text: str, width: int) -> str:
    """Wrapped like :func:`wrap`, with room on the last line for the selection list's hint."""
    lines = wrap(text, width).split("\n")
    last = lines[-1]
    if len(last) + LIST_HINT_CHARS > width + 4:
        lines[-1] = wrap(last, max(10, width + 4 - LIST_HINT_CHARS))
    return "\n".join(lines)


def terminal_width() -> int:
    """Columns for the coach's text (the selection list adds "? " in front)."""
    return max(20, shutil.get_terminal_size((80, 24)).columns - 4)


class _DropDeprecations(logging.Filter):
    """For warnings routed through logging (``logging.captureWarnings``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(name in record.getMessage() for name in QUIET_NAMES)


def hide_deprecations() -> None:
    """Drop deprecation warnings, however a library re-enables or routes them."""
    for category in QUIET:
        warnings.filterwarnings("ignore", category=category)
    shown = warnings.showwarning

    def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if not issubclass(category, QUIET):
            shown(message, category, *args, **kwargs)

    warnings.showwarning = show
    logging.getLogger("py.warnings").addFilter(_DropDeprecations())


def wrap_bot_output() -> None:
    """Wrap each message's text before ``rasa shell`` prints it."""
    from rasa.core.channels import console

    original = console._print_bot_output

    def print_wrapped(message: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        text = message.get("text")
        if isinstance(text, str):
            fit = wrap_question if message.get("buttons") else wrap
            message = {**message, "text": fit(text, terminal_width())}
        return original(message, *args, **kwargs)

    console._print_bot_output = print_wrapped


def main() -> None:
    """Run Rasa's CLI with the arguments given (``shell --model ... --port ...``)."""
    hide_deprecations()
    wrap_bot_output()
    hide_deprecations()  # again: importing Rasa may have added filters of its own
    from rasa.__main__ import main as rasa_main

    from runtime.patches import install_rasa_server

    install_rasa_server()  # rasa shell runs a Rasa server of its own
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
