"""JSON-ready dicts for states, events and effects, and back.

``encode`` turns any core dataclass into plain dicts/lists/str/int/bool/None with a ``"type"``
key naming the class; ``decode_state`` / ``decode_event`` / ``decode_effect`` rebuild the
frozen objects, driven by the dataclasses' own type hints. The controller stores a step as
``json.dumps(encode(state))`` and restores it after a crash.
Errors: ``CodecError`` (a ``ValueError``) for an unknown type name or a malformed value.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from typing import Any, TypeVar, cast

from .effects import EFFECT_TYPES, Effect
from .events import EVENT_TYPES, Event
from .state import SessionPolicy, SessionState
from .tariff import AmountDue, ChargeLine, Measured, MeterPoint, PriceSlot, TariffSnapshot

T = TypeVar("T")

_VALUE_TYPES: tuple[type[Any], ...] = (
    SessionState,
    SessionPolicy,
    TariffSnapshot,
    Measured,
    AmountDue,
    ChargeLine,
    PriceSlot,
    MeterPoint,
)
_EVENTS: dict[str, type[Any]] = {cls.__name__: cls for cls in EVENT_TYPES}
_EFFECTS: dict[str, type[Any]] = {cls.__name__: cls for cls in EFFECT_TYPES}


class CodecError(ValueError):
    """The data does not describe a core object."""


def encode(obj: object) -> Any:
    """A JSON-ready form of a core dataclass (or of a value inside one)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {"type": type(obj).__name__}
        for item in dataclasses.fields(obj):
            out[item.name] = encode(getattr(obj, item.name))
        return out
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, tuple | list):
        return [encode(value) for value in obj]
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    raise CodecError(f"cannot encode {type(obj).__name__}")


def decode_state(data: Any) -> SessionState:
    return _decode_as(SessionState, data)


def decode_event(data: Any) -> Event:
    return cast(Event, _decode_named(_EVENTS, data))


def decode_effect(data: Any) -> Effect:
    return cast(Effect, _decode_named(_EFFECTS, data))


def _decode_named(registry: dict[str, type[Any]], data: Any) -> Any:
    if not isinstance(data, dict) or data.get("type") not in registry:
        raise CodecError(f"unknown or missing type in {data!r:.80}")
    return _decode_as(registry[data["type"]], data)


def _decode_as(cls: type[T], data: Any) -> T:
    if not isinstance(data, dict) or data.get("type") != cls.__name__:
        raise CodecError(f"expected a {cls.__name__}, got {data!r:.80}")
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for item in dataclasses.fields(cast(Any, cls)):
        if item.name in data:
            values[item.name] = _decode_value(hints[item.name], data[item.name])
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise CodecError(f"bad {cls.__name__}: {error}") from error


def _decode_value(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        real = [option for option in options if option is not type(None)]
        return _decode_value(real[0], value)
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise CodecError(f"expected a list, got {value!r:.80}")
        return tuple(_decode_value(item_hint, item) for item in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError as error:
            raise CodecError(str(error)) from error
    if isinstance(hint, type) and hint in _VALUE_TYPES:
        return _decode_as(hint, value)
    if hint is bool:
        if not isinstance(value, bool):
            raise CodecError(f"expected a bool, got {value!r:.80}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise CodecError(f"expected an int, got {value!r:.80}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise CodecError(f"expected a str, got {value!r:.80}")
        return value
    raise CodecError(f"cannot decode a {hint!r}")
