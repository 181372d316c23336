"""Fixtures shared by every test.

``_no_leaked_tasks`` fails any async test that leaves asyncio tasks running behind it: a task
that outlives its test is a bug in the code under test (or in the test), never noise. It names
where each one waits, which is also what explains a test that pytest-timeout cut short.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
async def _no_leaked_tasks(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Fail the test if it leaves asyncio tasks running on its event loop."""
    if request.node.get_closest_marker("asyncio") is None:
        yield  # a sync test has no loop of its own to leak into
        return
    before = set(asyncio.all_tasks())
    yield
    current = asyncio.current_task()
    # Give tasks that are finishing (cancelled in a finally) one turn of the loop to end.
    for _ in range(3):
        leaked = {t for t in asyncio.all_tasks() - before if t is not current and not t.done()}
        if not leaked:
            return
        await asyncio.sleep(0)
    where = "\n".join(sorted(_waiting_at(t) for t in leaked))
    for task in leaked:
        task.cancel()
    pytest.fail(f"test leaked {len(leaked)} asyncio task(s), each where it waits:\n{where}")


def _waiting_at(task: asyncio.Task[object]) -> str:
    """``name: coroutine`` and the chain of awaits it is suspended in (outermost first).

    After pytest-timeout's signal cuts a hung test short, its own task and everything it
    waited for are left on the loop: this is where the hang is (a thread dump shows only the
    event loop in ``select``)."""
    frames = [
        f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} {frame.f_code.co_name}"
        for frame in task.get_stack()
    ]
    return f"  {task.get_name()}: {task.get_coro()!r}\n      " + " > ".join(frames)


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip cleanly without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def wheel(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per run (by the first xdist worker that needs it)."""
    from wheel_build import run_root, shared_wheel  # here: this file is also copied elsewhere

    return shared_wheel(run_root(request.config, tmp_path_factory))


@pytest.fixture(scope="session")
def wheel_env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, wheel: Path
) -> Path:
    """A virtual environment with the wheel alone installed, made once per run."""
    from wheel_build import installed_wheel, run_root

    return installed_wheel(run_root(request.config, tmp_path_factory), wheel)
