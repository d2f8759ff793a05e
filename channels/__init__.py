"""The coach's own Rasa input channels."""
