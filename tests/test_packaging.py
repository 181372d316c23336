"""The built wheel carries ui/, drivers/ and assets/ and finds them when installed elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("ladeskjerm-*.whl")
    return built


@pytest.mark.slow
def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # The new environment sees this one's packages, so only the wheel itself is installed.
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(env_dir / "bin" / "kiosk"), "paths"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    paths = {name: Path(p) for name, p in json.loads(result.stdout).items()}
    site = env_dir / "lib"
    for name in ("ui", "drivers", "assets"):
        assert site in paths[name].parents, f"{name} resolved outside the venv: {paths[name]}"
        assert paths[name].is_dir()
    assert (paths["ui"] / "Kiosk" / "qmldir").is_file()
    assert any(paths["drivers"].glob("*.toml"))
