"""Names shared by the NLU components, the actions and the store (imports nothing).

``components/`` (loaded into every Rasa process) reads these without importing the ORM.
"""

from __future__ import annotations

# How a tip went: the values of the ``outcome`` entity and of a stored tip outcome.
OUTCOMES = ("helped", "not_helped", "not_done")
