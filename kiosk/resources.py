"""Where the non-Python parts of the product live: ``ui/``, ``drivers/`` and ``assets/``.

In a checkout (or an editable install) they sit at the top of the repository, beside ``kiosk/``.
In an installed wheel they ship as ``kiosk/_data/<name>``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"{name}/ not found beside {_PACKAGE} nor in {installed}")


def ui_dir() -> Path:
    """The folder that holds the ``Kiosk`` QML module (an import path for the QML engine)."""
    return _data_dir("ui")


def drivers_dir() -> Path:
    """The folder of charger and meter profiles (one TOML file each)."""
    return _data_dir("drivers")


def assets_dir() -> Path:
    """Fonts, images and translations."""
    return _data_dir("assets")
