"""The service log view's buffer: the newest log lines, with every secret taken out.

``RedactingLogBuffer`` is a ``logging.Handler`` the composition root adds to the root logger.
It keeps the last ``capacity`` formatted lines (tracebacks included) after replacing each
configured secret value and anything that looks like a credential (a bearer token, a
``client_secret=...`` pair) with ``[redacted]``. ``Redactor`` can also guard other handlers.
Handlers never raise (``logging`` reports its own errors); this one neither.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterable

REDACTED = "[redacted]"
MIN_SECRET_CHARS = 4  # shorter "secrets" would redact ordinary words
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
_CREDENTIAL = re.compile(
    r"(?i)((?:client[_-]?secret|client[_-]?id|subscription[_-]?key|ocp-apim-subscription-key"
    r"|webhook[_-]?secret|pin[_-]?hash|access[_-]?token|authorization)[\"']?\s*[:=]\s*[\"']?)"
    r"[^\s\"',}]+"
)


class Redactor:
    """Replaces known secret values and credential-looking text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        values = {s for s in secrets if len(s) >= MIN_SECRET_CHARS}
        self._secrets = sorted(values, key=len, reverse=True)  # longest first (overlaps)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        text = _BEARER.sub(lambda m: m.group(1) + REDACTED, text)
        return _CREDENTIAL.sub(lambda m: m.group(1) + REDACTED, text)


class RedactingLogBuffer(logging.Handler):
    """Keeps the last ``capacity`` log lines, redacted, for the service screen."""

    def __init__(
        self,
        secrets: Iterable[str] = (),
        *,
        capacity: int = 500,
        level: int = logging.INFO,
    ) -> None:
        super().__init__(level)
        self._redact = Redactor(secrets)
        self._lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S")
        )

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self._redact(self.format(record))
        except Exception:
            self.handleError(record)
            return
        self._lines.append(text)

    def lines(self, limit: int | None = None) -> list[str]:
        """The newest ``limit`` lines (all when None), newest last."""
        with self.lock if self.lock is not None else _NoLock():
            lines = list(self._lines)
        return lines if limit is None else lines[-limit:]


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
