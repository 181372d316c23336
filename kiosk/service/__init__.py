"""Service mode: what a technician may see and do on the station screen (PRODUCT.md §6).

- :mod:`kiosk.service.control` - ``ServiceControl``, the contract the service view-models use,
  and the frozen records it returns (diagnostics, session lines, action results).
- :mod:`kiosk.service.operations` - ``StationOperations``, the few commands the controller must
  offer (out of order, test charge, technician stop, retry settlement) and the rule of when a
  driver's screen needs the display.
- :mod:`kiosk.service.access` - the PIN gate: entry, lockout (``PinGuard``), auto-exit.
- :mod:`kiosk.service.station_service` - ``StationService``, the implementation over the
  repository, the Vipps client, the device pollers and the controller.
- :mod:`kiosk.service.log_buffer` - the log view's buffer, with every secret redacted.

Errors: service actions never raise to the UI. Every failure of the boundaries below
(``kiosk.persistence.errors``, ``kiosk.payments.errors``, ``OSError`` on export) is turned into
an :class:`~kiosk.service.control.ActionResult` with ``ok=False`` and a sentence in plain words.
The only exception class of this package is::

    ServiceRefused(Exception)   an action that does not fit (bad amount, unknown session, ...);
                                raised inside the package and reported as an ActionResult
"""

from kiosk.service.control import ActionResult, ServiceControl, ServiceRefused

__all__ = ["ActionResult", "ServiceControl", "ServiceRefused"]
