"""One real drag and drop under Xvfb: a candidate sentence from the documents panel onto the canvas."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MISSING = [tool for tool in ("xvfb-run", "xdotool") if shutil.which(tool) is None]


@pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)} (scripts/setup --test "
                    "installs them as root on Debian)")
def test_a_real_qdrag_from_the_documents_panel_creates_a_claim(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
         sys.executable, str(HERE / "real_drag_app.py"), str(tmp_path)],
        capture_output=True, text=True, timeout=120, env=environment,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["nodes"] == [{"text": report["candidate"], "excerpt": True}], report
    assert report["stored_nodes"] == 1
