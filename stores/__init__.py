"""Rasa stores the coach plugs into ``endpoints.yml`` (thin Rasa glue, like ``actions/``)."""
