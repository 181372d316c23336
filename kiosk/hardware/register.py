"""One register (or coil) of a device profile: where it lives, how it is encoded, its unit.

Part of the profile model (:mod:`kiosk.hardware.profile` re-exports it). Validation errors are
pydantic ``ValidationError``s, turned into file/line/field messages by the profile loader.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.hardware.codec import (
    FLOAT_TYPES,
    INTEGER_TYPES,
    DataType,
    WordOrder,
    decode,
    encode,
    register_count,
)
from kiosk.hardware.units import UNITS, factor_of


class Table(StrEnum):
    HOLDING = "holding"
    INPUT = "input"
    COIL = "coil"
    DISCRETE = "discrete"

    @property
    def is_bit(self) -> bool:
        return self in (Table.COIL, Table.DISCRETE)

    @property
    def read_function(self) -> int:
        return {"coil": 1, "discrete": 2, "holding": 3, "input": 4}[self.value]


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Register(FrozenModel):
    """One value on the device: where it lives, how it is encoded and what unit it has.

    Kiosk value = raw × ``scale`` × factor(``unit``), in base units (Wh, W, A, V, s).
    """

    address: int = Field(ge=0, le=0xFFFF)
    table: Table
    type: DataType
    count: int | None = Field(default=None, ge=1, le=125)
    word_order: WordOrder = WordOrder.BIG
    byte_order: WordOrder = WordOrder.BIG
    scale: float = 1.0
    unit: str = ""
    sentinels: tuple[int, ...] = ()
    mask: int | None = Field(default=None, ge=1)
    shift: int = Field(default=0, ge=0, le=63)
    readback_address: int | None = Field(default=None, ge=0, le=0xFFFF)
    description: str = ""

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in UNITS:
            known = ", ".join(repr(u) for u in UNITS)
            raise ValueError(f"unknown unit {unit!r} (known: {known})")
        return unit

    @field_validator("scale")
    @classmethod
    def _usable_scale(cls, scale: float) -> float:
        if scale == 0 or scale != scale or abs(scale) == float("inf"):
            raise ValueError("scale must be a finite non-zero number")
        return scale

    @model_validator(mode="after")
    def _consistent(self) -> Register:
        if self.table.is_bit != (self.type is DataType.BOOL):
            raise ValueError("type 'bool' is for coil/discrete tables, and only for them")
        if (self.type is DataType.STRING) != (self.count is not None):
            raise ValueError("'count' is required for type 'string' and only allowed there")
        if (self.mask is not None or self.shift) and self.type not in INTEGER_TYPES:
            raise ValueError("'mask' and 'shift' only apply to integer types")
        if self.sentinels and self.type not in INTEGER_TYPES | FLOAT_TYPES:
            raise ValueError("'sentinels' only apply to numeric types")
        if self.type is DataType.STRING and (self.scale != 1 or self.unit):
            raise ValueError("a string has no scale or unit")
        if self.address + self.words > 0x10000:
            raise ValueError("the value runs past register 65535")
        return self

    @property
    def words(self) -> int:
        """Registers occupied (0 for a coil or discrete input)."""
        return register_count(self.type, self.count)

    @property
    def factor(self) -> float:
        """raw × factor = value in base units."""
        return self.scale * factor_of(self.unit)

    def decode(self, words: list[int]) -> int | float | str | None:
        """Registers -> value in base units (ints stay ints when the factor is 1), or None."""
        raw = decode(words, self.type, self.word_order, self.byte_order, self.sentinels)
        if raw is None or isinstance(raw, str):
            return raw
        if isinstance(raw, int):
            raw = raw >> self.shift
            if self.mask is not None:
                raw &= self.mask
            if self.factor == 1:
                return raw
        return raw * self.factor

    def encode(self, value: int | float | str) -> list[int]:
        """Value in base units -> registers (integers rounded to the nearest step)."""
        if isinstance(value, str):
            return encode(value, self.type, self.word_order, self.byte_order, self.count)
        raw: int | float = value / self.factor
        if self.type in INTEGER_TYPES:
            raw = round(raw)
            if self.mask is not None:
                raw &= self.mask
            raw <<= self.shift
        return encode(raw, self.type, self.word_order, self.byte_order, self.count)
