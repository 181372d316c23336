"""What every state change on the phone pages must pass: same origin, a form token, a rate.

* ``FormGuard``: a POST is accepted only when its ``Origin`` (sent by every current browser
  on a form POST) is the public origin of the pages or absent, ``Sec-Fetch-Site`` (where sent)
  is not ``cross-site``, and its hidden ``csrf`` field is a token this station made for that
  very path within the last hours (an HMAC of the path and the hour under the web key). No
  cookie is needed: the session lives in the URL.
* ``RateLimit``: at most ``limit`` requests per ``window_s`` per client address (a sliding
  window; at most ``max_addresses`` addresses are remembered, the oldest forgotten first), so
  one address cannot hammer Pay or Stop.

Pure bookkeeping over the clock given; raises nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

TOKEN_HOURS = 3
"""A form token stays valid this many started hours (a driver who leaves a page open)."""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class FormGuard:
    def __init__(
        self,
        key: bytes,
        public_origin: Callable[[], str],
        clock_s: Callable[[], float] = time.time,
    ) -> None:
        self._key = key
        self._origin = public_origin
        self._clock_s = clock_s

    def _token(self, path: str, hour: int) -> str:
        message = f"form|{path}|{hour}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:32]

    def token(self, path: str) -> str:
        """The token of a form that posts to ``path``."""
        return self._token(path, int(self._clock_s() // 3600))

    def same_origin(self, headers: Mapping[str, str]) -> bool:
        if headers.get("sec-fetch-site", "same-origin") == "cross-site":
            return False
        origin = headers.get("origin")
        return origin is None or origin.lower() == self._origin()

    def check(self, path: str, headers: Mapping[str, str], token: str) -> bool:
        if not self.same_origin(headers):
            return False
        hour = int(self._clock_s() // 3600)
        return any(
            hmac.compare_digest(token, self._token(path, hour - back))
            for back in range(TOKEN_HOURS)
        )


class RateLimit:
    def __init__(
        self,
        limit: int,
        window_s: float,
        *,
        max_addresses: int = 10_000,
        clock_s: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._max = max_addresses
        self._clock_s = clock_s
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, address: str) -> bool:
        """Count one request from ``address``; False when it is over the limit."""
        now = self._clock_s()
        hits = self._hits.get(address)
        if hits is None:
            hits = deque()
            self._hits[address] = hits
            while len(self._hits) > self._max:
                self._hits.popitem(last=False)
        self._hits.move_to_end(address)
        while hits and now - hits[0] >= self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True
