"""The benchmark harness: samples -> median and spread, a reference in the same run, a ratio.

Every benchmark script measures one or more *figures* (e.g. "Stop tap -> disable confirmed")
over several runs and, in the same run, a *reference* (e.g. a bare pymodbus write-and-read
round trip). A :class:`Figure` holds both sample lists, the statistic its target is judged on
(``p95``, ``p99``, ``max``, ``p50``) and the target, either absolute (``target=1.5`` seconds)
or as a ratio to the reference (``target_ratio=3.0``).

Scripts print a small table and, with ``--json PATH``, write their figures for
``bench/run_all``. Nothing here raises on a missed target: benchmarks print, they do not fail.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATS = ("p50", "p95", "p99", "min", "max", "iqr", "mean")


def percentile(samples: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile (``pct`` in 0..100) of non-empty ``samples``."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * pct / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(samples: Sequence[float]) -> dict[str, float]:
    if not samples:
        return {name: math.nan for name in STATS} | {"n": 0}
    return {
        "n": len(samples),
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
        "min": min(samples),
        "max": max(samples),
        "iqr": percentile(samples, 75) - percentile(samples, 25),
        "mean": statistics.fmean(samples),
    }


@dataclass
class Figure:
    """One measured figure with its reference (same run) and its target.

    ``scale``/``unit`` only change how numbers are printed (samples are kept in base units,
    e.g. seconds, and printed as ms with ``scale=1000, unit="ms"``).
    """

    name: str
    samples: list[float]
    stat: str = "p50"
    unit: str = "ms"
    scale: float = 1000.0
    target: float | None = None  # in base units, judged on ``stat`` (<= unless higher_is_better)
    target_ratio: float | None = None  # figure/reference on ``stat``
    higher_is_better: bool = False
    reference_name: str | None = None
    reference: list[float] = field(default_factory=list)
    target_text: str = ""
    note: str = ""

    def value(self) -> float:
        return summarize(self.samples)[self.stat]

    def reference_value(self) -> float | None:
        if not self.reference:
            return None
        return summarize(self.reference)[self.stat]

    def ratio(self) -> float | None:
        ref = self.reference_value()
        if ref is None or ref == 0 or math.isnan(ref):
            return None
        return self.value() / ref

    def met(self) -> bool | None:
        """True/False when there is a target and samples, None otherwise."""
        if not self.samples:
            return None
        checks: list[bool] = []
        value = self.value()
        if self.target is not None:
            checks.append(value >= self.target if self.higher_is_better else value <= self.target)
        if self.target_ratio is not None:
            ratio = self.ratio()
            if ratio is None:
                return None
            checks.append(ratio <= self.target_ratio)
        return all(checks) if checks else None

    def fmt(self, value: float | None) -> str:
        if value is None or math.isnan(value):
            return "-"
        scaled = value * self.scale
        if abs(scaled) >= 100:
            return f"{scaled:.0f}"
        if abs(scaled) >= 10:
            return f"{scaled:.1f}"
        return f"{scaled:.2f}"

    def describe_target(self) -> str:
        if self.target_text:
            return self.target_text
        parts = []
        op = ">=" if self.higher_is_better else "<="
        if self.target is not None:
            parts.append(f"{self.stat} {op} {self.fmt(self.target)} {self.unit}")
        if self.target_ratio is not None:
            parts.append(f"{self.stat} <= {self.target_ratio:g}x ref")
        return ", ".join(parts) or "-"

    def to_json(self) -> dict[str, Any]:
        ratio = self.ratio()
        return {
            "name": self.name,
            "unit": self.unit,
            "scale": self.scale,
            "stat": self.stat,
            "summary": summarize(self.samples),
            "reference_name": self.reference_name,
            "reference_summary": summarize(self.reference) if self.reference else None,
            "ratio": ratio,
            "target": self.target,
            "target_ratio": self.target_ratio,
            "target_text": self.describe_target(),
            "met": self.met(),
            "note": self.note,
            "samples": self.samples,
            "reference_samples": self.reference,
        }


def verdict(met: bool | None) -> str:
    return {True: "OK", False: "MISS", None: "-"}[met]


def print_figures(title: str, figures: Sequence[Figure]) -> None:
    print(f"\n== {title} ==")
    for fig in figures:
        s = summarize(fig.samples)
        print(
            f"{fig.name}\n"
            f"    n={s['n']:<4} p50 {fig.fmt(s['p50'])}  p95 {fig.fmt(s['p95'])}"
            f"  p99 {fig.fmt(s['p99'])}  min {fig.fmt(s['min'])}  max {fig.fmt(s['max'])}"
            f"  IQR {fig.fmt(s['iqr'])}  [{fig.unit}]"
        )
        if fig.reference:
            r = summarize(fig.reference)
            ratio = fig.ratio()
            ratio_text = f"{ratio:.2f}x" if ratio is not None else "-"
            print(
                f"    reference: {fig.reference_name}: n={r['n']} p50 {fig.fmt(r['p50'])}"
                f"  p95 {fig.fmt(r['p95'])}  p99 {fig.fmt(r['p99'])}  max {fig.fmt(r['max'])}"
                f"  -> ratio on {fig.stat}: {ratio_text}"
            )
        print(f"    target: {fig.describe_target()}  -> {verdict(fig.met())}")
        if fig.note:
            print(f"    note: {fig.note}")
    sys.stdout.flush()


def machine() -> dict[str, Any]:
    load1, load5, _ = os.getloadavg()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_1m": round(load1, 2),
        "loadavg_5m": round(load5, 2),
        "date": time.strftime("%Y-%m-%d %H:%M", time.localtime()),
    }


def arguments(
    description: str,
    *,
    runs: int,
    quick_runs: int,
    extend: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.Namespace:
    """The common command line: ``--quick``, ``--runs N``, ``--json PATH`` (and a script's own
    options, added by ``extend``)."""
    parser = argparse.ArgumentParser(description=description)
    if extend is not None:
        extend(parser)
    parser.add_argument("--quick", action="store_true", help="fewer runs (whole suite in minutes)")
    parser.add_argument("--runs", type=int, default=None, help=f"runs (default {runs})")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()
    # the simulator's pymodbus server would log every dropped connection
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    if args.runs is None:
        args.runs = quick_runs if args.quick else runs
    return args


def report(
    title: str, figures: Sequence[Figure], json_path: Path | None, extra: dict[str, Any] | None
) -> None:
    print_figures(title, figures)
    if json_path is not None:
        payload = {
            "title": title,
            "machine": machine(),
            "figures": [f.to_json() for f in figures],
            "extra": extra or {},
        }
        json_path.write_text(json.dumps(payload, indent=1), encoding="utf-8")
