"""The ``kiosk`` command: parse arguments and hand over to the module that does the work."""

from __future__ import annotations

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
