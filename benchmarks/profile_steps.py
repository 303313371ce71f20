"""Profiles (pyinstrument) of opening the 10k-node tree in the main window and of each step of
ordinary use the scale benchmark times: text reports in benchmarks/results/profiles/, and the
longest event-loop stall of each step printed. Run: ./scripts/profile"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale_bench import make_map, ordinary_steps, run_step, settle_time  # noqa: E402
from benchmarks.timing import qt_app  # noqa: E402

OUT = ROOT / "benchmarks" / "results" / "profiles"


def main(count: int = 10_000) -> None:
    from pyinstrument import Profiler

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.debatemap"
        make_map(path, "tree", count)
        app = qt_app()
        from debatemap.app.main_window import MainWindow

        window = MainWindow()
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        profiler = Profiler(interval=0.001)
        profiler.start()
        started = time.perf_counter()
        window.open_path(path)
        app.processEvents()
        opened = time.perf_counter() - started
        profiler.stop()
        _write("open", profiler, f"open {count:,}-node tree: {opened:.2f} s (profiled)")
        view, scene = window.view, window.scene
        view.reset_zoom()
        view.centerOn(scene.node_items[next(iter(scene.node_items))])
        app.processEvents()
        for name, step in ordinary_steps(window, view, scene).items():
            profiler = Profiler(interval=0.001)
            profiler.start()
            stall = run_step(step, settle_time(name))
            profiler.stop()
            _write(name, profiler, f"{name}: longest stall {stall * 1000:.0f} ms (profiled)")
        window.close()


def _write(name: str, profiler, headline: str) -> None:
    report = profiler.output_text(unicode=False, color=False, show_all=False)
    target = OUT / (name.replace(" ", "-") + ".txt")
    target.write_text(headline + "\n\n" + report, encoding="utf-8")
    print(f"{headline:<60} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
