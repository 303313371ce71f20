"""Runs every benchmark, prints a table and writes benchmarks/results/latest.json."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import store_bench  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    rows = store_bench.run()
    width = max(len(r["label"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  {'goal':>7}  ratio  runs")
    for r in rows:
        print(f"{r['label']:<{width}}  {_ms(r['median_s']):>9}  {_ms(r['min_s']):>9}"
              f"  {_ms(r['max_s']):>9}  {_ms(r['goal_s']):>7}  {r['ratio_to_goal']:5.2f}  {r['runs']:>4}")
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


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    sys.exit(main())
