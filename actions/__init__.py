"""Custom actions of the Reconnect coach: thin Rasa glue over the ``coach`` package."""

from actions import webhook_guard

webhook_guard.install()
