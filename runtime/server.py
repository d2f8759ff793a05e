"""Rasa's own command line with the coach's patches installed: use it to start a server.

``python -m runtime.server ARGS`` is ``rasa ARGS`` on the Rasa server's patches
(``runtime/patches.py``), for example ``python -m runtime.server run --model ...``.
``python -m runtime.server actions ARGS`` (or ``run actions ARGS``) starts the action server
with rasa-sdk's own command line (``python -m rasa_sdk ARGS``); rasa-sdk installs its
patches through its plugin hook (``rasa_sdk_plugins``), checked here first. Both fail
loudly when the installed Rasa or rasa-sdk is not the version the patches were written
for. Rasa 3.6 discovers no project plugins, hence this launcher.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run Rasa's (or rasa-sdk's) command line with ``argv``, patches installed."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["actions"] or args[:2] == ["run", "actions"]:
        rest = args[1:] if args[0] == "actions" else args[2:]
        from runtime.patches import check_action_server

        check_action_server()
        import rasa_sdk.__main__

        sys.argv = ["rasa_sdk", *rest]
        rasa_sdk.__main__.main()
        return
    from runtime.patches import install_rasa_server

    install_rasa_server()
    import rasa.__main__

    sys.argv = ["rasa", *args]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
