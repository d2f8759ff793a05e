"""The coach's own Rasa input channels (loaded by the Rasa server from credentials.yml)."""

from channels.server_tuning import install as _install_server_tuning
from coach.settings import server_tuning_enabled

if server_tuning_enabled():
    _install_server_tuning()
