"""Read planning: contiguous registers share a request, within gap and size limits."""

from __future__ import annotations

from kiosk.hardware.batch import plan_reads
from kiosk.hardware.profile import load_named_profile
from kiosk.hardware.register import Register


def _reg(address: int, type_: str = "u16", table: str = "holding") -> Register:
    return Register.model_validate({"address": address, "type": type_, "table": table})


def test_contiguous_registers_share_one_request() -> None:
    regs = {"a": _reg(100), "b": _reg(101, "u32"), "c": _reg(103, "f64")}
    [batch] = plan_reads(regs, max_count=120)
    assert (batch.start, batch.count) == (100, 7)
    assert batch.slice(list(range(100, 107)), batch.items[2]) == [103, 104, 105, 106]


def test_gaps_and_size_limits_split_requests() -> None:
    regs = {"a": _reg(0), "b": _reg(5), "c": _reg(8)}
    assert [(b.start, b.count) for b in plan_reads(regs, max_count=120)] == [(0, 1), (5, 1), (8, 1)]
    assert [(b.start, b.count) for b in plan_reads(regs, max_count=120, max_gap=4)] == [(0, 9)]
    assert [(b.start, b.count) for b in plan_reads(regs, max_count=6, max_gap=4)] == [
        (0, 6),
        (8, 1),
    ]


def test_tables_never_mix_and_offsets_apply() -> None:
    regs = {"h": _reg(10), "i": _reg(10, table="input"), "c": _reg(0, "bool", "coil")}
    batches = plan_reads(regs, max_count=120, address_offset=1000)
    assert [(b.table.value, b.start) for b in batches] == [
        ("coil", 1000),
        ("holding", 1010),
        ("input", 1010),
    ]


def test_write_only_setpoints_are_read_at_their_readback_address() -> None:
    abb = load_named_profile("abb-terra-ac")
    regs = abb.registers.present()
    batches = plan_reads({"current_setpoint": regs["current_setpoint"]}, max_count=125)
    assert batches[0].start == 0x4022
