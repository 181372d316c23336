"""Every shipped profile loads; broken profiles are reported with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.hardware.profile import (
    Kind,
    ProfileError,
    load_named_profile,
    load_profile,
    parse_profile,
    profile_names,
)
from kiosk.resources import drivers_dir

SIM = (drivers_dir() / "sim.toml").read_text()


def _issues(text: str) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "drivers/x.toml")
    return [str(i) for i in caught.value.issues]


def _line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


@pytest.mark.parametrize("name", profile_names())
def test_every_shipped_profile_loads(name: str) -> None:
    profile = load_named_profile(name)
    assert profile.name == name
    if profile.kind is Kind.CHARGER:
        assert profile.registers.state is not None
        assert profile.control is not None
    else:
        assert profile.registers.energy is not None


def test_the_required_devices_are_shipped() -> None:
    names = set(profile_names())
    assert {
        "sim",
        "alfen-eve-single",
        "alfen-eve-double",
        "abb-terra-ac",
        "phoenix-ev-cc-eth",
        "bender-cc613",
        "eastron-sdm630",
    } <= names
    assert [c.unit_id for c in load_named_profile("alfen-eve-double").connectors] == [1, 2]


def test_unknown_unit_names_file_line_and_field() -> None:
    text = SIM.replace('unit = "Wh"', 'unit = "kwh"')
    [issue] = _issues(text)
    line = _line_of(text, 'unit = "kwh"')
    assert issue.startswith(f"drivers/x.toml:{line}: registers.energy.unit: unknown unit 'kwh'")


def test_a_bad_type_points_at_its_key() -> None:
    text = SIM.replace('type = "i32"', 'type = "int32"')
    [issue] = _issues(text)
    assert issue.startswith(f"drivers/x.toml:{_line_of(text, 'int32')}: registers.power.type:")


def test_a_misspelt_key_is_rejected_where_it_is() -> None:
    text = SIM.replace("confirm_timeout_s = 0.5", "confirm_timeout = 0.5")
    [issue] = _issues(text)
    line = _line_of(text, "confirm_timeout = 0.5")
    assert (
        issue == f"drivers/x.toml:{line}: control.confirm_timeout: Extra inputs are not permitted"
    )


def test_a_misspelt_role_is_rejected() -> None:
    text = SIM.replace("[registers.energy]", "[registers.enery]")
    issues = _issues(text)
    line = _line_of(text, "[registers.enery]")
    assert f"drivers/x.toml:{line}: registers.enery: Extra inputs are not permitted" in issues


def test_errors_inside_an_array_of_tables_point_at_that_entry() -> None:
    text = SIM.replace("unit_id = 2", "unit_id = 300")
    [issue] = _issues(text)
    line = _line_of(text, "unit_id = 300")
    assert issue.startswith(f"drivers/x.toml:{line}: connectors.1.unit_id:")


def test_cross_field_problems_are_reported_with_their_line() -> None:
    text = SIM.replace('unit = "Wh"', 'unit = "W"').replace(
        "rewrite_interval_s = 5", "rewrite_interval_s = 10"
    )
    issues = _issues(text)
    unit_line = _line_of(text, 'unit = "W"', after="[registers.energy]")
    rewrite_line = _line_of(text, "rewrite_interval_s = 10")
    assert f"drivers/x.toml:{unit_line}: registers.energy.unit: needs a unit of energy" in issues
    assert (
        f"drivers/x.toml:{rewrite_line}: failsafe.rewrite_interval_s: "
        "must be at most half of timeout_s"
    ) in issues


def test_a_function_code_the_device_refuses_is_caught() -> None:
    text = SIM.replace(
        "function_codes = [1, 3, 4, 5, 15, 16]", "function_codes = [1, 3, 5, 15, 16]"
    )
    issues = _issues(text)
    line = _line_of(text, 'table = "input"', after="[registers.energy]")
    assert any(
        i.startswith(
            f"drivers/x.toml:{line}: registers.energy.table: reading it needs function code 4"
        )
        for i in issues
    )


def test_a_state_table_with_an_impossible_state() -> None:
    text = SIM.replace('"8" = "F"', '"8" = "G"')
    [issue] = _issues(text)
    line = _line_of(text, '"8" = "G"')
    assert issue.startswith(f"drivers/x.toml:{line}: states.8: 'G' is not one of A, A1, A2, B")


def test_a_stop_by_enable_needs_an_enable_register() -> None:
    start = SIM.index("[registers.enable]")
    end = SIM.index("[registers.current_setpoint]")
    text = SIM[:start] + SIM[end:]
    issues = _issues(text)
    assert (
        f"drivers/x.toml:{_line_of(text, 'stop = ')}: control.stop: "
        "stop uses 'enable' but there is no enable register" in issues
    )


def test_toml_syntax_errors_carry_the_line() -> None:
    text = SIM.replace('title = "', "title = ", 1)
    [issue] = _issues(text)
    assert issue.startswith(f"drivers/x.toml:{_line_of(text, 'title = ')}: (file): not valid TOML")


def test_the_name_must_match_the_file(tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    path.write_text(SIM)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert (
        str(caught.value)
        == f"{path}:{_line_of(SIM, 'name = ')}: name: must match the file name 'other'"
    )


def test_a_missing_file_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "absent.toml")


def test_defaults_are_inherited_and_can_be_overridden() -> None:
    profile = load_named_profile("bender-cc613")
    assert profile.registers.energy is not None
    assert profile.registers.energy.sentinels == (0xFFFFFFFF,)
    assert profile.registers.state is not None
    assert profile.registers.state.sentinels == ()


def test_state_tables_map_raw_codes_both_ways() -> None:
    phoenix = load_named_profile("phoenix-ev-cc-eth")
    assert phoenix.detailed_state(0x43) == "C"
    assert phoenix.state_code("C2") == 0x43
    alfen = load_named_profile("alfen-eve-single")
    assert alfen.detailed_state("B2") == "B2"
    assert alfen.state_code("B") == "B1"
    assert alfen.detailed_state("X") is None
    with pytest.raises(KeyError):
        load_named_profile("bender-cc613").state_code("F")


def test_register_scale_and_unit_convert_to_base_units() -> None:
    abb = load_named_profile("abb-terra-ac")
    setpoint = abb.registers.current_setpoint
    assert setpoint is not None
    assert setpoint.encode(16.0) == [0, 16000]  # mA, uint32 big-endian
    assert setpoint.decode([0, 16000]) == pytest.approx(16.0)
    state = abb.registers.state
    assert state is not None
    assert state.decode([0x0000, 0x8400]) == 4  # bit 7 set, state C2 in the high byte
    sdm = load_named_profile("eastron-sdm630")
    assert sdm.registers.energy is not None
    assert sdm.registers.energy.decode(sdm.registers.energy.encode(12345.0)) == pytest.approx(
        12345.0
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'word_order = "big"',
            'word_order = "sideways"',
            "defaults.word_order: Input should be 'big' or 'little'",
        ),
        ('word_order = "big"', "word_order = 5", "defaults.word_order: Input should be "),
        ('table = "holding"', 'table = "attic"', "defaults.table: Input should be "),
    ],
)
def test_a_bad_default_is_reported_once_at_its_line(old: str, new: str, expected: str) -> None:
    """Issue 20.8: not once per register that inherits it, at the registers' lines."""
    start = SIM.index("[defaults]")
    text = SIM[:start] + SIM[start:].replace(old, new, 1)
    issues = _issues(text)
    line = _line_of(text, new, after="[defaults]")
    assert len(issues) == 1, issues
    assert issues[0].startswith(f"drivers/x.toml:{line}: {expected}"), issues


def test_a_register_overriding_a_bad_default_is_reported_at_its_own_line() -> None:
    start = SIM.index("[registers.state]")
    text = SIM[:start] + SIM[start:].replace('type = "u16"', 'type = "u16"\ntable = "attic"', 1)
    issues = _issues(text)
    line = _line_of(text, 'table = "attic"')
    assert len(issues) == 1, issues
    assert issues[0].startswith(f"drivers/x.toml:{line}: registers.state.table: "), issues
