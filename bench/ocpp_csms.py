"""The tests' own OCPP CSMS in a child process, for the OCPP benchmarks (not a benchmark).

    python -m bench.ocpp_csms

Serves ``tests/integration/ocpp_test_csms.py`` (the ``ocpp`` library's server side over
``websockets``, answering at once) on a free 127.0.0.1 port and prints ``{"url": ...,
"password": ...}`` as one JSON line. Then every line on stdin is answered with one JSON line
about the ``TransactionEvent`` calls received so far: ``count``, ``distinct`` (by transaction
and seqNo), ``out_of_order`` (a seqNo not above the transaction's previous one, resends
excluded) and ``handling_ms`` (the CSMS's own time per call: message received -> answer sent,
p50 and p99). EOF on stdin ends it. A child process, so that the CSMS's CPU is not the
station's: both would otherwise share one event loop and one core.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "integration"))

import ocpp_test_csms
from ocpp_test_csms import PASSWORD, own_csms

from bench.figures import percentile


def _report(csms: Any, handling_s: list[float]) -> dict[str, Any]:
    events = csms.of("TransactionEvent")
    seen: set[tuple[str, int]] = set()
    last: dict[str, int] = {}
    out_of_order = 0
    for event in events:
        key = (str(event["transactionInfo"]["transactionId"]), int(event["seqNo"]))
        if key in seen:
            continue
        seen.add(key)
        if key[0] in last and key[1] <= last[key[0]]:
            out_of_order += 1
        last[key[0]] = key[1]
    return {
        "count": len(events),
        "distinct": len(seen),
        "out_of_order": out_of_order,
        "handling_ms": {
            "p50": percentile(handling_s, 50) * 1000 if handling_s else None,
            "p99": percentile(handling_s, 99) * 1000 if handling_s else None,
        },
    }


async def main() -> None:
    handling_s: list[float] = []
    route = ocpp_test_csms._Csms.route_message

    async def timed(self: Any, raw: str) -> None:
        started = time.perf_counter()
        await route(self, raw)
        handling_s.append(time.perf_counter() - started)

    ocpp_test_csms._Csms.route_message = timed  # type: ignore[method-assign]
    async with own_csms() as csms:
        print(json.dumps({"url": csms.url, "password": PASSWORD}), flush=True)
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            print(json.dumps(_report(csms, handling_s)), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
