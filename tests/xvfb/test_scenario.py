"""The canvas issue's user story end to end under Xvfb, with a real pointer and keyboard."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2] / "shared" / "corpus" / "seeds"
MISSING = [tool for tool in ("xvfb-run", "xdotool") if shutil.which(tool) is None]


@pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)} (scripts/setup --test "
                    "installs them as root on Debian)")
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed corpus is not at {SEEDS}")
def test_import_drag_ten_claims_link_edit_undo_redo_close_reopen(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
         sys.executable, str(HERE / "scenario_app.py"), str(tmp_path), str(SEEDS)],
        capture_output=True, text=True, timeout=300, env=environment,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in report, report
    assert report["documents"] == 5
    assert report["built"] == {"nodes": 10, "edges": 8, "sources": 10}, report
    assert report["edge_types"] == {"support": 5, "attack": 3}, report
    assert report["handle_link"] and report["edited"], report
    assert report["after_undo"] == {"nodes": 0, "edges": 0, "documents": 0}, report
    assert report["redo_restores"] and report["closed"], report
    assert report["reopened_same"] and report["file_same"] and report["problems"] == [], report
