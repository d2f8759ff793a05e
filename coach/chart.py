"""A small PNG of a person's check-ins over time (matplotlib, Agg, rendered on demand)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from coach.memory import Score


def render_png(scores: Sequence[Score]) -> bytes:
    """A line chart of the check-ins (1 to 10) by date, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 2.4), dpi=100)
    axes = figure.add_subplot(1, 1, 1)
    labels = [s.created_at.strftime("%d %b") for s in scores]
    values = [s.score for s in scores]
    axes.plot(range(len(values)), values, marker="o", color="#c2577a", linewidth=2)
    axes.set_ylim(0.5, 10.5)
    axes.set_yticks([1, 4, 7, 10])
    axes.set_xticks(range(len(labels)))
    axes.set_xticklabels(labels, fontsize=7, rotation=30)
    axes.set_title("How connected you felt", fontsize=9)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
