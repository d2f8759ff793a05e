"""The coach's own Rasa input channels (loaded by the Rasa server from credentials.yml)."""
