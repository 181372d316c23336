"""Every profile in drivers/, every connector, against the simulator serving that profile.

Adding a profile adds a case here automatically; the test only reads the profile's data.
"""

from __future__ import annotations

import pytest
from hardware_rig import exercise_profile, rig

from kiosk.hardware.profile import load_named_profile, profile_names

CASES = [
    pytest.param(name, index, id=f"{name}#{index + 1}")
    for name in profile_names()
    for index in range(len(load_named_profile(name).connectors))
]


@pytest.mark.parametrize(("name", "index"), CASES)
async def test_profile_against_the_simulator(name: str, index: int) -> None:
    profile = load_named_profile(name)
    async with rig(profile, index) as (sim, poller):
        await exercise_profile(profile, index, sim, poller)
