"""What can go wrong when the kiosk talks to Vipps MobilePay, as one small exception tree.

Errors are classified from the HTTP status and the numeric ``ErrorCode`` that ePayment puts in
``extraDetails`` (``{"name": "ErrorCode", "reason": "6080"}``), never from ``title`` or
``detail``, which Vipps rewords. ``retryable`` tells a caller (the settlement queue) whether the
same request, with the same Idempotency-Key, may be sent again later::

    VippsError                        base; .retryable
     +-- VippsTransportError          no HTTP answer: timeout, refused/reset connection   retryable
     +-- VippsProtocolError           an answer we cannot read (bad JSON, wrong shape)    retryable
     +-- VippsApiError                an HTTP error answer; .status .error_code .title .trace_id
          +-- VippsAuthError          401 / 403: bad credentials, expired token, no product access
          +-- VippsNotFound           404 or ErrorCode 5090: unknown reference (or wrong MSN)
          +-- VippsConflict           409: Idempotency-Key reused with another body, reference taken
          +-- VippsRequestRejected    any other 4xx: validation (4xxx) and payment rules (6xxx)
          +-- VippsTemporaryError     5xx, 423, 429, ErrorCode 6160 / 6280: retry with the same key
               +-- VippsRateLimited   429; .retry_after_s

The client retries ``VippsTransportError`` and ``VippsTemporaryError`` itself (bounded); what
reaches a caller has exhausted that budget. ``VippsProtocolError`` is not retried automatically:
the outcome is unknown, so the caller either retries with the same key or GETs the payment.
"""

from __future__ import annotations

from enum import IntEnum


class ErrorCode(IntEnum):
    """The ePayment ``ErrorCode`` values the kiosk branches on (the full table is in the digest)."""

    INTERNAL_ERROR = 3010
    CAPTURE_IDEMPOTENCY_CONFLICT = 4010
    IDEMPOTENCY_KEY_EXISTS = 4020
    INVALID_AMOUNT = 4040
    INVALID_PHONE_NUMBER = 4070
    REFERENCE_EXISTS = 4150
    INVALID_CURRENCY = 5040
    PUSH_MESSAGE_NOT_ALLOWED = 5080
    REFERENCE_NOT_FOUND = 5090
    CANCEL_PERIOD_EXPIRED = 6030
    CANNOT_CANCEL_CAPTURED = 6040
    CANNOT_CANCEL_NON_RESERVED = 6050
    CANNOT_CANCEL_AUTHORIZED = 6060
    CANNOT_CAPTURE_CANCELLED = 6070
    CANNOT_CAPTURE_BEFORE_RESERVATION = 6080
    CAPTURE_AMOUNT_TOO_HIGH = 6090
    CAPTURE_PERIOD_EXPIRED = 6100
    NOT_ENOUGH_REFUNDABLE = 6150
    ORDER_PROCESSING = 6160
    CANNOT_BE_CANCELLED = 6190
    CANNOT_BE_CAPTURED = 6200
    CANNOT_BE_REFUNDED = 6210
    CANNOT_CANCEL_PROCESSING = 6250
    FUNDS_UNAVAILABLE = 6260
    CAPTURE_FAILED_TRY_LATER = 6280
    CUSTOMER_NOT_FOUND = 7010


#: ErrorCodes that mean "another operation holds the payment / try again shortly".
RETRYABLE_ERROR_CODES = frozenset({ErrorCode.ORDER_PROCESSING, ErrorCode.CAPTURE_FAILED_TRY_LATER})
#: HTTP statuses below 500 that are worth a retry with the same Idempotency-Key.
RETRYABLE_4XX_STATUSES = frozenset({423, 429})


class VippsError(Exception):
    """Base of every failure the payments boundary raises."""

    retryable: bool = False


class VippsTransportError(VippsError):
    """No HTTP answer arrived (timeout, connection refused or reset); the outcome is unknown."""

    retryable = True


class VippsProtocolError(VippsError):
    """An answer arrived but is not what the API promises (bad JSON, missing fields)."""

    retryable = True


class VippsApiError(VippsError):
    """Vipps answered with an error status."""

    def __init__(
        self,
        status: int,
        *,
        error_code: int | None = None,
        title: str = "",
        detail: str = "",
        trace_id: str | None = None,
        operation: str = "",
    ) -> None:
        self.status = status
        self.error_code = error_code
        self.title = title
        self.detail = detail
        self.trace_id = trace_id
        self.operation = operation
        code = f" ErrorCode {error_code}" if error_code is not None else ""
        words = f": {title}" if title else ""
        super().__init__(f"{operation or 'Vipps call'} failed with HTTP {status}{code}{words}")


class VippsAuthError(VippsApiError):
    """401 or 403: the credentials, the token or the sales unit's access are wrong."""


class VippsNotFound(VippsApiError):
    """404 or ErrorCode 5090: no such payment for this sales unit."""


class VippsConflict(VippsApiError):
    """409: an Idempotency-Key reused with another body, or a reference already used."""


class VippsRequestRejected(VippsApiError):
    """Another 4xx: the request breaks a rule; sending it again will not help."""


class VippsTemporaryError(VippsApiError):
    """5xx, 423, 429, ErrorCode 6160 or 6280: the same request may succeed later."""

    retryable = True


class VippsRateLimited(VippsTemporaryError):
    """429: too many calls; ``retry_after_s`` is the server's hint when it gave one."""

    retry_after_s: float | None = None


def classify(
    status: int,
    error_code: int | None,
    *,
    title: str = "",
    detail: str = "",
    trace_id: str | None = None,
    operation: str = "",
    retry_after_s: float | None = None,
) -> VippsApiError:
    """The exception for an HTTP error answer; a retryable ErrorCode wins over the status."""
    kind: type[VippsApiError]
    if status == 429:
        kind = VippsRateLimited
    elif error_code in RETRYABLE_ERROR_CODES or status in RETRYABLE_4XX_STATUSES or status >= 500:
        kind = VippsTemporaryError
    elif status in (401, 403):
        kind = VippsAuthError
    elif status == 404 or error_code == ErrorCode.REFERENCE_NOT_FOUND:
        kind = VippsNotFound
    elif status == 409:
        kind = VippsConflict
    else:
        kind = VippsRequestRejected
    error = kind(
        status,
        error_code=error_code,
        title=title,
        detail=detail,
        trace_id=trace_id,
        operation=operation,
    )
    if isinstance(error, VippsRateLimited):
        error.retry_after_s = retry_after_s
    return error
