"""Runs every benchmark, prints a table and writes benchmarks/results/latest.json."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import (  # noqa: E402
    canvas_bench,
    evaluation_bench,
    export_bench,
    ingest_bench,
    layout_bench,
    scale_bench,
    store_bench,
)

SUITES = {
    "store": store_bench.run,
    "ingest": ingest_bench.run,
    "canvas": canvas_bench.run,
    "layout": layout_bench.run,
    "evaluation": evaluation_bench.run,
    "export": export_bench.run,
    "scale": scale_bench.run,
}

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv: list[str]) -> int:
    """Usage: benchmarks/run.py [SUITE...] (suites: store, ingest, canvas, layout, evaluation, export, scale; default: all)."""
    chosen = argv or list(SUITES)
    unknown = [name for name in chosen if name not in SUITES]
    if unknown:
        print(f"unknown suite {unknown[0]!r}; choose from {', '.join(SUITES)}", file=sys.stderr)
        return 2
    rows = [row for name in chosen for row in SUITES[name]()]
    width = max(len(r["label"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'median':>10}  {'min':>10}  {'max':>10}  {'goal':>10}"
          f"  ratio  runs  {'chars/s':>9}")
    for r in rows:  # rows of a comparison (e.g. graphviz) have no goal of their own
        speed = f"{r['chars_per_s'] / 1e6:7.2f} M" if r.get("chars_per_s") else ""
        ratio = f"{r['ratio_to_goal']:5.2f}" if r.get("ratio_to_goal") is not None else "    -"
        show = _mb if r.get("unit") == "MB" else _ms
        print(f"{r['label']:<{width}}  {show(r['median_s']):>10}  {show(r['min_s']):>10}"
              f"  {show(r['max_s']):>10}  {show(r.get('goal_s')):>10}  {ratio}"
              f"  {r['runs']:>4}  {speed:>9}")
        if r.get("compare") and r.get("goal_s") is None:  # a comparison row: say what against
            print(f"{'':<{width}}  {r['compare']}")
    RESULTS.mkdir(exist_ok=True)
    report = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "rows": rows,
    }
    out = RESULTS / "latest.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {out}")
    return 0


def _mb(megabytes: float | None) -> str:
    return "-" if megabytes is None else f"{megabytes:.0f} MB"


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
