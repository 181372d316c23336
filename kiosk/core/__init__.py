"""The pure domain: money, tariffs and the connector-session state machine.

Nothing here reads a clock, touches I/O or imports Qt, httpx, pymodbus, SQLAlchemy or sockets;
``tests/test_import_graph.py`` enforces it. Time arrives inside events.
"""
