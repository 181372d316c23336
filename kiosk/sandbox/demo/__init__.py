"""``kiosk demo``: the whole product on loopback, with a web page that plays the outside world.

Public API::

    from kiosk.sandbox.demo import DemoOptions, run_demo  # the command (blocks until Ctrl-C)
    from kiosk.sandbox.demo import serve_demo, DemoWorld          # the asyncio parts, for tests
    from kiosk.sandbox.demo import build_world_app, Upstream      # the world page (Starlette)

Wiring: ``DemoWorld`` runs the Vipps emulator and the two-socket charger simulator on
127.0.0.1; ``demo_station_config`` describes a station wired to them; ``station_link`` builds
the real station from it through ``kiosk.app``; the world page proxies the emulator's and the
simulator's control APIs and shows the station's snapshot; ``launcher`` adds the window (qasync)
and the signal handling. Errors: ``DemoStartError`` when a part cannot start.
"""

from kiosk.sandbox.demo.runner import DemoAddresses, DemoOptions, DemoStartError, serve_demo
from kiosk.sandbox.demo.upstream import Upstream, UpstreamError
from kiosk.sandbox.demo.world import DemoWorld
from kiosk.sandbox.demo.world_page import build_world_app

__all__ = [
    "DemoAddresses",
    "DemoOptions",
    "DemoStartError",
    "DemoWorld",
    "Upstream",
    "UpstreamError",
    "build_world_app",
    "run_demo",
    "serve_demo",
]


def run_demo(options: DemoOptions) -> int:
    """Run the demo in the foreground (``kiosk.sandbox.demo.launcher``); returns the exit status."""
    from kiosk.sandbox.demo.launcher import run_demo as run

    return run(options)
