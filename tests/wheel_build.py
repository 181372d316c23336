"""The project's wheel, built once per test run and shared by every test that needs it (not a test).

``shared_wheel(root)`` builds ``ladeskjerm-*.whl`` with ``python -m build --wheel --no-isolation``
into ``root/wheel`` the first time any test (in any pytest-xdist worker) asks for it, and returns
the same file to everyone after that. ``installed_wheel(root, wheel)`` does the same for a fresh
virtual environment with that wheel installed in it: the environment gets the wheel alone, and
its dependencies come from the current environment through a ``.pth`` line (no network, and the
checkout's editable install stays invisible: a ``.pth`` path is added without running the
``.pth`` files inside it).

``root`` is a folder every worker of the run shares (``run_root``). An exclusive ``flock`` on a
file in it makes the first caller build while the others wait; a marker file written last tells
a finished folder from a half-built one (which is removed and built again; a virtual environment
cannot be moved into place, its scripts name their own path). A failed build raises in the test that
asked for it (``CalledProcessError`` with pip's or build's output) and is tried again by the next.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 300
PIP_ARGS = ("--no-deps", "--no-index", "-q")


def run_root(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder shared by all workers of this run (an xdist worker has ``workerinput``; its
    base temp folder is ``popen-gwN`` inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def clean_env() -> dict[str, str]:
    """The environment without ``PYTHONPATH``: a checkout on it would shadow the installed wheel
    (its ``ladeskjerm.egg-info`` makes pip think the wheel is installed already)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _once(root: Path, name: str, make: Callable[[Path], None]) -> Path:
    """``root/name``, made by ``make(folder)`` by the first caller of the run; the others wait."""
    folder, marker = root / name, root / f"{name}.done"
    with _locked(root / f"{name}.lock"):
        if not marker.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            marker.touch()
    return folder


def _build(out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=BUILD_TIMEOUT_S,
    )


def shared_wheel(root: Path) -> Path:
    """The run's one ``ladeskjerm-*.whl``."""
    (wheel,) = _once(root, "wheel", _build).glob("ladeskjerm-*.whl")
    return wheel


def installed_wheel(root: Path, wheel: Path) -> Path:
    """The run's one virtual environment with ``wheel`` installed; returns the environment."""

    def install(env_dir: Path) -> None:
        # no pip inside (ensurepip is the slow half); this environment's pip installs into it
        venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
        python = env_dir / "bin" / "python"
        site = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
            env=clean_env(),
        ).stdout.strip()
        ours = sysconfig.get_paths()["purelib"]
        (Path(site) / "zz-current-env.pth").write_text(ours + "\n", encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(python),
                "install",
                *PIP_ARGS,
                str(wheel),
            ],
            check=True,
            capture_output=True,
            timeout=BUILD_TIMEOUT_S,
            env=clean_env(),
        )
        if not (env_dir / "bin" / "kiosk").is_file():
            raise AssertionError(f"pip installed no kiosk script into {env_dir}")

    return _once(root, "venv", install)
