"""The project's own small English spaCy pipeline (no downloaded model needed)."""
