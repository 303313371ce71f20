"""Startup: the headless fallback writes the sample map; run_gui opens the window (or says why not)."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from debatemap.app import startup
from debatemap.app.main_window import MainWindow
from debatemap.store.session import MapSession

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fallback is for Linux")


def run_without_display(tmp_path, code):
    environment = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=environment,
        capture_output=True, text=True, timeout=120,
    )


@linux_only
def test_without_a_display_the_sample_map_is_written_instead(tmp_path):
    code = (
        "import sys\n"
        "from debatemap.app.startup import run_gui\n"
        "status = run_gui(None)\n"
        "print('qt loaded' if 'PySide6' in sys.modules else 'qt not loaded')\n"
        "sys.exit(status)\n"
    )
    result = run_without_display(tmp_path, code)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "no display found" in out
    assert "sample-output/sample.debatemap" in out
    assert "10 nodes, 9 links" in out
    assert "debatemap show sample-output/sample.debatemap" in out
    assert "Rendered it offscreen to sample-output/sample.png and sample-output/sample.svg" in out
    assert out.rstrip().endswith("qt loaded")  # offscreen, for the pictures
    assert result.stderr == ""
    png = QImage(str(tmp_path / "sample-output" / "sample.png"))
    assert not png.isNull() and png.width() > 800 and png.height() > 200
    svg = ET.parse(tmp_path / "sample-output" / "sample.svg").getroot()
    words = " ".join(" ".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")).split())
    assert "The city should make public transport free." in words

    sample = tmp_path / "sample-output" / "sample.debatemap"
    with MapSession.open(sample, readonly=True) as reader:
        assert reader.map.problems() == []
        first_ids = set(reader.map.nodes)
        kinds = {str(e.type) for e in reader.map.edges.values()}
        assert {"support", "attack", "undercut"} <= kinds
        assert reader.map.title == "Should the city make public transport free?"

    # The real command does the same, replacing the older sample.
    again = run_without_display(tmp_path, "import sys; from debatemap.cli import main; sys.exit(main([]))")
    assert again.returncode == 0, again.stderr
    with MapSession.open(sample, readonly=True) as reader:
        assert reader.map.problems() == []
        assert len(reader.map.nodes) == 10 and set(reader.map.nodes).isdisjoint(first_ids)
    assert sorted(p.name for p in sample.parent.iterdir()) == ["sample.debatemap", "sample.png",
                                                               "sample.svg"]


@linux_only
def test_the_fallback_names_a_map_it_did_not_open(tmp_path):
    result = run_without_display(
        tmp_path, "from debatemap.app.startup import run_gui; run_gui(__import__('pathlib').Path('x.debatemap'))"
    )
    assert "x.debatemap was not opened" in result.stdout


def test_has_no_display(monkeypatch):
    for name in DISPLAY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert startup.has_no_display()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert not startup.has_no_display()
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not startup.has_no_display()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not startup.has_no_display()


def _run_gui_and_look(path):
    """Run run_gui until its event loop starts, then record the window and close it."""
    seen = {}

    def look_and_quit():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["windows"] = [(w.windowTitle(), w.document) for w in windows]
        for window in windows:
            window.close()
        QApplication.quit()

    QTimer.singleShot(0, look_and_quit)
    status = startup.run_gui(path)
    return status, seen["windows"]


def test_run_gui_with_a_missing_map_shows_the_error_and_an_empty_window(tmp_path, dialog_log):
    missing = tmp_path / "missing.debatemap"
    status, windows = _run_gui_and_look(missing)
    assert status == 0
    assert windows == [("Debatemap", None)]
    assert len(dialog_log.errors) == 1 and dialog_log.errors[0][1] == f"{missing}: no such file"
    assert QCoreApplication.organizationName() == "Debatemap"
    assert QCoreApplication.applicationName() == "Debatemap"


def test_run_gui_opens_the_map(map_path, dialog_log):
    status, windows = _run_gui_and_look(map_path)
    assert status == 0 and dialog_log.errors == []
    assert [title for title, _ in windows] == ["Transit debate — Debatemap"]


def test_the_application_icon_ships_with_the_package(qapp):
    from debatemap.app.icon import ICON_PATH, app_icon

    assert ICON_PATH.is_file()
    assert not app_icon().pixmap(32, 32).isNull()
