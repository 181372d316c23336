"""The built wheel carries ui/, drivers/ and assets/ and finds them when installed elsewhere."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from wheel_build import clean_env


@pytest.mark.slow
def test_installed_wheel_finds_its_data(wheel_env: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(wheel_env / "bin" / "kiosk"), "paths"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    paths = {name: Path(p) for name, p in json.loads(result.stdout).items()}
    site = wheel_env / "lib"
    for name in ("ui", "drivers", "assets"):
        assert site in paths[name].parents, f"{name} resolved outside the venv: {paths[name]}"
        assert paths[name].is_dir()
    assert (paths["ui"] / "Kiosk" / "qmldir").is_file()
    assert any(paths["drivers"].glob("*.toml"))
