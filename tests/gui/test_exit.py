"""Quitting after copying claims to the clipboard ends the process cleanly (no crash on exit)."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from debatemap.app import startup
    from debatemap.app.main_window import MainWindow
    from debatemap.store.session import MapSession

    path = sys.argv[1]
    with MapSession.create(path) as session:
        node = session.add_node("Fares should be free")
    startup.configure_application()
    app = QApplication(sys.argv[:1])
    if sys.argv[2] == "guarded":
        app.aboutToQuit.connect(startup.release_clipboard)
    window = MainWindow()
    window.show()
    window.open_path(path)
    window.view.select_items([node.id])
    window.edit_actions.copy.trigger()
    assert QApplication.clipboard().mimeData().text() == "Fares should be free"
    QTimer.singleShot(200, app.quit)
    code = app.exec()
    print("clipboard:", QApplication.clipboard().text())
    sys.exit(code)
    """
)


def test_quitting_with_copied_claims_on_the_clipboard_exits_cleanly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "m.debatemap"), "guarded"],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-1500:])
    assert "clipboard: Fares should be free" in result.stdout  # other programs keep the text
