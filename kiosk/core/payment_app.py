"""The name of the driver's payment app in the station's market, for the screens and phone pages.

A Vipps MobilePay sales unit belongs to one market and the market fixes the currency (NOK
Norway, DKK Denmark, EUR Finland; see ``kiosk.core.numbering``). Drivers in Norway know the app
as "Vipps", drivers in Denmark and Finland as "MobilePay"; a currency outside those markets gets
the company name. Pure data; nothing raises.
"""

from __future__ import annotations

COMPANY_NAME = "Vipps MobilePay"
"""The company, and the name for a market this table does not know."""

APP_NAMES = {"NOK": "Vipps", "DKK": "MobilePay", "EUR": "MobilePay"}
"""ISO 4217 currency of the sales unit -> the app's name in that market."""


def app_name(currency: str) -> str:
    """The app the driver approves in: ``"Vipps"`` for NOK, ``"MobilePay"`` for DKK and EUR."""
    return APP_NAMES.get(currency.upper(), COMPANY_NAME)
