"""Ladeskjerm: the software on the touchscreen of a public EV charging station."""

__version__ = "0.1.0"
