"""Canvas fixtures: a map with a document and a few linked claims, its scene, view and panel."""

import pytest

from canvas_data import essay_import, write_map
from debatemap.canvas import MapScene, MapView
from debatemap.document import MapDocument


@pytest.fixture
def ids(tmp_path):
    return write_map(tmp_path / "transit.debatemap")


@pytest.fixture
def document(qapp, tmp_path, ids):
    opened = MapDocument.open(tmp_path / "transit.debatemap")
    assert opened.import_documents([essay_import()])
    opened.undo_stack.clear()
    yield opened
    opened.close()


@pytest.fixture
def essay(document):
    return next(iter(document.map.documents.values()))


@pytest.fixture
def scene(document):
    made = MapScene(document)
    yield made
    made.detach()


@pytest.fixture
def view(qtbot, scene):
    shown = MapView()
    shown.set_map_scene(scene)
    shown.resize(1000, 700)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.reset_zoom()
    shown.centerOn(0, 0)
    return shown


@pytest.fixture
def panel(qtbot, document, essay):
    from debatemap.widgets.document_panel import DocumentPanel

    shown = DocumentPanel()
    qtbot.addWidget(shown)
    shown.resize(420, 700)
    shown.set_document(document)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.select_document(essay.id)
    return shown


