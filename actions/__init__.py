"""Custom actions of the Reconnect coach: thin Rasa glue over the ``coach`` package."""
