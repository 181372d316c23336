"""The controller (STYLE.md's ``controller.py``): runs effects through ports, feeds results
back as events, publishes snapshots. It lives in ``kiosk.station``; this module names it."""

from kiosk.station.setup import ConnectorSetup, StationInfo
from kiosk.station.station import Station

__all__ = ["ConnectorSetup", "Station", "StationInfo"]
