"""The station controller: core sessions run against the payment service, charger and ledger.

``Station`` (``station.py``) is the public entry; ``kiosk.app.build_station`` wires it from a
configuration. See ADR 0008.
"""
