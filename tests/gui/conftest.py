"""GUI fixtures: settings in a temporary INI file, dialogs that record instead of blocking."""

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from debatemap.app import dialogs
from debatemap.core.model import EdgeType, NodeKind
from debatemap.store.session import MapSession


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    QCoreApplication.setOrganizationName("DebatemapTests")
    QCoreApplication.setApplicationName("DebatemapTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


class DialogLog:
    """Stands in for the modal dialogs; ``answers`` feeds the file and text questions."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []
        self.abouts = 0
        self.import_reports: list[tuple[str, list[str]]] = []
        self.answers: list = []

    def answer(self, *args, **kwargs):
        assert self.answers, f"an unexpected dialog asked: {args[1:]}"
        return self.answers.pop(0)


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch):
    log = DialogLog()
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: log.errors.append((title, text)))
    monkeypatch.setattr(dialogs, "show_notice", lambda parent, title, text: log.notices.append((title, text)))
    monkeypatch.setattr(dialogs, "show_about", lambda parent: setattr(log, "abouts", log.abouts + 1))
    monkeypatch.setattr(
        dialogs, "show_import_report", lambda parent, summary, lines: log.import_reports.append((summary, lines))
    )
    for name in ("ask_open_path", "ask_save_path", "ask_text", "ask_import_paths"):
        monkeypatch.setattr(dialogs, name, log.answer)
    return log


def _make_map(path: Path, title: str = "Transit debate") -> dict[str, str]:
    """A small map made through the session, as the command line makes them: all at 0,0."""
    with MapSession.create(path, title) as session:
        thesis = session.add_node("Make transit free")
        reason = session.add_node("It cuts traffic")
        cost = session.add_node("It costs too much", NodeKind.OBJECTION)
        support = session.add_edge(reason.id, thesis.id, EdgeType.SUPPORT)
        attack = session.add_edge(cost.id, thesis.id, EdgeType.ATTACK)
    return {"thesis": thesis.id, "reason": reason.id, "cost": cost.id,
            "support": support.id, "attack": attack.id}


@pytest.fixture
def make_map():
    """Factory: ``make_map(path, title)`` writes a small map and returns its ids by role."""
    return _make_map


@pytest.fixture
def map_path(tmp_path):
    path = tmp_path / "transit.debatemap"
    _make_map(path)
    return path


@pytest.fixture
def window(qtbot):
    from debatemap.app.main_window import MainWindow

    shown = MainWindow(workshop_tools=False)  # a workshop tool's test installs its own
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
