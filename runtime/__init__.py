"""How the coach's servers start: Rasa's own code with the project's patches, in one place.

- ``runtime/patches.py``: every change the coach makes to Rasa's and rasa-sdk's own code,
  one ``install`` per server, each checking the version it was written for.
- ``runtime/server.py``: ``python -m runtime.server ...`` is Rasa's command line with the
  patches installed (``run ...`` for the Rasa server, ``actions ...`` for the action server).
- ``runtime/stack.py``: start the whole coach on free ports (tests, benchmarks, soak runs).
"""
