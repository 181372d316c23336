"""The day-ahead spot price feed: a JSON or CSV file or URL (docs/spot-price-feed.md) read into
the station's ``SpotBoard`` (``PriceBoard``).

``parse_feed`` checks everything a supplier's file can get wrong and turns it into a
``FeedError`` with one clear sentence: not JSON/CSV, a missing or bad field (with its row),
a time without UTC offset, an end not after its start, overlapping hours, another currency
than the tariff's, a feed published longer ago than ``max_age_h``. ``feed_gaps`` names what is
missing: no price for now, holes between the hours. ``SpotFeed`` reads the source every
``refresh_s``; a failure is logged (once per new problem) and put on the board, where the
screens and the service screen see it; hours without a good price get the fallback price
(``kiosk.core.schedule``). Prices read before stay on the board when a later read fails.
Raises nothing out of ``refresh``/``run``; ``parse_feed`` raises ``FeedError``.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import itertools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

import httpx

from kiosk.core.schedule import SpotPrice
from kiosk.core.units import MS_PER_HOUR

log = logging.getLogger(__name__)

MINOR_PER_MAJOR = 100
"""øre per krone, cent per euro: the tariff's minor unit."""
_UNITS = {"kwh": Fraction(1), "mwh": Fraction(1, 1000)}
MAX_FEED_BYTES = 1_000_000


class PriceBoard(Protocol):
    """Where the prices go (``kiosk.station.pricing.SpotBoard``)."""

    def update(self, prices: tuple[SpotPrice, ...], problem: str = "") -> None: ...

    def report(self, problem: str) -> None: ...


class FeedError(ValueError):
    """The feed cannot be used; the message says why in one sentence."""


@dataclass(frozen=True, slots=True)
class FeedRead:
    prices: tuple[SpotPrice, ...]
    gaps: str
    """"" when the feed covers now and has no holes; else what is missing."""


def _instant_ms(text: Any, where: str) -> int:
    if not isinstance(text, str):
        raise FeedError(f"{where}: expected an ISO 8601 time, got {text!r:.40}")
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise FeedError(f"{where}: not an ISO 8601 time: {text!r:.40}") from None
    if moment.tzinfo is None:
        raise FeedError(f"{where}: the time {text!r:.40} has no UTC offset")
    return int(moment.timestamp() * 1000)


def _price(value: Any, unit: Fraction, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FeedError(f"{where}: expected a price, got {value!r:.40}")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise FeedError(f"{where}: not a number: {value!r:.40}") from None
    if not amount.is_finite():
        raise FeedError(f"{where}: not a number: {value!r:.40}")
    return Fraction(amount) * MINOR_PER_MAJOR * unit


def _unit(value: Any, where: str) -> Fraction:
    unit = _UNITS.get(str(value).strip().lower())
    if unit is None:
        raise FeedError(f"{where}: unit must be kWh or MWh, got {value!r:.40}")
    return unit


def _currency(value: Any, expected: str, where: str) -> None:
    if str(value).strip().upper() != expected:
        raise FeedError(f"{where}: prices in {value!r:.10}, the tariff is in {expected}")


def _rows_json(text: str, currency: str) -> tuple[list[SpotPrice], int | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(f"not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("prices"), list):
        raise FeedError('JSON feed: expected an object with a "prices" list')
    if "currency" not in data:
        raise FeedError('JSON feed: "currency" is missing')
    _currency(data["currency"], currency, "JSON feed")
    unit = _unit(data.get("unit", "kWh"), "JSON feed")
    published = data.get("published")
    published_ms = _instant_ms(published, "published") if published is not None else None
    prices = []
    for number, row in enumerate(data["prices"], 1):
        where = f"price #{number}"
        if not isinstance(row, dict) or not {"start", "end", "price"} <= row.keys():
            raise FeedError(f'{where}: expected "start", "end" and "price"')
        prices.append(_spot(row["start"], row["end"], row["price"], unit, where))
    return prices, published_ms


def _rows_csv(text: str, currency: str) -> tuple[list[SpotPrice], int | None]:
    reader = csv.DictReader(io.StringIO(text))
    fields = {name.strip().lower() for name in reader.fieldnames or ()}
    if not {"start", "end", "price", "currency"} <= fields:
        raise FeedError("CSV feed: the header must name start,end,price,currency (unit optional)")
    prices = []
    for row in reader:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        where = f"CSV line {reader.line_num}"
        _currency(clean.get("currency", ""), currency, where)
        unit = _unit(clean.get("unit") or "kWh", where)
        prices.append(_spot(clean["start"], clean["end"], clean["price"], unit, where))
    return prices, None


def _spot(start: Any, end: Any, price: Any, unit: Fraction, where: str) -> SpotPrice:
    start_ms, end_ms = _instant_ms(start, where), _instant_ms(end, where)
    if end_ms <= start_ms:
        raise FeedError(f"{where}: the end is not after the start")
    return SpotPrice(start_ms, end_ms, _price(price, unit, where))


def parse_feed(
    text: str, *, currency: str, now_ms: int, max_age_h: int, kind: str | None = None
) -> FeedRead:
    """The prices of a JSON or CSV feed (``kind`` "json"/"csv"; None: guessed from the text)."""
    if kind is None:
        kind = "json" if text.lstrip().startswith(("{", "[")) else "csv"
    if not text.strip():
        raise FeedError("the feed is empty")
    rows, published_ms = (_rows_json if kind == "json" else _rows_csv)(text, currency)
    if not rows:
        raise FeedError("the feed has no prices")
    if published_ms is not None and now_ms - published_ms > max_age_h * MS_PER_HOUR:
        hours = (now_ms - published_ms) // MS_PER_HOUR
        raise FeedError(f"stale: published {hours} h ago (at most {max_age_h} h allowed)")
    prices = tuple(sorted(rows, key=lambda price: price.start_ms))
    for earlier, later in itertools.pairwise(prices):
        if later.start_ms < earlier.end_ms:
            raise FeedError("two prices cover the same time")
    return FeedRead(prices, feed_gaps(prices, now_ms))


def _utc(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def feed_gaps(prices: tuple[SpotPrice, ...], now_ms: int) -> str:
    """What the (sorted) prices leave out from now on: "" when nothing."""
    problems = []
    if not any(p.start_ms <= now_ms < p.end_ms for p in prices):
        newest = max(p.end_ms for p in prices) if prices else None
        ends = f" (the newest ends {_utc(newest)})" if newest is not None else ""
        problems.append(f"stale: no spot price for now{ends}")
    for earlier, later in itertools.pairwise(prices):
        if later.start_ms > earlier.end_ms and later.start_ms > now_ms:
            problems.append(f"gap: no spot price {_utc(earlier.end_ms)} to {_utc(later.start_ms)}")
    return "; ".join(problems)


def shown_source(source: str) -> str:
    """The source as logs and screens may show it: a URL without its query or user info (a
    supplier's API key often rides there)."""
    if not source.startswith(("http://", "https://")):
        return source
    url = httpx.URL(source)
    return str(url.copy_with(query=None, fragment=None, userinfo=b""))


class _HideSource(logging.Filter):
    """On httpx's logger: its "HTTP Request: GET <url>" line shows the feed's URL without its
    query and user info."""

    def __init__(self, source: str, shown: str) -> None:
        super().__init__()
        self._secret_parts = [part for part in (source.split("?", 1)[1:]) if part]
        url = httpx.URL(source)
        self._hidden = [str(url), source]
        self._shown = shown

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(hidden in message for hidden in self._hidden) or any(
            part in message for part in self._secret_parts
        ):
            for hidden in self._hidden:
                message = message.replace(hidden, self._shown)
            for part in self._secret_parts:
                message = message.replace(part, "…")
            record.msg, record.args = message, ()
        return True


class SpotFeed:
    """Reads ``source`` (an http(s) URL or a file) into ``board`` every ``refresh_s``. The
    source's query and user info are never logged nor shown (``shown_source``)."""

    def __init__(
        self,
        source: str,
        board: PriceBoard,
        *,
        currency: str,
        max_age_h: int,
        refresh_s: float,
        now_ms: Callable[[], int],
        http: httpx.AsyncClient | None = None,
        base_dir: Path | None = None,
    ) -> None:
        self._source = source
        self._shown = shown_source(source)
        self._filter: _HideSource | None = None
        if self._shown != source:
            self._filter = _HideSource(source, self._shown)
            logging.getLogger("httpx").addFilter(self._filter)
        self.board = board
        self._currency = currency
        self._max_age_h = max_age_h
        self._refresh_s = refresh_s
        self._now_ms = now_ms
        self._http = http
        path = Path(source).expanduser()
        self._path = path if path.is_absolute() else (base_dir or Path.cwd()) / path
        self._task: asyncio.Task[None] | None = None
        self._logged = ""

    @property
    def is_url(self) -> bool:
        return self._source.startswith(("http://", "https://"))

    async def _read(self) -> tuple[str, str | None]:
        if self.is_url:
            if self._http is None:
                raise FeedError("no HTTP client for a URL source")
            try:
                response = await self._http.get(self._source, timeout=20.0)
            except httpx.HTTPError as error:
                raise FeedError(f"cannot fetch {self._shown}: {type(error).__name__}") from None
            if response.status_code != 200:
                raise FeedError(f"{self._shown} answered HTTP {response.status_code}")
            if len(response.content) > MAX_FEED_BYTES:
                raise FeedError("the feed is larger than 1 MB")
            kind = response.headers.get("content-type", "")
            guessed = "json" if "json" in kind else "csv" if "csv" in kind else None
            return response.text, guessed
        path = self._path
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as error:
            raise FeedError(f"cannot read {path}: {error.strerror}") from None
        try:
            text = data[:MAX_FEED_BYTES].decode("utf-8")
        except UnicodeDecodeError:
            raise FeedError(f"{path} is not UTF-8 text") from None
        suffix = path.suffix.lower()
        return text, "json" if suffix == ".json" else "csv" if suffix == ".csv" else None

    async def refresh(self) -> str:
        """Read the feed once; returns the problem put on the board ("" = none)."""
        try:
            text, kind = await self._read()
            read = parse_feed(
                text,
                currency=self._currency,
                now_ms=self._now_ms(),
                max_age_h=self._max_age_h,
                kind=kind,
            )
        except FeedError as error:
            problem = str(error)
            if problem.startswith("stale"):
                self.board.update((), problem)  # stale prices are not shown, nor billed
            else:
                self.board.report(problem)
        else:
            problem = read.gaps
            self.board.update(read.prices, problem)
        self._log(problem)
        return problem

    def _log(self, problem: str) -> None:
        if problem == self._logged:
            return
        self._logged = problem
        if problem:
            log.warning(
                "spot price feed %s: %s; hours without a good price get the fallback price",
                self._shown,
                problem,
            )
        else:
            log.info("spot price feed %s: prices read", self._shown)

    async def run(self) -> None:
        while True:
            await self.refresh()
            await asyncio.sleep(self._refresh_s)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="spot price feed")

    async def aclose(self) -> None:
        if self._filter is not None:
            logging.getLogger("httpx").removeFilter(self._filter)
            self._filter = None
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
