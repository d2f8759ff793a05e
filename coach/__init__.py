"""Reconnect's plain-Python core: settings, the guidance store and the plan logic.

Nothing in this package imports Rasa, so it can be tested and reused on its own.
"""
