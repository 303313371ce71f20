"""Widget fixtures: a map with one structured document holding emoji, shown in a DocumentPanel."""

import pytest

from debatemap.document.mapdocument import MapDocument
from panel_data import structured_import


@pytest.fixture
def mapdoc(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "panel.debatemap", "Panel map")
    yield opened
    opened.close()


@pytest.fixture
def essay(mapdoc):
    item = structured_import()
    assert mapdoc.import_documents([item])
    return item.document


@pytest.fixture
def panel(qtbot, mapdoc, essay):
    from debatemap.widgets.document_panel import DocumentPanel

    shown = DocumentPanel()
    qtbot.addWidget(shown)
    shown.resize(420, 700)
    shown.set_document(mapdoc)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.select_document(essay.id)
    return shown
