"""The operator's display messages (OCPP 2.0.1 SetDisplayMessage / GetDisplayMessages /
ClearDisplayMessage): which are accepted, which are stored, which the idle screen shows.

Pure rules over ``MessageInfoType`` payloads (camelCase JSON dicts as the spec names them):

* :func:`parse_message_info` checks one ``MessageInfo`` and returns the ``SetDisplayMessage``
  status with the message when ``Accepted``. Supported: every priority (``AlwaysFront``,
  ``InFront``, ``NormalCycle``); no state or ``Idle`` (the idle screen is the only place a
  message shows: other states are ``NotSupportedState``); the formats ``ASCII`` and ``UTF8``
  (``HTML``, ``URI`` and 2.1's ``QRCODE`` are ``NotSupportedMessageFormat``); an optional
  ``Display`` component of the station or of one of its EVSEs (one screen serves every EVSE);
  ``startDateTime`` / ``endDateTime``; OCPP 2.1's ``messageExtra`` (the same message in more
  languages). A message for a transaction is ``UnknownTransaction`` (or ``Rejected`` for a known
  one: a session's screens have no place for it). Bad content (empty, ``ASCII`` that is not)
  or times (``end`` not after ``start``) are ``Rejected``.
* :class:`MessageBoard` keeps the accepted messages (a new message with a known id replaces it;
  at most ``MAX_MESSAGES``), forgets expired ones, answers Get and Clear.
* :func:`shown_messages` is what the idle screen shows at an instant in a language: the active
  messages (inside their start/end) of the highest priority present, one text each in the
  screen's language where the message has it, else its first; among single-language messages
  those in the screen's language (or without one) when there are any, else only the first.

Nothing here raises for bad input (a status says why) and nothing reads a clock.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

JsonObject = dict[str, Any]

MAX_MESSAGES = 10
"""Messages the station stores at once (``DisplayMessageCtrlr.DisplayMessages``)."""
SUPPORTED_FORMATS = ("ASCII", "UTF8")
SUPPORTED_STATES = ("Idle",)
MAX_CONTENT_CHARS = 512
_SAME_LANGUAGE = {"no": "nb", "nn": "nb"}  # Norwegian: the station's "nb" screen reads them


class Priority(StrEnum):
    """``MessagePriorityEnumType``, in the order they win."""

    ALWAYS_FRONT = "AlwaysFront"
    IN_FRONT = "InFront"
    NORMAL_CYCLE = "NormalCycle"


_RANK = {Priority.ALWAYS_FRONT: 0, Priority.IN_FRONT: 1, Priority.NORMAL_CYCLE: 2}


@dataclass(frozen=True, slots=True)
class MessageText:
    """One ``MessageContentType``: the text in one language (None: not said)."""

    content: str
    format: str
    language: str | None = None

    def to_json(self) -> JsonObject:
        body: JsonObject = {"format": self.format, "content": self.content}
        if self.language is not None:
            body["language"] = self.language
        return body


@dataclass(frozen=True, slots=True)
class DisplayMessage:
    """One accepted message; times are epoch milliseconds (None: open-ended)."""

    id: int
    priority: Priority
    texts: tuple[MessageText, ...]
    """The message and its ``messageExtra`` (other languages), the message first."""
    start_ms: int | None = None
    end_ms: int | None = None
    state: str | None = None
    display: JsonObject | None = None

    def active(self, now_ms: int) -> bool:
        """Inside its start/end now (start inclusive, end exclusive)."""
        if self.start_ms is not None and now_ms < self.start_ms:
            return False
        return self.end_ms is None or now_ms < self.end_ms

    def expired(self, now_ms: int) -> bool:
        return self.end_ms is not None and now_ms >= self.end_ms

    def text_in(self, language: str) -> MessageText | None:
        """The text in ``language`` (its primary subtag), None when it has none in it."""
        for text in self.texts:
            if text.language is not None and same_language(text.language, language):
                return text
        return None

    def to_json(self, *, with_extra: bool = True) -> JsonObject:
        """The ``MessageInfoType`` (camelCase) for ``NotifyDisplayMessages``; ``with_extra``:
        OCPP 2.1's ``messageExtra`` (2.0.1 has one text per message)."""
        body: JsonObject = {
            "id": self.id,
            "priority": self.priority.value,
            "message": self.texts[0].to_json(),
        }
        if self.state is not None:
            body["state"] = self.state
        if self.start_ms is not None:
            body["startDateTime"] = _iso(self.start_ms)
        if self.end_ms is not None:
            body["endDateTime"] = _iso(self.end_ms)
        if self.display is not None:
            body["display"] = self.display
        if with_extra and len(self.texts) > 1:
            body["messageExtra"] = [text.to_json() for text in self.texts[1:]]
        return body


def same_language(tag: str, language: str) -> bool:
    """``nb-NO`` and ``no`` read as ``nb``, ``en-GB`` as ``en``: primary subtags compared."""
    primary = tag.split("-", 1)[0].split("_", 1)[0].lower()
    return _SAME_LANGUAGE.get(primary, primary) == _SAME_LANGUAGE.get(language, language)


def _iso(epoch_ms: int) -> str:
    moment = _dt.datetime.fromtimestamp(epoch_ms / 1000, tz=_dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{epoch_ms % 1000:03d}Z"


def _epoch_ms(value: object) -> int | None:
    """Epoch ms of an RFC 3339 date-time; ValueError when it is not one."""
    if not isinstance(value, str):
        raise ValueError("not a date-time")
    moment = _dt.datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)  # OCPP times are UTC
    return int(moment.timestamp() * 1000)


def _text(part: object) -> MessageText | str:
    """A checked ``MessageContentType``, or the status that refuses it."""
    if not isinstance(part, dict):
        return "Rejected"
    fmt = part.get("format")
    if fmt not in SUPPORTED_FORMATS:
        return "NotSupportedMessageFormat"
    raw = part.get("content")
    if not isinstance(raw, str):
        return "Rejected"
    # control characters (other than line breaks) would show as boxes: spaces instead
    content = "".join(c if c == "\n" or c.isprintable() else " " for c in raw).strip()
    if not content or len(content) > MAX_CONTENT_CHARS:
        return "Rejected"
    if fmt == "ASCII" and not content.isascii():
        return "Rejected"
    language = part.get("language")
    if language is not None and (not isinstance(language, str) or not language.strip()):
        return "Rejected"
    return MessageText(content, str(fmt), language.strip() if language else None)


def parse_message_info(
    info: JsonObject,
    *,
    evse_ids: Collection[int],
    known_transaction: bool | None = None,
) -> tuple[str, DisplayMessage | None]:
    """The ``SetDisplayMessage`` status for ``info`` and the message when ``Accepted``.

    ``evse_ids``: the station's EVSEs (a ``display`` of another EVSE is ``Rejected``);
    ``known_transaction``: whether ``info["transactionId"]`` is a session of the station."""
    message_id = info.get("id")
    if not isinstance(message_id, int) or isinstance(message_id, bool) or message_id < 0:
        return "Rejected", None
    try:
        priority = Priority(str(info.get("priority")))
    except ValueError:
        return "NotSupportedPriority", None
    state = info.get("state")
    if state is not None and state not in SUPPORTED_STATES:
        return "NotSupportedState", None
    if info.get("transactionId") is not None:
        return ("Rejected" if known_transaction else "UnknownTransaction"), None
    display = info.get("display")
    if display is not None:
        if not isinstance(display, dict) or display.get("name") != "Display":
            return "Rejected", None
        evse = display.get("evse")
        if evse is not None and (not isinstance(evse, dict) or evse.get("id") not in evse_ids):
            return "Rejected", None
    parts = [info.get("message"), *(info.get("messageExtra") or [])]
    texts: list[MessageText] = []
    for part in parts:
        text = _text(part)
        if isinstance(text, str):
            return text, None
        texts.append(text)
    try:
        start_ms = _epoch_ms(info["startDateTime"]) if "startDateTime" in info else None
        end_ms = _epoch_ms(info["endDateTime"]) if "endDateTime" in info else None
    except ValueError:
        return "Rejected", None
    if start_ms is not None and end_ms is not None and end_ms <= start_ms:
        return "Rejected", None
    message = DisplayMessage(
        int(message_id), priority, tuple(texts), start_ms, end_ms, state, display
    )
    return "Accepted", message


class MessageBoard:
    """The messages the station holds (in memory, like the device model: ADR 0013)."""

    def __init__(self, capacity: int = MAX_MESSAGES) -> None:
        self.capacity = capacity
        self._messages: dict[int, DisplayMessage] = {}

    @property
    def messages(self) -> tuple[DisplayMessage, ...]:
        """Stored messages, in the order they were first set."""
        return tuple(self._messages.values())

    def prune(self, now_ms: int) -> bool:
        """Forget the messages whose end has passed; True when one was forgotten."""
        expired = [key for key, m in self._messages.items() if m.expired(now_ms)]
        for key in expired:
            del self._messages[key]
        return bool(expired)

    def set(self, message: DisplayMessage, now_ms: int) -> str:
        """Store (or replace, same id) an accepted message: ``Accepted``, or ``Rejected`` when
        the board is full."""
        self.prune(now_ms)
        if message.id not in self._messages and len(self._messages) >= self.capacity:
            return "Rejected"
        self._messages[message.id] = message
        return "Accepted"

    def clear(self, message_id: int, now_ms: int) -> str:
        """``ClearDisplayMessage``: ``Accepted``, or ``Unknown`` for an id not stored."""
        self.prune(now_ms)
        return "Accepted" if self._messages.pop(message_id, None) is not None else "Unknown"

    def find(
        self,
        now_ms: int,
        *,
        ids: Iterable[int] | None = None,
        priority: str | None = None,
        state: str | None = None,
    ) -> list[DisplayMessage]:
        """``GetDisplayMessages``: the stored messages matching every given filter."""
        self.prune(now_ms)
        wanted = set(ids) if ids else None
        return [
            m
            for m in self._messages.values()
            if (wanted is None or m.id in wanted)
            and (priority is None or m.priority.value == priority)
            and (state is None or m.state == state)
        ]


def next_change_ms(messages: Iterable[DisplayMessage], now_ms: int) -> int | None:
    """The next instant a message starts or ends (what shows then changes); None: never."""
    moments = [t for m in messages for t in (m.start_ms, m.end_ms) if t is not None and t > now_ms]
    return min(moments, default=None)


def shown_messages(
    messages: Iterable[DisplayMessage], now_ms: int, language: str
) -> tuple[str, ...]:
    """The texts the idle screen shows now in ``language`` (it cycles through several)."""
    active = [m for m in messages if m.active(now_ms)]
    if not active:
        return ()
    best = min(_RANK[m.priority] for m in active)
    top = [m for m in active if _RANK[m.priority] == best]
    if all(len(m.texts) == 1 for m in top):
        # one language per message (OCPP 2.0.1 sends translations as separate messages)
        fitting = [
            m
            for m in top
            if m.texts[0].language is None or same_language(m.texts[0].language, language)
        ]
        return tuple(m.texts[0].content for m in (fitting or top[:1]))
    return tuple((m.text_in(language) or m.texts[0]).content for m in top)
