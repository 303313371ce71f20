"""The modal dialogs the main window uses, as module functions so tests can replace them."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from debatemap import __version__

MAP_FILTER = "Debatemap maps (*.debatemap);;All files (*)"
DOCUMENT_FILTER = "Documents (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;All files (*)"
REPORT_LINES = 25  # more problems than this go to the dialog's details


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def show_notice(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def ask_open_path(parent: QWidget | None, directory: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open Map", directory, MAP_FILTER)
    return Path(name) if name else None


def ask_import_paths(parent: QWidget | None, directory: str = "") -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, "Import Documents", directory, DOCUMENT_FILTER)
    return [Path(name) for name in names]


def ask_reimport_path(parent: QWidget | None, title: str, directory: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, f"Re-import “{title}” from", directory, DOCUMENT_FILTER
    )
    return Path(name) if name else None


def ask_replace_older_version(parent: QWidget | None, title: str, path: Path) -> bool:
    """The file was imported before and has changed since: replace the older version?"""
    answer = QMessageBox.question(
        parent,
        "Replace the older version?",
        f"“{title}” was imported from {path.name} before, and the file has changed since."
        "\n\nReplace the older version? Claims taken from it are found again in the new text;"
        " those whose passage is gone are flagged. (Undo puts the old version back.)\n\n"
        "No imports the file as a separate document.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_import_report(parent: QWidget | None, summary: str, lines: list[str]) -> None:
    """One dialog for everything an import could not take: each file and why."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Import Documents", summary, QMessageBox.StandardButton.Ok, parent)
    shown = lines[:REPORT_LINES]
    more = len(lines) - len(shown)
    items = "".join(f"<li>{escape(line)}</li>" for line in shown)
    tail = f"<p>… and {more} more (see Show Details).</p>" if more else ""
    box.setInformativeText(f"<ul style='margin-left: -20px'>{items}</ul>{tail}")
    if more:
        box.setDetailedText("\n".join(lines))
    box.exec()


def ask_save_path(
    parent: QWidget | None, caption: str, directory: str = "", *, confirm_overwrite: bool = True
) -> Path | None:
    options = QFileDialog.Option(0)
    if not confirm_overwrite:
        options |= QFileDialog.Option.DontConfirmOverwrite
    name, _ = QFileDialog.getSaveFileName(parent, caption, directory, MAP_FILTER, "", options)
    return Path(name) if name else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        "About Debatemap",
        f"<h3>Debatemap {__version__}</h3>"
        "<p>Argument maps built from real documents: claims with their sources, linked as"
        " supports, attacks and undercuts.</p>"
        "<p>Each map is one SQLite file (<tt>.debatemap</tt>). Every change is saved to it as"
        " you make it, and every change can be undone.</p>"
        "<p>The same maps can be scripted: run <tt>debatemap --help</tt>.</p>",
    )


EXPORT_FILTERS = {
    "PNG image (*.png)": ".png",
    "SVG vector image (*.svg)": ".svg",
    "PDF document (*.pdf)": ".pdf",
    "Argdown (*.argdown)": ".argdown",
    "AIF JSON for OVA (*.aif.json)": ".aif.json",
    "GraphML for yEd, Gephi (*.graphml)": ".graphml",
    "Markdown outline handout (*.md)": ".md",
    "Kialo text (*.kialo.txt)": ".kialo.txt",
}
#: files File → Import Map… reads (interchange.registry.read_map decides by name and content)
FOREIGN_MAP_FILTER = ("Argument maps (*.argdown *.json *.txt *.xml);;Argdown (*.argdown);;"
                      "AIF JSON, OVA (*.json);;Kialo export (*.txt);;Compendium XML (*.xml);;"
                      "All files (*)")


def export_suffix(path: Path) -> str | None:
    """The export format a file name asks for (".aif.json" before ".json"), or None."""
    name = path.name.lower()
    for suffix in sorted(EXPORT_FILTERS.values(), key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def ask_export_path(parent: QWidget | None, directory: str = "") -> Path | None:
    """Where to export the map; the suffix of the chosen filter is added when the name has none
    of the export suffixes."""
    name, chosen = QFileDialog.getSaveFileName(parent, "Export Map", directory,
                                               ";;".join(EXPORT_FILTERS))
    if not name:
        return None
    path = Path(name)
    if export_suffix(path) is None:
        path = path.with_name(path.name + EXPORT_FILTERS.get(chosen, ".png"))
    return path


def ask_foreign_map_path(parent: QWidget | None, directory: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import Map", directory, FOREIGN_MAP_FILTER)
    return Path(name) if name else None


def ask_export_options(parent: QWidget | None, suffix: str, has_selection: bool) -> dict | None:
    """The options of an export: for PNG the scale and a transparent background; for every
    format whether only the selection is exported. None when cancelled."""
    from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                                   QFormLayout)

    dialog = QDialog(parent)
    dialog.setWindowTitle(f"Export {suffix.lstrip('.').upper()}")
    form = QFormLayout(dialog)
    scale = transparent = None
    if suffix == ".png":
        scale = QDoubleSpinBox(dialog)
        scale.setRange(0.25, 8.0)
        scale.setSingleStep(0.5)
        scale.setValue(2.0)
        scale.setSuffix(" ×")
        scale.setToolTip("Pixels per canvas pixel at 100 % zoom (2 × suits slides and print)")
        form.addRow("&Scale:", scale)
        transparent = QCheckBox("&Transparent background", dialog)
        form.addRow(transparent)
    selection = QCheckBox("Only the &selected cards", dialog)
    selection.setEnabled(has_selection)
    form.addRow(selection)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = {"selection_only": selection.isChecked()}
    if scale is not None:
        options["scale"] = scale.value()
        options["transparent"] = transparent.isChecked()
    return options
