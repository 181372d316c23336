"""``bench/run_all``: run every benchmark script as its own process and print one table.

Each script runs with ``--quick`` (default) or its full run count (``--full``), writes its
figures as JSON, and this prints them as a Markdown table (the one in ``bench/README.md``):
figure, statistic, value, reference, ratio, target, verdict. The JSON files are kept in
``bench/results/`` (not committed) for a closer look.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = (
    "session_latency",
    "ui_figures",
    "recovery",
    "throughput",
    "phone_pages",
    "phone_crowd",
    "stop_storage",
    "rtu_line",
    "site_power",
)


def fmt(value: float | None, scale: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    scaled = value * scale
    if abs(scaled) >= 100:
        return f"{scaled:.0f}"
    if abs(scaled) >= 10:
        return f"{scaled:.1f}"
    return f"{scaled:.2f}"


def row(figure: dict[str, Any]) -> str:
    stat = figure["stat"]
    scale = figure["scale"]
    unit = figure["unit"]
    summary = figure["summary"]
    value = f"{fmt(summary[stat], scale)} {unit} (p50 {fmt(summary['p50'], scale)}, "
    value += f"min {fmt(summary['min'], scale)}, max {fmt(summary['max'], scale)}, "
    value += f"n={summary['n']})"
    ref = figure["reference_summary"]
    reference = "-"
    if ref is not None:
        reference = f"{figure['reference_name']}: {fmt(ref[stat], scale)} {unit}"
    ratio = f"{figure['ratio']:.2f}x" if figure["ratio"] is not None else "-"
    verdict = {True: "OK", False: "**MISS**", None: "-"}[figure["met"]]
    return (
        f"| {figure['name']} | {stat} | {value} | {reference} | {ratio} | "
        f"{figure['target_text']} | {verdict} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="full run counts (long)")
    parser.add_argument("--only", nargs="*", default=None, choices=SCRIPTS)
    args = parser.parse_args()
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    rows: list[str] = []
    machine: dict[str, Any] = {}
    failed = []
    for name in args.only or SCRIPTS:
        out = results / f"{name}.json"
        command = [sys.executable, "-m", f"bench.{name}", "--json", str(out)]
        if not args.full:
            command.append("--quick")
        print(f"--- {name}: {' '.join(command[1:])}", flush=True)
        started = time.monotonic()
        code = subprocess.call(command, cwd=ROOT, timeout=3600)
        print(f"--- {name}: {time.monotonic() - started:.0f} s, exit {code}", flush=True)
        if code != 0 or not out.exists():
            failed.append(name)
            continue
        data = json.loads(out.read_text(encoding="utf-8"))
        machine = data["machine"]
        rows.extend(row(figure) for figure in data["figures"])
    print()
    print(
        f"Results {machine.get('date', '?')}, Python {machine.get('python', '?')}, "
        f"{machine.get('cpus', '?')} CPUs, load {machine.get('loadavg_1m', '?')} "
        f"({'full' if args.full else 'quick'} run)"
    )
    print()
    print("| figure | stat | value | reference (same run) | ratio | target | verdict |")
    print("|---|---|---|---|---|---|---|")
    for line in rows:
        print(line)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
