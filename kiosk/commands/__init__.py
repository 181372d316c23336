"""Subcommands of ``kiosk``: one module per group, each with ``register(subparsers)``.

``kiosk.cli`` imports every module in this package and calls its ``register``; a module adds
its parsers and sets ``handler`` to a function ``(argparse.Namespace) -> int``. Keep imports of
heavy libraries inside the handlers.
"""
