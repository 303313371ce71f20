"""File → Export…: the save dialog, the options dialog, the written file, errors in a dialog."""

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from debatemap.app import dialogs


@pytest.fixture
def export_log(monkeypatch, dialog_log):
    """The export path and options dialogs answer from ``dialog_log.answers`` and record."""
    asked = []

    def ask_path(parent, directory=""):
        asked.append(("path", directory))
        return dialog_log.answer(parent, "export path")

    def ask_options(parent, suffix, has_selection):
        asked.append(("options", suffix, has_selection))
        return dialog_log.answer(parent, "export options")

    monkeypatch.setattr(dialogs, "ask_export_path", ask_path)
    monkeypatch.setattr(dialogs, "ask_export_options", ask_options)
    return asked


def opened(window, map_path, qtbot):
    window.open_path(map_path)
    qtbot.waitUntil(lambda: window.scene is not None)
    return window.document


def test_export_is_disabled_without_a_map(window):
    assert window.export_action.text() == "&Export…"
    assert not window.export_action.isEnabled()


def test_export_png_with_options(window, map_path, tmp_path, dialog_log, export_log, qtbot):
    opened(window, map_path, qtbot)
    assert window.export_action.isEnabled()
    out = tmp_path / "map.png"
    dialog_log.answers = [out, {"scale": 2.0, "transparent": True, "selection_only": False}]
    window.export_action.trigger()
    image = QImage(str(out))
    assert not image.isNull() and image.pixelColor(0, 0).alpha() == 0
    assert export_log[1] == ("options", ".png", False)
    assert dialog_log.errors == []
    assert "Exported to" in window.statusBar().currentMessage()


def test_export_svg_of_the_selection(window, map_path, tmp_path, dialog_log, export_log, qtbot):
    document = opened(window, map_path, qtbot)
    thesis = next(n for n in document.map.nodes.values() if n.text == "Make transit free")
    window.scene.node_items[thesis.id].setSelected(True)
    out = tmp_path / "part.svg"
    dialog_log.answers = [out, {"selection_only": True}]
    window.export_action.trigger()
    root = ET.parse(out).getroot()
    text = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Make transit free" in text and "It cuts traffic" not in text
    assert export_log[1] == ("options", ".svg", True)
    assert window.scene.node_items[thesis.id].isSelected()


def test_export_cancelled_writes_nothing(window, map_path, tmp_path, dialog_log, export_log, qtbot):
    opened(window, map_path, qtbot)
    dialog_log.answers = [tmp_path / "map.pdf", None]
    window.export_action.trigger()
    assert not (tmp_path / "map.pdf").exists()
    dialog_log.answers = [None]
    window.export_action.trigger()
    assert dialog_log.errors == []


def test_export_error_is_shown_in_a_dialog(window, map_path, tmp_path, dialog_log, export_log, qtbot):
    opened(window, map_path, qtbot)
    out = tmp_path / "missing" / "map.pdf"
    dialog_log.answers = [out, {"selection_only": False}]
    window.export_action.trigger()
    assert dialog_log.errors and dialog_log.errors[0][0] == "Export"
    assert str(out) in dialog_log.errors[0][1]
    assert not out.parent.exists()


def test_ask_export_path_adds_the_chosen_suffix(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "slide"), "SVG vector image (*.svg)"))
    assert dialogs.ask_export_path(None) == tmp_path / "slide.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "x.pdf"), "PNG image (*.png)"))
    assert dialogs.ask_export_path(None) == tmp_path / "x.pdf"
