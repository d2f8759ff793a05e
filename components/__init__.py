"""Custom Rasa NLU components of the coach (thin glue over ``coach``)."""
