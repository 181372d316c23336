"""The leak guard itself must catch a leaked task (it is run here on purpose, inside pytester)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]


def test_leaked_task_fails_the_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text())
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )
    pytester.makepyfile(
        """
        import asyncio

        async def test_leaks():
            asyncio.get_running_loop().create_task(asyncio.sleep(30))

        async def test_clean():
            task = asyncio.get_running_loop().create_task(asyncio.sleep(30))
            task.cancel()
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*leaked 1 asyncio task*"])


def test_a_hung_test_cut_short_names_where_each_task_waits(pytester: pytest.Pytester) -> None:
    """pytest-timeout (its signal method, the suite's) fails a hung test; the leak guard then
    tells where the test and what it awaited were stuck."""
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text())
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
        "timeout = 2\ntimeout_method = signal\n"
    )
    pytester.makepyfile(
        """
        import asyncio

        async def closing(never: asyncio.Event) -> None:
            await never.wait()

        async def test_hangs():
            never = asyncio.Event()
            await asyncio.create_task(closing(never), name="link close")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*Timeout (>2.0s) from pytest-timeout*"])
    result.stdout.fnmatch_lines(
        [
            "*leaked 2 asyncio task(s), each where it waits:*",
            "*link close: <coroutine object closing*",
            "*test_a_hung_test_cut_short_names_where_each_task_waits.py:4 closing",
        ]
    )
    result.stdout.fnmatch_lines(
        ["*test_a_hung_test_cut_short_names_where_each_task_waits.py:8 test_hangs"]
    )
