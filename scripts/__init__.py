"""Command-line scripts the Makefile and the run scripts use (``python scripts/<name>.py``)."""
